/**
 * Private: each member's days of some event types, sorted, as one compressed column
 * (`days[start[m] .. start[m + 1])` are member m's), built in O(events) plus a sort of
 * each member's own days; order days are distinct (same-day orders are one purchase).
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";

/** Sorted days per member. */
export interface MemberDays {
  /** Offsets into `days`, one per member plus one. */
  readonly start: Int32Array;
  /** Days, member by member. */
  readonly days: Int32Array;
}

/**
 * Sorted days of every member's events of the given type (or types) on or before
 * `until`; with `distinct`, each day once.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { eventDays } from "./_order_days.ts";
 * const b = new EventLogBuilder();
 * b.push(1, 9, EventCode.churn, NaN, -1);
 * b.push(1, 2, EventCode.churn, NaN, -1);
 * const { start, days } = eventDays(b.build({ count: 2, ids: null, attributes: {} }), EventCode.churn);
 * if (days.join() !== "2,9" || start[1] !== 0) throw new Error("unexpected");
 * ```
 */
export function eventDays(
  log: EventLog,
  type: number | readonly number[],
  until = Infinity,
  distinct = false,
): MemberDays {
  const wanted = new Uint8Array(256);
  for (const t of typeof type === "number" ? [type] : type) wanted[t] = 1;
  const count = log.members.count;
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < log.length; i++) {
    if (wanted[log.type[i]] === 1 && log.day[i] <= until) offsets[log.member[i] + 1]++;
  }
  for (let m = 0; m < count; m++) offsets[m + 1] += offsets[m];
  const fill = offsets.slice(0, count);
  const raw = new Int32Array(offsets[count]);
  for (let i = 0; i < log.length; i++) {
    if (wanted[log.type[i]] === 1 && log.day[i] <= until) raw[fill[log.member[i]]++] = log.day[i];
  }
  for (let m = 0; m < count; m++) raw.subarray(offsets[m], offsets[m + 1]).sort();
  if (!distinct) return { start: offsets, days: raw };
  const start = new Int32Array(count + 1);
  let k = 0;
  for (let m = 0; m < count; m++) {
    start[m] = k;
    for (let j = offsets[m]; j < offsets[m + 1]; j++) {
      if (j === offsets[m] || raw[j] !== raw[j - 1]) raw[k++] = raw[j];
    }
  }
  start[count] = k;
  return { start, days: raw.slice(0, k) };
}

/**
 * Distinct sorted order days of every member, orders on or before `until` only.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { orderDays } from "./_order_days.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 9, EventCode.order, 1, -1);
 * b.push(0, 2, EventCode.order, 1, -1);
 * b.push(0, 9, EventCode.order, 1, -1);
 * const { days } = orderDays(b.build({ count: 1, ids: null, attributes: {} }));
 * if (days.join() !== "2,9") throw new Error("unexpected");
 * ```
 */
export function orderDays(log: EventLog, until = Infinity): MemberDays {
  return eventDays(log, EventCode.order, until, true);
}

/**
 * Distinct sorted days on which each member showed activity: orders, and (simulated
 * logs) the day a churned member came back, which restarts the simulator's inactivity
 * clock as an order does.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { activityDays } from "./_order_days.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 2, EventCode.order, 1, -1);
 * b.push(0, 9, EventCode.churn, NaN, -1);
 * b.push(0, 30, EventCode.reactivate, NaN, -1);
 * const { days } = activityDays(b.build({ count: 1, ids: null, attributes: {} }));
 * if (days.join() !== "2,30") throw new Error("unexpected");
 * ```
 */
export function activityDays(log: EventLog, until = Infinity): MemberDays {
  return eventDays(log, [EventCode.order, EventCode.reactivate], until, true);
}
