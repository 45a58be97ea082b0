import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { addApplicant, emptyCounts, isCounted, type WresOutcome } from "../src/outcomeCounts";
import { OutcomeCountsSchema } from "../src/schemas/api";
import { relativeLikelihood } from "../src/wres2";

describe("emptyCounts", () => {
  it("is zero shortlisted and appointed for white, BME and not stated, and valid as a submission's counts", () => {
    const c = emptyCounts();
    expect(c).toEqual({ white: { shortlisted: 0, appointed: 0 }, bme: { shortlisted: 0, appointed: 0 }, notStated: { shortlisted: 0, appointed: 0 } });
    expect(OutcomeCountsSchema.safeParse(c).success).toBe(true);
  });

  it("returns a fresh object each time (adding to one leaves the next empty)", () => {
    addApplicant(emptyCounts(), "white", "appointed");
    const a = emptyCounts();
    addApplicant(a, "bme", "shortlisted");
    expect(emptyCounts().bme.shortlisted).toBe(0);
  });
});

describe("addApplicant: the WRES indicator 2 counting rule", () => {
  it("an appointed applicant counts as shortlisted and appointed (appointed is a subset of shortlisted)", () => {
    const c = emptyCounts();
    expect(addApplicant(c, "bme", "appointed")).toBe(true);
    expect(c.bme).toEqual({ shortlisted: 1, appointed: 1 });
    expect(c.white).toEqual({ shortlisted: 0, appointed: 0 });
  });

  it("a shortlisted, not appointed applicant counts as shortlisted only", () => {
    const c = emptyCounts();
    expect(addApplicant(c, "white", "shortlisted")).toBe(true);
    expect(c.white).toEqual({ shortlisted: 1, appointed: 0 });
  });

  it("a declined offer is left out of both counts", () => {
    const c = emptyCounts();
    expect(addApplicant(c, "bme", "offerDeclined")).toBe(false);
    expect(c).toEqual(emptyCounts());
  });

  it("a not-shortlisted applicant is not counted", () => {
    const c = emptyCounts();
    expect(addApplicant(c, "white", "notCounted")).toBe(false);
    expect(c).toEqual(emptyCounts());
  });

  it("not-stated ethnicity is counted in its own group, never in white or BME", () => {
    const c = emptyCounts();
    addApplicant(c, "notStated", "appointed");
    addApplicant(c, "notStated", "shortlisted");
    expect(c.notStated).toEqual({ shortlisted: 2, appointed: 1 });
    expect(c.white.shortlisted + c.bme.shortlisted).toBe(0);
  });

  it("isCounted agrees with addApplicant for every outcome", () => {
    for (const o of ["appointed", "shortlisted", "offerDeclined", "notCounted"] as const satisfies readonly WresOutcome[]) {
      expect(isCounted(o)).toBe(addApplicant(emptyCounts(), "white", o));
    }
  });

  it("a worked vacancy: counts add up, stay valid, and give the indicator's ratio", () => {
    const applicants: Array<[Parameters<typeof addApplicant>[1], WresOutcome]> = [
      ["white", "appointed"], ["white", "shortlisted"], ["white", "shortlisted"], ["white", "shortlisted"], ["white", "offerDeclined"],
      ["bme", "appointed"], ["bme", "shortlisted"], ["bme", "shortlisted"], ["bme", "shortlisted"], ["bme", "shortlisted"],
      ["bme", "shortlisted"], ["bme", "shortlisted"], ["bme", "shortlisted"], ["bme", "offerDeclined"], ["bme", "notCounted"],
      ["notStated", "appointed"], ["notStated", "notCounted"],
    ];
    const c = emptyCounts();
    const counted = applicants.filter(([g, o]) => addApplicant(c, g, o)).length;
    expect(counted).toBe(13);
    expect(c).toEqual({ white: { shortlisted: 4, appointed: 1 }, bme: { shortlisted: 8, appointed: 1 }, notStated: { shortlisted: 1, appointed: 1 } });
    expect(OutcomeCountsSchema.safeParse(c).success).toBe(true);
    // White likelihood 1/4, BME 1/8: white applicants twice as likely to be appointed; not stated left out.
    expect(relativeLikelihood(c).relativeLikelihood).toBeCloseTo(2, 10);
  });
});

describe("module stays zod-free (the overlay content script imports it)", () => {
  it("has only type imports", () => {
    const src = readFileSync(new URL("../src/outcomeCounts.ts", import.meta.url), "utf8");
    const valueImports = [...src.matchAll(/^\s*import\s+(?!type\b)[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(valueImports).toEqual([]);
  });
});
