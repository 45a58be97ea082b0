import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { currentFinancialYear, financialYearOf, financialYearRange, financialYearsBetween, isInFinancialYear, parseFinancialYear, recentFinancialYears, shiftFinancialYear } from "../src/periods";
import { FinancialYearSchema } from "../src/schemas/periods";

// The NHS financial year runs 1 April to 31 March (docs/domain.md, WRES indicator 2 "Period").
describe("financialYearOf", () => {
  it.each([
    ["2024-04-01", "2024/25"], // first day
    ["2025-03-31", "2024/25"], // last day
    ["2025-04-01", "2025/26"],
    ["2024-03-31", "2023/24"],
    ["2024-12-25", "2024/25"],
    ["2000-01-15", "1999/00"], // century boundary keeps two digits
    ["2024-02-29", "2023/24"], // leap day
  ])("%s is in %s", (date, fy) => {
    expect(financialYearOf(date)).toBe(fy);
  });

  it("reads a Date in UTC", () => {
    expect(financialYearOf(new Date(Date.UTC(2025, 2, 31, 23, 30)))).toBe("2024/25");
    expect(financialYearOf(new Date(Date.UTC(2025, 3, 1, 0, 0)))).toBe("2025/26");
  });

  it("places a timestamp with an offset by its UTC instant", () => {
    // 23:30 on 31 March at UTC-2 is 01:30 on 1 April UTC.
    expect(financialYearOf("2025-03-31T23:30:00-02:00")).toBe("2025/26");
    expect(financialYearOf("2025-03-31T23:30:00Z")).toBe("2024/25");
  });

  describe("does not depend on the machine's time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"])("TZ=%s", (zone) => {
      process.env.TZ = zone;
      expect(financialYearOf(new Date("2025-03-31T23:30:00Z"))).toBe("2024/25");
      expect(financialYearOf(new Date("2025-04-01T00:30:00Z"))).toBe("2025/26");
      expect(financialYearOf("2025-03-31")).toBe("2024/25");
    });
  });

  it.each(["2023-02-29", "2024-13-01", "2024-04-00", "31/03/2025", "2024-4-1", "", "yesterday"])(
    "rejects %j",
    (date) => {
      expect(() => financialYearOf(date)).toThrow(/ISO calendar date/);
    },
  );

  it("rejects an invalid Date", () => {
    expect(() => financialYearOf(new Date("not a date"))).toThrow(RangeError);
  });

  it("every day falls within the range of its own financial year", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        const { start, end } = financialYearRange(financialYearOf(iso));
        expect(start <= iso && iso <= end).toBe(true);
        expect(financialYearOf(date)).toBe(financialYearOf(iso));
      }),
    );
  });
});

describe("financialYearRange", () => {
  it("gives 1 April to 31 March inclusive", () => {
    expect(financialYearRange("2024/25")).toEqual({ start: "2024-04-01", end: "2025-03-31" });
    expect(financialYearRange("1999/00")).toEqual({ start: "1999-04-01", end: "2000-03-31" });
  });

  it.each(["2024/26", "2024", "24/25", "2024/2026", "", "2024/25/26", "FY"])(
    "throws a clear error on %j",
    (fy) => {
      expect(() => financialYearRange(fy)).toThrow(/Not a financial year.*"2024\/25"/);
    },
  );
});

describe("parseFinancialYear", () => {
  it.each(["2024/25", "2024-25", "2024/2025", "2024-2025", "FY2024/25", "fy 2024-25", "2024–25", " 2024/25 "])(
    "reads %j as 2024/25",
    (written) => {
      expect(parseFinancialYear(written)).toEqual({ label: "2024/25", startYear: 2024, endYear: 2025 });
    },
  );

  it("rejects years that do not follow on", () => {
    expect(() => parseFinancialYear("2024/2026")).toThrow(RangeError);
    expect(() => parseFinancialYear("2024-24")).toThrow(RangeError);
  });
});

describe("FinancialYearSchema", () => {
  it.each(["2024/25", "1999/00", "2009/10"])("accepts %s", (fy) => {
    expect(FinancialYearSchema.safeParse(fy).success).toBe(true);
  });

  it.each(["2024/26", "2024-25", "2024/2025", "24/25", "2024/5", " 2024/25", 2024])("rejects %j", (fy) => {
    expect(FinancialYearSchema.safeParse(fy).success).toBe(false);
  });

  it("says why the second year is wrong", () => {
    const parsed = FinancialYearSchema.safeParse("2024/26");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/second year must follow/);
  });

  it("agrees with the labels the module produces", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), (year) => {
        expect(FinancialYearSchema.safeParse(financialYearOf(`${year}-06-01`)).success).toBe(true);
      }),
    );
  });
});

describe("year lists", () => {
  it("recentFinancialYears lists newest first, including the current year", () => {
    expect(recentFinancialYears(3, "2025-06-01")).toEqual(["2025/26", "2024/25", "2023/24"]);
    expect(recentFinancialYears(2, "2025-03-31")).toEqual(["2024/25", "2023/24"]);
    expect(recentFinancialYears(0, "2025-06-01")).toEqual([]);
    expect(() => recentFinancialYears(-1)).toThrow(RangeError);
  });

  it("currentFinancialYear defaults to now", () => {
    expect(FinancialYearSchema.safeParse(currentFinancialYear()).success).toBe(true);
    expect(currentFinancialYear("2026-01-01")).toBe("2025/26");
  });

  it("shiftFinancialYear and financialYearsBetween cross the century", () => {
    expect(shiftFinancialYear("1999/00", 1)).toBe("2000/01");
    expect(shiftFinancialYear("2000/01", -1)).toBe("1999/00");
    expect(financialYearsBetween("1998/99", "2001/02")).toEqual(["1998/99", "1999/00", "2000/01", "2001/02"]);
    expect(() => financialYearsBetween("2024/25", "2023/24")).toThrow(/comes after/);
  });

  it("isInFinancialYear includes both ends", () => {
    expect(isInFinancialYear("2024-04-01", "2024/25")).toBe(true);
    expect(isInFinancialYear("2025-03-31", "2024-25")).toBe(true);
    expect(isInFinancialYear("2025-04-01", "2024/25")).toBe(false);
  });
});
