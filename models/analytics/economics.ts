/**
 * Unit economics (frameworks.md §1, §2, §5): lifetime value LTV = LT × ARPU and its
 * discounted form, LTV/CAC and CAC payback, every time unit explicit.
 *
 * Discounted LTV: a period lasts `periodDays`, the discount factor per period is
 * δ = (1 + annual rate)^(−periodDays / yearDays). With `survival: "geometric"` a member
 * alive in a period stays for the next with probability s = 1 − 1/LT (so the expected
 * number of periods is LT) and DLTV = ARPU · Σ_{t=1..H} s^(t−1) δ^t (revenue at the end of
 * each period; `timing: "start"` drops one δ); with `survival: "fixed"` every member stays
 * exactly LT periods: DLTV = ARPU · Σ_{t=1..LT} δ^t, the annuity that reproduces a
 * discounted 6-year value at 8% (factor 4.62288). Checked against hand-computed values in
 * test/models/analytics/economics.test.ts.
 *
 * @module
 */
import { checkFinite, checkPositive } from "./_checks.ts";

/** How long members stay: a geometric lifetime with mean LT, or exactly LT periods. */
export type SurvivalShape = "geometric" | "fixed";

/** Whether a period's revenue arrives at its end or its start. */
export type RevenueTiming = "end" | "start";

/** What an LTV is computed from. */
export interface LtvInput {
  /** Average revenue (or margin) per member per period. */
  readonly arpu: number;
  /** Length of the ARPU period in days, e.g. 7, 30 or 365. */
  readonly periodDays: number;
  /** Expected lifetime LT in periods (≥ 1). */
  readonly lifetimePeriods: number;
}

/** Options of {@link computeLtv}. */
export interface LtvOptions {
  /** Discount rate per year. Default 0.08 (the rate of the seed 001 comparison). */
  readonly annualDiscountRate?: number;
  /** Days in the discount year. Default 365. */
  readonly yearDays?: number;
  /** Lifetime shape. Default `geometric`. */
  readonly survival?: SurvivalShape;
  /** When revenue arrives in each period. Default `end`. */
  readonly timing?: RevenueTiming;
  /** Periods summed in the discounted LTV (geometric only). Default Infinity. */
  readonly horizonPeriods?: number;
}

/**
 * Defaults of {@link computeLtv}.
 *
 * @example
 * ```ts
 * import { LTV_DEFAULTS } from "./economics.ts";
 * if (LTV_DEFAULTS.annualDiscountRate !== 0.08) throw new Error("unexpected");
 * ```
 */
export const LTV_DEFAULTS = {
  annualDiscountRate: 0.08,
  yearDays: 365,
  survival: "geometric" as SurvivalShape,
  timing: "end" as RevenueTiming,
  horizonPeriods: Infinity,
} as const;

/** An LTV with its undiscounted and discounted forms. */
export interface LtvResult {
  /** Model name. */
  readonly model: "ltv";
  /** The input. */
  readonly input: LtvInput;
  /** The options used, defaults filled in. */
  readonly options: Required<LtvOptions>;
  /** LT × ARPU. */
  readonly ltv: number;
  /** Discount factor per period δ. */
  readonly periodDiscount: number;
  /** Discounted LTV. */
  readonly discountedLtv: number;
}

/**
 * Computes LTV = LT × ARPU and the discounted LTV.
 *
 * @example A 6-year annuity at 8%
 * ```ts
 * import { computeLtv } from "./economics.ts";
 * const r = computeLtv(
 *   { arpu: 100, periodDays: 365, lifetimePeriods: 6 },
 *   { survival: "fixed", yearDays: 365 },
 * );
 * if (Math.abs(r.discountedLtv - 462.28796639611886) > 1e-9 || r.ltv !== 600) throw new Error();
 * ```
 */
export function computeLtv(input: LtvInput, options: LtvOptions = {}): LtvResult {
  const action = "compute LTV";
  const o = { ...LTV_DEFAULTS, ...options };
  checkFinite(action, "arpu", input.arpu);
  checkPositive(action, "periodDays", input.periodDays);
  checkPositive(action, "yearDays", o.yearDays);
  if (!(input.lifetimePeriods >= 1) || !Number.isFinite(input.lifetimePeriods)) {
    throw new RangeError(
      `Cannot ${action}: lifetimePeriods is ${input.lifetimePeriods}, expected a finite number ≥ 1`,
    );
  }
  if (!(o.annualDiscountRate > -1) || !Number.isFinite(o.annualDiscountRate)) {
    throw new RangeError(
      `Cannot ${action}: annualDiscountRate is ${o.annualDiscountRate}, expected a rate above −1`,
    );
  }
  if (!(o.horizonPeriods > 0)) {
    throw new RangeError(`Cannot ${action}: horizonPeriods is ${o.horizonPeriods}, expected > 0`);
  }
  const delta = Math.pow(1 + o.annualDiscountRate, -input.periodDays / o.yearDays);
  const first = o.timing === "end" ? delta : 1;
  let factor: number;
  if (o.survival === "fixed") {
    if (!Number.isInteger(input.lifetimePeriods)) {
      throw new RangeError(
        `Cannot ${action}: lifetimePeriods is ${input.lifetimePeriods}, expected whole periods with survival 'fixed'`,
      );
    }
    factor = first * geometricSum(delta, input.lifetimePeriods);
  } else if (o.survival === "geometric") {
    const stay = 1 - 1 / input.lifetimePeriods;
    factor = first * geometricSum(stay * delta, o.horizonPeriods);
  } else {
    throw new RangeError(
      `Cannot ${action}: survival is '${o.survival}', expected geometric or fixed`,
    );
  }
  return Object.freeze({
    model: "ltv" as const,
    input,
    options: o,
    ltv: input.lifetimePeriods * input.arpu,
    periodDiscount: delta,
    discountedLtv: input.arpu * factor,
  });
}

/**
 * CAC payback in months: CAC / (margin × ARPU per month), where ARPU per month is
 * ARPU × monthDays / periodDays. The month length is an argument, never assumed.
 *
 * @example
 * ```ts
 * import { paybackMonths } from "./economics.ts";
 * const months = paybackMonths(120, { arpu: 10, periodDays: 7, monthDays: 30.4375 });
 * if (Math.abs(months - 2.759753593429158) > 1e-12) throw new Error("unexpected");
 * ```
 */
export function paybackMonths(
  cac: number,
  options: { arpu: number; periodDays: number; monthDays: number; margin?: number },
): number {
  const action = "compute CAC payback";
  checkFinite(action, "cac", cac);
  checkPositive(action, "periodDays", options.periodDays);
  checkPositive(action, "monthDays", options.monthDays);
  const margin = options.margin ?? 1;
  const monthly = margin * options.arpu * options.monthDays / options.periodDays;
  if (!(monthly > 0)) {
    throw new RangeError(
      `Cannot ${action}: monthly margin per member is ${monthly}, expected > 0 (the CAC never pays back)`,
    );
  }
  return cac / monthly;
}

/** Σ_{t=0..n−1} r^t, with n possibly Infinity (then |r| < 1 is required). */
function geometricSum(r: number, n: number): number {
  if (n === Infinity) {
    if (!(Math.abs(r) < 1)) throw new RangeError(`Cannot compute LTV: the sum of ${r}^t diverges`);
    return 1 / (1 - r);
  }
  if (r === 1) return n;
  return (1 - Math.pow(r, n)) / (1 - r);
}
