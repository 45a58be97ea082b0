import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AFC_BAND_IDS, BAND_IDS, bandLabel, compareBands, isAboveBand, isAtLeastBand, parseBand, staffGroupLabel, type Band } from "../src/bands";
import { BandSchema, StaffGroupSchema } from "../src/schemas/bands";

describe("band vocabulary", () => {
  it("orders AfC bands by seniority, then medical grades", () => {
    expect(BAND_IDS).toEqual([
      "under1", "1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM",
      "consultant", "careerGrade", "trainee", "medicalOther",
    ]);
    expect(BandSchema.safeParse("8A").success).toBe(false);
    expect(StaffGroupSchema.options).toEqual(["clinical", "nonClinical"]);
    expect(staffGroupLabel("nonClinical")).toBe("Non-clinical");
  });

  it.each([
    ["8a", "Band 8a"],
    ["under1", "Under band 1"],
    ["VSM", "VSM"],
    ["consultant", "Consultant"],
    ["careerGrade", "Non-consultant career grade"],
  ] as const)("labels %s as %s", (band, label) => {
    expect(bandLabel(band)).toBe(label);
  });

  it("every label parses back to its band", () => {
    for (const band of BAND_IDS) expect(parseBand(bandLabel(band))?.band).toBe(band);
  });
});

describe("parseBand", () => {
  const cases: Array<[string, Band]> = [
    ["Band 8a", "8a"],
    ["8A", "8a"],
    ["8a", "8a"],
    ["Band 8 A", "8a"],
    ["AfC Band 7", "7"],
    // The scheme's name without "Band", as Oleeo-style grade fields print it.
    ["AfC 8A", "8a"],
    ["A4C 6", "6"],
    ["AfC: 5", "5"],
    ["Grade: AfC 8C (£70,000 - £80,000)", "8c"],
    ["Agenda for Change band 6", "6"],
    ["Agenda for Change (AfC) Band 5".replace("(AfC) ", ""), "5"],
    ["NHS AfC: Band 4", "4"],
    ["Band 8 - Range A", "8a"],
    ["Band 8 – Range C", "8c"],
    ["Band 8 (Range B)", "8b"],
    ["Band 8d", "8d"],
    ["Band 9", "9"],
    ["band 1", "1"],
    ["Under band 1", "under1"],
    ["Under 1", "under1"],
    ["VSM", "VSM"],
    ["Very senior manager", "VSM"],
    ["Executive Director (VSM)", "VSM"],
    ["Consultant", "consultant"],
    ["Locum Consultant in Cardiology", "consultant"],
    ["Consultant Psychiatrist", "consultant"],
    ["Specialty Doctor", "careerGrade"],
    ["Speciality Doctor - Emergency Medicine", "careerGrade"],
    ["Associate Specialist", "careerGrade"],
    ["Specialist Grade Doctor", "careerGrade"],
    ["Staff Grade", "careerGrade"],
    ["Specialty Registrar", "trainee"],
    ["Speciality Registrar ST3", "trainee"],
    ["FY1", "trainee"],
    ["Foundation Year 2", "trainee"],
    ["CT1 Psychiatry", "trainee"],
    ["Senior House Officer", "trainee"],
    ["Clinical Fellow", "medicalOther"],
    ["Lead Nurse, Band 8a (£53,755 - £60,504)", "8a"],
    ["Consultant Nurse, Band 8c", "8c"],
    ["careerGrade", "careerGrade"],
  ];
  it.each(cases)("%s -> %s", (text, band) => {
    const parsed = parseBand(text);
    expect(parsed?.band).toBe(band);
    expect(parsed?.warning).toBeUndefined();
  });

  it("reads a range as the higher band, with a warning", () => {
    expect(parseBand("Band 5/6")).toEqual({ band: "6", warning: expect.stringContaining("higher") });
    expect(parseBand("Band 6 - 7")).toMatchObject({ band: "7" });
    expect(parseBand("Band 7 to 8a")).toMatchObject({ band: "8a" });
    expect(parseBand("Band 8b/8a")).toMatchObject({ band: "8b" });
    expect(parseBand("AfC band 4 or 5")).toMatchObject({ band: "5" });
  });

  it("reads Band 8 without a range as 8a, with a warning", () => {
    expect(parseBand("Band 8")).toEqual({ band: "8a", warning: expect.stringContaining("8a") });
  });

  it.each(["", "   ", "Nurse Consultant", "Consultant Physiotherapist", "Band 10", "Band 7a", "Bandage", "Salary £30,000", "Team Leader"])(
    "%s -> null",
    (text) => {
      expect(parseBand(text)).toBeNull();
    },
  );
});

describe("comparing bands", () => {
  it("follows AfC seniority", () => {
    const shuffled: Band[] = ["9", "under1", "8c", "VSM", "7", "8a", "1"];
    expect([...shuffled].sort(compareBands)).toEqual(["under1", "1", "7", "8a", "8c", "9", "VSM"]);
    for (let i = 1; i < AFC_BAND_IDS.length; i++) {
      expect(compareBands(AFC_BAND_IDS[i - 1]!, AFC_BAND_IDS[i]!)).toBeLessThan(0);
    }
  });

  it("'above band 6' is 7, 8a-8d, 9, VSM (docs/domain.md)", () => {
    const above = AFC_BAND_IDS.filter((b) => isAboveBand(b, "6"));
    expect(above).toEqual(["7", "8a", "8b", "8c", "8d", "9", "VSM"]);
    expect(isAtLeastBand("7", "7")).toBe(true);
    expect(isAboveBand("7", "7")).toBe(false);
  });

  it("places medical grades against AfC thresholds as documented", () => {
    expect(isAboveBand("consultant", "8d")).toBe(true);
    expect(isAtLeastBand("consultant", "9")).toBe(true);
    expect(isAtLeastBand("consultant", "VSM")).toBe(false);
    expect(isAtLeastBand("careerGrade", "8a")).toBe(true);
    expect(isAtLeastBand("careerGrade", "8b")).toBe(false);
    expect(isAboveBand("trainee", "6")).toBe(false);
    expect(isAtLeastBand("trainee", "6")).toBe(true);
    expect(isAboveBand("medicalOther", "6")).toBe(false);
  });

  it("property: compareBands is antisymmetric and isAtLeastBand matches it", () => {
    const band = fc.constantFrom(...BAND_IDS);
    fc.assert(
      fc.property(band, band, (a, b) => {
        expect(Math.sign(compareBands(a, b)) + Math.sign(compareBands(b, a))).toBe(0);
        expect(isAtLeastBand(a, b)).toBe(compareBands(a, b) >= 0);
        expect(isAboveBand(a, b)).toBe(!isAtLeastBand(b, a));
      }),
    );
  });
});
