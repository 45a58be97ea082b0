/**
 * Panel-composition check on each built-in system's interview fixture, data-driven: adding a
 * system is a row here plus its fixture and profile sections. Default policy: "Diverse panels
 * above band 6" (band 7+, at least three members, an ethnic minority member, a trained member).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { launchWithExtension, type ExtensionBrowser } from "./support/browser";
import { routeFixtures } from "./support/fixtures";
import { readStorage, setOrgSettings } from "./support/extensionPages";

const SYSTEMS = [
  {
    system: "NHS Jobs",
    profileId: "nhs-jobs",
    url: (ref: string) => `https://www.jobs.nhs.uk/employer/vacancies/${ref}/interviews`,
    refs: { senior: "C9290-25-0601", small: "C9290-25-0602", junior: "C9290-25-0603" },
    candidateLink: "a[data-test=candidate-link]",
    // NHS Jobs shows e-mail addresses, not an "external" flag: the fixture trust's staff use
    // nhs.net, the external member a university address. Which domains are the trust's own is
    // the trust's setting (managed storage or the options page).
    trustDomains: ["nhs.net"],
  },
  {
    system: "TRAC",
    profileId: "trac",
    url: (ref: string) => `https://recruit.trac.jobs/recruiter/vacancies/${ref}/interview-gateway`,
    refs: { senior: "290-ACS-8801-A", small: "290-ACS-8802-A", junior: "290-ACS-8803-A" },
    candidateLink: "a.candidate-link",
    trustDomains: [],
  },
  {
    system: "Stonefish",
    profileId: "stonefish",
    url: (ref: string) => `https://recruit.stonefish.co.uk/Recruitment/Vacancy/${ref}/Interviews`,
    refs: { senior: "SF-2026-0601", small: "SF-2026-0602", junior: "SF-2026-0603" },
    candidateLink: "#record ul:last-of-type a",
    trustDomains: [],
  },
] as const;

const PANEL_NAMES = ["Helen Marsh", "Samuel Osei", "Ruth Pennington", "Imran Siddiqui", "Joanne Clarke", "Victor Adebayo"];

function check(page: Page) {
  return page.locator('fair-shortlist-overlay[data-feature="panel-composition-check"]');
}

async function answer(page: Page, question: RegExp, value: "Yes" | "No") {
  await check(page).getByRole("group", { name: question }).getByLabel(value).check();
}

describe.each(SYSTEMS)("panel-composition check on $system", (sys) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
    if (sys.trustDomains.length) await setOrgSettings(browser.context, browser.extensionId, { internalEmailDomains: [...sys.trustDomains] });
  });
  afterAll(async () => browser?.close());

  it("compliant panel: band 8a, three members, chair confirms both rules, recorded as met", async () => {
    const page = await browser.context.newPage();
    await page.goto(sys.url(sys.refs.senior));
    await expect.poll(() => check(page).getByTestId("panel-facts").textContent()).toBe("The page lists 3 panel members, 1 of them external.");
    expect(await check(page).getByTestId("panel-verdict").getAttribute("data-state")).toBe("pending");
    await answer(page, /ethnic minority background/, "Yes");
    await answer(page, /trained in recruitment and selection/, "Yes");
    await expect.poll(() => check(page).getByTestId("panel-verdict").getAttribute("data-state")).toBe("compliant");
    await check(page).getByRole("button", { name: "Record panel check" }).click();
    await expect.poll(() => check(page).getByTestId("panel-recorded").textContent()).toMatch(/policy met/);

    const stored = await readStorage(browser.context, browser.extensionId, `panelCheck/${sys.profileId}/${sys.refs.senior}`);
    expect(stored.recorded.outcome).toEqual({ ruleApplies: true, ruleMet: true, failedRules: [] });
    const text = JSON.stringify(stored);
    for (const name of PANEL_NAMES) expect(text).not.toContain(name.split(" ")[1]);
    expect(text).not.toContain("@");
    // The overlay shows no member's name either.
    expect(await check(page).getByTestId("panel-check").textContent()).not.toMatch(/Marsh|Osei|Adebayo/);
    await page.close();
  });

  it("non-compliant panel: says why, needs a reason to go ahead, records which rules failed, never blocks the host", async () => {
    const page = await browser.context.newPage();
    await page.goto(sys.url(sys.refs.small));
    await expect.poll(() => check(page).getByTestId("panel-facts").textContent()).toBe("The page lists 2 panel members.");
    await answer(page, /ethnic minority background/, "No");
    await answer(page, /trained in recruitment and selection/, "Yes");
    const verdict = check(page).getByTestId("panel-verdict");
    await expect.poll(() => verdict.getAttribute("data-state")).toBe("non-compliant");
    const why = await verdict.textContent();
    expect(why).toContain("The panel has 2 members; this policy needs at least 3");
    expect(why).toContain("does not have at least one member from an ethnic minority background");

    await check(page).getByRole("button", { name: "Record and go ahead" }).click();
    await expect.poll(() => check(page).getByRole("alert").last().textContent()).toMatch(/Give the reason/);
    await check(page).getByTestId("panel-reason").fill("Second BME panel member withdrew on the day; candidates travelled far.");
    await check(page).getByRole("button", { name: "Record and go ahead" }).click();
    await expect.poll(() => check(page).getByTestId("panel-recorded").textContent()).toMatch(/policy not met; reason: Second BME panel member withdrew/);

    const stored = await readStorage(browser.context, browser.extensionId, `panelCheck/${sys.profileId}/${sys.refs.small}`);
    expect(stored.recorded.outcome).toEqual({ ruleApplies: true, ruleMet: false, failedRules: ["minPanelSize", "ethnicMinorityMember"] });

    // The host still works: its own link navigates (in-page), and the check follows.
    await page.locator(sys.candidateLink).first().click();
    await expect.poll(() => page.url()).toMatch(/\/[Ii]nterview(s)?\/[A-Z-]*\d+$/);
    await expect.poll(() => check(page).getByTestId("panel-recorded").textContent()).toMatch(/policy not met/);
    await page.close();
  });

  it("below the threshold: band 5, no questions, recorded as 'rule does not apply'", async () => {
    const page = await browser.context.newPage();
    await page.goto(sys.url(sys.refs.junior));
    await expect.poll(() => check(page).getByTestId("panel-check").getAttribute("data-state")).toBe("not-applicable");
    expect(await check(page).getByTestId("panel-check").textContent()).toContain("applies to posts at Band 7 and above, and this post is Band 5");
    expect(await check(page).getByRole("group").count()).toBe(0);
    await expect
      .poll(async () => (await readStorage(browser.context, browser.extensionId, `panelCheck/${sys.profileId}/${sys.refs.junior}`))?.recorded?.outcome)
      .toEqual({ ruleApplies: false, ruleMet: true, failedRules: [] });
    await page.close();
  });
});

describe("panel check before the trust has said which e-mail domains are its own", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    await routeFixtures(browser.context);
  });
  afterAll(async () => browser?.close());

  it("NHS Jobs: no member counts as external by e-mail address, so no independent member is assumed", async () => {
    const page = await browser.context.newPage();
    await page.goto(SYSTEMS[0].url(SYSTEMS[0].refs.senior));
    await expect.poll(() => check(page).getByTestId("panel-facts").textContent()).toBe("The page lists 3 panel members.");
    await page.close();
  });
});
