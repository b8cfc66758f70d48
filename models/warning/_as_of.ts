/**
 * Private: the as-of days at which the periodic rules (RFM downgrade, group activity,
 * model score) look at a log: given explicitly, or every `every` days from the first
 * event day + `every` up to the last event day.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";

/**
 * The as-of days of a periodic rule, checked and sorted.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { asOfDays } from "./_as_of.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 1, -1);
 * b.push(0, 95, EventCode.order, 1, -1);
 * const log = b.build({ count: 1, ids: null, attributes: {} });
 * if (asOfDays(log, undefined, 30, "x").join() !== "30,60,90") throw new Error();
 * ```
 */
export function asOfDays(
  log: EventLog,
  explicit: readonly number[] | undefined,
  every: number,
  rule: string,
): number[] {
  if (explicit !== undefined) {
    const bad = explicit.findIndex((d) => !Number.isInteger(d));
    if (bad >= 0) {
      throw new RangeError(
        `Cannot run ${rule}: asOf[${bad}] is ${explicit[bad]}, expected an integer day`,
      );
    }
    return [...new Set(explicit)].sort((a, b) => a - b);
  }
  if (!(Number.isInteger(every) && every > 0)) {
    throw new RangeError(
      `Cannot run ${rule}: every is ${every}, expected a positive integer of days`,
    );
  }
  if (log.length === 0) return [];
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < log.length; i++) {
    if (log.day[i] < first) first = log.day[i];
    if (log.day[i] > last) last = log.day[i];
  }
  const days: number[] = [];
  for (let d = first + every; d <= last; d += every) days.push(d);
  return days;
}
