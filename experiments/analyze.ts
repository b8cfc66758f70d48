/**
 * The analysis of one experiment run from its per-arm sums: the sample-ratio check on
 * randomization units, each metric's test of every treatment arm against the control
 * at the final look (two-proportion z, Welch, delta-method ratio, LTV/CAC by the
 * delta method; cluster-robust on cluster totals for cluster and tree designs),
 * Holm or Benjamini–Hochberg over arms × metrics, guardrails, CUPED with the
 * pre-period covariate, and at every look the mSPRT always-valid test beside a
 * fixed-horizon test read at each look ("peeking").
 *
 * @module
 */
import type { ArmMetricsTable } from "../sim/arm_metrics_table.ts";
import {
  adjustPValues,
  checkSampleRatio,
  compareClusteredMeans,
  compareMeanFunction,
  compareMeans,
  compareMeansWithCuped,
  compareProportions,
  compareRatios,
  type EffectOutcome,
  type JointStats,
  proportionStats,
  type SampleStats,
  sampleVariance,
  testSequentially,
} from "../models/stats/mod.ts";
import type { ExperimentDesign } from "./design.ts";
import {
  combine,
  combineSum,
  CUPED_VARIABLES,
  type LookSums,
  lookSums,
  LTV_CAC_VARIABLES,
  type MetricDefinition,
} from "./metrics.ts";

/** One test of one metric, treatment arm against control: the estimate, or why not. */
export interface EffectRow {
  readonly metric: string;
  /** Treatment arm name. */
  readonly arm: string;
  readonly model: string;
  readonly ok: boolean;
  /** Failure code when not ok (no estimate then: fields are NaN). */
  readonly code: string | null;
  readonly control: number;
  readonly treatment: number;
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly pValue: number;
  /** p-value after the experiment's correction over arms × metrics. */
  readonly adjustedP: number;
  readonly significant: boolean;
  readonly significantAdjusted: boolean;
  /** Guardrail breached: significant in the harmful direction (null: not a guardrail). */
  readonly guardrailBreached: boolean | null;
}

/** CUPED on one metric: adjusted and unadjusted tests on the same members. */
export interface CupedRow {
  readonly metric: string;
  readonly arm: string;
  readonly adjusted: EffectRow;
  readonly unadjusted: EffectRow;
  readonly varianceReduction: number;
}

/** The looks of one metric: when the mSPRT and the peeking fixed-horizon test stop. */
export interface SequentialRow {
  readonly metric: string;
  readonly arm: string;
  /** First look day (experiment days) the mSPRT stops at, or null. */
  readonly stoppedDay: number | null;
  /** First look day the fixed-horizon test has p < α, or null. */
  readonly peekingDay: number | null;
  /**
   * The confidence sequence's interval at the final look, on the difference of means.
   * Metrics accumulate over the experiment (orders per member grow), so the effect drifts
   * between looks and the running intersection would assume it does not: the final
   * look's own interval is the one that covers the final effect.
   */
  readonly lower: number;
  readonly upper: number;
}

/** Everything one run's analysis found. */
export interface RunAnalysis {
  /** Randomization units per arm (members, groups or trees) and the χ² check. */
  readonly srm: {
    readonly units: readonly number[];
    readonly pValue: number;
    readonly alarm: boolean;
  };
  readonly effects: readonly EffectRow[];
  readonly cuped: readonly CupedRow[];
  readonly sequential: readonly SequentialRow[];
}

/**
 * Analyses one run of an experiment.
 *
 * @param design the resolved experiment
 * @param table the run's arm metrics (`simulate(..., { record: { armMetrics } })`)
 * @example
 * ```ts
 * import { analyzeRun, designExperiment, parseExperiment } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * import { simulate } from "../sim/run.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 30, members: 2000, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const run = await simulate(design.scenario, {
 *   arms: design.arms, workers: 1, record: { armMetrics: design.collect },
 * });
 * const analysis = analyzeRun(design, run.armMetrics!);
 * if (analysis.effects[0].metric !== "orders") throw new Error("unexpected");
 * ```
 */
export function analyzeRun(design: ExperimentDesign, table: ArmMetricsTable): RunAnalysis {
  const { analysis } = design.experiment;
  const last = design.horizon;
  const A = design.arms.length;
  const clustered = design.clustered;
  const at = (arm: number, day: number, c = clustered) => lookSums(table, arm, day, c);
  const units = design.arms.map((_, a) => at(a, last).units);
  const srm = checkSampleRatio(units, { weights: design.arms.map((a) => a.weight) });
  const raw: { metric: MetricDefinition; arm: number; outcome: EffectOutcome }[] = [];
  for (const metric of design.metrics) {
    for (let arm = 1; arm < A; arm++) {
      raw.push({ metric, arm, outcome: testMetric(metric, at(0, last), at(arm, last), design) });
    }
  }
  const okIndex = raw.flatMap((r, i) => (r.outcome.ok ? [i] : []));
  const adjusted = new Map<number, number>();
  if (analysis.correction !== "none") {
    const p = adjustPValues(okIndex.map((i) => (raw[i].outcome as { pValue: number }).pValue), {
      method: analysis.correction,
    });
    okIndex.forEach((i, k) => adjusted.set(i, p[k]));
  }
  const effects = raw.map((r, i) => {
    const guardrail = design.experiment.guardrails.find((g) => g.metric === r.metric.name);
    return effectRow(
      r.metric.name,
      design.arms[r.arm].name,
      r.outcome,
      analysis.alpha,
      adjusted.get(i),
      guardrail?.harm,
    );
  });
  return {
    srm: srm.ok
      ? { units, pValue: srm.pValue, alarm: srm.alarm }
      : { units, pValue: NaN, alarm: false },
    effects,
    cuped: design.preDays > 0 ? cupedRows(design, (arm) => at(arm, last, false)) : [],
    sequential: analysis.sequential && !clustered ? sequentialRows(design, table) : [],
  };
}

/**
 * The test of a metric between two arms' sums, on the experiment's scale: the
 * two-proportion z-test, Welch's t-test, the delta method for ratios and LTV/CAC, or
 * cluster-robust errors on cluster totals.
 *
 * @example
 * ```ts
 * import { defineMetric, testMetric } from "./mod.ts";
 * const arm = (active: number) => ({
 *   units: 1000, sum: (v: string) => (v === "members" ? 1000 : active), product: () => NaN,
 * });
 * const design = { clustered: false, experiment: { analysis: { scale: "absolute", alpha: 0.05 } } };
 * const r = testMetric(defineMetric("activation"), arm(300), arm(360), design as never);
 * if (!r.ok || Math.abs(r.estimate - 0.06) > 1e-12) throw new Error("unexpected");
 * ```
 */
export function testMetric(
  metric: MetricDefinition,
  control: LookSums,
  treatment: LookSums,
  design: Pick<ExperimentDesign, "clustered" | "experiment">,
): EffectOutcome {
  const options = {
    scale: design.experiment.analysis.scale,
    level: 1 - design.experiment.analysis.alpha,
  };
  if (metric.kind === "ltv_cac") {
    const moments = (s: LookSums) => ({
      n: s.units,
      sums: LTV_CAC_VARIABLES.map((v) => s.sum(v)),
      products: LTV_CAC_VARIABLES.flatMap((a) => LTV_CAC_VARIABLES.map((b) => s.product(a, b))),
    });
    return compareMeanFunction(moments(control), moments(treatment), LTV_CAC, options);
  }
  const x = metric.denominator;
  if (design.clustered || metric.kind === "ratio") {
    const joint = (s: LookSums): JointStats => {
      const y = combine(s, metric.numerator, x);
      return {
        n: s.units,
        y: { sum: y.sum, sumSquares: y.sumSquares },
        x: { sum: s.sum(x), sumSquares: s.product(x, x) },
        sumProducts: y.sumProducts,
      };
    };
    if (metric.kind === "ratio") return compareRatios(joint(control), joint(treatment), options);
    return compareClusteredMeans(joint(control), joint(treatment), options);
  }
  if (metric.kind === "proportion") {
    const counts = (s: LookSums) => ({ n: s.sum(x), sum: combineSum(s, metric.numerator) });
    return compareProportions(counts(control), counts(treatment), options);
  }
  return compareMeans(meanStats(metric, control), meanStats(metric, treatment), options);
}

/** LTV/CAC = (revenue / churns) / (cost / new) = μ_r μ_n / (μ_ch μ_c), cents cancelling. */
const LTV_CAC = {
  value: (m: ArrayLike<number>) => (m[0] * m[3]) / (m[1] * m[2]),
  gradient: (m: ArrayLike<number>, out: Float64Array) => {
    const f = (m[0] * m[3]) / (m[1] * m[2]);
    out[0] = f / m[0];
    out[1] = -f / m[1];
    out[2] = -f / m[2];
    out[3] = f / m[3];
  },
};

function meanStats(metric: MetricDefinition, s: LookSums): SampleStats {
  const y = combine(s, metric.numerator);
  return { n: s.units, sum: y.sum, sumSquares: y.sumSquares };
}

function effectRow(
  metric: string,
  arm: string,
  outcome: EffectOutcome,
  alpha: number,
  adjustedP: number | undefined,
  harm: "decrease" | "increase" | undefined,
): EffectRow {
  if (!outcome.ok) {
    return {
      metric,
      arm,
      model: outcome.model,
      ok: false,
      code: outcome.code,
      control: NaN,
      treatment: NaN,
      estimate: NaN,
      se: NaN,
      lower: NaN,
      upper: NaN,
      pValue: NaN,
      adjustedP: NaN,
      significant: false,
      significantAdjusted: false,
      guardrailBreached: harm === undefined ? null : false,
    };
  }
  const p = adjustedP ?? outcome.pValue;
  const significant = outcome.pValue < alpha;
  return {
    metric,
    arm,
    model: outcome.model,
    ok: true,
    code: null,
    control: outcome.control.mean,
    treatment: outcome.treatment.mean,
    estimate: outcome.estimate,
    se: outcome.se,
    lower: outcome.lower,
    upper: outcome.upper,
    pValue: outcome.pValue,
    adjustedP: p,
    significant,
    significantAdjusted: p < alpha,
    guardrailBreached: harm === undefined
      ? null
      : significant && (harm === "decrease" ? outcome.estimate < 0 : outcome.estimate > 0),
  };
}

function cupedRows(design: ExperimentDesign, at: (arm: number) => LookSums): CupedRow[] {
  const { analysis } = design.experiment;
  const options = { scale: analysis.scale, level: 1 - analysis.alpha };
  const rows: CupedRow[] = [];
  for (const name of analysis.cuped?.metrics ?? []) {
    const [post, pre, c] = CUPED_VARIABLES[name];
    const joint = (s: LookSums): JointStats => ({
      n: s.sum("initial"),
      y: { sum: c * s.sum(post), sumSquares: c * c * s.product(post, post) },
      x: { sum: c * s.sum(pre), sumSquares: c * c * s.product(pre, pre) },
      sumProducts: c * c * s.product(post, pre),
    });
    const sample = (j: JointStats): SampleStats => ({ n: j.n, ...j.y });
    for (let arm = 1; arm < design.arms.length; arm++) {
      const control = joint(at(0)), treatment = joint(at(arm));
      const adjusted = compareMeansWithCuped(control, treatment, options);
      const plain = compareMeans(sample(control), sample(treatment), options);
      const armName = design.arms[arm].name;
      rows.push({
        metric: name,
        arm: armName,
        adjusted: effectRow(name, armName, adjusted, analysis.alpha, undefined, undefined),
        unadjusted: effectRow(name, armName, plain, analysis.alpha, undefined, undefined),
        varianceReduction: adjusted.ok ? adjusted.varianceReduction : NaN,
      });
    }
  }
  return rows;
}

function sequentialRows(design: ExperimentDesign, table: ArmMetricsTable): SequentialRow[] {
  const { analysis } = design.experiment;
  const rows: SequentialRow[] = [];
  for (const metric of design.metrics) {
    if (metric.kind !== "mean" && metric.kind !== "proportion") continue;
    const stats = (arm: number, day: number): SampleStats => {
      const s = lookSums(table, arm, day, false);
      if (metric.kind === "mean") return meanStats(metric, s);
      return proportionStats(s.sum(metric.denominator), combineSum(s, metric.numerator));
    };
    for (let arm = 1; arm < design.arms.length; arm++) {
      // Looks before both arms have two units and some variation (a window not yet
      // observed, no order yet) carry no information and are skipped.
      const looks = design.looks.map((day) => ({
        day,
        control: stats(0, day),
        treatment: stats(arm, day),
      }))
        .filter((l) =>
          l.control.n >= 2 && l.treatment.n >= 2 &&
          sampleVariance(l.control) + sampleVariance(l.treatment) > 0
        );
      let peekingDay: number | null = null;
      for (const look of looks) {
        const fixed = metric.kind === "mean"
          ? compareMeans(look.control, look.treatment)
          : compareProportions(look.control, look.treatment);
        if (fixed.ok && fixed.pValue < analysis.alpha) {
          peekingDay = look.day - design.preDays;
          break;
        }
      }
      const sequential = looks.length > 0
        ? testSequentially(looks, { alpha: analysis.alpha, mixingVariance: design.mixingVariance })
        : null;
      const ok = sequential?.ok === true ? sequential : null;
      rows.push({
        metric: metric.name,
        arm: design.arms[arm].name,
        stoppedDay: ok?.stoppedAt ? looks[ok.stoppedAt - 1].day - design.preDays : null,
        peekingDay,
        lower: ok ? ok.looks[ok.looks.length - 1].lookLower : NaN,
        upper: ok ? ok.looks[ok.looks.length - 1].lookUpper : NaN,
      });
    }
  }
  return rows;
}
