/**
 * A modern host page (tests/fixtures/components/): web components with open shadow roots, a
 * virtualised list of 300 applicants (about 20 rows exist; scrolling reuses them with another
 * applicant's text) and an applicant drawer over the list at the same address (?applicant=ID).
 * Its site profile (tests/fixtures/components/profile.json) is imported as a trust would, and
 * uses piercing selectors (`ats-applicant-table >>> [role=row]`) and `::part()`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchWithExtension, repoRoot, type ExtensionBrowser } from "./support/browser";
import { extensionCopyWithHosts } from "./support/extensionCopy";
import { routeFixtures } from "./support/fixtures";
import { clearExtensionStorage, waitForTrace } from "./support/overlay";
// @ts-expect-error plain ES module shared with the fixture page
import { applicant } from "../fixtures/components/people.js";

const ORIGIN = "https://hire.example-ats.nhs.uk";
const LIST = `${ORIGIN}/jobs/REQ-20431/applicants`;
const N = 300;
const person = applicant as (i: number) => { ref: string; name: string; email: string };
const PEOPLE = Array.from({ length: N }, (_, i) => person(i));
const profileJson = readFileSync(path.join(repoRoot, "tests/fixtures/components/profile.json"), "utf8");

/**
 * From document start, every animation frame, in the page's world: every text node (through open
 * shadow roots) that is an applicant's name or e-mail, and whether it could be seen in that frame
 * (laid out, and its element not visibility: hidden). A name visible in any frame was painted.
 */
async function sampleFrames(page: Page): Promise<void> {
  await page.addInitScript((secrets: string[]) => {
    const set = new Set(secrets);
    const w = window as unknown as { __paint: { frames: number; checked: number; visible: string[] } };
    w.__paint = { frames: 0, checked: 0, visible: [] };
    const walk = (root: Node, out: Text[]) => {
      const tw = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = tw.currentNode; n; n = tw.nextNode()) {
        if (n.nodeType === 3) {
          if (set.has((n as Text).data.trim())) out.push(n as Text);
        } else if ((n as Element).shadowRoot) walk((n as Element).shadowRoot!, out);
      }
    };
    const frame = () => {
      w.__paint.frames++;
      const texts: Text[] = [];
      walk(document, texts);
      for (const t of texts) {
        const el = t.parentElement;
        if (!el) continue;
        w.__paint.checked++;
        if (getComputedStyle(el).visibility !== "hidden" && el.getClientRects().length > 0) w.__paint.visible.push(t.data.trim());
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, PEOPLE.flatMap((p) => [p.name, p.email]));
}

const paint = (page: Page) => page.evaluate(() => (window as unknown as { __paint: { frames: number; checked: number; visible: string[] } }).__paint);
const scrollList = (page: Page, top: number) =>
  page.evaluate((t) => {
    const vp = document.querySelector("ats-applicant-table")!.shadowRoot!.querySelector<HTMLElement>(".viewport")!;
    vp.scrollTop = t;
  }, top);
const frames = (page: Page, n = 3) => page.evaluate((k) => new Promise<void>((r) => { const f = (i: number) => (i ? requestAnimationFrame(() => f(i - 1)) : r()); f(k); }), n);
const progress = (page: Page) => page.locator("[data-testid=fs-summary-progress]").textContent();
const rowOf = (page: Page, ref: string) => page.locator(`ats-applicant-table [role=row][data-ref="${ref}"]`);

/** Names and e-mails found in title / aria-label attributes anywhere (open shadow roots included) and in the document title. */
function leakedAttributes(page: Page, secrets: string[]): Promise<string[]> {
  return page.evaluate((list) => {
    const out: string[] = [];
    const check = (where: string, v: string | null) => {
      if (v && list.some((s) => v.includes(s))) out.push(`${where}: ${v}`);
    };
    check("document.title", document.title);
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll("*")) {
        check(`${el.localName}[title]`, el.getAttribute("title"));
        check(`${el.localName}[aria-label]`, el.getAttribute("aria-label"));
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return out;
  }, secrets);
}

async function scoreAll(page: Page, level: number) {
  const blocks = page.locator("ats-applicant-drawer [data-testid=fs-criterion]");
  await expect.poll(() => blocks.count()).toBe(5);
  for (let i = 0; i < 5; i++) {
    await blocks.nth(i).locator(`[data-testid=fs-level-${level}]`).check();
    await blocks.nth(i).locator("[data-testid=fs-note]").fill(`The application gives a concrete example for criterion ${i + 1}.`);
  }
  await blocks.last().locator("[data-testid=fs-note]").blur();
}

describe("web components, a virtualised list and a drawer (imported profile)", () => {
  let browser: ExtensionBrowser;
  let copy: ReturnType<typeof extensionCopyWithHosts>;
  let page: Page;

  async function importProfile(json: string) {
    await clearExtensionStorage(browser.context, browser.extensionId);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.fill("[data-testid=profile-json]", json);
    await options.click("[data-testid=import-profile]");
    await expect.poll(() => options.locator("[data-testid=profile-message]").textContent()).toMatch(/It is active/);
    await options.close();
  }

  beforeAll(async () => {
    copy = extensionCopyWithHosts([`${ORIGIN}/*`]);
    browser = await launchWithExtension({ extensionDir: copy.dir });
    await routeFixtures(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
    copy?.dispose();
  });
  beforeEach(async () => {
    await page?.close().catch(() => undefined);
    await importProfile(profileJson);
    page = await browser.context.newPage();
  });

  it("no name or e-mail is painted in any frame, during load, scrolling and in the drawer", async () => {
    await sampleFrames(page);
    await page.goto(LIST);
    await waitForTrace(page, "ready shortlisting-summary");
    for (let top = 0; top <= 40 * N; top += 1600) {
      await scrollList(page, top);
      await frames(page, 2);
    }
    await scrollList(page, 0);
    await frames(page);
    await rowOf(page, PEOPLE[1]!.ref).click();
    await page.locator("ats-applicant-drawer [data-testid=fs-criterion]").first().waitFor();
    await frames(page);
    const p = await paint(page);
    expect(p.frames).toBeGreaterThan(20);
    // The sampler did see the names (so it could have caught one): list rows and the drawer.
    expect(p.checked).toBeGreaterThan(500);
    expect(p.visible).toEqual([]);
    // The name's text is still in the page for the host; the placeholder says what is hidden.
    const cell = page.locator("ats-applicant-table [role=row] .email").first();
    expect(await cell.evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");
    expect(await cell.evaluate((el) => getComputedStyle(el, "::before").content)).toBe("\"Email hidden\"");
  });

  it("badges follow the applicant through row reuse, and the summary counts the real total", async () => {
    await page.goto(LIST);
    await expect.poll(() => progress(page), { timeout: 15_000 }).toBe(`0 of ${N} scored (24 seen)`);
    // Score the second applicant in the drawer, then close it: the list's features kept running.
    await rowOf(page, PEOPLE[1]!.ref).click();
    await scoreAll(page, 2);
    await page.locator("ats-applicant-drawer button.close").click();
    await expect.poll(() => page.locator("[data-testid=fs-structured-shortlisting]").count()).toBe(0);
    await expect.poll(() => progress(page)).toBe(`1 of ${N} scored (24 seen)`);
    const badge = (ref: string) => rowOf(page, ref).locator("[data-testid=fs-row-badge]");
    await expect.poll(() => badge(PEOPLE[1]!.ref).textContent()).toBe("Scores: all, total 10");
    // The element that showed applicant 2 is reused for another applicant when the list scrolls.
    const el = await rowOf(page, PEOPLE[1]!.ref).elementHandle();
    await scrollList(page, 40 * 60);
    await expect.poll(() => el!.evaluate((r) => (r as HTMLElement).dataset.ref)).not.toBe(PEOPLE[1]!.ref);
    await expect.poll(() => el!.evaluate((r) => r.querySelector("fair-shortlist-overlay")?.shadowRoot?.querySelector("[data-testid=fs-row-badge]")?.textContent ?? "")).toBe("Scores: none");
    // Every row's badge is its own applicant's: none shows the scored applicant's total.
    await frames(page);
    const texts = await page.locator("ats-applicant-table [role=row]:not([hidden]) [data-testid=fs-row-badge]").allTextContents();
    expect(texts.length).toBeGreaterThan(15);
    expect(new Set(texts)).toEqual(new Set(["Scores: none"]));
    await expect.poll(() => progress(page)).toMatch(new RegExp(`^1 of ${N} scored \\((\\d+) seen\\)$`));
    const seen = Number(/\((\d+) seen\)/.exec((await progress(page))!)![1]);
    expect(seen).toBeGreaterThan(24);
    // Back at the top, the scored applicant's badge is back on whichever row shows them.
    await scrollList(page, 0);
    await expect.poll(() => badge(PEOPLE[1]!.ref).textContent()).toBe("Scores: all, total 10");
    await expect.poll(() => badge(PEOPLE[0]!.ref).textContent()).toBe("Scores: none");
  });

  it("the scoring panel mounts in the drawer beside the list's features, per applicant; the title and labels carry no name", async () => {
    const secrets = PEOPLE.slice(0, 40).flatMap((p) => [p.name, p.email]);
    await page.goto(`${LIST}?applicant=${PEOPLE[2]!.ref}`);
    await page.locator("ats-applicant-drawer [data-testid=fs-criterion]").first().waitFor();
    expect(await page.locator("ats-applicant-drawer [data-testid=fs-structured-shortlisting]").count()).toBe(1);
    await expect.poll(() => progress(page)).toBe(`0 of ${N} scored (24 seen)`);
    await expect.poll(() => page.title()).toBe("Name hidden · REQ-20431");
    await expect.poll(() => leakedAttributes(page, secrets)).toEqual([]);
    // The host's text is kept: rows still have their labels, with the name replaced.
    expect(await rowOf(page, PEOPLE[0]!.ref).getAttribute("aria-label")).toBe(`Name hidden, ${PEOPLE[0]!.ref}`);

    // Next applicant: the drawer's features start again for them; the list's did not restart.
    const starts = (await page.evaluate(() => document.documentElement.dataset.fairShortlistTrace ?? "")).split("|").filter((l) => l.endsWith(" start shortlisting-summary")).length;
    await page.locator("ats-applicant-drawer button.next").click();
    await expect.poll(() => page.url()).toContain(`applicant=${PEOPLE[3]!.ref}`);
    await expect.poll(() => page.locator("ats-applicant-drawer [data-testid=fs-applicant-progress]").textContent()).toBe("0 of 5 criteria scored for this applicant");
    await expect.poll(() => page.locator("ats-applicant-drawer [data-testid=fs-structured-shortlisting]").count()).toBe(1);
    await expect.poll(() => page.title()).toBe("Name hidden · REQ-20431");
    expect((await page.evaluate(() => document.documentElement.dataset.fairShortlistTrace ?? "")).split("|").filter((l) => l.endsWith(" start shortlisting-summary")).length).toBe(starts);

    // Showing names gives the host's own text back; hiding them masks it again.
    await page.locator("[data-testid=fs-name-blind-toggle]").click();
    await expect.poll(() => page.title()).toBe(`${PEOPLE[3]!.name} · REQ-20431`);
    await expect.poll(() => rowOf(page, PEOPLE[0]!.ref).getAttribute("aria-label")).toBe(`${PEOPLE[0]!.name}, ${PEOPLE[0]!.ref}`);
    expect(await page.locator("ats-applicant-drawer .applicant-name").evaluate((el) => getComputedStyle(el).visibility)).toBe("visible");
    await page.locator("[data-testid=fs-name-blind-toggle]").click();
    await expect.poll(() => page.title()).toBe("Name hidden · REQ-20431");
    await expect.poll(() => leakedAttributes(page, secrets)).toEqual([]);
    expect(await page.locator("ats-applicant-drawer .applicant-name").evaluate((el) => getComputedStyle(el).visibility)).toBe("hidden");

    // Closing the drawer stops the drawer's features only.
    await page.locator("ats-applicant-drawer button.close").click();
    await expect.poll(() => page.locator("[data-testid=fs-structured-shortlisting]").count()).toBe(0);
    await expect.poll(() => page.title()).toBe("Applicants · REQ-20431");
    expect(await progress(page)).toBe(`0 of ${N} scored (24 seen)`);
  });

  it("the console snippet in docs/site-profiles.md finds what the profile's selectors find", async () => {
    const doc = readFileSync(path.join(repoRoot, "docs/site-profiles.md"), "utf8");
    const snippet = /```js\n(function fsFind[\s\S]*?\n})\n/.exec(doc)?.[1];
    expect(snippet).toBeTruthy();
    await page.goto(LIST);
    await waitForTrace(page, "ready shortlisting-summary");
    await page.evaluate(`window.fsFind = ${snippet}`);
    const count = (sel: string) => page.evaluate((s) => (window as unknown as { fsFind(s: string): Element[] }).fsFind(s).length, sel);
    expect(await count("ats-applicant-table >>> [role=row]")).toBe(24);
    expect(await count("ats-person-name >>> [part~=text]")).toBe(24);
    expect(await count("ats-vacancy-header >>> .vacancy-ref")).toBe(1);
    expect(await count("ats-applicant-table >>> .no-such-thing")).toBe(0);
  });

  it("the name-blind panel says names may be showing when the profile's name fields find nothing", async () => {
    const stale = JSON.parse(profileJson);
    stale.identifyingFields = [
      { field: "name", selector: "ats-person-name::part(label)" }, // the component renamed its part
      { field: "email", selector: "ats-applicant-table >>> .email" },
    ];
    await importProfile(JSON.stringify(stale));
    await page.goto(LIST);
    await expect.poll(() => page.locator("[data-testid=fs-name-blind-status]").textContent(), { timeout: 15_000 }).toMatch(/^Names may be showing: .*identifyingFields\[0\] \(name, "ats-person-name::part\(label\)"\)/);
    await expect.poll(() => page.locator("[data-testid=fs-diagnostics]").textContent()).toMatch(/identifyingFields\[0\].*names may be showing/);
    // With the profile fixed, it says they are hidden.
    await importProfile(profileJson);
    await page.goto(LIST);
    await waitForTrace(page, "ready name-blind");
    await frames(page, 10);
    await page.waitForTimeout(2000);
    expect(await page.locator("[data-testid=fs-name-blind-status]").textContent()).toBe("Names and personal details are hidden for name-blind shortlisting.");
  });
});
