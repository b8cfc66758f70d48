/**
 * Lifecycle stage labels, the three ways of seed 003 (frameworks.md §2):
 * `threshold` (one metric cut at inflection points), `all` (several metrics; failing any
 * one threshold keeps the member in the earlier stage) and `score` (a weighted "growth
 * value" of several metrics cut into stages).
 *
 * Every member of the log gets exactly one stage (不重不漏): a member's stage is the number
 * of leading thresholds it passes, so the index always lies in 0..stages−1, including for
 * members without orders (their interval and recency are Infinity, never NaN). Checked by
 * a fast-check property in test/models/analytics/labels.test.ts.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { checkDay, checkLevel } from "./_checks.ts";
import { type SummaryRow, wilsonInterval } from "./_interval.ts";
import { acquisitionDays, lastDay } from "./_members.ts";

/** A per-member metric a rule can use. */
export type MemberMetric = "orders" | "amount" | "interval" | "recency" | "tenure";

/** Whether larger (`higher`) or smaller (`lower`) values of a metric mean a later stage. */
export type MetricDirection = "higher" | "lower";

/**
 * Per-member metrics at an as-of day (events after it ignored): `orders` count, order
 * `amount` total (orders without amount count 0), mean repurchase `interval` in days
 * ((last − first order day)/(orders − 1); Infinity below 2 orders), `recency` (days since
 * the last order; Infinity without one) and `tenure` (days since acquisition; 0 when not
 * yet acquired).
 */
export interface MemberMetrics {
  /** As-of day. */
  readonly asOf: number;
  /** Number of members. */
  readonly n: number;
  /** Each metric, one value per member. */
  readonly values: Readonly<Record<MemberMetric, Float64Array>>;
}

/** Thresholds on one metric: passing threshold k moves a member past stage k. */
export interface MetricThresholds {
  /** The metric. */
  readonly metric: MemberMetric;
  /** One threshold per stage boundary, in stage order (stages − 1 of them). */
  readonly thresholds: readonly number[];
  /** Default `lower` for interval and recency, `higher` otherwise. */
  readonly direction?: MetricDirection;
}

/** One weighted term of a growth score. */
export interface ScoreTerm {
  /** The metric. */
  readonly metric: MemberMetric;
  /** Positive weight. */
  readonly weight: number;
  /** Default `lower` for interval and recency, `higher` otherwise. */
  readonly direction?: MetricDirection;
}

/**
 * A staging rule. `score` with `scale: "percentile"` (default) maps each metric to its
 * Hazen percentile (mid-rank + 0.5)/n among members, best = near 1, and the score is the
 * weighted mean in (0, 1); with `scale: "raw"` the score is Σ weight·value (values negated
 * for `lower` metrics). A score is compared with `thresholds` (score ≥ threshold passes);
 * a NaN score passes none.
 */
export type StageRule =
  | {
    readonly method: "threshold";
    readonly stages: readonly string[];
    readonly metric: MetricThresholds;
  }
  | {
    readonly method: "all";
    readonly stages: readonly string[];
    readonly criteria: readonly MetricThresholds[];
  }
  | {
    readonly method: "score";
    readonly stages: readonly string[];
    readonly terms: readonly ScoreTerm[];
    readonly thresholds: readonly number[];
    readonly scale?: "percentile" | "raw";
  };

/** Options of {@link labelStages}. */
export interface LabelOptions {
  /** The staging rule. */
  readonly rule: StageRule;
  /** As-of day of the metrics. Default: the last day in the log. */
  readonly asOf?: number;
  /** Confidence level of the stage-share intervals. Default 0.95. */
  readonly level?: number;
}

/**
 * Defaults of {@link labelStages}.
 *
 * @example
 * ```ts
 * import { LABEL_DEFAULTS } from "./labels.ts";
 * if (LABEL_DEFAULTS.level !== 0.95) throw new Error("unexpected");
 * ```
 */
export const LABEL_DEFAULTS = { level: 0.95 } as const;

/** A stage's share of members, as a summary row. */
export interface StageSummaryRow extends SummaryRow {
  /** Stage name. */
  readonly stage: string;
  /** Members in the stage. */
  readonly members: number;
}

/** One stage per member. */
export interface StageLabels {
  /** Model name. */
  readonly model: "stage-labels";
  /** Members labelled (every member of the log). */
  readonly n: number;
  /** Confidence level of the share intervals. */
  readonly level: number;
  /** The rule's method. */
  readonly method: StageRule["method"];
  /** As-of day. */
  readonly asOf: number;
  /** Stage names. */
  readonly stages: readonly string[];
  /** Stage index of each member. */
  readonly stage: Int32Array;
  /** Growth score of each member (`score` method only). */
  readonly score: Float64Array | null;
  /** Members per stage. */
  readonly counts: readonly number[];
  /** The metrics the rule read. */
  readonly metrics: MemberMetrics;
  /** One row per stage: share of members with a Wilson interval. */
  summary(): StageSummaryRow[];
}

/**
 * Measures the staging metrics of every member at an as-of day.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { measureMembers } from "./labels.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 10, -1);
 * b.push(0, 10, EventCode.order, 20, -1);
 * const m = measureMembers(b.build({ count: 1, ids: null, attributes: {} }), { asOf: 12 });
 * if (m.values.interval[0] !== 10 || m.values.recency[0] !== 2) throw new Error();
 * ```
 */
export function measureMembers(log: EventLog, options: { asOf?: number } = {}): MemberMetrics {
  const action = "measure members";
  const asOf = options.asOf ?? lastDay(log, action);
  checkDay(action, "asOf", asOf);
  const n = log.members.count;
  const orders = new Float64Array(n);
  const amount = new Float64Array(n);
  const first = new Float64Array(n).fill(Infinity);
  const last = new Float64Array(n).fill(-Infinity);
  for (let i = 0; i < log.length; i++) {
    const d = log.day[i];
    if (log.type[i] !== EventCode.order || d > asOf) continue;
    const m = log.member[i];
    orders[m]++;
    if (!Number.isNaN(log.amount[i])) amount[m] += log.amount[i];
    if (d < first[m]) first[m] = d;
    if (d > last[m]) last[m] = d;
  }
  const acquired = acquisitionDays(log);
  const interval = new Float64Array(n);
  const recency = new Float64Array(n);
  const tenure = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    interval[m] = orders[m] >= 2 ? (last[m] - first[m]) / (orders[m] - 1) : Infinity;
    recency[m] = orders[m] >= 1 ? asOf - last[m] : Infinity;
    tenure[m] = acquired[m] <= asOf ? asOf - acquired[m] : 0;
  }
  return { asOf, n, values: { orders, amount, interval, recency, tenure } };
}

/**
 * Labels every member of a log with one lifecycle stage by a rule.
 *
 * @example Seed 003 way 2: orders and repurchase interval must both pass
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { labelStages } from "./labels.ts";
 * const b = new EventLogBuilder();
 * for (const d of [0, 5, 9]) b.push(0, d, EventCode.order, 100, -1);
 * b.push(1, 3, EventCode.order, 100, -1);
 * const labels = labelStages(b.build({ count: 3, ids: null, attributes: {} }), {
 *   rule: {
 *     method: "all",
 *     stages: ["lead", "growth", "mature"],
 *     criteria: [
 *       { metric: "orders", thresholds: [1, 3] },
 *       { metric: "interval", thresholds: [Infinity, 30] },
 *     ],
 *   },
 * });
 * if (labels.stage.join() !== "2,1,0") throw new Error("unexpected");
 * ```
 */
export function labelStages(log: EventLog, options: LabelOptions): StageLabels {
  return assignStages(measureMembers(log, { asOf: options.asOf }), options);
}

/**
 * Labels members from already measured metrics (see {@link measureMembers}).
 *
 * @example
 * ```ts
 * import { assignStages } from "./labels.ts";
 * const orders = Float64Array.of(0, 1, 5);
 * const zero = new Float64Array(3);
 * const metrics = {
 *   asOf: 0, n: 3,
 *   values: { orders, amount: zero, interval: zero, recency: zero, tenure: zero },
 * };
 * const rule = {
 *   method: "threshold" as const,
 *   stages: ["lead", "new", "repeat"],
 *   metric: { metric: "orders" as const, thresholds: [1, 2] },
 * };
 * if (assignStages(metrics, { rule }).stage.join() !== "0,1,2") throw new Error();
 * ```
 */
export function assignStages(
  metrics: MemberMetrics,
  options: Omit<LabelOptions, "asOf">,
): StageLabels {
  const action = "label stages";
  const { rule } = options;
  const level = options.level ?? LABEL_DEFAULTS.level;
  checkLevel(action, level);
  if (rule.stages.length < 1) throw new RangeError(`Cannot ${action}: stages is empty`);
  const n = metrics.n;
  const stage = new Int32Array(n);
  let score: Float64Array | null = null;
  if (rule.method === "threshold" || rule.method === "all") {
    const criteria = rule.method === "threshold" ? [rule.metric] : rule.criteria;
    if (criteria.length === 0) throw new RangeError(`Cannot ${action}: criteria is empty`);
    stage.fill(rule.stages.length - 1);
    for (const c of criteria) {
      const direction = c.direction ?? defaultDirection(c.metric);
      checkThresholds(action, c.metric, c.thresholds, rule.stages.length, direction);
      const values = metrics.values[c.metric];
      // The member keeps the earliest stage any metric allows.
      for (let m = 0; m < n; m++) {
        const s = leadingPasses(values[m], c.thresholds, direction);
        if (s < stage[m]) stage[m] = s;
      }
    }
  } else if (rule.method === "score") {
    checkThresholds(action, "score", rule.thresholds, rule.stages.length, "higher");
    score = growthScore(metrics, rule.terms, rule.scale ?? "percentile", action);
    for (let m = 0; m < n; m++) stage[m] = leadingPasses(score[m], rule.thresholds, "higher");
  } else {
    const method = (rule as { method: string }).method;
    throw new RangeError(
      `Cannot ${action}: method is '${method}', expected threshold, all or score`,
    );
  }
  const counts = new Array<number>(rule.stages.length).fill(0);
  for (let m = 0; m < n; m++) counts[stage[m]]++;
  return Object.freeze({
    model: "stage-labels" as const,
    n,
    level,
    method: rule.method,
    asOf: metrics.asOf,
    stages: rule.stages,
    stage,
    score,
    counts: Object.freeze(counts),
    metrics,
    summary: () =>
      rule.stages.map((name, k) => {
        const [lower, upper] = wilsonInterval(counts[k], n, level);
        const estimate = n > 0 ? counts[k] / n : NaN;
        return {
          name: `share:${name}`,
          estimate,
          lower,
          upper,
          level,
          stage: name,
          members: counts[k],
        };
      }),
  });
}

function defaultDirection(metric: MemberMetric): MetricDirection {
  return metric === "interval" || metric === "recency" ? "lower" : "higher";
}

function leadingPasses(
  value: number,
  thresholds: readonly number[],
  direction: MetricDirection,
): number {
  let k = 0;
  while (
    k < thresholds.length &&
    (direction === "higher" ? value >= thresholds[k] : value <= thresholds[k])
  ) k++;
  return k;
}

function checkThresholds(
  action: string,
  field: string,
  thresholds: readonly number[],
  stages: number,
  direction: MetricDirection,
): void {
  if (thresholds.length !== stages - 1) {
    throw new RangeError(
      `Cannot ${action}: ${field} has ${thresholds.length} thresholds, expected ${
        stages - 1
      } (stages − 1)`,
    );
  }
  for (let k = 1; k < thresholds.length; k++) {
    const ordered = direction === "higher"
      ? thresholds[k] >= thresholds[k - 1]
      : thresholds[k] <= thresholds[k - 1];
    if (!ordered) {
      const order = direction === "higher" ? "non-decreasing" : "non-increasing";
      throw new RangeError(
        `Cannot ${action}: ${field} threshold ${k} is ${thresholds[k]} after ${
          thresholds[k - 1]
        }, expected ${order} thresholds for direction '${direction}'`,
      );
    }
  }
}

function growthScore(
  metrics: MemberMetrics,
  terms: readonly ScoreTerm[],
  scale: "percentile" | "raw",
  action: string,
): Float64Array {
  if (terms.length === 0) throw new RangeError(`Cannot ${action}: terms is empty`);
  const n = metrics.n;
  const score = new Float64Array(n);
  let total = 0;
  for (const t of terms) {
    if (!(t.weight > 0)) {
      throw new RangeError(`Cannot ${action}: weight of ${t.metric} is ${t.weight}, expected > 0`);
    }
    const sign = (t.direction ?? defaultDirection(t.metric)) === "higher" ? 1 : -1;
    const values = Float64Array.from(metrics.values[t.metric], (v) => sign * v);
    const mapped = scale === "percentile" ? percentiles(values) : values;
    for (let m = 0; m < n; m++) score[m] += t.weight * mapped[m];
    total += t.weight;
  }
  if (scale === "percentile") { for (let m = 0; m < n; m++) score[m] /= total; }
  return score;
}

/** Hazen percentiles (mid-rank + 0.5)/n; ties share one value, infinities sort at the ends. */
function percentiles(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i)
    .sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
  const out = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const p = (start + (end - start - 1) / 2 + 0.5) / n;
    for (let k = start; k < end; k++) out[order[k]] = p;
    start = end;
  }
  return out;
}
