/**
 * Retention matrices by join cohort, in the three conventions product-analytics tools
 * use (Amplitude, Mixpanel):
 *
 * - `classic` (N-period): share of the cohort active in exactly period N after joining;
 * - `unbounded` ("on or after N"): share active in period N or any later observed period;
 * - `bracket`: share active in any period of a custom [a, b) range of periods.
 *
 * The cohort is the period of a member's first event of any type (the join event in
 * simulated logs, the first order in real ones); activity is events of `activityTypes`
 * (default orders). A cell is null when its periods were not observed in full before
 * the last day of data, so right-censored cells never look like churn.
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

/** Retention convention of a matrix. */
export type RetentionMode = "classic" | "unbounded" | "bracket";

/** Options of {@link buildRetentionMatrix}. */
export interface RetentionOptions {
  /** Cohort and column period. Default `week`. */
  readonly period?: PeriodUnit;
  /** Retention convention. Default `classic`. */
  readonly mode?: RetentionMode;
  /** Period ranges [a, b) for `bracket` mode, e.g. `[[1, 2], [2, 4], [4, 8]]`. */
  readonly brackets?: readonly (readonly [number, number])[];
  /** Event types that count as activity. Default `["order"]`. */
  readonly activityTypes?: readonly EventType[];
  /** Columns 0..maxOffset for classic/unbounded. Default: all observable. */
  readonly maxOffset?: number;
}

/** Defaults of {@link RetentionOptions}. */
export const DEFAULT_RETENTION_OPTIONS = {
  ...DEFAULT_MEMBER_PERIOD_OPTIONS,
  mode: "classic",
} as const satisfies RetentionOptions;

/** One cohort row of a retention matrix. */
export interface CohortRow {
  /** Cohort period index and label (its first date, e.g. `1997-01`). */
  readonly period: number;
  readonly label: string;
  /** Members whose first event falls in the period. */
  readonly size: number;
  /** Retained members per column; null where not observed in full. */
  readonly counts: readonly (number | null)[];
  /** counts / size; null where not observed. */
  readonly rates: readonly (number | null)[];
}

/** A retention matrix. */
export interface RetentionMatrix {
  readonly model: "retention";
  readonly mode: RetentionMode;
  readonly period: PeriodUnit;
  /** Column names: `0`, `1`, ... or `[a,b)` for brackets. */
  readonly columns: readonly string[];
  readonly cohorts: readonly CohortRow[];
  /** Per column, retained / size pooled over the cohorts that observed it (null if none). */
  readonly average: readonly (number | null)[];
  /** Members in all cohorts. */
  readonly n: number;
}

/**
 * Builds a retention matrix by join cohort.
 *
 * @example Two members joining in week 0, one back in week 1
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/mod.ts";
 * import { buildRetentionMatrix } from "./cohorts.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 9, -1);
 * b.push(1, 1, EventCode.order, 9, -1);
 * b.push(0, 8, EventCode.order, 9, -1);
 * b.push(1, 20, EventCode.order, 9, -1);
 * const m = buildRetentionMatrix(b.build({ count: 2, ids: null, attributes: {} }));
 * if (m.cohorts[0].rates.join() !== "1,0.5,0.5") throw new Error("unexpected");
 * ```
 */
export function buildRetentionMatrix(
  log: EventLog,
  options: RetentionOptions = {},
): RetentionMatrix {
  const o = { ...DEFAULT_RETENTION_OPTIONS, ...options };
  const index = indexMemberPeriods(log, o);
  const { calendar, offsets, periods, firstPeriod } = index;
  const count = calendar.count;
  const brackets = o.mode === "bracket" ? checkBrackets(o.brackets) : [];
  const maxOffset = Math.min(count - 1, o.maxOffset ?? count - 1);
  const width = o.mode === "bracket" ? brackets.length : maxOffset + 1;
  const size = new Float64Array(count);
  const retained = Array.from({ length: count }, () => new Float64Array(width));
  for (let m = 0; m < log.members.count; m++) {
    const c = firstPeriod[m];
    if (c < 0) continue;
    size[c]++;
    const row = retained[c], from = offsets[m], to = offsets[m + 1];
    if (o.mode === "classic") {
      for (let k = from; k < to; k++) if (periods[k] - c < width) row[periods[k] - c]++;
    } else if (o.mode === "unbounded") {
      if (to > from) {
        for (let n = 0; n <= Math.min(periods[to - 1] - c, width - 1); n++) row[n]++;
      }
    } else {
      brackets.forEach(([a, b], j) => {
        for (let k = from; k < to; k++) {
          const offset = periods[k] - c;
          if (offset >= a && offset < b) {
            row[j]++;
            break;
          }
        }
      });
    }
  }
  // the last period a cell needs in full: N (classic), N..end (unbounded: only N must be full)
  const lastNeeded = (j: number) => o.mode === "bracket" ? brackets[j][1] - 1 : j;
  const cohorts: CohortRow[] = [];
  const pooledHits = new Float64Array(width), pooledSize = new Float64Array(width);
  for (let c = 0; c < count; c++) {
    if (size[c] === 0) continue;
    const counts = Array.from(retained[c], (v, j) => {
      const p = c + lastNeeded(j);
      return p < count && calendar.complete(p) ? v : null;
    });
    counts.forEach((v, j) => {
      if (v !== null) {
        pooledHits[j] += v;
        pooledSize[j] += size[c];
      }
    });
    cohorts.push({
      period: c,
      label: calendar.label(c),
      size: size[c],
      counts,
      rates: counts.map((v) => v === null ? null : v / size[c]),
    });
  }
  return Object.freeze({
    model: "retention" as const,
    mode: o.mode,
    period: o.period,
    columns: o.mode === "bracket"
      ? brackets.map(([a, b]) => `[${a},${b})`)
      : Array.from({ length: width }, (_, j) => String(j)),
    cohorts,
    average: Array.from(pooledHits, (v, j) => pooledSize[j] > 0 ? v / pooledSize[j] : null),
    n: cohorts.reduce((acc, r) => acc + r.size, 0),
  });
}

function checkBrackets(
  brackets: RetentionOptions["brackets"],
): readonly (readonly [number, number])[] {
  if (brackets === undefined || brackets.length === 0) {
    throw new RangeError(
      "Cannot build retention matrix: bracket mode needs brackets, e.g. [[1, 2], [2, 4]]",
    );
  }
  brackets.forEach(([a, b], j) => {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b <= a) {
      throw new RangeError(
        `Cannot build retention matrix: bracket ${j} is [${a}, ${b}), expected integers 0 ≤ a < b`,
      );
    }
  });
  return brackets;
}
