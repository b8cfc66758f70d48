/**
 * Lifecycle composition of active members per period, as the "Lifecycle" chart of
 * product-analytics tools (Amplitude, Mixpanel) shows it:
 *
 * - new: active this period for the first time;
 * - returning: active this period and the previous one;
 * - resurrecting: active this period, not the previous one, but active before;
 * - dormant: active the previous period, not this one (shown as a negative bar).
 *
 * Active = events of `activityTypes` (default orders) in the period. Invariants:
 * active(p) = new + returning + resurrecting, and
 * active(p − 1) = returning(p) + dormant(p).
 *
 * @module
 */
import {
  DEFAULT_MEMBER_PERIOD_OPTIONS,
  type EventLog,
  type EventType,
  indexMemberPeriods,
  type PeriodUnit,
} from "../../log/mod.ts";

/** Options of {@link composeLifecycle}. */
export interface CompositionOptions {
  /** Period length. Default `week`. */
  readonly period?: PeriodUnit;
  /** Event types that count as activity. Default `["order"]`. */
  readonly activityTypes?: readonly EventType[];
}

/** Defaults of {@link CompositionOptions}. */
export const DEFAULT_COMPOSITION_OPTIONS = DEFAULT_MEMBER_PERIOD_OPTIONS;

/** Counts of one period. */
export interface CompositionRow {
  readonly period: number;
  readonly label: string;
  /** Whether the period was observed in full (the last one may be partial). */
  readonly complete: boolean;
  readonly active: number;
  readonly new: number;
  readonly returning: number;
  readonly resurrecting: number;
  readonly dormant: number;
  /** (new + resurrecting) / dormant: above 1 the active base grows; null when dormant is 0. */
  readonly quickRatio: number | null;
}

/** Lifecycle composition of a log. */
export interface LifecycleComposition {
  readonly model: "lifecycle-composition";
  readonly period: PeriodUnit;
  readonly rows: readonly CompositionRow[];
}

/**
 * Counts new, returning, resurrecting and dormant members per period.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/mod.ts";
 * import { composeLifecycle } from "./composition.ts";
 * const b = new EventLogBuilder();
 * for (const day of [0, 1, 3]) b.push(0, day, EventCode.order, 5, -1);
 * const c = composeLifecycle(b.build({ count: 1, ids: null, attributes: {} }), { period: "day" });
 * const kinds = c.rows.map((r) => r.new ? "new" : r.returning ? "ret" : r.resurrecting ? "res" : "dorm");
 * if (kinds.join() !== "new,ret,dorm,res") throw new Error(kinds.join());
 * ```
 */
export function composeLifecycle(
  log: EventLog,
  options: CompositionOptions = {},
): LifecycleComposition {
  const o = { ...DEFAULT_COMPOSITION_OPTIONS, ...options };
  const { calendar, offsets, periods } = indexMemberPeriods(log, o);
  const count = calendar.count;
  const fresh = new Float64Array(count), returning = new Float64Array(count);
  const resurrecting = new Float64Array(count), dormant = new Float64Array(count);
  for (let m = 0; m < log.members.count; m++) {
    const from = offsets[m], to = offsets[m + 1];
    if (to === from) continue;
    fresh[periods[from]]++;
    for (let k = from + 1; k < to; k++) {
      const p = periods[k], previous = periods[k - 1];
      if (p === previous + 1) returning[p]++;
      else {
        resurrecting[p]++;
        dormant[previous + 1]++;
      }
    }
    const last = periods[to - 1];
    if (last + 1 < count) dormant[last + 1]++;
  }
  const rows: CompositionRow[] = Array.from({ length: count }, (_, p) => ({
    period: p,
    label: calendar.label(p),
    complete: calendar.complete(p),
    active: fresh[p] + returning[p] + resurrecting[p],
    new: fresh[p],
    returning: returning[p],
    resurrecting: resurrecting[p],
    dormant: dormant[p],
    quickRatio: dormant[p] > 0 ? (fresh[p] + resurrecting[p]) / dormant[p] : null,
  }));
  return Object.freeze({ model: "lifecycle-composition" as const, period: o.period, rows });
}
