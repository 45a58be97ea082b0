import { describe, expect, it } from "vitest";
import { classifyStaffGroup, NHS_STAFF_GROUPS } from "../src/staffGroups";
import { classifyStage, RECRUITMENT_SYSTEMS, STAGE_OUTCOMES, STAGE_WORDING, WRES_OUTCOME_OF_STAGE } from "../src/stages";
import { classifyDisability } from "../src/disability";
import { normaliseWording } from "../src/vocabularyText";
import { parseBand } from "../src/bands";

describe("staff groups", () => {
  it.each([
    ["Nursing and Midwifery Registered", "nursingMidwiferyRegistered", "clinical"],
    ["Additional Clinical Services", "additionalClinicalServices", "clinical"],
    ["Allied Health Professionals", "alliedHealthProfessionals", "clinical"],
    ["Medical and Dental", "medicalDental", "clinical"],
    ["Healthcare Scientists", "healthcareScientists", "clinical"],
    ["Additional Professional Scientific and Technical", "addProfScientificTechnical", "clinical"],
    ["Add Prof Scientific and Technic", "addProfScientificTechnical", "clinical"],
    ["ADD PROF SCIENTIFIC & TECHNIC", "addProfScientificTechnical", "clinical"],
    ["Administrative and Clerical", "administrativeClerical", "nonClinical"],
    ["Admin & Clerical", "administrativeClerical", "nonClinical"],
    ["Estates and Ancillary", "estatesAncillary", "nonClinical"],
    ["  nursing &  midwifery registered ", "nursingMidwiferyRegistered", "clinical"],
  ] as const)("%s is %s (%s)", (text, group, side) => {
    expect(classifyStaffGroup(text)).toEqual({ group, side, source: "vocabulary" });
  });

  it("reads the split itself, leaves students to the user and does not guess", () => {
    expect(classifyStaffGroup("Non-clinical")).toEqual({ group: null, side: "nonClinical", source: "vocabulary" });
    expect(classifyStaffGroup("Clinical")?.side).toBe("clinical");
    expect(classifyStaffGroup("Students")).toEqual({ group: "students", side: null, source: "vocabulary" });
    expect(classifyStaffGroup("Nursing assistants bank")).toBeNull();
    expect(classifyStaffGroup("")).toBeNull();
    expect(classifyStaffGroup(null)).toBeNull();
  });

  it("lets a trust's own words win and add to the vocabulary", () => {
    expect(classifyStaffGroup("Students", { clinical: ["students"] })).toEqual({ group: "students", side: "clinical", source: "trust" });
    expect(classifyStaffGroup("Corporate Services", { nonClinical: ["Corporate services"] })?.side).toBe("nonClinical");
  });

  it("gives every spelling one group (no spelling names two groups)", () => {
    const seen = new Map<string, string>();
    for (const g of NHS_STAFF_GROUPS) {
      for (const w of [g.name, ...g.spellings]) {
        const k = normaliseWording(w);
        expect(seen.get(k) ?? g.id, `"${w}"`).toBe(g.id);
        seen.set(k, g.id);
      }
    }
  });
});

describe("stage wording of NHS Jobs, TRAC, Stonefish, Jobtrain and Oleeo", () => {
  it("lists every outcome for every system", () => {
    for (const system of RECRUITMENT_SYSTEMS) for (const o of STAGE_OUTCOMES) expect(STAGE_WORDING[system][o].length, `${system} ${o}`).toBeGreaterThan(0);
  });

  it("never gives one wording two meanings across systems", () => {
    const seen = new Map<string, string>();
    for (const system of RECRUITMENT_SYSTEMS) {
      for (const o of STAGE_OUTCOMES) {
        for (const w of STAGE_WORDING[system][o]) {
          const k = normaliseWording(w);
          expect(seen.get(k) ?? o, `"${w}" (${system})`).toBe(o);
          seen.set(k, o);
          expect(classifyStage(w)).toEqual({ outcome: o, source: "vocabulary" });
        }
      }
    }
  });

  it.each([
    ["Application Submitted", "notShortlisted"],
    ["Shortlisting: Shortlist", "shortlisted"],
    ["Interview: Reserve", "shortlisted"],
    ["Offer Pending", "shortlisted"],
    ["Conditional Offer Accepted", "appointed"],
    ["Offer declined", "offerDeclined"],
    ["Withdrawn", "withdrawn"],
    ["Withdrawn after interview", "shortlisted"],
    ["Sifted - Unsuccessful", "notShortlisted"],
    ["Hired", "appointed"],
  ] as const)("%s is %s", (text, outcome) => {
    expect(classifyStage(text)?.outcome).toBe(outcome);
  });

  it("reads free text by pattern only when asked, and says it guessed", () => {
    expect(classifyStage("Rejected at sift - essential criteria not met")).toBeNull();
    expect(classifyStage("Rejected at sift - essential criteria not met", undefined, { patterns: true })).toEqual({ outcome: "notShortlisted", source: "pattern" });
    expect(classifyStage("Interviewed 12/03 - not appointed", undefined, { patterns: true })?.outcome).toBe("shortlisted");
    expect(classifyStage("Candidate withdrew after interview", undefined, { patterns: true })?.outcome).toBe("shortlisted");
    expect(classifyStage("On hold", undefined, { patterns: true })).toBeNull();
  });

  it("lets a trust's words win, declined first", () => {
    expect(classifyStage("Panel booked", { shortlisted: ["panel booked"] })).toEqual({ outcome: "shortlisted", source: "trust" });
    expect(classifyStage("Offer declined", { shortlisted: ["Offer declined"], offerDeclined: ["Offer declined"] })?.outcome).toBe("offerDeclined");
    expect(classifyStage("Withdrawn", { shortlisted: ["Withdrawn"] })?.outcome).toBe("shortlisted");
  });

  it("counts as WRES indicator 2 does: declined offers and plain withdrawals are left out", () => {
    expect(WRES_OUTCOME_OF_STAGE).toEqual({ notShortlisted: "notCounted", shortlisted: "shortlisted", appointed: "appointed", offerDeclined: "offerDeclined", withdrawn: "notCounted" });
  });
});

describe("disability", () => {
  it.each([
    ["Yes", "disabled"],
    ["No", "notDisabled"],
    ["Non-disabled", "notDisabled"],
    ["I do not wish to disclose this", "notDeclared"],
    ["Prefer not to say", "notDeclared"],
    ["", "notDeclared"],
  ] as const)("%s is %s", (text, group) => {
    expect(classifyDisability(text)).toBe(group);
  });
  it("does not guess an unknown answer", () => {
    expect(classifyDisability("Long-term condition")).toBeNull();
    expect(classifyDisability("Long-term condition", { disabled: ["long-term condition"] })).toBe("disabled");
  });
});

describe("pay-band spellings recruitment reports print", () => {
  it.each([
    ["Band 5", "5"],
    ["AfC Band 7", "7"],
    ["Agenda for Change Band 6", "6"],
    ["Band 8a", "8a"],
    ["Band 8 - Range B", "8b"],
    ["8C", "8c"],
    ["Band 9", "9"],
    ["VSM", "VSM"],
    ["Very Senior Manager", "VSM"],
    ["Under Band 1", "under1"],
    ["Consultant", "consultant"],
    ["Medical and Dental - Consultant", "consultant"],
    ["Specialty Doctor", "careerGrade"],
    ["Specialty Registrar", "trainee"],
    ["Foundation Year 1", "trainee"],
    ["Clinical Fellow", "medicalOther"],
  ] as const)("%s is %s", (text, band) => {
    expect(parseBand(text)?.band).toBe(band);
  });
});
