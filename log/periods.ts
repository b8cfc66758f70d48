/**
 * Calendar periods (day, week, month) over an event log, and the index of the periods
 * in which each member was active: the common ground of retention matrices and
 * lifecycle composition. Built in O(events) with counting sorts, no per-event objects.
 *
 * @module
 */
import { civilDate, epochDay, isoDate, parseIsoDate } from "./calendar.ts";
import { EventCode, type EventLog, type EventType } from "./event_log.ts";
import { definedOptions } from "./_records.ts";

/** Period length: days, 7-day weeks from day 0, or calendar months. */
export type PeriodUnit = "day" | "week" | "month";

/** Periods 0..count-1 covering days 0..lastDay of a log. */
export interface PeriodCalendar {
  readonly unit: PeriodUnit;
  /** Number of periods up to and including the one holding `lastDay`. */
  readonly count: number;
  /** Last day of data (the observation end). */
  readonly lastDay: number;
  /** Period of each day 0..lastDay. */
  readonly periodOfDay: Int32Array;
  /** First day of period p (may be negative for month 0 when day 0 is mid-month). */
  startDay(p: number): number;
  /** Whether period p ends on or before `lastDay`, i.e. was observed in full. */
  complete(p: number): boolean;
  /** Label of period p: its first date (`1997-01-06`, `1997-01`) or `week 3` for simulated logs. */
  label(p: number): string;
}

/**
 * Builds the period calendar of a log. Months are calendar months when the log has an
 * origin date and 30-day blocks from day 0 otherwise (simulated logs have no calendar).
 *
 * @example
 * ```ts
 * import { periodCalendar } from "./periods.ts";
 * const cal = periodCalendar({ origin: "1997-01-01", lastDay: 59 }, "month");
 * if (cal.count !== 3 || cal.label(1) !== "1997-02" || cal.complete(2)) throw new Error();
 * ```
 */
export function periodCalendar(
  span: { readonly origin: string | null; readonly lastDay: number },
  unit: PeriodUnit,
): PeriodCalendar {
  const { origin, lastDay } = span;
  if (!Number.isInteger(lastDay) || lastDay < 0) {
    throw new RangeError(`Cannot build periods: last day is ${lastDay}, expected an integer ≥ 0`);
  }
  const base = origin === null ? NaN : parseIsoDate(origin);
  const calendarMonths = unit === "month" && origin !== null;
  const length = unit === "day" ? 1 : unit === "week" ? 7 : 30;
  const month0 = calendarMonths ? monthIndex(base) : 0;
  const startDay = (p: number): number => {
    if (!calendarMonths) return p * length;
    const m = month0 + p;
    return epochDay(Math.floor(m / 12), (m % 12) + 1, 1) - base;
  };
  const periodOfDay = new Int32Array(lastDay + 1);
  for (let d = 0; d <= lastDay; d++) {
    periodOfDay[d] = calendarMonths ? monthIndex(base + d) - month0 : Math.floor(d / length);
  }
  const count = periodOfDay[lastDay] + 1;
  return {
    unit,
    count,
    lastDay,
    periodOfDay,
    startDay,
    complete: (p) => startDay(p + 1) - 1 <= lastDay,
    label(p) {
      if (origin === null) return `${unit} ${p}`;
      return calendarMonths ? isoDate(base + startDay(p)).slice(0, 7) : isoDate(base + startDay(p));
    },
  };
}

function monthIndex(days: number): number {
  const { year, month } = civilDate(days);
  return year * 12 + month - 1;
}

/** Options of {@link indexMemberPeriods}. */
export interface MemberPeriodOptions {
  /** Period length. Default `week`. */
  readonly period?: PeriodUnit;
  /** Event types that count as activity. Default `["order"]`. */
  readonly activityTypes?: readonly EventType[];
}

/** Defaults of {@link MemberPeriodOptions}. */
export const DEFAULT_MEMBER_PERIOD_OPTIONS = {
  period: "week",
  activityTypes: ["order"],
} as const satisfies MemberPeriodOptions;

/** Per member, the sorted distinct periods with activity (compressed rows). */
export interface MemberPeriods {
  readonly calendar: PeriodCalendar;
  /** Member m's active periods are `periods[offsets[m]..offsets[m+1])`, ascending. */
  readonly offsets: Int32Array;
  readonly periods: Int32Array;
  /** Period of each member's first event of any type, -1 for members without events. */
  readonly firstPeriod: Int32Array;
}

/**
 * Indexes the periods in which each member was active.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "./event_log.ts";
 * import { indexMemberPeriods } from "./periods.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 5, -1);
 * b.push(0, 9, EventCode.order, 5, -1);
 * b.push(0, 10, EventCode.order, 5, -1);
 * const idx = indexMemberPeriods(b.build({ count: 1, ids: null, attributes: {} }));
 * if (idx.periods.join() !== "0,1") throw new Error("unexpected");
 * ```
 */
export function indexMemberPeriods(
  log: EventLog,
  options: MemberPeriodOptions = {},
): MemberPeriods {
  const o = { ...DEFAULT_MEMBER_PERIOD_OPTIONS, ...definedOptions(options) };
  const active = new Uint8Array(256);
  for (const t of o.activityTypes) {
    if (EventCode[t] === undefined) {
      throw new RangeError(`Cannot index periods: activity type '${t}' is not an event type`);
    }
    active[EventCode[t]] = 1;
  }
  const n = log.length, members = log.members.count;
  let lastDay = 0;
  for (let i = 0; i < n; i++) {
    const d = log.day[i];
    if (d < 0) throw new RangeError(`Cannot index periods: event ${i} has day ${d}, expected ≥ 0`);
    if (d > lastDay) lastDay = d;
  }
  const calendar = periodCalendar({ origin: log.origin, lastDay }, o.period);
  const firstPeriod = new Int32Array(members).fill(-1);
  const offsets = new Int32Array(members + 1);
  for (let i = 0; i < n; i++) {
    const m = log.member[i], p = calendar.periodOfDay[log.day[i]];
    if (firstPeriod[m] === -1 || p < firstPeriod[m]) firstPeriod[m] = p;
    if (active[log.type[i]] === 1) offsets[m + 1]++;
  }
  for (let m = 0; m < members; m++) offsets[m + 1] += offsets[m];
  const fill = offsets.slice(0, members);
  const all = new Int32Array(offsets[members]);
  for (let i = 0; i < n; i++) {
    if (active[log.type[i]] === 1) all[fill[log.member[i]]++] = calendar.periodOfDay[log.day[i]];
  }
  // sort and dedupe each member's run in place, then compact
  let write = 0;
  const compact = new Int32Array(members + 1);
  for (let m = 0; m < members; m++) {
    const run = all.subarray(offsets[m], offsets[m + 1]).sort();
    compact[m] = write;
    for (let k = 0; k < run.length; k++) {
      if (k === 0 || run[k] !== run[k - 1]) all[write++] = run[k];
    }
  }
  compact[members] = write;
  return { calendar, offsets: compact, periods: all.slice(0, write), firstPeriod };
}
