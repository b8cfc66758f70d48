/**
 * Multiple-comparison adjustments for several arms and metrics: Holm's step-down
 * family-wise error control (Holm 1979) and Benjamini–Hochberg false-discovery-rate
 * control (Benjamini & Hochberg 1995). Adjusted p-values as R's `p.adjust` computes
 * them ("holm", "BH"); checked against SciPy's `false_discovery_control` and a
 * direct evaluation of Holm's formula.
 *
 * @example
 * ```ts
 * import { adjustPValues } from "./adjust.ts";
 * const holm = adjustPValues([0.01, 0.04, 0.03], { method: "holm" });
 * if (Math.abs(holm[0] - 0.03) > 1e-15) throw new Error("unexpected");
 * ```
 *
 * @module
 */

/** Adjustment method: family-wise (Holm) or false discovery rate (Benjamini–Hochberg). */
export type AdjustmentMethod = "holm" | "benjamini-hochberg";

/** Options of {@link adjustPValues}. */
export interface AdjustOptions {
  /** Method. Default "holm". */
  readonly method?: AdjustmentMethod;
}

/** Defaults of {@link adjustPValues}. */
export const ADJUST_DEFAULTS: Required<AdjustOptions> = Object.freeze({ method: "holm" });

/**
 * Adjusts p-values of several comparisons; compare each adjusted value with α.
 *
 * Holm: p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j)) over ascending p.
 * Benjamini–Hochberg: p̃_(i) = min_{j ≥ i} min(1, m p_(j) / j).
 *
 * @param pValues Raw p-values, one per comparison, in any order.
 * @returns Adjusted p-values in the input order.
 *
 * @example
 * ```ts
 * import { adjustPValues } from "./adjust.ts";
 * const bh = adjustPValues([0.01, 0.04, 0.03], { method: "benjamini-hochberg" });
 * if (Math.abs(bh[0] - 0.03) > 1e-15 || bh[1] !== 0.04) throw new Error("unexpected");
 * ```
 */
export function adjustPValues(
  pValues: readonly number[],
  options: AdjustOptions = {},
): readonly number[] {
  const { method } = { ...ADJUST_DEFAULTS, ...options };
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`Cannot adjust p-values: pValues[${i}] is ${p}; expected [0, 1]`);
    }
  });
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Array<number>(m);
  if (method === "holm") {
    let running = 0;
    order.forEach((index, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * pValues[index]));
      adjusted[index] = running;
    });
  } else {
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank--) {
      const index = order[rank];
      // p·(m/j) rather than m·p/j so that the largest p comes back exactly unchanged.
      running = Math.min(running, pValues[index] * (m / (rank + 1)));
      adjusted[index] = running;
    }
  }
  return Object.freeze(adjusted);
}
