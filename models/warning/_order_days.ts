/**
 * Private: each member's distinct order days, sorted, as one compressed column
 * (`days[start[m] .. start[m + 1])` are member m's), built in O(events) plus a sort of
 * each member's own days.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";

/** Distinct sorted order days per member. */
export interface OrderDays {
  /** Offsets into `days`, one per member plus one. */
  readonly start: Int32Array;
  /** Order days, member by member. */
  readonly days: Int32Array;
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
export function orderDays(log: EventLog, until = Infinity): OrderDays {
  const count = log.members.count;
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] === EventCode.order && log.day[i] <= until) offsets[log.member[i] + 1]++;
  }
  for (let m = 0; m < count; m++) offsets[m + 1] += offsets[m];
  const fill = offsets.slice(0, count);
  const raw = new Int32Array(offsets[count]);
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] === EventCode.order && log.day[i] <= until) {
      raw[fill[log.member[i]]++] = log.day[i];
    }
  }
  const start = new Int32Array(count + 1);
  let k = 0;
  for (let m = 0; m < count; m++) {
    start[m] = k;
    const own = raw.subarray(offsets[m], offsets[m + 1]).sort();
    for (let j = 0; j < own.length; j++) if (j === 0 || own[j] !== own[j - 1]) raw[k++] = own[j];
  }
  start[count] = k;
  return { start, days: raw.slice(0, k) };
}
