// The built-in site profiles and the shared vocabulary (shared/src/stages.ts, staffGroups.ts) must
// say the same thing: a profile's labels are only its system's spelling of the shared words.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { SiteProfile } from "@fair-shortlist/shared/siteProfile";
import { classifyStage } from "@fair-shortlist/shared/stages";
import { classifyStaffGroup } from "@fair-shortlist/shared/staffGroups";

const dir = path.resolve(import.meta.dirname, "../../extension/site-profiles");
const profiles = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), "utf8")) as SiteProfile] as const);

describe.each(profiles)("%s agrees with the shared vocabulary", (_file, profile) => {
  it("every stage label means in the vocabulary what the profile says it means", () => {
    const labels = profile.outcomeReport?.stageLabels;
    expect(labels, "the built-in profiles all have an outcome report").toBeDefined();
    for (const outcome of ["shortlisted", "appointed", "offerDeclined"] as const) {
      for (const label of labels![outcome]) expect({ label, reading: classifyStage(label)?.outcome ?? null }).toEqual({ label, reading: outcome });
    }
  });

  it("every staff-group label is on the side the vocabulary puts it", () => {
    const labels = profile.vacancy.staffGroupLabels ?? { clinical: [], nonClinical: [] };
    for (const side of ["clinical", "nonClinical"] as const) {
      for (const label of labels[side]) expect({ label, side: classifyStaffGroup(label)?.side ?? null }).toEqual({ label, side });
    }
  });
});
