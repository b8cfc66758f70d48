/**
 * Churn outcomes that warnings are scored against, in two forms:
 *
 * - `observed` ({@link observedChurn}): the churn days are known, as in a simulated run
 *   (its `churn` events, or the member table's churn day). Every churn day in
 *   [from, to] is a churn to catch, and alerts on days [from, to − horizon] are judged
 *   (later alerts could not yet be followed for `horizon` days).
 * - `holdout` ({@link holdoutChurn}): a real log where churn is only defined by silence:
 *   members with an order on or before `asOf` churn when they place no order in the
 *   holdout (asOf, asOf + holdout]. Their churn day is asOf + 1, the first silent day,
 *   so lead time is counted to the start of the holdout; alerts on days
 *   [asOf + 1 − horizon, asOf] are judged (the snapshot the analyst would act on) and
 *   members without an order by `asOf` are out of scope.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { lastDay } from "../analytics/_members.ts";
import { orderDays } from "./_order_days.ts";

/** How the churn days were obtained. */
export type OutcomeKind = "observed" | "holdout";

/** Churn days per member, and which members and days are in scope. */
export interface ChurnOutcomes {
  /** `observed` churn days, or churn defined by a `holdout` of no orders. */
  readonly kind: OutcomeKind;
  /** Members in the log. */
  readonly memberCount: number;
  /** Offsets into `churnDay`, one per member plus one. */
  readonly start: Int32Array;
  /** Churn days, member by member, sorted. */
  readonly churnDay: Int32Array;
  /** 1 for members in scope, 0 for others (holdout: members with no order by asOf). */
  readonly inScope: Uint8Array;
  /** First day of the evaluation period (observed) or the as-of day minus nothing (holdout: asOf). */
  readonly from: number;
  /** Last day of the evaluation period (observed), or the as-of day (holdout). */
  readonly to: number;
  /** Holdout length in days (0 for observed outcomes). */
  readonly holdout: number;
}

/** Options of {@link observedChurn}. */
export interface ObservedChurnOptions {
  /** First day of evaluation. Default: the first day in the log. */
  readonly from?: number;
  /** Last day of evaluation. Default: the last day in the log. */
  readonly to?: number;
  /**
   * Churn day of each member (-1 for none), e.g. a run's member table; default: the
   * log's `churn` events (which also count a reactivated member's later churns).
   */
  readonly churnDays?: ArrayLike<number>;
}

/**
 * Observed churn days of a simulated run (or any log with `churn` events).
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { observedChurn } from "./outcomes.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 40, EventCode.churn, NaN, -1);
 * const out = observedChurn(b.build({ count: 2, ids: null, attributes: {} }));
 * if (out.churnDay[0] !== 40 || out.start[2] !== 1) throw new Error("unexpected");
 * ```
 */
export function observedChurn(log: EventLog, options: ObservedChurnOptions = {}): ChurnOutcomes {
  const action = "define observed churn";
  const count = log.members.count;
  const perMember: number[][] = Array.from({ length: count }, () => []);
  if (options.churnDays !== undefined) {
    if (options.churnDays.length !== count) {
      throw new RangeError(
        `Cannot ${action}: churnDays has ${options.churnDays.length} entries, expected ${count} (one per member)`,
      );
    }
    for (let m = 0; m < count; m++) {
      if (options.churnDays[m] >= 0) perMember[m].push(options.churnDays[m]);
    }
  } else {
    for (let i = 0; i < log.length; i++) {
      if (log.type[i] === EventCode.churn) perMember[log.member[i]].push(log.day[i]);
    }
  }
  let first = Infinity;
  for (let i = 0; i < log.length; i++) if (log.day[i] < first) first = log.day[i];
  const from = options.from ?? (log.length > 0 ? first : 0);
  const to = options.to ?? lastDay(log, action);
  if (!(Number.isInteger(from) && Number.isInteger(to) && to >= from)) {
    throw new RangeError(
      `Cannot ${action}: period is [${from}, ${to}], expected integer days from ≤ to`,
    );
  }
  const start = new Int32Array(count + 1);
  for (let m = 0; m < count; m++) start[m + 1] = start[m] + perMember[m].length;
  const churnDay = new Int32Array(start[count]);
  for (let m = 0; m < count; m++) churnDay.set(perMember[m].sort((a, b) => a - b), start[m]);
  return Object.freeze({
    kind: "observed" as const,
    memberCount: count,
    start,
    churnDay,
    inScope: new Uint8Array(count).fill(1),
    from,
    to,
    holdout: 0,
  });
}

/** Options of {@link holdoutChurn}. */
export interface HoldoutChurnOptions {
  /** Last day before the holdout: alerts are judged up to it. */
  readonly asOf: number;
  /** Holdout length in days. Default: up to the last day in the log. */
  readonly holdout?: number;
}

/**
 * Churn defined by a holdout of no orders after an as-of day (real logs).
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { holdoutChurn } from "./outcomes.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 1, EventCode.order, 5, -1);
 * b.push(1, 2, EventCode.order, 5, -1);
 * b.push(1, 30, EventCode.order, 5, -1);
 * const out = holdoutChurn(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 10 });
 * if (out.churnDay.join() !== "11" || out.start[1] !== 1) throw new Error("unexpected");
 * ```
 */
export function holdoutChurn(log: EventLog, options: HoldoutChurnOptions): ChurnOutcomes {
  const action = "define holdout churn";
  const { asOf } = options;
  const last = lastDay(log, action);
  const holdout = options.holdout ?? last - asOf;
  if (!Number.isInteger(asOf)) {
    throw new RangeError(`Cannot ${action}: asOf is ${asOf}, expected an integer day`);
  }
  if (!(Number.isInteger(holdout) && holdout > 0)) {
    throw new RangeError(
      `Cannot ${action}: holdout is ${holdout}, expected a positive integer of days`,
    );
  }
  if (asOf + holdout > last) {
    throw new RangeError(
      `Cannot ${action}: the holdout ends on day ${
        asOf + holdout
      } but the log ends on day ${last}; ` +
        `shorten the holdout or move asOf earlier`,
    );
  }
  const count = log.members.count;
  const { start: os, days } = orderDays(log, asOf + holdout);
  const inScope = new Uint8Array(count);
  const start = new Int32Array(count + 1);
  const churned: number[] = [];
  for (let m = 0; m < count; m++) {
    start[m] = churned.length;
    if (os[m] === os[m + 1] || days[os[m]] > asOf) continue;
    inScope[m] = 1;
    // Sorted days: the member is silent in the holdout when its last order is by asOf.
    if (days[os[m + 1] - 1] <= asOf) churned.push(asOf + 1);
  }
  start[count] = churned.length;
  return Object.freeze({
    kind: "holdout" as const,
    memberCount: count,
    start,
    churnDay: Int32Array.from(churned),
    inScope,
    from: asOf,
    to: asOf,
    holdout,
  });
}
