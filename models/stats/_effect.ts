/**
 * Internal: builds two-arm effect results from per-arm means and the variances of
 * those means, on the absolute or the relative scale, and checks inputs.
 *
 * Relative effects use the delta method: for r = m_t / m_c − 1,
 * Var(r) ≈ Var(m_t) / m_c² + m_t² Var(m_c) / m_c⁴ (arms independent), as gbstats does.
 *
 * @module
 */
import { studentTCdf, studentTQuantile } from "../math/mod.ts";
import type { EffectResult, EffectScale, FailureCode, StatsFailure, SummaryRow } from "./result.ts";

/** One arm's estimate: units, mean and the variance of that mean. */
export interface ArmEstimate {
  readonly n: number;
  readonly mean: number;
  readonly meanVariance: number;
}

/** What a test supplies to {@link buildEffect}. */
export interface EffectSpec {
  readonly model: string;
  readonly scale: EffectScale;
  readonly level: number;
  /** Degrees of freedom of the t reference; Infinity for the normal. */
  readonly df: number;
  readonly control: ArmEstimate;
  readonly treatment: ArmEstimate;
  /** Standard error under no effect for the absolute statistic (the pooled z-test). */
  readonly nullSe?: number;
}

/** A failure value. */
export function failure(model: string, code: FailureCode, message: string): StatsFailure {
  return Object.freeze({ ok: false, model, code, message });
}

/** Two-sided p-value of a statistic under t(df); df = Infinity is the normal. */
function twoSidedP(statistic: number, df: number): number {
  return Math.min(1, 2 * studentTCdf(-Math.abs(statistic), df));
}

/** Builds the effect, its interval and p-value, or the failure when it is not defined. */
export function buildEffect(spec: EffectSpec): EffectResult | StatsFailure {
  const { model, scale, level, df, control, treatment } = spec;
  let estimate: number, variance: number;
  if (scale === "absolute") {
    estimate = treatment.mean - control.mean;
    variance = treatment.meanVariance + control.meanVariance;
  } else {
    if (control.mean === 0) {
      return failure(
        model,
        "zero-control-mean",
        `Cannot estimate a relative effect: the control mean is 0 (n = ${control.n})`,
      );
    }
    const mc = control.mean, mt = treatment.mean;
    estimate = mt / mc - 1;
    variance = treatment.meanVariance / (mc * mc) + mt * mt * control.meanVariance / (mc ** 4);
  }
  const se = Math.sqrt(variance);
  const testSe = scale === "absolute" && spec.nullSe !== undefined ? spec.nullSe : se;
  if (!(se > 0) || !(testSe > 0)) {
    return failure(
      model,
      "zero-variance",
      `Cannot test: both arms have zero variance (control mean ${control.mean}, ` +
        `treatment mean ${treatment.mean})`,
    );
  }
  const statistic = estimate / testSe;
  const pValue = twoSidedP(statistic, df);
  const q = studentTQuantile((1 + level) / 2, df);
  const lower = estimate - q * se, upper = estimate + q * se;
  const arm = (a: ArmEstimate) =>
    Object.freeze({ n: a.n, mean: a.mean, se: Math.sqrt(a.meanVariance) });
  const controlSummary = arm(control), treatmentSummary = arm(treatment);
  const row = (term: string, est: number, s: number): SummaryRow =>
    Object.freeze({ term, estimate: est, se: s, lower: est - q * s, upper: est + q * s, level });
  const rows = Object.freeze([
    row("control mean", controlSummary.mean, controlSummary.se),
    row("treatment mean", treatmentSummary.mean, treatmentSummary.se),
    Object.freeze({ term: `${scale} effect`, estimate, se, lower, upper, level }),
  ]);
  return Object.freeze({
    ok: true as const,
    model,
    scale,
    n: control.n + treatment.n,
    level,
    control: controlSummary,
    treatment: treatmentSummary,
    estimate,
    se,
    lower,
    upper,
    statistic,
    df,
    pValue,
    summary: () => rows,
  });
}

/** Throws unless `level` is a confidence level in (0, 1). */
export function checkLevel(action: string, level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot ${action}: level is ${level}; expected a number in (0, 1)`);
  }
}

/** Throws unless `value` is a finite number; names the field. */
export function checkFinite(action: string, field: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot ${action}: ${field} is ${value}; expected a finite number`);
  }
}

/** Throws unless `n` is a whole number ≥ 0; names the field. */
export function checkCount(action: string, field: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`Cannot ${action}: ${field} is ${n}; expected a whole number ≥ 0`);
  }
}
