/**
 * Power curves for any experiment: simulated, by running the experiment's replications
 * at several sizes and counting significant results, so the curve holds for any metric,
 * randomization unit and effect the simulator can express (where the formulas of
 * `models/stats/power.ts` cover proportions and means of independent members only);
 * and the normal approximation from a run's standard errors, which scale as 1/√n.
 *
 * @module
 */
import { normalCdf, normalQuantile } from "../models/math/mod.ts";
import type { Scenario } from "../sim/scenario.ts";
import { runPool } from "./_pool.ts";
import { designExperiment } from "./design.ts";
import { REPLICATION_TASK } from "./replication.ts";
import type { Experiment } from "./spec.ts";
import type { EffectSummary } from "./summary.ts";

/** One point of a power curve: a metric and arm at one size. */
export interface PowerCurvePoint {
  readonly metric: string;
  readonly arm: string;
  /** Initial members over all arms (the experiment's `members`). */
  readonly members: number;
  /** Mean randomization units in the arm (members, groups or trees). */
  readonly unitsPerArm: number;
  /** Share of replications with p < α. */
  readonly power: number;
  /** Replications with an estimate. */
  readonly replications: number;
}

/** Options of {@link simulatePowerCurve}. */
export interface PowerCurveOptions {
  /** Replications per size (default: the experiment's). */
  readonly replications?: number;
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Runs an experiment at each size (initial members over all arms) and returns each
 * metric's power there. Replication r uses seed `<seed>/<r>` at every size, so the
 * curve is smooth across sizes.
 *
 * @example
 * ```ts
 * import { parseExperiment, simulatePowerCurve } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const experiment = parseExperiment({
 *   name: "invite", scenario: "default", duration: 30, metrics: ["k_factor"],
 *   assignment: "tree", analysis: { sequential: false },
 *   arms: [{ name: "control" }, { name: "more", set: { "referral.conversion": 0.6 } }],
 * });
 * const curve = await simulatePowerCurve(experiment, await loadScenario("default"),
 *   [500, 4000], { replications: 4 });
 * if (curve.length !== 2 || !(curve[1].unitsPerArm > curve[0].unitsPerArm)) throw new Error("");
 * ```
 */
export async function simulatePowerCurve(
  experiment: Experiment,
  base: Scenario,
  sizes: readonly number[],
  options: PowerCurveOptions = {},
): Promise<PowerCurvePoint[]> {
  sizes.forEach((size, i) => {
    if (!(Number.isInteger(size) && size >= 2)) {
      throw new RangeError(
        `Cannot simulate a power curve: sizes[${i}] is ${size}; expected an integer ≥ 2`,
      );
    }
  });
  const replications = options.replications ?? experiment.replications;
  const total = sizes.length * replications;
  const points: PowerCurvePoint[] = [];
  for (const [k, members] of sizes.entries()) {
    const design = designExperiment({ ...experiment, members }, base);
    const results = await runPool(
      REPLICATION_TASK,
      design,
      replications,
      Math.max(1, options.workers ?? 1),
      (done) => options.onProgress?.(k * replications + done, total),
    );
    for (const metric of design.metrics) {
      design.arms.slice(1).forEach((arm, i) => {
        const rows = results.map((r) =>
          r.analysis.effects.find((e) => e.metric === metric.name && e.arm === arm.name)!
        ).filter((row) => row.ok);
        const units = results.reduce((s, r) => s + r.analysis.srm.units[i + 1], 0);
        points.push({
          metric: metric.name,
          arm: arm.name,
          members,
          unitsPerArm: units / results.length,
          power: rows.length > 0 ? rows.filter((row) => row.significant).length / rows.length : NaN,
          replications: rows.length,
        });
      });
    }
  }
  return points;
}

/**
 * The normal-approximation power of a metric's test at other sizes, from a summary: its
 * standard error scaled by √(units / n) to n units per arm, for detecting `effect`.
 * Power(n) = Φ(|δ|/se(n) − z) + Φ(−|δ|/se(n) − z), z = z_{1−α/2}.
 *
 * @param units the run's units per arm, at which `summary.meanSe` was measured
 * @param effect the effect to detect (default the summary's true effect; for an A/A
 *   metric, whose true effect is 0, pass the effect worth detecting)
 * @example
 * ```ts
 * import { approximatePowerCurve } from "./power_curve.ts";
 * const curve = approximatePowerCurve({ meanSe: 0.01, trueEffect: 0.028 }, 1000, 0.05,
 *   [1000]);
 * if (Math.abs(curve[0].power - 0.8) > 0.01) throw new Error("unexpected");
 * ```
 */
export function approximatePowerCurve(
  summary: Pick<EffectSummary, "meanSe" | "trueEffect">,
  units: number,
  alpha: number,
  sizes: readonly number[],
  effect = summary.trueEffect,
): { readonly nPerArm: number; readonly power: number }[] {
  if (!(summary.meanSe > 0) || !(units > 0)) {
    throw new RangeError(
      `Cannot approximate power: standard error ${summary.meanSe} at ${units} units; ` +
        "expected both > 0",
    );
  }
  const z = normalQuantile(1 - alpha / 2), d = Math.abs(effect);
  return sizes.map((nPerArm) => {
    const se = summary.meanSe * Math.sqrt(units / nPerArm);
    return { nPerArm, power: normalCdf(d / se - z) + normalCdf(-d / se - z) };
  });
}
