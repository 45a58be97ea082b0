/**
 * Structured interview scoring with two panellists on one shared laptop (NHS Jobs fixture):
 * the question set, independent scoring (the other's scores hidden until you submit), PIN locks,
 * evidence required at the extremes, note lint, 2-level divergence flagged, the decision record
 * and its CSV. Then the overlay on each built-in system's candidate interview page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { readStorage } from "./support/extensionPages";

const SCHEDULE = "https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0601/interviews";
const QUESTIONS = [
  "Tell us about a time you changed practice to prevent infection.",
  "How would you handle a ward manager who disputes your audit findings?",
  "Describe your experience of teaching (desirable)",
];
const A_NOTE_Q1 = "Described leading a hand-hygiene audit across 6 wards; compliance rose from 71% to 93%.";
const A_NOTE_Q3 = "Did not mention any teaching or supervision experience.";

const scoring = (page: Page) => page.locator('fair-shortlist-overlay[data-feature="interview-scoring"]');

async function signIn(page: Page, who: string, pin: string) {
  await scoring(page).getByTestId("panellist-select").selectOption({ label: who });
  await scoring(page).getByTestId("panellist-pin").fill(pin);
  await scoring(page).getByRole("button", { name: "Start scoring" }).click();
}

async function scoreQuestion(page: Page, n: number, level: number, note?: string) {
  const q = scoring(page).locator(`fieldset[data-question="${n}"]`);
  await q.getByRole("radio", { name: new RegExp(`^${level} `) }).check();
  if (note !== undefined) await q.getByRole("textbox").fill(note);
}

describe("structured interview scoring", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  it("two panellists on a shared laptop: hidden until submitted, divergence flagged, CSV on file", async () => {
    const page = await browser.context.newPage();
    await page.goto(SCHEDULE);

    // The question set: typed in, on the 0-3 scale, saved as a template for other vacancies.
    await expect.poll(() => scoring(page).getByTestId("question-setup").count()).toBe(1);
    await scoring(page).getByLabel("Scale").selectOption("nhsjobs-0-3");
    await scoring(page).getByTestId("question-lines").fill(QUESTIONS.join("\n"));
    await scoring(page).getByRole("button", { name: "Save question set" }).click();
    await expect.poll(() => scoring(page).getByTestId("question-list").locator("> li").count()).toBe(3);
    await scoring(page).getByTestId("template-name").fill("Band 8a nursing leadership");
    await scoring(page).getByRole("button", { name: "Save template" }).click();
    await expect.poll(() => scoring(page).getByTestId("scoring-message").textContent()).toMatch(/Template "Band 8a nursing leadership" saved/);

    // Shared laptop, two panellists with PINs.
    await scoring(page).getByLabel(/One shared laptop/).click();
    for (const [name, pin] of [["Panellist A", "1111"], ["Panellist B", "2222"]] as const) {
      await scoring(page).getByTestId("new-panellist-name").fill(name);
      await scoring(page).getByTestId("new-panellist-pin").fill(pin);
      await scoring(page).getByRole("button", { name: "Add panellist" }).click();
      await expect.poll(() => scoring(page).getByTestId("scoring-message").textContent()).toBe(`${name} added.`);
    }

    // Open the first candidate (in-page navigation by the host).
    await page.locator("a[data-test=candidate-link]").first().click();
    await expect.poll(() => scoring(page).getByTestId("panellist-signin").count()).toBe(1);

    // A: wrong PIN refused; then scores. A 3 and a 0 need evidence.
    await signIn(page, "Panellist A", "9999");
    await expect.poll(() => scoring(page).getByTestId("scoring-error").textContent()).toBe("That PIN is not Panellist A's.");
    await signIn(page, "Panellist A", "1111");
    await scoreQuestion(page, 1, 3);
    await scoreQuestion(page, 2, 2);
    await scoreQuestion(page, 3, 0);
    await scoring(page).getByRole("button", { name: "Submit my scores" }).click();
    const problems = await scoring(page).getByTestId("submit-problems").textContent();
    expect(problems).toContain("Question 1: a score of 3 needs an evidence note");
    expect(problems).toContain("Question 3: a score of 0 needs an evidence note");
    await scoreQuestion(page, 1, 3, A_NOTE_Q1);
    await scoreQuestion(page, 3, 0, A_NOTE_Q3);
    await scoring(page).getByRole("button", { name: "Submit my scores" }).click();
    await expect.poll(() => scoring(page).getByTestId("scores-submitted").count()).toBe(1);
    expect(await scoring(page).getByTestId("waiting").textContent()).toBe("Not yet submitted: Panellist B.");
    await scoring(page).getByRole("button", { name: "Lock (switch panellist)" }).click();

    // B signs in: A's scores and notes are nowhere to be seen.
    await signIn(page, "Panellist B", "2222");
    await expect.poll(() => scoring(page).getByTestId("hidden-notice").textContent()).toBe("1 other panellist has submitted; their scores stay hidden until you submit yours.");
    const before = await scoring(page).getByTestId("interview-scoring").textContent();
    expect(before).not.toContain("hand-hygiene");
    expect(before).not.toContain("teaching or supervision");
    expect(await scoring(page).getByTestId("decision-record").textContent()).toContain("Nothing to show yet.");

    await scoreQuestion(page, 1, 1, "Gave a general answer about infection control; good cultural fit for the team.");
    // Note lint flags biased wording as B types.
    await expect.poll(() => scoring(page).locator('fieldset[data-question="1"]').getByTestId("note-lint").textContent()).toMatch(/cultural fit/i);
    await scoreQuestion(page, 2, 2);
    await scoreQuestion(page, 3, 2);
    await scoring(page).getByRole("button", { name: "Submit my scores" }).click();

    // Now both are visible, and questions 1 and 3 (3 vs 1, 0 vs 2) are flagged, question 2 is not.
    await expect.poll(() => scoring(page).getByTestId("divergence").count()).toBe(1);
    const flagged = await scoring(page).getByTestId("divergence").textContent();
    expect(flagged).toContain("Question 1: Panellist A 3, Panellist B 1 (2 levels apart)");
    expect(flagged).toContain("Question 3: Panellist A 0, Panellist B 2 (2 levels apart)");
    expect(flagged).not.toContain("Question 2");
    expect(await scoring(page).getByTestId("scores-table").textContent()).toContain("hand-hygiene audit");

    // Decision record and CSV.
    const row = scoring(page).getByTestId("ranking").locator('tr[data-candidate="AR-250101"]');
    expect(await row.textContent()).toContain("Panellist A: 5; Panellist B: 5");
    const [download] = await Promise.all([page.waitForEvent("download"), scoring(page).getByTestId("download-csv").click()]);
    expect(download.suggestedFilename()).toBe("interview-record-C9290-25-0601.csv");
    const csv = readFileSync((await download.path())!, "utf8").trim().split("\r\n");
    expect(csv[0]).toBe("candidate,rank,total,panellist,question_no,question,kind,level,anchor,evidence_note,divergence_2plus");
    expect(csv).toHaveLength(7);
    expect(csv).toContain(`AR-250101,1,5,Panellist A,1,Tell us about a time you changed practice to prevent infection.,essential,3,Strong evidence: exceeds the criterion,${A_NOTE_Q1},yes`);
    expect(csv).toContain("AR-250101,1,5,Panellist B,2,How would you handle a ward manager who disputes your audit findings?,essential,2,Good evidence: meets the criterion,,no");
    expect(csv).toContain("AR-250101,1,5,Panellist B,3,Describe your experience of teaching,desirable,2,Good evidence: meets the criterion,,yes");

    // Calibration: the panel agrees a score for question 1 and records why; then decides.
    const q1 = scoring(page).getByTestId("divergence").locator("li").first();
    await q1.getByTestId("agreed-note").fill("Audit was real but one ward only");
    await q1.getByTestId("agreed-level").selectOption("2");
    await expect.poll(() => scoring(page).getByTestId("divergence").locator("li").first().getByTestId("agreed-level").inputValue()).toBe("2");
    await scoring(page).getByTestId("ranking").locator('tr[data-candidate="AR-250101"]').getByTestId("appointment-decision").selectOption("appointed");
    await expect.poll(() => scoring(page).getByTestId("ranking").locator('tr[data-candidate="AR-250101"]').getByTestId("appointment-decision").inputValue()).toBe("appointed");
    const [rec] = await Promise.all([page.waitForEvent("download"), scoring(page).getByTestId("download-record").click()]);
    const html = readFileSync((await rec.path())!, "utf8");
    expect(html).toContain("The panel was not checked against the trust's panel policy in this browser.");
    expect(html).toMatch(/<td>Panellist A<\/td><td>3<\/td><td>2<\/td><td>0<\/td><td>5<\/td><td>\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/td>/);
    expect(html).toMatch(/Panellist A 3, Panellist B 1 \(2 levels apart\)\. Agreed at calibration \([^)]+\): 2 \(Good evidence: meets the criterion\), because: Audit was real but one ward only\./);
    expect(html).toMatch(/Panellist A 0, Panellist B 2 \(2 levels apart\)\. Not calibrated\./);
    // Q1 agreed 2, Q2 mean of 2 and 2, Q3 mean of 0 and 2.
    expect(html).toContain("Agreed total (agreed score where calibrated, else the panel's mean): 5.");
    expect(html).toMatch(/Decision: Appointed \(offer to be made\) \(\d{4}-/);
    expect(html).toMatch(/Appointment agreed by \(chair of the panel\): name _+/);

    // Scores stay in the browser: stored locally, PINs only as salted hashes.
    const stored = await readStorage(browser.context, browser.extensionId, "interview/nhs-jobs/C9290-25-0601");
    expect(Object.keys(stored.entries["AR-250101"]).sort()).toEqual(["panellist-a", "panellist-b"]);
    expect(JSON.stringify(stored.panellists)).not.toMatch(/"1111"|"2222"/);
    await page.close();
  });

  it("the saved template sets up another vacancy's questions in one step", async () => {
    const page = await browser.context.newPage();
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0602/interviews");
    await expect.poll(() => scoring(page).getByTestId("template-select").count()).toBe(1);
    await scoring(page).getByRole("button", { name: "Use template" }).click();
    await expect.poll(() => scoring(page).getByTestId("question-list").locator("> li").count()).toBe(3);
    expect(await scoring(page).getByTestId("question-list").textContent()).toContain("disputes your audit findings");
    await page.close();
  });

  it("offers the person specification the shortlisting overlay saw for the same vacancy as the question set", async () => {
    const page = await browser.context.newPage();
    // Shortlisting first: the application page shows the person specification (4 essential, 2 desirable).
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/applications/AR-240001");
    await expect.poll(() => readStorage(browser.context, browser.extensionId, "criteria/nhs-jobs/C9290-24-0512").then((c) => c?.length ?? 0)).toBe(6);
    await page.goto("https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/interviews");
    await scoring(page).getByRole("button", { name: "Use the person specification (6 criteria)" }).click();
    const list = scoring(page).getByTestId("question-list");
    await expect.poll(() => list.locator("> li").count()).toBe(6);
    expect(await list.textContent()).toContain("NMC registered nurse (Adult)");
    expect(await list.locator("> li").last().textContent()).toContain("desirable");
    await page.close();
  });

  it.each([
    ["NHS Jobs", "https://www.jobs.nhs.uk/employer/vacancies/C9290-25-0603/interviews/AR-250102", "AR-250102"],
    ["TRAC", "https://recruit.trac.jobs/recruiter/vacancies/290-ACS-8803-A/interview/71201", "71201"],
    ["Stonefish", "https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0603/Interview/302", "302"],
  ])("%s: scoring starts on a candidate's interview page, own-device mode", async (_system, url, candidate) => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await expect.poll(() => scoring(page).getByTestId("question-setup").count()).toBe(1);
    await scoring(page).getByTestId("question-lines").fill("Why this role?\nTell us about a difficult decision.");
    await scoring(page).getByRole("button", { name: "Save question set" }).click();
    await scoring(page).getByLabel(/Each panellist on their own device/).click();
    await scoring(page).getByLabel(/Your name or initials/).fill("JC");
    await scoring(page).getByRole("button", { name: "Start scoring" }).click();
    await expect.poll(() => scoring(page).getByTestId("scoring-form").locator("h3").first().textContent()).toBe(`Candidate ${candidate}: your scores`);
    await page.close();
  });
});

describe("structured interview scoring, each panellist on their own device", () => {
  let alex: ExtensionBrowser;
  let bo: ExtensionBrowser;
  const URL = "https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0999/interviews/AR-250101";
  beforeAll(async () => {
    alex = await launchWithExtension();
    bo = await launchWithExtension();
    await routeFixtures(alex.context);
    await routeFixtures(bo.context);
  });
  afterAll(async () => {
    await alex?.close();
    await bo?.close();
  });

  async function start(b: ExtensionBrowser, name: string): Promise<Page> {
    const page = await b.context.newPage();
    await page.goto(URL);
    await scoring(page).getByTestId("question-lines").fill("Why do you want to work here?\nDescribe a time you kept a patient safe.");
    await scoring(page).getByRole("button", { name: "Save question set" }).click();
    await scoring(page).getByLabel(/Each panellist on their own device/).click();
    await scoring(page).getByLabel(/Your name or initials/).fill(name);
    await scoring(page).getByRole("button", { name: "Start scoring" }).click();
    await expect.poll(() => scoring(page).getByTestId("scoring-form").count()).toBe(1);
    return page;
  }

  it("an imported colleague's scores stay hidden until you submit yours; then divergence shows", async () => {
    const a = await start(alex, "Alex");
    await scoreQuestion(a, 1, 3, "Named two service improvements she led and their measured effect on waits.");
    await scoreQuestion(a, 2, 2);
    await scoring(a).getByRole("button", { name: "Submit my scores" }).click();
    const [file] = await Promise.all([a.waitForEvent("download"), scoring(a).getByRole("button", { name: "Export my submitted scores" }).click()]);
    const exported = (await file.path())!;

    const b = await start(bo, "Bo");
    await scoring(b).getByLabel("Import a panellist's exported scores").setInputFiles(exported);
    await expect.poll(() => scoring(b).getByTestId("scoring-message").textContent()).toBe("Imported 2 scores from Alex (1 candidate).");
    expect(await scoring(b).getByTestId("hidden-notice").textContent()).toBe("1 other panellist has submitted; their scores stay hidden until you submit yours.");
    expect(await scoring(b).getByTestId("interview-scoring").textContent()).not.toContain("service improvements");

    await scoreQuestion(b, 1, 1, "Answer was general; no example of their own.");
    await scoreQuestion(b, 2, 2);
    await scoring(b).getByRole("button", { name: "Submit my scores" }).click();
    await expect.poll(() => scoring(b).getByTestId("divergence").textContent()).toContain("Question 1: Bo 1, Alex 3 (2 levels apart).");
    expect(await scoring(b).getByTestId("scores-table").textContent()).toContain("service improvements");
    await a.close();
    await b.close();
  });
});
