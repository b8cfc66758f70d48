/**
 * Churn outcomes that warnings are scored against, in two forms:
 *
 * - `observed` ({@link observedChurn}): the churn days are known, as in a simulated run
 *   (its `churn` events, and `reactivate` events ending each churned spell). Every
 *   churn day in [from, to] is a churn to catch, and alerts on days [from, to − horizon]
 *   are judged (later alerts could not yet be followed for `horizon` days).
 * - `holdout` ({@link holdoutChurn}): a real log where churn is only defined by silence.
 *   Members active at the as-of day (an order in the `activeWithin` days up to it)
 *   churn when they place no order in the holdout (asOf, asOf + holdout]. Their churn
 *   day is asOf + 1, the first day of the silence the analyst could not yet see, so
 *   lead time is counted to the start of the holdout and alerts on days
 *   [asOf + 1 − horizon, asOf] are judged: the snapshot the analyst would act on.
 *   Members without an order in the active window were already gone (or not yet there)
 *   and are out of scope.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { lastDay } from "../analytics/_members.ts";
import { eventDays, orderDays } from "./_order_days.ts";

/** How the churn days were obtained. */
export type OutcomeKind = "observed" | "holdout";

/** A churned spell that never ended (no reactivation). */
export const NEVER_RETURNED = 2 ** 31 - 1;

/** Churn days per member, and which members and days are in scope. */
export interface ChurnOutcomes {
  /** `observed` churn days, or churn defined by a `holdout` of no orders. */
  readonly kind: OutcomeKind;
  /** Members in the log. */
  readonly memberCount: number;
  /** Offsets into `churnDay` and `returnDay`, one per member plus one. */
  readonly start: Int32Array;
  /** Churn days, member by member, ascending. */
  readonly churnDay: Int32Array;
  /** Day the member came back after each churn, or {@link NEVER_RETURNED}. */
  readonly returnDay: Int32Array;
  /** 1 for members in scope, 0 for others (holdout: members not active at asOf). */
  readonly inScope: Uint8Array;
  /** Members in scope. */
  readonly members: number;
  /** First day of the evaluation period (observed), or the as-of day (holdout). */
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
   * Churn day of each member (-1 for none), e.g. a run's member table (first churns
   * only, treated as final); default: the log's `churn` and `reactivate` events.
   */
  readonly churnDays?: ArrayLike<number>;
}

/**
 * Observed churn days of a simulated run (or any log with `churn` events).
 *
 * @example A member churns on day 40 and comes back on day 70
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { observedChurn } from "./outcomes.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 40, EventCode.churn, NaN, -1);
 * b.push(0, 70, EventCode.reactivate, NaN, -1);
 * const out = observedChurn(b.build({ count: 2, ids: null, attributes: {} }));
 * if (out.churnDay[0] !== 40 || out.returnDay[0] !== 70 || out.start[2] !== 1) throw new Error();
 * ```
 */
export function observedChurn(log: EventLog, options: ObservedChurnOptions = {}): ChurnOutcomes {
  const action = "define observed churn";
  const count = log.members.count;
  let start: Int32Array, churnDay: Int32Array, returnDay: Int32Array;
  if (options.churnDays !== undefined) {
    const given = options.churnDays;
    if (given.length !== count) {
      throw new RangeError(
        `Cannot ${action}: churnDays has ${given.length} entries, expected ${count} (one per member)`,
      );
    }
    start = new Int32Array(count + 1);
    for (let m = 0; m < count; m++) {
      if (!Number.isInteger(given[m])) {
        throw new RangeError(
          `Cannot ${action}: churnDays[${m}] is ${given[m]}, expected an integer day or -1`,
        );
      }
      start[m + 1] = start[m] + (given[m] >= 0 ? 1 : 0);
    }
    churnDay = new Int32Array(start[count]);
    for (let m = 0; m < count; m++) if (given[m] >= 0) churnDay[start[m]] = given[m];
    returnDay = new Int32Array(start[count]).fill(NEVER_RETURNED);
  } else {
    ({ start, days: churnDay } = eventDays(log, EventCode.churn));
    const back = eventDays(log, EventCode.reactivate);
    returnDay = new Int32Array(churnDay.length).fill(NEVER_RETURNED);
    for (let m = 0; m < count; m++) {
      let r = back.start[m];
      for (let k = start[m]; k < start[m + 1]; k++) {
        while (r < back.start[m + 1] && back.days[r] < churnDay[k]) r++;
        const next = k + 1 < start[m + 1] ? churnDay[k + 1] : NEVER_RETURNED;
        // A spell ends at its reactivation, and at the latest when the next churn starts.
        returnDay[k] = r < back.start[m + 1] ? Math.min(back.days[r], next) : next;
      }
    }
  }
  let first = Infinity;
  for (let i = 0; i < log.length; i++) if (log.day[i] < first) first = log.day[i];
  const from = options.from ?? (log.length > 0 ? first : 0);
  const to = options.to ?? lastDay(log, action);
  if (!(Number.isInteger(from) && Number.isInteger(to) && to >= from)) {
    throw new RangeError(
      `Cannot ${action}: period is [${from}, ${to}], expected integer days with from ≤ to`,
    );
  }
  return Object.freeze({
    kind: "observed" as const,
    memberCount: count,
    start,
    churnDay,
    returnDay,
    inScope: new Uint8Array(count).fill(1),
    members: count,
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
  /** Members in scope ordered in (asOf − activeWithin, asOf]. Default: the holdout length. */
  readonly activeWithin?: number;
}

/**
 * Churn defined by a holdout of no orders after an as-of day (real logs): members
 * active in the `activeWithin` days up to `asOf` who are silent through the holdout.
 *
 * @example Member 0 is silent after day 1, member 1 orders again on day 30
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { holdoutChurn } from "./outcomes.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 1, EventCode.order, 5, -1);
 * b.push(1, 2, EventCode.order, 5, -1);
 * b.push(1, 30, EventCode.order, 5, -1);
 * const out = holdoutChurn(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 10 });
 * if (out.churnDay.join() !== "11" || out.start[1] !== 1 || out.members !== 2) throw new Error();
 * ```
 */
export function holdoutChurn(log: EventLog, options: HoldoutChurnOptions): ChurnOutcomes {
  const action = "define holdout churn";
  const { asOf } = options;
  const last = lastDay(log, action);
  if (!Number.isInteger(asOf)) {
    throw new RangeError(`Cannot ${action}: asOf is ${asOf}, expected an integer day`);
  }
  const holdout = options.holdout ?? last - asOf;
  if (!(Number.isInteger(holdout) && holdout > 0)) {
    throw new RangeError(
      `Cannot ${action}: holdout is ${holdout}, expected a positive integer of days` +
        (options.holdout === undefined ? ` (asOf ${asOf} leaves none before day ${last})` : ""),
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
  const activeWithin = options.activeWithin ?? holdout;
  if (!(Number.isInteger(activeWithin) && activeWithin > 0)) {
    throw new RangeError(
      `Cannot ${action}: activeWithin is ${activeWithin}, expected a positive integer of days`,
    );
  }
  const count = log.members.count;
  const { start: os, days } = orderDays(log, asOf + holdout);
  const inScope = new Uint8Array(count);
  const start = new Int32Array(count + 1);
  const churned: number[] = [];
  let members = 0;
  for (let m = 0; m < count; m++) {
    start[m] = churned.length;
    // The member's last order on or before asOf, by a backward walk of its sorted days.
    let k = os[m + 1] - 1;
    while (k >= os[m] && days[k] > asOf) k--;
    if (k < os[m] || days[k] <= asOf - activeWithin) continue;
    inScope[m] = 1;
    members++;
    if (k === os[m + 1] - 1) churned.push(asOf + 1);
  }
  start[count] = churned.length;
  return Object.freeze({
    kind: "holdout" as const,
    memberCount: count,
    start,
    churnDay: Int32Array.from(churned),
    returnDay: new Int32Array(churned.length).fill(NEVER_RETURNED),
    inScope,
    members,
    from: asOf,
    to: asOf,
    holdout,
  });
}
