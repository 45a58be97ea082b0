
/**
 * Reporting periods. WRES indicator 2 is reported per NHS financial year,
 * 1 April to 31 March (docs/domain.md, "Period"), written "2024/25".
 *
 * Dates are ISO calendar dates ("YYYY-MM-DD"). An instant (a `Date`, or an ISO
 * timestamp with "Z" or an offset such as "+01:00") is placed on the calendar in UK
 * time (Europe/London: GMT in winter, BST in summer), never in UTC nor in the
 * machine's own zone: 2025-03-31T23:00:00Z is 00:00 BST on 1 April, so 2025/26, on a
 * trust laptop, in the Worker and in CI alike (docs/domain.md, "Period").
 */

/** A financial year label, e.g. "2024/25" (1 April 2024 to 31 March 2025). */
export type FinancialYear = string;

export interface FinancialYearParts {
  /** Canonical label, e.g. "2024/25". */
  label: FinancialYear;
  /** Calendar year in which the financial year starts (1 April). */
  startYear: number;
  /** Calendar year in which the financial year ends (31 March). */
  endYear: number;
}

export interface FinancialYearRange {
  /** 1 April, "YYYY-MM-DD". */
  start: string;
  /** 31 March, "YYYY-MM-DD" (inclusive). */
  end: string;
}

/** April, 1-based: the NHS financial year starts on 1 April. */
export const FINANCIAL_YEAR_START_MONTH = 4;

export const FINANCIAL_YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// A full timestamp names an instant, which we place on the UK calendar like a Date.
const ISO_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;
// A timestamp without a zone is a wall-clock time as a UK system printed it: its date is as written.
const ISO_LOCAL_TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** The zone the NHS financial year runs in. */
export const UK_TIME_ZONE = "Europe/London";
let ukDateFormat: Intl.DateTimeFormat | undefined;

/** The UK calendar date of an instant. */
function ukDateOfInstant(date: Date): { year: number; month: number; day: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid Date");
  ukDateFormat ??= new Intl.DateTimeFormat("en-GB", { timeZone: UK_TIME_ZONE, year: "numeric", month: "numeric", day: "numeric" });
  const parts = Object.fromEntries(ukDateFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

function secondYearMatches(startYear: number, shortEnd: number): boolean {
  return (startYear + 1) % 100 === shortEnd;
}

/** Whether a text is a financial year label: "YYYY/YY" where YY is the following year (FinancialYearSchema in ./schemas/periods). */
export function isFinancialYear(value: string): value is FinancialYear {
  const match = FINANCIAL_YEAR_PATTERN.exec(value);
  return match !== null && secondYearMatches(Number(match[1]), Number(match[2]));
}

/** Label of the financial year starting 1 April of `startYear`: 2024 -> "2024/25". */
export function financialYearLabel(startYear: number): FinancialYear {
  // Four digits always ("0049/50", never "49/50"): the label must parse back as FinancialYearSchema.
  if (!Number.isInteger(startYear) || startYear < 0 || startYear > 9998) {
    throw new RangeError(`A financial year must start in a year from 0 to 9998, got ${startYear}`);
  }
  return `${String(startYear).padStart(4, "0")}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/**
 * Parses a financial year label. Accepts the canonical "2024/25" and the other ways
 * reports write it ("2024-25", "2024/2025", "2024-2025", "FY2024/25", "2024–25" with an
 * en dash), and returns the canonical label. Throws a RangeError naming the input when it
 * is not a financial year.
 */
export function parseFinancialYear(input: string): FinancialYearParts {
  const match = /^\s*(?:FY\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s*$/i.exec(input);
  if (match) {
    const startYear = Number(match[1]);
    const second = match[2]!;
    const consistent =
      second.length === 4 ? Number(second) === startYear + 1 : secondYearMatches(startYear, Number(second));
    if (consistent) return { label: financialYearLabel(startYear), startYear, endYear: startYear + 1 };
  }
  throw new RangeError(
    `Not a financial year: ${JSON.stringify(input)}. Expected the form "2024/25" ` +
      "(1 April 2024 to 31 March 2025), where the second year follows the first.",
  );
}

function calendarDateOf(date: string | Date): { year: number; month: number; day: number } {
  if (date instanceof Date) return ukDateOfInstant(date);
  const local = ISO_LOCAL_TIMESTAMP_PATTERN.exec(date);
  const match = ISO_DATE_PATTERN.exec(local ? local[1]! : date);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    // Round-trip through UTC to reject dates such as 2023-02-29 or 2024-13-01. setUTCFullYear, not
    // Date.UTC, which reads years 0-99 as 1900-1999 and so rejected "0050-06-01" as no date at all.
    const probe = new Date(0);
    probe.setUTCFullYear(year, month - 1, day);
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  } else if (ISO_TIMESTAMP_PATTERN.test(date)) {
    calendarDateOf(date.slice(0, 10)); // Date would roll 2025-02-30 over to 2 March: refuse it first
    return ukDateOfInstant(new Date(date));
  }
  throw new RangeError(`Not an ISO calendar date ("YYYY-MM-DD"): ${JSON.stringify(date)}`);
}

/**
 * The UK calendar date ("YYYY-MM-DD") of a date, an instant or an ISO timestamp: with "Z" or an
 * offset, the date in Europe/London at that instant; without a zone, the date as written.
 * Throws a RangeError for anything else.
 */
export function ukCalendarDate(date: string | Date): string {
  const { year, month, day } = calendarDateOf(date);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The financial year a date falls in: "2024-04-01" and "2025-03-31" are both "2024/25". */
export function financialYearOf(date: string | Date): FinancialYear {
  const { year, month } = calendarDateOf(date);
  return financialYearLabel(month >= FINANCIAL_YEAR_START_MONTH ? year : year - 1);
}

/** First and last day (inclusive) of a financial year. Throws on a malformed label. */
export function financialYearRange(fy: string): FinancialYearRange {
  const { startYear, endYear } = parseFinancialYear(fy);
  return { start: `${startYear}-04-01`, end: `${endYear}-03-31` };
}

/** Whether a date falls within the financial year (both ends inclusive). */
export function isInFinancialYear(date: string | Date, fy: string): boolean {
  return financialYearOf(date) === parseFinancialYear(fy).label;
}

/** The financial year `offset` years after (negative: before) the given one. */
export function shiftFinancialYear(fy: string, offset: number): FinancialYear {
  if (!Number.isInteger(offset)) throw new RangeError(`Offset must be a whole number of years, got ${offset}`);
  return financialYearLabel(parseFinancialYear(fy).startYear + offset);
}

/** The financial year containing `today` (default: now, on the UK calendar). */
export function currentFinancialYear(today: string | Date = new Date()): FinancialYear {
  return financialYearOf(today);
}

/**
 * The most recent `count` financial years up to and including the one containing
 * `today`, newest first: what a dashboard's year picker offers.
 */
export function recentFinancialYears(count: number, today: string | Date = new Date()): FinancialYear[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative whole number, got ${count}`);
  }
  const current = financialYearOf(today);
  return Array.from({ length: count }, (_, i) => shiftFinancialYear(current, -i));
}

/** Every financial year from `first` to `last` inclusive, oldest first. */
export function financialYearsBetween(first: string, last: string): FinancialYear[] {
  const from = parseFinancialYear(first).startYear;
  const to = parseFinancialYear(last).startYear;
  if (to < from) throw new RangeError(`${first} comes after ${last}`);
  return Array.from({ length: to - from + 1 }, (_, i) => financialYearLabel(from + i));
}

// ---------------------------------------------------------------------------
// Dates as people and recruitment systems write them

const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "2024-06-14" as a person in the UK writes it: "14 June 2024" ("" for no date). */
export function ukLongDate(iso: string | null): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  const month = MONTH_NAMES[m! - 1]!;
  return `${d} ${month.charAt(0).toUpperCase()}${month.slice(1)} ${y}`;
}
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const YEAR = "(\\d{4}|\\d{2})(?!\\d)";
/** An instant: a date, a time and a zone ("Z" or an offset). */
const INSTANT = /(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s?(Z|[+-]\d{2}):?(\d{2})?(?![\d:])/i;
const YEAR_FIRST = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/;
const DAY_FIRST = new RegExp(`(?<![\\d/.-])(\\d{1,2})[/.-](\\d{1,2})[/.-]${YEAR}`);
const DAY_MONTH_NAME = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH}[\\s,-]+${YEAR}`, "i");
const MONTH_NAME_DAY = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}`, "i");

function monthOf(name: string): number {
  return MONTH_NAMES.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/**
 * A date as UK recruitment systems and their reports write it, read into "YYYY-MM-DD", or null.
 * Found anywhere in the text ("Closing date: Friday 14th June 2024"), so one reader serves page
 * text (the extension) and report cells (the importer):
 * - an instant with a zone (2025-03-31T23:00:00Z, 2025-04-01T00:30+01:00) is dated in UK time
 *   (1 April here), as the API dates it;
 * - 2024-06-14 and 2024/06/14 (year first); 14/06/2024, 14-06-2024, 14.06.24 (day first, UK
 *   order: 06/14/2024 is no date, never silently US);
 * - 14 June 2024, 14th Jun 2024, 14-Jun-24, Friday 14 June 2024, June 14, 2024 (a month name is
 *   unambiguous in either order).
 * Two-digit years are 20yy. Impossible dates (31/02/2024) are null.
 */
export function readUkDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const instant = INSTANT.exec(text);
  if (instant) {
    try {
      const [, date, time, zone, zoneMinutes] = instant;
      const offset = /^z$/i.test(zone!) ? "Z" : `${zone}:${zoneMinutes ?? "00"}`;
      return ukCalendarDate(`${date}T${time}${offset}`);
    } catch {
      return null;
    }
  }
  let m: RegExpExecArray | null;
  let parts: [number, number, number] | null = null;
  if ((m = YEAR_FIRST.exec(text))) parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = DAY_FIRST.exec(text))) parts = [fullYear(m[3]!), Number(m[2]), Number(m[1])];
  else if ((m = DAY_MONTH_NAME.exec(text))) parts = [fullYear(m[3]!), monthOf(m[2]!), Number(m[1])];
  else if ((m = MONTH_NAME_DAY.exec(text))) parts = [fullYear(m[3]!), monthOf(m[1]!), Number(m[2])];
  if (!parts) return null;
  const [year, month, day] = parts;
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  try {
    return ukCalendarDate(iso);
  } catch {
    return null;
  }
}

/** An Excel serial day number as an ISO date (time of day dropped), in the 1900 or the 1904 date system. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2958465) return null;
  // Day 0 is 1899-12-31 and Excel counts a 29 February 1900 that never was, so from day 61 on the
  // epoch is 1899-12-30. In the 1904 system day 0 is 1904-01-01.
  const day = Math.floor(serial);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : day >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

/** 2000-01-01 and 2099-12-31 as Excel serials: the only years a recruitment report's number can mean. */
const SERIAL_FIRST = 36526;
const SERIAL_LAST = 73050;

/**
 * A date cell of a report: whatever readUkDate reads, or a bare Excel serial day number
 * ("45457" is 14/06/2024), which a CSV written from a spreadsheet or a reporting tool keeps when
 * the column was not formatted as a date, or year-month-day without separators ("20240614").
 * Only for cells of a column known to hold dates: page
 * text goes through readUkDate, where a bare number is never a date.
 */
export function readDateCell(text: string | null | undefined, opts: { monthFirst?: boolean } = {}): string | null {
  if (!text) return null;
  if (opts.monthFirst) {
    const m = NUMERIC_DATE.exec(text);
    if (m) return readUkDate(`${m[2]}/${m[1]}/${m[3]}`);
  }
  const serial = /^\s*(\d{5})(?:\.\d+)?\s*$/.exec(text);
  if (serial) {
    const n = Number(serial[1]);
    return n >= SERIAL_FIRST && n <= SERIAL_LAST ? excelSerialToIso(n) : null;
  }
  // 20240614: some reporting tools' year-month-day without separators.
  const compact = /^\s*(20\d{2})(\d{2})(\d{2})\s*$/.exec(text);
  if (compact) return readUkDate(`${compact[1]}-${compact[2]}-${compact[3]}`);
  return readUkDate(text);
}

/** 06/14/2024 or 14/06/2024: two numbers and a year, the order the cell does not say. */
const NUMERIC_DATE = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/;

/**
 * Which order a column of numeric dates is written in, from the cells that can only be one:
 * "monthFirst" when some cells can only be month first (06/14/2024) and none only day first
 * (25/06/2024), as a US-locale export writes every date; otherwise "dayFirst" (UK order), where a
 * cell that can only be month first stays unread. `example` is a cell that decided it.
 */
export function dateColumnOrder(cells: Iterable<string>): { order: "dayFirst" | "monthFirst"; example?: string } {
  let monthFirst: string | undefined;
  for (const cell of cells) {
    const m = NUMERIC_DATE.exec(cell);
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) return { order: "dayFirst", example: cell.trim() };
    if (b > 12 && a <= 12) monthFirst ??= cell.trim();
  }
  return monthFirst ? { order: "monthFirst", example: monthFirst } : { order: "dayFirst" };
}
