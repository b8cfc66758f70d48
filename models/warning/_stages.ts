/**
 * Private: each member's stage through time, from the events that carry one (join,
 * stage, churn and reactivate rows of a simulated log), so a rule can ask which stage a
 * member was in at the end of a day. Events of one member on the same day are taken in
 * log order, as a simulated log records them.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";

/** Stage entries per member, sorted by day then log order. */
export interface StageTimeline {
  /** Offsets into `day` and `stage`, one per member plus one. */
  readonly start: Int32Array;
  /** Day of each stage entry. */
  readonly day: Int32Array;
  /** Stage index entered, into the log's `stages`. */
  readonly stage: Int16Array;
}

/**
 * The stage timeline of a log.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { stageAt, stageTimeline } from "./_stages.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, 0);
 * b.push(0, 14, EventCode.stage, NaN, 1);
 * const t = stageTimeline(b.build({ count: 1, ids: null, attributes: {} }, { stages: ["a", "b"] }));
 * if (stageAt(t, 0, 13) !== 0 || stageAt(t, 0, 14) !== 1) throw new Error("unexpected");
 * ```
 */
export function stageTimeline(log: EventLog): StageTimeline {
  const count = log.members.count;
  const start = new Int32Array(count + 1);
  for (let i = 0; i < log.length; i++) if (log.stage[i] >= 0) start[log.member[i] + 1]++;
  for (let m = 0; m < count; m++) start[m + 1] += start[m];
  const fill = start.slice(0, count);
  const index = new Int32Array(start[count]);
  for (let i = 0; i < log.length; i++) if (log.stage[i] >= 0) index[fill[log.member[i]]++] = i;
  // Each member's entries in log order already; a stable sort by day keeps same-day order.
  for (let m = 0; m < count; m++) {
    let sorted = true;
    for (let j = start[m] + 1; j < start[m + 1] && sorted; j++) {
      sorted = log.day[index[j - 1]] <= log.day[index[j]];
    }
    if (sorted) continue;
    const own = Array.from(index.subarray(start[m], start[m + 1]));
    own.sort((a, b) => log.day[a] - log.day[b] || a - b);
    index.set(own, start[m]);
  }
  return {
    start,
    day: Int32Array.from(index, (i) => log.day[i]),
    stage: Int16Array.from(index, (i) => log.stage[i]),
  };
}

/**
 * The stage member m was in at the end of `day`, or -1 before its first stage entry.
 *
 * @example
 * ```ts
 * import { stageAt } from "./_stages.ts";
 * const t = { start: Int32Array.of(0, 2), day: Int32Array.of(0, 5), stage: Int16Array.of(0, 2) };
 * if (stageAt(t, 0, 4) !== 0 || stageAt(t, 0, 5) !== 2) throw new Error("unexpected");
 * ```
 */
export function stageAt(timeline: StageTimeline, m: number, day: number): number {
  let lo = timeline.start[m], hi = timeline.start[m + 1];
  // The first entry after `day`; the one before it is the stage at the end of `day`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline.day[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo > timeline.start[m] ? timeline.stage[lo - 1] : -1;
}
