/**
 * ARPU per calendar period (frameworks.md §1: "total revenue in the period / users", over
 * 7-day, 14-day or monthly periods): consecutive periods of `periodDays` days from `start`,
 * each with its revenue, the members present (acquired before the period ends and not
 * churned before it starts), the paying members, ARPU = revenue / members present and
 * ARPPU = revenue / paying members. Checked against a hand-computed log in
 * test/models/analytics/economics.test.ts.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { checkDay, checkPositive } from "./_checks.ts";
import { acquisitionDays, lastDay } from "./_members.ts";

/** Options of {@link arpuByPeriod}. */
export interface PeriodArpuOptions {
  /** Period length in days, e.g. 7, 14 or 30 (required: the time unit is never implied). */
  readonly periodDays: number;
  /** First day of the first period. Default: the first day in the log. */
  readonly start?: number;
  /** Last observed day. Default: the last day in the log. */
  readonly asOf?: number;
}

/** One period's revenue and ARPU. */
export interface PeriodArpu {
  /** First day of the period. */
  readonly start: number;
  /** Day after the period's last day. */
  readonly end: number;
  /** Whether the whole period lies on or before `asOf`. */
  readonly complete: boolean;
  /** Order amount in the period. */
  readonly revenue: number;
  /** Members present: acquired before `end`, not churned before `start`. */
  readonly members: number;
  /** Members with an order in the period. */
  readonly paying: number;
  /** revenue / members (NaN when nobody was present). */
  readonly arpu: number;
  /** revenue / paying (NaN when nobody paid). */
  readonly arppu: number;
}

/** ARPU of every period. */
export interface PeriodArpuResult {
  /** Model name. */
  readonly model: "period-arpu";
  /** Members of the log. */
  readonly n: number;
  /** Period length in days. */
  readonly periodDays: number;
  /** The periods, oldest first; the last may be incomplete. */
  readonly periods: readonly PeriodArpu[];
}

/**
 * Computes revenue, members present, ARPU and ARPPU per period of `periodDays` days.
 *
 * @example Two weeks
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { arpuByPeriod } from "./economics_arpu.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 30, -1);
 * b.push(1, 8, EventCode.order, 10, -1);
 * const r = arpuByPeriod(b.build({ count: 2, ids: null, attributes: {} }), {
 *   periodDays: 7, asOf: 13,
 * });
 * if (r.periods[1].arpu !== 5 || r.periods[1].arppu !== 10) throw new Error("unexpected");
 * ```
 */
export function arpuByPeriod(log: EventLog, options: PeriodArpuOptions): PeriodArpuResult {
  const action = "compute ARPU by period";
  checkPositive(action, "periodDays", options.periodDays);
  if (!Number.isInteger(options.periodDays)) {
    throw new RangeError(
      `Cannot ${action}: periodDays is ${options.periodDays}, expected whole days`,
    );
  }
  const asOf = options.asOf ?? lastDay(log, action);
  const acquired = acquisitionDays(log);
  let first = Infinity;
  for (let m = 0; m < acquired.length; m++) if (acquired[m] < first) first = acquired[m];
  const start = options.start ?? first;
  checkDay(action, "start", start);
  checkDay(action, "asOf", asOf);
  if (asOf < start) {
    throw new RangeError(`Cannot ${action}: asOf is ${asOf}, before start ${start}`);
  }
  const p = options.periodDays;
  const count = Math.floor((asOf - start) / p) + 1;
  const revenue = new Float64Array(count);
  const churn = new Float64Array(log.members.count).fill(Infinity);
  const paying = new Int32Array(count);
  // Distinct (period, member) pairs with an order, whatever the event order.
  const paid = new Set<number>();
  for (let i = 0; i < log.length; i++) {
    const d = log.day[i];
    const m = log.member[i];
    if (log.type[i] === EventCode.churn && d < churn[m]) churn[m] = d;
    if (log.type[i] !== EventCode.order || d < start || d > asOf) continue;
    const k = Math.floor((d - start) / p);
    if (!Number.isNaN(log.amount[i])) revenue[k] += log.amount[i];
    const key = k * log.members.count + m;
    if (!paid.has(key)) {
      paid.add(key);
      paying[k]++;
    }
  }
  const present = new Int32Array(count);
  for (let m = 0; m < log.members.count; m++) {
    if (Number.isNaN(acquired[m])) continue;
    for (let k = 0; k < count; k++) {
      const s = start + k * p;
      if (acquired[m] < s + p && !(churn[m] < s)) present[k]++;
    }
  }
  const periods = Array.from({ length: count }, (_, k): PeriodArpu => {
    const s = start + k * p;
    return {
      start: s,
      end: s + p,
      complete: s + p - 1 <= asOf,
      revenue: revenue[k],
      members: present[k],
      paying: paying[k],
      arpu: present[k] > 0 ? revenue[k] / present[k] : NaN,
      arppu: paying[k] > 0 ? revenue[k] / paying[k] : NaN,
    };
  });
  return Object.freeze({
    model: "period-arpu" as const,
    n: log.members.count,
    periodDays: p,
    periods: Object.freeze(periods),
  });
}
