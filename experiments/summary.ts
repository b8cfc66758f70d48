/**
 * What R replications of an experiment say about its analysis, each estimate checked
 * against the simulator's truth: per metric and treatment arm the true effect, the mean
 * estimate and its bias, the spread of estimates against the reported standard errors,
 * power (share significant), the false-positive rate when the true effect is exactly 0
 * (A/A), confidence-interval coverage, and guardrail breaches; for sequential analyses
 * the mSPRT's rejection rate, the peeking fixed-horizon test's, confidence-sequence
 * coverage and the stopping-time distribution; CUPED against the plain test; and the
 * sample-ratio alarm rate. Each rate comes with the 99% binomial band its nominal value
 * allows at R replications, so "is 6.1% fine at α = 5%?" is answered, not eyeballed.
 *
 * @module
 */
import { binomialBand } from "../models/stats/binomial_band.ts";
import type { CupedRow, EffectRow } from "./analyze.ts";
import type { ExperimentDesign } from "./design.ts";
import type { ReplicationResult } from "./replication.ts";
import type { TrueEffect, Truth } from "./truth.ts";
import { sortedQuantile } from "../models/stats/sample_stats.ts";

/** A rate over replications and the 99% band its nominal value allows. */
export interface CheckedRate {
  readonly rate: number;
  /** The nominal value (α for false positives, 1 − α for coverage). */
  readonly nominal: number;
  /** 99% binomial band around the nominal value at this many replications. */
  readonly band: readonly [number, number];
  /** Whether the rate lies in the band (for false positives: at or below its top). */
  readonly ok: boolean;
}

/** One metric and treatment arm over the replications. */
export interface EffectSummary {
  readonly metric: string;
  readonly arm: string;
  /** Whether the metric is a guardrail. */
  readonly guardrail: boolean;
  /** Replications with an estimate, and without (e.g. no churn yet for LTV). */
  readonly replications: number;
  readonly failures: number;
  /** The true effect on the analysis scale, and its Monte Carlo standard error. */
  readonly trueEffect: number;
  readonly trueEffectSe: number;
  readonly meanEstimate: number;
  /** Mean estimate − true effect. */
  readonly bias: number;
  /** Standard deviation of the estimates over replications. */
  readonly empiricalSe: number;
  /** Mean of the reported standard errors (≈ empiricalSe when they are honest). */
  readonly meanSe: number;
  /** Mean interval bounds. */
  readonly meanLower: number;
  readonly meanUpper: number;
  /** Share of replications with p < α. */
  readonly power: number;
  /** Share with the corrected p-value < α. */
  readonly powerAdjusted: number;
  /** When the true effect is exactly 0 (A/A): the share significant, checked against α. */
  readonly falsePositiveRate: CheckedRate | null;
  /** Share of intervals containing the true effect, checked against 1 − α. */
  readonly coverage: CheckedRate;
  /** Share of replications breaching the guardrail (null: not a guardrail). */
  readonly guardrailBreachRate: number | null;
}

/** The sequential analysis of one metric and arm over the replications. */
export interface SequentialSummary {
  readonly metric: string;
  readonly arm: string;
  readonly replications: number;
  /** Looks (experiment days) analysed. */
  readonly looks: readonly number[];
  /** True difference of means (treatment − control), the sequential test's scale. */
  readonly trueDifference: number;
  /** Share of replications in which the mSPRT stopped (rejected no effect). */
  readonly stopRate: number;
  /** Share in which the fixed-horizon test had p < α at some look ("peeking"). */
  readonly peekingRate: number;
  /** With a true effect of 0: the mSPRT's false-positive rate, checked against α. */
  readonly falsePositiveRate: CheckedRate | null;
  /** Share of final confidence sequences containing the true difference. */
  readonly coverage: CheckedRate;
  /** Stopping days of the replications that stopped: mean and quantiles. */
  readonly stoppingDay: {
    readonly stopped: number;
    readonly mean: number;
    readonly p10: number;
    readonly median: number;
    readonly p90: number;
  };
  /** Replications stopped by each look day, cumulative. */
  readonly stoppingDistribution: readonly {
    readonly day: number;
    readonly stopped: number;
    readonly cumulativeShare: number;
  }[];
}

/** CUPED against the plain test on the same members. */
export interface CupedSummary {
  readonly metric: string;
  readonly arm: string;
  readonly trueEffect: number;
  readonly adjusted: CupedSide;
  readonly unadjusted: CupedSide;
  /** Mean share of variance CUPED removed. */
  readonly meanVarianceReduction: number;
}

/** One side of a {@link CupedSummary}. */
export interface CupedSide {
  readonly replications: number;
  readonly meanEstimate: number;
  readonly bias: number;
  readonly empiricalSe: number;
  readonly meanSe: number;
  readonly power: number;
  readonly coverage: number;
}

/** Everything the replications say. */
export interface ExperimentSummary {
  readonly replications: number;
  readonly alpha: number;
  readonly scale: "relative" | "absolute";
  readonly aa: boolean;
  readonly effects: readonly EffectSummary[];
  readonly sequential: readonly SequentialSummary[];
  readonly cuped: readonly CupedSummary[];
  /** Sample-ratio mismatch: mean units per arm and the share of replications alarmed. */
  readonly srm: {
    readonly meanUnits: readonly number[];
    readonly alarmRate: number;
  };
}

/**
 * Summarises replications against the truth.
 *
 * @example
 * ```ts
 * import { designExperiment, parseExperiment, runReplication, summarizeReplications,
 *   trueEffects } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const results = [await runReplication(design, 0), await runReplication(design, 1)];
 * const summary = summarizeReplications(design, await trueEffects(design), results);
 * if (summary.effects[0].trueEffect !== 0 || summary.replications !== 2) throw new Error("");
 * ```
 */
export function summarizeReplications(
  design: ExperimentDesign,
  truth: Truth,
  results: readonly ReplicationResult[],
): ExperimentSummary {
  const { alpha, scale } = design.experiment.analysis;
  const truthOf = (list: readonly TrueEffect[], metric: string, arm: string) => {
    const found = list.find((t) => t.metric === metric && t.arm === arm);
    if (found === undefined) {
      throw new RangeError(`Cannot summarise: no true effect of ${metric} for arm ${arm}`);
    }
    return found;
  };
  const guardrails = new Set(design.experiment.guardrails.map((g) => g.metric));
  const effects: EffectSummary[] = [];
  for (const metric of design.metrics) {
    for (const arm of design.arms.slice(1)) {
      const rows = results.map((r) => findRow(r.analysis.effects, metric.name, arm.name));
      const truthRow = truthOf(truth.effects, metric.name, arm.name);
      effects.push(
        summarizeEffects(
          metric.name,
          arm.name,
          rows,
          truthRow,
          alpha,
          guardrails.has(metric.name),
          truth.method === "a/a",
        ),
      );
    }
  }
  const sequential: SequentialSummary[] = [];
  const seqKeys = results[0]?.analysis.sequential ?? [];
  for (const { metric, arm } of seqKeys) {
    const rows = results.map((r) => {
      const row = r.analysis.sequential.find((s) => s.metric === metric && s.arm === arm);
      if (row === undefined) throw new RangeError(`Cannot summarise: no sequential ${metric}`);
      return row;
    });
    const t = truthOf(truth.effects, metric, arm);
    const difference = truth.method === "a/a" ? 0 : t.treatment - t.control;
    const looks = design.looks.map((day) => day - design.preDays);
    const stopped = rows.flatMap((row) => (row.stoppedDay === null ? [] : [row.stoppedDay]))
      .sort((a, b) => a - b);
    const n = rows.length;
    const covered = rows.filter((row) => row.lower <= difference && difference <= row.upper);
    sequential.push({
      metric,
      arm,
      replications: n,
      looks,
      trueDifference: difference,
      stopRate: stopped.length / n,
      peekingRate: rows.filter((row) => row.peekingDay !== null).length / n,
      falsePositiveRate: difference === 0 && truth.method === "a/a"
        ? checkedRate(stopped.length, n, alpha, true)
        : null,
      coverage: checkedRate(covered.length, n, 1 - alpha, false),
      stoppingDay: {
        stopped: stopped.length,
        mean: stopped.length > 0 ? stopped.reduce((s, d) => s + d, 0) / stopped.length : NaN,
        p10: sortedQuantile(stopped, 0.1),
        median: sortedQuantile(stopped, 0.5),
        p90: sortedQuantile(stopped, 0.9),
      },
      stoppingDistribution: looks.map((day) => {
        const count = stopped.filter((d) => d === day).length;
        return {
          day,
          stopped: count,
          cumulativeShare: stopped.filter((d) => d <= day).length / n,
        };
      }),
    });
  }
  const cuped: CupedSummary[] = [];
  for (const { metric, arm } of results[0]?.analysis.cuped ?? []) {
    const rows = results.map((r) => {
      const row = r.analysis.cuped.find((c) => c.metric === metric && c.arm === arm);
      if (row === undefined) throw new RangeError(`Cannot summarise: no CUPED row of ${metric}`);
      return row;
    });
    const t = truthOf(truth.cuped, metric, arm).effect;
    cuped.push({
      metric,
      arm,
      trueEffect: t,
      adjusted: cupedSide(rows.map((r) => r.adjusted), t),
      unadjusted: cupedSide(rows.map((r) => r.unadjusted), t),
      meanVarianceReduction: mean(rows.map((r: CupedRow) => r.varianceReduction)),
    });
  }
  const armCount = design.arms.length;
  const meanUnits = Array.from(
    { length: armCount },
    (_, a) => mean(results.map((r) => r.analysis.srm.units[a])),
  );
  return {
    replications: results.length,
    alpha,
    scale,
    aa: truth.method === "a/a",
    effects,
    sequential,
    cuped,
    srm: {
      meanUnits,
      alarmRate: results.filter((r) => r.analysis.srm.alarm).length / Math.max(1, results.length),
    },
  };
}

function findRow(rows: readonly EffectRow[], metric: string, arm: string): EffectRow {
  const row = rows.find((r) => r.metric === metric && r.arm === arm);
  if (row === undefined) throw new RangeError(`Cannot summarise: no estimate of ${metric}`);
  return row;
}

function summarizeEffects(
  metric: string,
  arm: string,
  rows: readonly EffectRow[],
  truth: TrueEffect,
  alpha: number,
  guardrail: boolean,
  aa: boolean,
): EffectSummary {
  const ok = rows.filter((r) => r.ok);
  const n = ok.length;
  const t = truth.effect;
  const estimates = ok.map((r) => r.estimate);
  const meanEstimate = mean(estimates);
  const significant = ok.filter((r) => r.significant).length;
  const covered = ok.filter((r) => r.lower <= t && t <= r.upper).length;
  return {
    metric,
    arm,
    guardrail,
    replications: n,
    failures: rows.length - n,
    trueEffect: t,
    trueEffectSe: truth.se,
    meanEstimate,
    bias: meanEstimate - t,
    empiricalSe: sd(estimates),
    meanSe: mean(ok.map((r) => r.se)),
    meanLower: mean(ok.map((r) => r.lower)),
    meanUpper: mean(ok.map((r) => r.upper)),
    power: n > 0 ? significant / n : NaN,
    powerAdjusted: n > 0 ? ok.filter((r) => r.significantAdjusted).length / n : NaN,
    falsePositiveRate: aa && t === 0 && n > 0 ? checkedRate(significant, n, alpha, false) : null,
    coverage: n > 0 ? checkedRate(covered, n, 1 - alpha, false) : emptyRate(1 - alpha),
    guardrailBreachRate: guardrail && rows.length > 0
      ? rows.filter((r) => r.guardrailBreached === true).length / rows.length
      : null,
  };
}

function cupedSide(rows: readonly EffectRow[], truth: number): CupedSide {
  const ok = rows.filter((r) => r.ok);
  const estimates = ok.map((r) => r.estimate);
  const meanEstimate = mean(estimates);
  return {
    replications: ok.length,
    meanEstimate,
    bias: meanEstimate - truth,
    empiricalSe: sd(estimates),
    meanSe: mean(ok.map((r) => r.se)),
    power: ok.length > 0 ? ok.filter((r) => r.significant).length / ok.length : NaN,
    coverage: ok.length > 0
      ? ok.filter((r) => r.lower <= truth && truth <= r.upper).length / ok.length
      : NaN,
  };
}

/** A rate with its 99% band; `upperOnly` passes rates below the band (false positives). */
function checkedRate(count: number, n: number, nominal: number, upperOnly: boolean): CheckedRate {
  const band = binomialBand(n, nominal);
  const rate = count / n;
  return { rate, nominal, band, ok: rate <= band[1] && (upperOnly || rate >= band[0]) };
}

function emptyRate(nominal: number): CheckedRate {
  return { rate: NaN, nominal, band: [NaN, NaN], ok: false };
}

function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function sd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
