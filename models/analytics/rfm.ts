/**
 * RFM scoring and segmentation (frameworks.md §3): recency, frequency and monetary value
 * per member at an as-of day, 1–5 quantile scores, the eight segments by high/low of R,
 * F and M (split by score, mean or median) or by the thesis threshold bands.
 *
 * Scores use mid-ranks (pandas `rank(method="average")`): a member's score is
 * `1 + floor(5·(below + (tied − 1)/2) / n)` where `below` counts members strictly worse
 * and `tied` members with the same value (itself included), so ties share one score and
 * the scores do not depend on the order of members or events. Checked against hand-computed
 * logs in test/models/analytics/rfm.test.ts.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { checkDay, checkLevel, checkPositive } from "./_checks.ts";
import { type SummaryRow, wilsonInterval } from "./_interval.ts";
import { lastDay } from "./_members.ts";
import {
  matchThesisBand,
  RFM_SEGMENT_INFO,
  RFM_SEGMENTS,
  type RfmSegment,
  segmentOfLevels,
  THESIS_BANDS,
  type ThesisBand,
} from "./rfm_segments.ts";

/**
 * How members are put into segments: `quantile` (high when the 1–5 score ≥ `highScore`),
 * `mean` or `median` (high when strictly better than the split value; R better means
 * fewer days), or `thesis` (the thesis bands on monthly amount and days since last order).
 */
export type RfmMode = "quantile" | "mean" | "median" | "thesis";

/** Options of {@link scoreRfm}. */
export interface RfmOptions {
  /** Day at which recency is measured; events after it are ignored. Default: last day in the log. */
  readonly asOf?: number;
  /** Days counted for frequency and monetary: (asOf − window, asOf]. Default 365. */
  readonly window?: number;
  /** Segmentation mode. Default `median`. */
  readonly mode?: RfmMode;
  /** In `quantile` mode, the lowest score counted high. Default 4 (the top two quintiles). */
  readonly highScore?: number;
  /** In `thesis` mode, the bands tried in order. Default {@link THESIS_BANDS}. */
  readonly thesisBands?: readonly ThesisBand[];
  /** In `thesis` mode, the days of the "monthly" amount: (asOf − monthDays, asOf]. Default 30. */
  readonly monthDays?: number;
  /** Confidence level of the segment-share intervals. Default 0.95. */
  readonly level?: number;
}

/**
 * Defaults of {@link scoreRfm}.
 *
 * @example
 * ```ts
 * import { RFM_DEFAULTS } from "./rfm.ts";
 * if (RFM_DEFAULTS.window !== 365) throw new Error("unexpected");
 * ```
 */
export const RFM_DEFAULTS = {
  window: 365,
  mode: "median" as RfmMode,
  highScore: 4,
  thesisBands: THESIS_BANDS,
  monthDays: 30,
  level: 0.95,
} as const;

/** A segment's row in {@link RfmResult.summary}: its share of scored members with interval. */
export interface RfmSummaryRow extends SummaryRow {
  /** Segment key. */
  readonly segment: RfmSegment;
  /** English label. */
  readonly en: string;
  /** Chinese label. */
  readonly zh: string;
  /** Members in the segment. */
  readonly members: number;
  /** Recommended strategy. */
  readonly strategy: string;
}

/** Recency, frequency, monetary, scores and segment of every member who ordered by `asOf`. */
export interface RfmResult {
  /** Model name. */
  readonly model: "rfm";
  /** Members scored (those with an order on or before `asOf`). */
  readonly n: number;
  /** Confidence level of the share intervals. */
  readonly level: number;
  /** As-of day. */
  readonly asOf: number;
  /** Window length in days. */
  readonly window: number;
  /** Segmentation mode. */
  readonly mode: RfmMode;
  /** Member index (into the log's member table) of each scored row. */
  readonly member: Int32Array;
  /** Days since the last order. */
  readonly recency: Int32Array;
  /** Orders in the window. */
  readonly frequency: Int32Array;
  /** Order amount in the window (orders without an amount count 0). */
  readonly monetary: Float64Array;
  /** Order amount in the last `monthDays` days (the thesis "monthly amount"). */
  readonly monthlyAmount: Float64Array;
  /** 1–5 scores; 5 is the most recent, most frequent, highest spending. */
  readonly scores: {
    readonly recency: Uint8Array;
    readonly frequency: Uint8Array;
    readonly monetary: Uint8Array;
  };
  /** Split values of the `mean` and `median` modes, null otherwise. */
  readonly splits: {
    readonly recency: number;
    readonly frequency: number;
    readonly monetary: number;
  } | null;
  /** Segment of each scored row; null when no thesis band matched. */
  readonly segment: readonly (RfmSegment | null)[];
  /** Members per segment. */
  readonly counts: Readonly<Record<RfmSegment, number>>;
  /** Scored members that matched no thesis band (0 outside `thesis` mode). */
  readonly unmatched: number;
  /** Members of the log without an order on or before `asOf`, not scored. */
  readonly unscored: number;
  /** One row per segment: share of scored members with a Wilson interval. */
  summary(): RfmSummaryRow[];
}

/**
 * Scores every member's recency, frequency and monetary value and assigns segments.
 *
 * @example Two members, median split
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { scoreRfm } from "./rfm.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 1, EventCode.order, 50, -1);
 * b.push(1, 8, EventCode.order, 500, -1);
 * b.push(1, 9, EventCode.order, 500, -1);
 * const rfm = scoreRfm(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 10 });
 * if (rfm.segment[1] !== "important-value" || rfm.recency[0] !== 9) throw new Error();
 * ```
 */
export function scoreRfm(log: EventLog, options: RfmOptions = {}): RfmResult {
  const action = "score RFM";
  const o = { ...RFM_DEFAULTS, ...options };
  const asOf = options.asOf ?? lastDay(log, action);
  checkDay(action, "asOf", asOf);
  checkPositive(action, "window", o.window);
  checkPositive(action, "monthDays", o.monthDays);
  checkLevel(action, o.level);
  if (!(o.highScore >= 1 && o.highScore <= 5)) {
    throw new RangeError(`Cannot ${action}: highScore is ${o.highScore}, expected 1 to 5`);
  }
  const count = log.members.count;
  const last = new Float64Array(count).fill(-Infinity);
  const freq = new Int32Array(count);
  const money = new Float64Array(count);
  const monthly = new Float64Array(count);
  for (let i = 0; i < log.length; i++) {
    const d = log.day[i];
    if (log.type[i] !== EventCode.order || d > asOf) continue;
    const m = log.member[i];
    if (d > last[m]) last[m] = d;
    const amount = Number.isNaN(log.amount[i]) ? 0 : log.amount[i];
    if (d > asOf - o.window) {
      freq[m]++;
      money[m] += amount;
    }
    if (d > asOf - o.monthDays) monthly[m] += amount;
  }
  const scored: number[] = [];
  for (let m = 0; m < count; m++) if (last[m] > -Infinity) scored.push(m);
  const n = scored.length;
  const member = Int32Array.from(scored);
  const recency = Int32Array.from(scored, (m) => asOf - last[m]);
  const frequency = Int32Array.from(scored, (m) => freq[m]);
  const monetary = Float64Array.from(scored, (m) => money[m]);
  const monthlyAmount = Float64Array.from(scored, (m) => monthly[m]);
  const scores = {
    recency: quintileScores(Float64Array.from(recency, (r) => -r)),
    frequency: quintileScores(Float64Array.from(frequency)),
    monetary: quintileScores(monetary),
  };
  let splits: RfmResult["splits"] = null;
  const segment = new Array<RfmSegment | null>(n);
  if (o.mode === "thesis") {
    for (let i = 0; i < n; i++) {
      segment[i] = matchThesisBand(o.thesisBands, monthlyAmount[i], recency[i], frequency[i]);
    }
  } else if (o.mode === "quantile") {
    const h = o.highScore;
    for (let i = 0; i < n; i++) {
      segment[i] = segmentOfLevels(
        scores.recency[i] >= h,
        scores.frequency[i] >= h,
        scores.monetary[i] >= h,
      );
    }
  } else if (o.mode === "mean" || o.mode === "median") {
    if (n === 0) throw new RangeError(`Cannot ${action}: no member has an order by day ${asOf}`);
    const centre = o.mode === "mean" ? mean : median;
    splits = { recency: centre(recency), frequency: centre(frequency), monetary: centre(monetary) };
    for (let i = 0; i < n; i++) {
      segment[i] = segmentOfLevels(
        recency[i] < splits.recency,
        frequency[i] > splits.frequency,
        monetary[i] > splits.monetary,
      );
    }
  } else {
    throw new RangeError(
      `Cannot ${action}: mode is '${o.mode}', expected quantile, mean, median or thesis`,
    );
  }
  const counts = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, 0])) as Record<RfmSegment, number>;
  let unmatched = 0;
  for (const s of segment) s === null ? unmatched++ : counts[s]++;
  const level = o.level;
  return Object.freeze({
    model: "rfm" as const,
    n,
    level,
    asOf,
    window: o.window,
    mode: o.mode,
    member,
    recency,
    frequency,
    monetary,
    monthlyAmount,
    scores,
    splits,
    segment: Object.freeze(segment),
    counts: Object.freeze(counts),
    unmatched,
    unscored: count - n,
    summary: () =>
      RFM_SEGMENTS.map((s) => {
        const [lower, upper] = wilsonInterval(counts[s], n, level);
        const info = RFM_SEGMENT_INFO[s];
        return {
          name: `share:${s}`,
          estimate: n > 0 ? counts[s] / n : NaN,
          lower,
          upper,
          level,
          segment: s,
          en: info.en,
          zh: info.zh,
          members: counts[s],
          strategy: info.strategy,
        };
      }),
  });
}

/**
 * 1–5 scores of values where larger is better, by mid-rank: ties share a score and the
 * result does not depend on the order of the values.
 *
 * @example
 * ```ts
 * import { quintileScores } from "./rfm.ts";
 * const s = quintileScores(Float64Array.of(10, 20, 30, 40, 50));
 * if (s.join() !== "1,2,3,4,5") throw new Error("unexpected");
 * ```
 */
export function quintileScores(values: Float64Array): Uint8Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Uint8Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const midRank = start + (end - start - 1) / 2;
    const score = 1 + Math.floor((5 * midRank) / n);
    for (let k = start; k < end; k++) out[order[k]] = score;
    start = end;
  }
  return out;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
