import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { classifyEthnicity, ETHNIC_CATEGORIES, ETHNIC_CATEGORY_CODES, ETHNIC_GROUPS } from "../src/ethnicity";
import { EthnicGroupSchema } from "../src/schemas/ethnicity";

describe("ethnic category table", () => {
  it("groups codes as docs/domain.md lists them", () => {
    const byGroup = (g: string) => ETHNIC_CATEGORIES.filter((c) => c.group === g).map((c) => c.code);
    expect(byGroup("white")).toEqual(["A", "B", "C"]);
    expect(byGroup("bme")).toEqual(["D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S"]);
    expect(byGroup("notStated")).toEqual(["Z", "99"]);
    expect(ETHNIC_CATEGORIES.map((c) => c.code)).toEqual([...ETHNIC_CATEGORY_CODES]);
  });

  it("exports the groups in order and a strict enum", () => {
    expect(ETHNIC_GROUPS).toEqual(["white", "bme", "notStated"]);
    expect(EthnicGroupSchema.safeParse("BME").success).toBe(false);
  });

  it("classifies every code, in either case", () => {
    for (const c of ETHNIC_CATEGORIES) {
      expect(classifyEthnicity(c.code)).toEqual({ group: c.group, code: c.code });
      expect(classifyEthnicity(` ${c.code.toLowerCase()} `)).toEqual({ group: c.group, code: c.code });
    }
  });

  it("classifies every Data Dictionary label back to its code", () => {
    for (const c of ETHNIC_CATEGORIES) {
      expect(classifyEthnicity(c.label)).toEqual({ group: c.group, code: c.code });
    }
  });
});

describe("classifyEthnicity labels as recruitment systems print them", () => {
  const cases: Array<[string, string, string | null]> = [
    ["White - British", "white", "A"],
    ["White: British", "white", "A"],
    ["White British", "white", "A"],
    ["WHITE-BRITISH", "white", "A"],
    ["white – british", "white", "A"],
    ["White - English, Welsh, Scottish, Northern Irish or British", "white", "A"],
    ["White - Irish", "white", "B"],
    ["White: Northern Irish", "white", "A"],
    ["White - Gypsy or Irish Traveller", "white", "C"],
    ["White - Roma", "white", "C"],
    ["White - Any other White background", "white", "C"],
    ["White Other", "white", "C"],
    ["White", "white", null],
    ["Mixed - White and Black Caribbean", "bme", "D"],
    ["Mixed/Multiple ethnic groups: White and Black African", "bme", "E"],
    ["Mixed - White and Asian", "bme", "F"],
    ["White & Asian", "bme", "F"],
    ["White and Black Caribbean", "bme", "D"],
    ["Mixed - Any other mixed background", "bme", "G"],
    ["Any other Mixed / Multiple ethnic background", "bme", "G"],
    ["Mixed", "bme", null],
    ["Asian or Asian British - Indian", "bme", "H"],
    ["Asian or Asian British: Pakistani", "bme", "J"],
    ["Asian - Bangladeshi", "bme", "K"],
    ["Asian or Asian British - Any other Asian background", "bme", "L"],
    ["Asian, Asian British - Chinese", "bme", "R"],
    ["Indian", "bme", "H"],
    ["Black or Black British - Caribbean", "bme", "M"],
    ["Black or Black British - African", "bme", "N"],
    ["Black British - African", "bme", "N"],
    ["Black Caribbean", "bme", "M"],
    ["Black, Black British, Caribbean or African - Caribbean", "bme", "M"],
    ["Black, Black British, Caribbean or African: African", "bme", "N"],
    // ONS 2021, exactly as the census form prints it (the comma after "Black British" too).
    ["Black, Black British, Caribbean or African: Any other Black, Black British, or Caribbean background", "bme", "P"],
    ["Any other Black, Black British, or Caribbean background", "bme", "P"],
    ["Black or Black British - Any other Black background", "bme", "P"],
    ["Chinese", "bme", "R"],
    ["Other Ethnic Groups - Chinese", "bme", "R"],
    ["Other ethnic group: Arab", "bme", "S"],
    ["Any other ethnic group", "bme", "S"],
    ["Prefer not to say", "notStated", "Z"],
    ["Not stated", "notStated", "Z"],
    ["I do not wish to disclose", "notStated", "Z"],
    ["I don't wish to disclose my ethnic origin", "notStated", "Z"],
    ["Declined", "notStated", "Z"],
    ["Not known", "notStated", "99"],
    ["Unknown", "notStated", "99"],
    ["A - White British", "white", "A"],
    ["(N) Black or Black British - African", "bme", "N"],
    ["White - Irish (B)", "white", "B"],
  ];
  it.each(cases)("%s -> %s %s", (label, group, code) => {
    const result = classifyEthnicity(label);
    expect(result).toEqual({ group, code });
  });

  it("treats blank as not stated without a warning (docs/domain.md: blank = not stated)", () => {
    expect(classifyEthnicity("")).toEqual({ group: "notStated", code: null });
    expect(classifyEthnicity("   ")).toEqual({ group: "notStated", code: null });
    expect(classifyEthnicity(" - ")).toEqual({ group: "notStated", code: null });
  });
});

describe("classifyEthnicity never guesses", () => {
  it.each(["British", "Martian", "Other", "European", "Q", "BME", "12"])(
    "unrecognised %s is notStated with a warning",
    (label) => {
      const result = classifyEthnicity(label);
      expect(result.group).toBe("notStated");
      expect(result.code).toBeNull();
      expect(result.warning).toMatch(/not recognised/);
    },
  );

  it("keeps the group a heading fixes but warns about an unknown detail", () => {
    const result = classifyEthnicity("White - Polish");
    expect(result.group).toBe("white");
    expect(result.code).toBeNull();
    expect(result.warning).toContain("polish");
  });

  it("a code that contradicts its label is notStated with a warning", () => {
    const result = classifyEthnicity("A - Black African");
    expect(result.group).toBe("notStated");
    expect(result.warning).toMatch(/does not match/);
  });

  it("property: any input gives a valid group, and white/bme only when recognised", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = classifyEthnicity(s);
        expect(ETHNIC_GROUPS).toContain(r.group);
        if (r.code === null && r.group !== "notStated") {
          // A family heading without a code: must be a known heading, never a random guess.
          expect(s.toLowerCase()).toMatch(/white|mixed|asian|black/);
        }
      }),
    );
  });
});

// Hand-worked cases for the branches a mutation run found untested (npm run mutate, docs/testing.md).
describe("classifyEthnicity: mixed labels, codes beside labels, and warnings", () => {
  it.each([
    ["White and Black Caribbean", "D"],
    ["White and Black African", "E"],
    ["White and Asian", "F"],
    ["white AND black caribbean", "D"],
  ])("'%s' is Mixed (code %s), although it starts like a White label", (label, code) => {
    expect(classifyEthnicity(label)).toEqual({ group: "bme", code });
  });

  it("an unlisted 'White and ...' label is Mixed (BME), with a warning, never White", () => {
    const r = classifyEthnicity("White and Chinese");
    expect(r).toMatchObject({ group: "bme", code: null });
    expect(r.warning).toContain("was read as BME from its heading");
  });

  it("a White label that only contains 'and' later stays White", () => {
    const r = classifyEthnicity("White - any other White background");
    expect(r).toEqual({ group: "white", code: "C" });
  });

  it.each([
    ["A - White", { group: "white", code: "A" }],
    ["H - Asian or Asian British", { group: "bme", code: "H" }],
    ["A - White British", { group: "white", code: "A" }],
  ])("a code beside a heading that agrees with it is the code: %s", (input, expected) => {
    expect(classifyEthnicity(input)).toEqual(expected);
  });

  it.each([
    "D - White",
    "A - Asian or Asian British",
    "A - Indian",
    "A - White Martian",
    "A - White Irish",
    "A - Mixed",
  ])("a code beside a label that disagrees (or is itself doubtful) is not stated, with a warning: %s", (input) => {
    const r = classifyEthnicity(input);
    expect(r.group).toBe("notStated");
    expect(r.code).toBeNull();
    expect(r.warning).toBe(`Ethnicity "${input}" gives code ${input[0]} but a label that does not match it, so it is counted as not stated. Check the record.`);
  });

  it("warnings quote the value trimmed, as the user typed it", () => {
    expect(classifyEthnicity("  Martian  ").warning).toBe('Ethnicity "Martian" was not recognised, so it is counted as not stated. Map it to an NHS ethnic category (A-S, Z, 99).');
    expect(classifyEthnicity("  A - Indian ").warning).toContain('Ethnicity "A - Indian" gives code A');
  });

  it("a heading with an unknown detail keeps the heading's group and says which", () => {
    expect(classifyEthnicity(" White - Martian ").warning).toBe('Ethnicity "White - Martian" was read as white from its heading, but "martian" is not an NHS ethnic category.');
    expect(classifyEthnicity("Asian or Asian British - Martian")).toMatchObject({ group: "bme", code: null });
    expect(classifyEthnicity("Asian or Asian British - Martian").warning).toContain("was read as BME from its heading");
  });
});
