/**
 * Page detection per built-in profile (Refined GitHub's pattern): each screen is recognised on
 * its own addresses and on no other screen's. Adding a system: add its URLs here.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { SCREEN_KINDS, type ScreenKind, type SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";
import { screensForUrl } from "../../extension/lib/detect";

const root = path.resolve(import.meta.dirname, "../..");
function profile(id: string): SiteProfile {
  const r = validateSiteProfile(readFileSync(path.join(root, "extension/site-profiles", `${id}.json`), "utf8"));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.profile;
}

const CASES: Record<string, { urls: Array<[string, ScreenKind[]]> }> = {
  "nhs-jobs": {
    urls: [
      ["https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting", ["shortlistingList"]],
      ["https://beta.jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting?page=2", ["shortlistingList"]],
      ["https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512/applications/AR-240003", ["application", "shortlistingDecision"]],
      ["https://www.jobs.nhs.uk/employer/vacancies/C9290-24-0512", []],
      ["https://www.jobs.nhs.uk/candidate/search", []],
      ["https://jobs.nhs.uk/employer/vacancies/C9290-24-0512/shortlisting", []],
    ],
  },
  trac: {
    urls: [
      ["https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/shortlisting", ["shortlistingList", "shortlistingDecision"]],
      ["https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/applications/4471803", ["application", "shortlistingDecision"]],
      ["https://recruit.trac.jobs/recruiter/vacancies/290-ACS-7743-A/applications/abc", []],
      ["https://www.trac.jobs/login", []],
    ],
  },
  stonefish: {
    urls: [
      ["https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173/Applicants", ["shortlistingList"]],
      ["https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173/Applicant/1042#selection-criteria", ["application", "shortlistingDecision"]],
      ["https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173/Applicant/1042", ["application", "shortlistingDecision"]],
      ["https://recruit.stonefish.co.uk/Recruitment/Vacancy/SF-2026-0173", []],
    ],
  },
};

describe.each(Object.entries(CASES))("%s screens", (id, { urls }) => {
  const p = profile(id);
  it.each(urls)("%s -> %j", (url, expected) => {
    // Only shortlisting screens are asserted here; interview/outcome screens belong to the interview and outcome table.
    const got = screensForUrl(p, url).filter((k) => ["shortlistingList", "application", "shortlistingDecision"].includes(k));
    expect(got).toEqual(expected);
  });
  it("no other built-in profile claims its addresses", () => {
    for (const other of Object.keys(CASES).filter((o) => o !== id)) {
      for (const [url] of urls) expect(screensForUrl(profile(other), url), `${other} on ${url}`).toEqual([]);
    }
  });
});

describe("manifest", () => {
  const builtInMatches = Object.keys(CASES).flatMap((id) => profile(id).matches).sort();
  it.each(["shadow-mask", "mask", "overlay"])("the %s content script runs on exactly the built-in profiles' addresses", (name) => {
    const entry = readFileSync(path.join(root, `extension/contents/${name}.ts`), "utf8");
    const literal = /matches:\s*(\[[^\]]*\])/.exec(entry)?.[1];
    expect(literal).toBeTruthy();
    expect((JSON.parse(literal!) as string[]).sort()).toEqual(builtInMatches);
  });
  it("host permissions are only the built-in systems; anything else is optional", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "extension/package.json"), "utf8"));
    expect([...pkg.manifest.host_permissions].sort()).toEqual(builtInMatches);
    expect(pkg.manifest.optional_host_permissions).toEqual(["https://*/*"]);
  });
});

describe("features", () => {
  const dir = path.join(root, "extension/features");
  const index = readFileSync(path.join(dir, "index.ts"), "utf8");
  const docs = readFileSync(path.join(root, "docs/extension.md"), "utf8");
  const files = readdirSync(dir).filter((f: string) => f.endsWith(".ts") && f !== "index.ts") as string[];
  // The always-loaded ones are imported by index.ts; the others by their group's bundle, with a
  // descriptor in index.ts (tests/unit/extension-featureBundles.test.ts checks the two agree).
  const bundles = readdirSync(path.join(dir, "bundles")).map((f: string) => readFileSync(path.join(dir, "bundles", f), "utf8")).join("\n");
  it.each(files)("%s is imported by features/index.ts or a bundle, has id = file name, and is documented", (file) => {
    const id = file.replace(/\.ts$/, "");
    if (!index.includes(`from "./${id}"`)) {
      expect(bundles).toContain(`from "../${id}"`);
      expect(index).toContain(`id: "${id}"`);
    }
    const source = readFileSync(path.join(dir, file), "utf8");
    expect(source).toContain("defineFeature(");
    expect(source).toContain(`"${id}"`);
    expect(docs).toContain(`\`${id}\``);
  });
  it("screen kinds are the five the schema knows", () => {
    expect(SCREEN_KINDS).toEqual(["shortlistingList", "application", "shortlistingDecision", "interview", "outcomeReport"]);
  });
});
