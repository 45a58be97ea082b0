// The overlay's content script uses the built-in profiles without validating them (lib/registry.ts):
// building the profile schema at load cost the host page tens of milliseconds. That is only
// safe while each file is already in its validated form: valid, with every default written out.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { validateSiteProfile } from "@fair-shortlist/shared/schemas/siteProfile";

const dir = path.resolve(import.meta.dirname, "../../extension/site-profiles");
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("built-in site profiles are stored as validated", () => {
  it("lists the three built-in systems", () => {
    expect(files.sort()).toEqual(["nhs-jobs.json", "stonefish.json", "trac.json"]);
  });

  it.each(files)("validating %s changes nothing (defaults written out, nothing stripped)", (file) => {
    const json: unknown = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const r = validateSiteProfile(json);
    if (!r.ok) throw new Error(`${file} is invalid: ${JSON.stringify(r.errors)}`);
    expect(r.profile).toEqual(json);
  });

  it("registry.ts uses the files as they are, without validating at load", () => {
    const registry = readFileSync(path.resolve(import.meta.dirname, "../../extension/lib/registry.ts"), "utf8");
    expect(registry).not.toMatch(/validateSiteProfile/);
    expect(registry).toMatch(/\[nhsJobs, trac, stonefish\]/);
  });
});
