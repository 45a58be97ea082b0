import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { currentFinancialYear, financialYearLabel, financialYearOf, ukCalendarDate, financialYearRange, financialYearsBetween, isInFinancialYear, parseFinancialYear, recentFinancialYears, shiftFinancialYear, ukLongDate } from "../src/periods";
import { readUkDate } from "../src/periods";
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

  it("places a Date on the UK calendar: 23:00 UTC on 31 March is 00:00 BST on 1 April", () => {
    expect(financialYearOf(new Date(Date.UTC(2025, 2, 31, 23, 0)))).toBe("2025/26");
    expect(financialYearOf(new Date(Date.UTC(2025, 2, 31, 22, 59)))).toBe("2024/25");
    expect(financialYearOf(new Date(Date.UTC(2025, 3, 1, 0, 0)))).toBe("2025/26");
    // 31 March is always in BST (it begins on the last Sunday of March), in every year.
    for (let y = 2000; y <= 2040; y++) {
      expect(financialYearOf(new Date(Date.UTC(y, 2, 31, 23, 0))), String(y)).toBe(financialYearLabel(y));
      expect(financialYearOf(new Date(Date.UTC(y, 2, 31, 22, 59, 59))), String(y)).toBe(financialYearLabel(y - 1));
    }
  });

  it("places a timestamp with Z or an offset by its instant, on the UK calendar", () => {
    expect(financialYearOf("2025-03-31T23:00:00Z")).toBe("2025/26");
    expect(financialYearOf("2025-03-31T22:30:00Z")).toBe("2024/25");
    // +01:00 (BST written out), as UK systems export it.
    expect(financialYearOf("2025-04-01T00:30:00+01:00")).toBe("2025/26");
    expect(financialYearOf("2025-03-31T23:59:00+01:00")).toBe("2024/25");
    expect(financialYearOf("2025-04-01T00:30:00+0100")).toBe("2025/26");
    // 23:30 on 31 March at UTC-2 is 01:30 UTC, 02:30 BST on 1 April.
    expect(financialYearOf("2025-03-31T23:30:00-02:00")).toBe("2025/26");
    // In winter GMT is UTC: the date does not move.
    expect(ukCalendarDate("2026-01-31T23:30:00Z")).toBe("2026-01-31");
    expect(ukCalendarDate("2025-06-30T23:30:00Z")).toBe("2025-07-01");
  });

  it("a timestamp without a zone is a UK wall-clock time: its date is as written", () => {
    expect(ukCalendarDate("2025-03-31T23:30")).toBe("2025-03-31");
    expect(ukCalendarDate("2025-03-31 23:30:00")).toBe("2025-03-31");
    expect(financialYearOf("2025-03-31 23:30:00")).toBe("2024/25");
    expect(() => ukCalendarDate("2025-02-30 10:00")).toThrow(RangeError);
  });

  it("the current year is the UK one", () => {
    expect(currentFinancialYear(new Date("2025-03-31T23:30:00Z"))).toBe("2025/26");
    expect(recentFinancialYears(1, new Date("2025-03-31T23:30:00Z"))).toEqual(["2025/26"]);
  });

  describe("does not depend on the machine's time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });
    it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "UTC"])("TZ=%s", (zone) => {
      process.env.TZ = zone;
      expect(financialYearOf(new Date("2025-03-31T22:30:00Z"))).toBe("2024/25");
      expect(financialYearOf(new Date("2025-03-31T23:30:00Z"))).toBe("2025/26");
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
        // A Date is an instant: it is dated on the UK calendar, which can be the next day in BST.
        expect(financialYearOf(date)).toBe(financialYearOf(ukCalendarDate(date)));
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

// Hand-worked cases for the branches a mutation run found untested (npm run mutate, docs/testing.md).
describe("periods: edges", () => {
  it("an invalid Date says so", () => {
    expect(() => financialYearOf(new Date("not a date"))).toThrow(/^Invalid Date$/);
  });

  it.each(["2024/25", " 2024/25 ", "2024 / 25", "FY 2024-25", "fy2024–2025"])("reads %j as 2024/25", (input) => {
    expect(parseFinancialYear(input).label).toBe("2024/25");
  });

  it.each(["x2024/25", "2024ab/25", "2024/xx25", "2024/25x", "12024/25"])("refuses %j", (input) => {
    expect(() => parseFinancialYear(input)).toThrow(RangeError);
  });

  it("a timestamp with an offset is dated in UK time", () => {
    expect(financialYearOf("2025-03-31T23:30:00+00:00")).toBe("2025/26");
    expect(financialYearOf("2025-04-01T00:30:00+02:00")).toBe("2024/25");
  });

  it("a shift must be a whole number of years", () => {
    expect(() => shiftFinancialYear("2024/25", 1.5)).toThrow(/whole number of years/);
    expect(shiftFinancialYear("2024/25", -2)).toBe("2022/23");
  });

  it("a range of one year is that year", () => {
    expect(financialYearsBetween("2024/25", "2024/25")).toEqual(["2024/25"]);
  });
});

describe("years far from now", () => {
  it("labels and places years 0-999 with four digits, and the labels parse back", () => {
    expect(financialYearOf("0050-06-01")).toBe("0050/51");
    expect(financialYearOf("0100-03-31")).toBe("0099/00");
    expect(financialYearOf("1000-01-01")).toBe("0999/00");
    expect(financialYearOf("0000-04-01")).toBe("0000/01");
    for (const y of [0, 49, 99, 100, 999, 1999, 2024, 9998]) {
      const label = financialYearLabel(y);
      expect(label).toMatch(/^\d{4}\/\d{2}$/);
      expect(FinancialYearSchema.safeParse(label).success).toBe(true);
      expect(parseFinancialYear(label).startYear).toBe(y);
    }
  });

  it("refuses years no label can hold instead of printing a malformed one", () => {
    expect(() => financialYearOf("0000-03-31")).toThrow(RangeError);
    expect(() => financialYearLabel(-1)).toThrow(RangeError);
    expect(() => financialYearLabel(1.5)).toThrow(RangeError);
    // 9998/99 ends on 31 March 9999, the last date with four digits; 9999/00 would end in year 10000.
    expect(financialYearLabel(9998)).toBe("9998/99");
    expect(() => financialYearLabel(9999)).toThrow(RangeError);
    expect(() => shiftFinancialYear("9998/99", 1)).toThrow(RangeError);
  });
});

describe("readUkDate: dates as recruitment systems and their reports write them", () => {
  it.each([
    // Year first
    ["2026-02-27", "2026-02-27"],
    ["2024/06/14", "2024-06-14"],
    ["2025-03-14 10:00", "2025-03-14"], // no zone: as written
    // Day first, UK order
    ["27/02/2026", "2026-02-27"],
    ["06/03/2026", "2026-03-06"],
    ["4/3/25", "2025-03-04"],
    ["14-06-2024", "2024-06-14"],
    ["14.06.24", "2024-06-14"],
    ["14/06/2024 09:00", "2024-06-14"],
    ["03/14/2025", null], // US order is not silently accepted
    ["31/02/2026", null],
    // Month names, either order
    ["12 March 2026", "2026-03-12"],
    ["14 Mar 2025", "2025-03-14"],
    ["14th March 2025", "2025-03-14"],
    ["Friday 27th Feb 2026", "2026-02-27"],
    ["14-Jun-2024", "2024-06-14"],
    ["14-Jun-24", "2024-06-14"],
    ["14 Sept 2024", "2024-09-14"],
    ["1st of July 2024", "2024-07-01"],
    ["June 14, 2024", "2024-06-14"],
    ["Sep 3 2024", "2024-09-03"],
    ["31 June 2024", null],
    // An instant is dated in UK time, as the API dates it
    ["2025-03-31T23:00:00Z", "2025-04-01"], // 00:00 BST on 1 April
    ["2025-03-31T23:00:00.000Z", "2025-04-01"],
    ["2026-01-31T23:30:00Z", "2026-01-31"], // GMT: same date
    ["2025-04-01T00:30:00+01:00", "2025-04-01"],
    ["2025-03-31 23:30 +0000", "2025-04-01"],
    ["2025-02-30T10:00:00Z", null],
    ["Closes 2025-04-01T00:30:00+01:00", "2025-04-01"],
    // Inside page text
    ["Closing date: Friday 14th June 2024 (midnight)", "2024-06-14"],
    ["Closing date 14/06/2024", "2024-06-14"],
    // Nothing to read
    ["soon", null],
    ["Band 7", null],
    ["", null],
    [null, null],
  ])("%j -> %j", (text, iso) => {
    expect(readUkDate(text)).toBe(iso);
  });
});

describe("ukLongDate", () => {
  it("writes an ISO date as people in the UK do, and nothing for no date", () => {
    expect(ukLongDate("2024-06-14")).toBe("14 June 2024");
    expect(ukLongDate("2025-01-05")).toBe("5 January 2025");
    expect(ukLongDate(null)).toBe("");
  });
});
