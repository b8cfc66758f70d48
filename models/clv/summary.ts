/**
 * Recency–frequency–monetary summaries from transactions (an event log's orders), the
 * input of every non-contractual CLV model, with a calibration/holdout split at a day.
 *
 * Conventions (those of Fader, Hardie & Lee 2005 and the `lifetimes` library):
 * orders on the same day are one purchase; frequency x is the number of distinct
 * purchase days after the first in the calibration period; recency t_x is the time
 * from the first to the last of them (0 when x = 0); T is the time from the first
 * purchase to the calibration end; monetary value is the mean amount of the repeat
 * purchases (same-day amounts summed, 0 when x = 0). Times are in an explicit unit.
 * Checked against `cdnow_customers_summary.csv` rebuilt from `CDNOW_sample.txt`.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";

/** A time unit with its length in days, e.g. a month of 30.4375 days. */
export interface TimeUnit {
  /** Name used in labels and output ("day", "week", "month"). */
  readonly name: string;
  /** Length in days; always stated, never implied. */
  readonly days: number;
}

/** One day. */
export const DAY: TimeUnit = { name: "day", days: 1 };
/** One week of 7 days. */
export const WEEK: TimeUnit = { name: "week", days: 7 };

/** Transactions as parallel columns; one row per order. */
export interface Transactions {
  /** Member id or code of each order. */
  readonly member: ArrayLike<number> | readonly string[];
  /** Day number of each order (integer days from any fixed origin). */
  readonly day: ArrayLike<number>;
  /** Order amount; omit when only counts matter. */
  readonly amount?: ArrayLike<number>;
}

/** Options of {@link summarizeTransactions}. */
export interface SummarizeOptions {
  /** Last day of the calibration period (inclusive). */
  readonly calibrationEnd: number;
  /** Unit of recency, T and the holdout duration. */
  readonly unit: TimeUnit;
  /** Last day of the holdout period (inclusive); defaults to the last order day. */
  readonly observationEnd?: number;
}

/** Per-member summary in the calibration period and counts in the holdout period. */
export interface CustomerSummary {
  /** Member ids, in order of first appearance in the transactions. */
  readonly ids: readonly (string | number)[];
  /** Repeat purchase days in the calibration period (x). */
  readonly frequency: Float64Array;
  /** Time from first to last purchase in the calibration period (t_x), in `unit`. */
  readonly recency: Float64Array;
  /** Time from first purchase to the calibration end (T), in `unit`. */
  readonly T: Float64Array;
  /** Mean amount per repeat purchase day (0 when x = 0); null without amounts. */
  readonly monetary: Float64Array | null;
  /** Purchase days in the holdout period. */
  readonly holdoutFrequency: Float64Array;
  /** Length of the holdout period, in `unit`. */
  readonly holdoutDuration: number;
  /** The time unit. */
  readonly unit: TimeUnit;
  /** Last calibration day. */
  readonly calibrationEnd: number;
  /** Last holdout day. */
  readonly observationEnd: number;
}

/**
 * Builds the per-member recency/frequency/monetary summary from transactions.
 * Members whose first order falls after the calibration end are left out.
 *
 * @example Three orders of one member, two on the same day
 * ```ts
 * import { summarizeTransactions, WEEK } from "./summary.ts";
 * const s = summarizeTransactions(
 *   { member: ["a", "a", "a"], day: [0, 7, 7], amount: [10, 5, 15] },
 *   { calibrationEnd: 14, unit: WEEK },
 * );
 * if (s.frequency[0] !== 1 || s.recency[0] !== 1 || s.T[0] !== 2) throw new Error("wrong");
 * if (s.monetary?.[0] !== 20) throw new Error("same-day amounts are summed");
 * ```
 */
export function summarizeTransactions(
  transactions: Transactions,
  options: SummarizeOptions,
): CustomerSummary {
  const { member, day, amount } = transactions;
  const { calibrationEnd, unit } = options;
  const n = day.length;
  if (member.length !== n || (amount !== undefined && amount.length !== n)) {
    throw new RangeError(
      `Cannot summarize transactions: columns differ in length (member ${member.length}, ` +
        `day ${n}${amount === undefined ? "" : `, amount ${amount.length}`})`,
    );
  }
  if (!(unit.days > 0)) {
    throw new RangeError(`Cannot summarize transactions: unit.days must be > 0, got ${unit.days}`);
  }
  if (!Number.isFinite(calibrationEnd)) {
    throw new RangeError(`Cannot summarize transactions: calibrationEnd is ${calibrationEnd}`);
  }
  const codes = new Int32Array(n);
  const ids: (string | number)[] = [];
  const index = new Map<string | number, number>();
  let lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(day[i])) {
      throw new RangeError(`Cannot summarize transactions: day at row ${i} is ${day[i]}`);
    }
    if (amount !== undefined && !Number.isFinite(amount[i])) {
      throw new RangeError(`Cannot summarize transactions: amount at row ${i} is ${amount[i]}`);
    }
    const key = member[i];
    let code = index.get(key);
    if (code === undefined) {
      code = ids.length;
      index.set(key, code);
      ids.push(key);
    }
    codes[i] = code;
    lastDay = Math.max(lastDay, day[i]);
  }
  const observationEnd = options.observationEnd ?? Math.max(lastDay, calibrationEnd);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    codes[a] - codes[b] || day[a] - day[b]
  );
  const m = ids.length;
  const first = new Float64Array(m).fill(NaN);
  const frequency = new Float64Array(m);
  const last = new Float64Array(m);
  const spend = new Float64Array(m);
  const holdout = new Float64Array(m);
  let k = 0;
  while (k < n) {
    const code = codes[order[k]];
    let previousDay = NaN;
    for (; k < n && codes[order[k]] === code; k++) {
      const row = order[k];
      const d = day[row];
      if (d > calibrationEnd) {
        if (d <= observationEnd && d !== previousDay && !Number.isNaN(first[code])) holdout[code]++;
      } else if (Number.isNaN(first[code])) {
        first[code] = d;
      } else if (d !== previousDay) {
        frequency[code]++;
        last[code] = d;
      }
      // Amounts of the first purchase day are not part of the repeat-purchase mean.
      if (amount !== undefined && d <= calibrationEnd && d !== first[code]) {
        spend[code] += amount[row];
      }
      previousDay = d;
    }
  }
  const keep: number[] = [];
  for (let c = 0; c < m; c++) if (!Number.isNaN(first[c])) keep.push(c);
  const pick = (f: (c: number) => number) => Float64Array.from(keep, f);
  return {
    ids: keep.map((c) => ids[c]),
    frequency: pick((c) => frequency[c]),
    recency: pick((c) => frequency[c] > 0 ? (last[c] - first[c]) / unit.days : 0),
    T: pick((c) => (calibrationEnd - first[c]) / unit.days),
    monetary: amount === undefined
      ? null
      : pick((c) => frequency[c] > 0 ? spend[c] / frequency[c] : 0),
    holdoutFrequency: pick((c) => holdout[c]),
    holdoutDuration: (observationEnd - calibrationEnd) / unit.days,
    unit,
    calibrationEnd,
    observationEnd,
  };
}

/**
 * The orders of an event log as transactions (member, day, amount); amounts are left
 * out when no order has one.
 *
 * @example
 * ```ts
 * import { ordersOf } from "./summary.ts";
 * import { EventCode } from "../../log/event_log.ts";
 * const log = {
 *   origin: null, length: 2, member: Int32Array.of(0, 0), day: Int32Array.of(0, 3),
 *   type: Uint8Array.of(EventCode.join, EventCode.order), amount: Float64Array.of(NaN, 5),
 *   stage: Int16Array.of(-1, -1), stages: [], members: { count: 1, ids: null, attributes: {} },
 * };
 * if (ordersOf(log).day.length !== 1) throw new Error("unexpected");
 * ```
 */
export function ordersOf(
  log: EventLog,
): Transactions & { readonly member: Int32Array; readonly day: Int32Array } {
  const rows: number[] = [];
  let priced = false;
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] !== EventCode.order) continue;
    rows.push(i);
    if (!Number.isNaN(log.amount[i])) priced = true;
  }
  return {
    member: Int32Array.from(rows, (i) => log.member[i]),
    day: Int32Array.from(rows, (i) => log.day[i]),
    ...(priced ? { amount: Float64Array.from(rows, (i) => log.amount[i]) } : {}),
  };
}
