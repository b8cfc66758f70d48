/**
 * Paired comparison of two scenarios run on the same seeds (what-ifs): one value per
 * replication for the base and the changed scenario, compared through their paired
 * differences with a t(R − 1) interval. Pairing removes the noise both runs share.
 *
 * Absolute: d̄ ± t · s_d / √R. Relative: r = m_c / m_b − 1 with the paired delta method,
 * Var(r) ≈ (s²_c − 2 q s_cb + q² s²_b) / (R m_b²), q = m_c / m_b. Checked against
 * SciPy's `ttest_rel`.
 *
 * @example
 * ```ts
 * import { comparePaired } from "./paired.ts";
 * const r = comparePaired([10, 12, 11, 13], [11, 13.5, 12, 14]);
 * if (!r.ok || Math.abs(r.estimate - 1.125) > 1e-12) throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { studentTCdf, studentTQuantile } from "../math/mod.ts";
import { checkLevel, failure } from "./_effect.ts";
import type { EffectScale, StatsFailure } from "./result.ts";

/** Options of {@link comparePaired}. */
export interface PairedOptions {
  /** Effect scale: changed − base, or changed / base − 1. Default "absolute". */
  readonly scale?: EffectScale;
  /** Confidence level of the interval. Default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link comparePaired}. */
export const PAIRED_DEFAULTS: Required<PairedOptions> = Object.freeze({
  scale: "absolute",
  level: 0.95,
});

/** A paired comparison. */
export interface PairedResult {
  readonly ok: true;
  readonly model: "paired t-test";
  readonly scale: EffectScale;
  /** Pairs (replications). */
  readonly n: number;
  readonly level: number;
  /** Mean of the base values and its standard error. */
  readonly base: { readonly mean: number; readonly se: number };
  /** Mean of the changed values and its standard error. */
  readonly changed: { readonly mean: number; readonly se: number };
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

const MODEL = "paired t-test";

/**
 * Compares paired values (`base[r]`, `changed[r]` from the same seed r).
 *
 * @returns The paired effect, or a failure: fewer than 2 pairs, a zero base mean on the
 *   relative scale, or differences without variance (every pair differs by the same
 *   amount, e.g. a metric the change does not touch).
 *
 * @example
 * ```ts
 * import { comparePaired } from "./paired.ts";
 * const r = comparePaired([100, 120, 90], [110, 130, 100], { scale: "relative" });
 * if (!r.ok || !(r.estimate > 0.09)) throw new Error("unexpected");
 * ```
 */
export function comparePaired(
  base: ArrayLike<number>,
  changed: ArrayLike<number>,
  options: PairedOptions = {},
): PairedResult | StatsFailure {
  const { scale, level } = { ...PAIRED_DEFAULTS, ...options };
  checkLevel("compare pairs", level);
  const n = base.length;
  if (changed.length !== n) {
    throw new RangeError(
      `Cannot compare pairs: ${n} base values but ${changed.length} changed values`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(base[i]) || !Number.isFinite(changed[i])) {
      throw new RangeError(
        `Cannot compare pairs: pair ${i} is (${base[i]}, ${changed[i]}); expected finite numbers`,
      );
    }
  }
  if (n < 2) {
    return failure(MODEL, "too-few-units", `Cannot compare pairs: ${n} pairs; expected at least 2`);
  }
  let mb = 0, mc = 0;
  for (let i = 0; i < n; i++) {
    mb += base[i] / n;
    mc += changed[i] / n;
  }
  let vb = 0, vc = 0, cbc = 0;
  for (let i = 0; i < n; i++) {
    vb += (base[i] - mb) ** 2 / (n - 1);
    vc += (changed[i] - mc) ** 2 / (n - 1);
    cbc += (base[i] - mb) * (changed[i] - mc) / (n - 1);
  }
  let estimate: number, variance: number;
  if (scale === "absolute") {
    estimate = mc - mb;
    variance = Math.max(0, vb + vc - 2 * cbc) / n;
  } else {
    if (mb === 0) {
      return failure(MODEL, "zero-control-mean", "Cannot compare pairs: the base mean is 0");
    }
    const q = mc / mb;
    estimate = q - 1;
    variance = Math.max(0, vc - 2 * q * cbc + q * q * vb) / (n * mb * mb);
  }
  const se = Math.sqrt(variance);
  if (!(se > 0)) {
    return failure(
      MODEL,
      "zero-variance",
      `Cannot compare pairs: every pair differs by the same amount (${estimate})`,
    );
  }
  const df = n - 1;
  const statistic = estimate / se;
  const q = studentTQuantile((1 + level) / 2, df);
  return Object.freeze({
    ok: true as const,
    model: MODEL,
    scale,
    n,
    level,
    base: Object.freeze({ mean: mb, se: Math.sqrt(vb / n) }),
    changed: Object.freeze({ mean: mc, se: Math.sqrt(vc / n) }),
    estimate,
    se,
    lower: estimate - q * se,
    upper: estimate + q * se,
    statistic,
    df,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(statistic), df)),
  });
}
