/**
 * Calendar arithmetic for event logs: dates as integer days since 1970-01-01 (the
 * proleptic Gregorian "days from civil" algorithm of H. Hinnant), parsed straight from
 * bytes without Date objects, and formatted back as ISO dates.
 *
 * @module
 */

/**
 * Date formats the loaders accept: ISO `YYYY-MM-DD` (optional time part), `YYYYMMDD`,
 * either (`auto`), or `day`: whole day numbers ≥ 0 of a log without a calendar, such as a
 * simulated run's (`lab sim --events`), loaded as they are with no origin date.
 */
export type DateFormat = "iso" | "yyyymmdd" | "auto" | "day";

/** What a date format expects, for error messages. */
export const DATE_FORMAT_EXPECTED: { readonly [K in DateFormat]: string } = {
  iso: "YYYY-MM-DD",
  yyyymmdd: "YYYYMMDD",
  auto: "YYYY-MM-DD or YYYYMMDD",
  day: "a whole day number ≥ 0",
};

/**
 * Days since 1970-01-01 of a valid civil date, or NaN when month or day is out of range.
 *
 * @example
 * ```ts
 * import { epochDay } from "./calendar.ts";
 * if (epochDay(1997, 1, 1) !== 9862 || !Number.isNaN(epochDay(2010, 13, 1))) throw new Error();
 * ```
 */
export function epochDay(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The ISO date (YYYY-MM-DD) of a day count since 1970-01-01.
 *
 * @example
 * ```ts
 * import { isoDate } from "./calendar.ts";
 * if (isoDate(9862) !== "1997-01-01") throw new Error("unexpected");
 * ```
 */
export function isoDate(days: number): string {
  const { year, month, day } = civilDate(days);
  const pad = (v: number, w: number) => String(v).padStart(w, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * Year, month (1–12) and day of a day count since 1970-01-01.
 *
 * @example
 * ```ts
 * import { civilDate } from "./calendar.ts";
 * if (civilDate(0).year !== 1970) throw new Error("unexpected");
 * ```
 */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) -
      Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Parses an ISO date string (YYYY-MM-DD) to days since 1970-01-01; throws a RangeError
 * naming the value otherwise. For options such as a log's origin.
 *
 * @example
 * ```ts
 * import { parseIsoDate } from "./calendar.ts";
 * if (parseIsoDate("1970-01-02") !== 1) throw new Error("unexpected");
 * ```
 */
export function parseIsoDate(text: string): number {
  const bytes = new TextEncoder().encode(text);
  const days = parseDateBytes(bytes, 0, bytes.length, "iso");
  if (Number.isNaN(days)) {
    throw new RangeError(`Cannot read date: '${text}' is not a date (expected YYYY-MM-DD)`);
  }
  return days;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(bytes: Uint8Array, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = bytes[i] - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Parses a date in bytes [start, end) to days since 1970-01-01 (the day number itself for
 * the `day` format), NaN when it is not a valid date in `format`. An ISO time part (`T` or
 * space, then clock time and optional zone) is checked for its characters and ignored:
 * the day is the one written.
 *
 * @example
 * ```ts
 * import { parseDateBytes } from "./calendar.ts";
 * const b = new TextEncoder().encode("19970101");
 * if (parseDateBytes(b, 0, 8, "auto") !== 9862) throw new Error("unexpected");
 * if (parseDateBytes(b, 0, 8, "day") !== 19970101) throw new Error("unexpected");
 * ```
 */
export function parseDateBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  format: DateFormat,
): number {
  const length = end - start;
  if (format === "day") return length > 0 && length <= 9 ? digits(bytes, start, length) : NaN;
  if (length === 8 && format !== "iso") {
    return cachedEpochDay(
      digits(bytes, start, 4),
      digits(bytes, start + 4, 2),
      digits(bytes, start + 6, 2),
    );
  }
  if (length < 10 || format === "yyyymmdd") return NaN;
  if (bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN;
  if (length > 10) {
    const sep = bytes[start + 10];
    if ((sep !== 84 && sep !== 32) || length < 13) return NaN;
    for (let i = start + 11; i < end; i++) {
      const b = bytes[i];
      // digits, ':', '.', 'Z', '+', '-' make up clock times and zone offsets
      if (!((b >= 48 && b <= 58) || b === 46 || b === 90 || b === 43 || b === 45)) return NaN;
    }
  }
  return cachedEpochDay(
    digits(bytes, start, 4),
    digits(bytes, start + 5, 2),
    digits(bytes, start + 8, 2),
  );
}

// Logs repeat a few thousand dates millions of times: a direct-mapped cache of
// (year, month, day) -> epoch day skips the calendar arithmetic for repeats.
const CACHE_SIZE = 8192;
const cacheKey = new Float64Array(CACHE_SIZE).fill(-1);
const cacheDay = new Float64Array(CACHE_SIZE);

function cachedEpochDay(year: number, month: number, day: number): number {
  if (Number.isNaN(year + month + day)) return NaN;
  const key = year * 10_000 + month * 100 + day; // unique for 2-digit month and day
  const slot = key & (CACHE_SIZE - 1);
  if (cacheKey[slot] === key) return cacheDay[slot];
  const value = epochDay(year, month, day);
  cacheKey[slot] = key;
  cacheDay[slot] = value;
  return value;
}
