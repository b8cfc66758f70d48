/**
 * RFM segment migration between two as-of days: how many members moved from each segment
 * at the first day to each segment at the second, with the two states outside the eight
 * segments (`unmatched`: no thesis band; `unscored`: no order yet) so that every member of
 * the log is counted exactly once in each margin.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { checkDay } from "./_checks.ts";
import { type RfmOptions, type RfmResult, scoreRfm } from "./rfm.ts";
import { RFM_SEGMENTS, type RfmSegment } from "./rfm_segments.ts";

/** A migration state: one of the eight segments, `unmatched` or `unscored`. */
export type RfmState = RfmSegment | "unmatched" | "unscored";

/** The states in matrix order: the eight segments, then `unmatched`, then `unscored`. */
export const RFM_STATES: readonly RfmState[] = [...RFM_SEGMENTS, "unmatched", "unscored"];

/** Options of {@link migrateRfm}: the two days and the scoring options used at both. */
export interface RfmMigrationOptions extends Omit<RfmOptions, "asOf"> {
  /** First as-of day. */
  readonly from: number;
  /** Second as-of day, after `from`. */
  readonly to: number;
}

/** Counts of members by (segment at `from`, segment at `to`). */
export interface RfmMigration {
  /** Model name. */
  readonly model: "rfm-migration";
  /** Members counted (every member of the log). */
  readonly n: number;
  /** First as-of day. */
  readonly from: number;
  /** Second as-of day. */
  readonly to: number;
  /** Row and column labels of `counts`. */
  readonly states: readonly RfmState[];
  /** `counts[i][j]`: members in state i at `from` and state j at `to`. */
  readonly counts: readonly (readonly number[])[];
  /** The scoring at `from`. */
  readonly before: RfmResult;
  /** The scoring at `to`. */
  readonly after: RfmResult;
}

/**
 * Scores RFM at two days with the same options and counts segment-to-segment moves.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { migrateRfm } from "./rfm_migration.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 10, -1);
 * b.push(1, 20, EventCode.order, 10, -1);
 * const mig = migrateRfm(b.build({ count: 2, ids: null, attributes: {} }), { from: 5, to: 30 });
 * if (mig.n !== 2) throw new Error("unexpected");
 * ```
 */
export function migrateRfm(log: EventLog, options: RfmMigrationOptions): RfmMigration {
  const action = "compute RFM migration";
  checkDay(action, "from", options.from);
  checkDay(action, "to", options.to);
  if (!(options.to > options.from)) {
    throw new RangeError(
      `Cannot ${action}: to is ${options.to}, expected a day after from (${options.from})`,
    );
  }
  const { from, to, ...scoring } = options;
  const before = scoreRfm(log, { ...scoring, asOf: from });
  const after = scoreRfm(log, { ...scoring, asOf: to });
  const stateBefore = statesOf(before, log.members.count);
  const stateAfter = statesOf(after, log.members.count);
  const index = new Map(RFM_STATES.map((s, i) => [s, i]));
  const counts = RFM_STATES.map(() => new Array<number>(RFM_STATES.length).fill(0));
  for (let m = 0; m < log.members.count; m++) {
    counts[index.get(stateBefore[m])!][index.get(stateAfter[m])!]++;
  }
  return Object.freeze({
    model: "rfm-migration" as const,
    n: log.members.count,
    from,
    to,
    states: RFM_STATES,
    counts: Object.freeze(counts.map((row) => Object.freeze(row))),
    before,
    after,
  });
}

function statesOf(result: RfmResult, count: number): RfmState[] {
  const states = new Array<RfmState>(count).fill("unscored");
  for (let i = 0; i < result.n; i++) states[result.member[i]] = result.segment[i] ?? "unmatched";
  return states;
}
