/**
 * Result types shared by the two-arm tests: an effect with its interval and p-value,
 * or a failure with a stable code and no estimate.
 *
 * A failed analysis never looks like a precise null result (no effect 0, p = 1):
 * callers branch on `ok` and the type system keeps the estimate out of reach.
 *
 * @example
 * ```ts
 * import type { EffectOutcome } from "./result.ts";
 * function describe(outcome: EffectOutcome): string {
 *   return outcome.ok ? `${outcome.estimate} (p = ${outcome.pValue})` : outcome.code;
 * }
 * const failed = { ok: false, model: "Welch t-test", code: "too-few-units", message: "" } as const;
 * if (describe(failed) !== "too-few-units") throw new Error("unexpected");
 * ```
 *
 * @module
 */

/** The scale of an effect: treatment − control, or treatment / control − 1. */
export type EffectScale = "absolute" | "relative";

/** Why an analysis could not produce an estimate; stable across versions. */
export type FailureCode =
  | "too-few-units"
  | "too-few-clusters"
  | "zero-variance"
  | "zero-control-mean"
  | "zero-denominator"
  | "zero-covariate-variance"
  | "estimate-outside-replicates";

/** A failed analysis: which test, a stable code and a readable message; no estimate. */
export interface StatsFailure {
  readonly ok: false;
  /** The test that failed, e.g. "Welch t-test". */
  readonly model: string;
  /** Stable reason code for programs. */
  readonly code: FailureCode;
  /** Readable reason naming the arm and value. */
  readonly message: string;
}

/** One row of a result table. */
export interface SummaryRow {
  /** What the row estimates: "control mean", "treatment mean", "absolute effect", … */
  readonly term: string;
  readonly estimate: number;
  /** Standard error of the estimate. */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** Confidence level of [lower, upper]. */
  readonly level: number;
}

/** Estimate of one arm's metric. */
export interface ArmSummary {
  /** Units in the arm (members, or clusters for cluster designs). */
  readonly n: number;
  /** The arm's metric: mean, proportion, ratio or adjusted mean. */
  readonly mean: number;
  /** Standard error of that mean. */
  readonly se: number;
}

/** A successful two-arm comparison. */
export interface EffectResult {
  readonly ok: true;
  /** The test, e.g. "two-proportion z-test". */
  readonly model: string;
  /** Scale of `estimate`. */
  readonly scale: EffectScale;
  /** Total units over both arms. */
  readonly n: number;
  /** Confidence level of [lower, upper]. */
  readonly level: number;
  readonly control: ArmSummary;
  readonly treatment: ArmSummary;
  /** The effect on `scale`. */
  readonly estimate: number;
  /** Standard error of the effect (delta method on the relative scale). */
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** Test statistic (z or t). */
  readonly statistic: number;
  /** Degrees of freedom of the reference t distribution; Infinity for the normal. */
  readonly df: number;
  /** Two-sided p-value against no effect. */
  readonly pValue: number;
  /** Rows for the arms and the effect. */
  summary(): readonly SummaryRow[];
}

/** What every two-arm test returns. */
export type EffectOutcome = EffectResult | StatsFailure;
