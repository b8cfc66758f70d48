/**
 * Private per-member helpers shared by the analytics models: acquisition day, order
 * totals up to a day, and categorical attribute labels.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";

/**
 * Acquisition day of each member: the first `join` event, or the first event of any
 * type when the member has no `join` (real order logs have none); NaN without events.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { acquisitionDays } from "./_members.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 4, EventCode.order, 10, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const days = acquisitionDays(log);
 * if (days[0] !== 4 || !Number.isNaN(days[1])) throw new Error("unexpected");
 * ```
 */
export function acquisitionDays(log: EventLog): Float64Array {
  const join = new Float64Array(log.members.count).fill(NaN);
  const first = new Float64Array(log.members.count).fill(NaN);
  for (let i = 0; i < log.length; i++) {
    const m = log.member[i];
    const d = log.day[i];
    if (!(first[m] <= d)) first[m] = d;
    if (log.type[i] === EventCode.join && !(join[m] <= d)) join[m] = d;
  }
  for (let m = 0; m < join.length; m++) if (Number.isNaN(join[m])) join[m] = first[m];
  return join;
}

/**
 * Label of a categorical member attribute for each member; `missing` where the code is
 * -1. Throws a RangeError naming the attribute when the log has no such column.
 *
 * @example
 * ```ts
 * import { attributeLabels } from "./_members.ts";
 * const members = {
 *   count: 2, ids: null,
 *   attributes: { channel: { codes: Int32Array.of(0, -1), labels: ["ads"] } },
 * };
 * const labels = attributeLabels(members, "channel", "count by channel", "(none)");
 * if (labels[1] !== "(none)") throw new Error("unexpected");
 * ```
 */
export function attributeLabels(
  members: EventLog["members"],
  name: string,
  action: string,
  missing: string,
): string[] {
  const column = members.attributes[name];
  if (column === undefined) {
    const known = Object.keys(members.attributes).join(", ") || "none";
    throw new RangeError(
      `Cannot ${action}: the log has no member attribute '${name}' (attributes: ${known})`,
    );
  }
  const out = new Array<string>(members.count);
  for (let m = 0; m < members.count; m++) {
    const code = column.codes[m];
    out[m] = code < 0 ? missing : column.labels[code];
  }
  return out;
}

/**
 * The last day of any event in the log, the default as-of day of the models; throws
 * when the log is empty.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { lastDay } from "./_members.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 9, EventCode.order, 1, -1);
 * if (lastDay(b.build({ count: 1, ids: null, attributes: {} }), "score RFM") !== 9) throw new Error();
 * ```
 */
export function lastDay(log: EventLog, action: string): number {
  if (log.length === 0) throw new RangeError(`Cannot ${action}: the event log is empty`);
  let max = -Infinity;
  for (let i = 0; i < log.length; i++) if (log.day[i] > max) max = log.day[i];
  return max;
}
