/**
 * The true effects an experiment's estimates are checked against, from the simulator.
 *
 * The true effect of an arm is the global one: the metric in a population where every
 * member is in that arm, against a population where every member is in the control.
 * Each arm's scenario is run alone (no arms, so no spill-over between arms), at the
 * experiment's size so that its make-up (initial, acquired and referred members) is
 * the experiment's, 20 times by default with their own seeds, and the runs' sums are
 * pooled; the metric at the final look is the truth, with its Monte Carlo standard
 * error. A/A designs (every arm the control's
 * scenario) have true effects of exactly 0 and need no run. Under member
 * randomization with referrals crossing arms, an estimate of the K-factor falls short
 * of this truth: that is the interference bias tree and cluster randomization remove.
 *
 * @module
 */
import { simulate } from "../sim/run.ts";
import type { ArmMetricsTable } from "../sim/arm_metrics_table.ts";
import { runPool } from "./_pool.ts";
import type { ExperimentDesign } from "./design.ts";
import { testMetric } from "./analyze.ts";
import { CUPED_VARIABLES, lookSums, metricValue } from "./metrics.ts";

/** Defaults of {@link trueEffects}. */
export const TRUTH_DEFAULTS = {
  /** Runs per arm, each the experiment's size, pooled. */
  runs: 20,
} as const;

/** The truth of one metric for one treatment arm. */
export interface TrueEffect {
  readonly metric: string;
  readonly arm: string;
  /** The metric in the all-control and all-treatment populations. */
  readonly control: number;
  readonly treatment: number;
  /** The effect on the analysis scale. */
  readonly effect: number;
  /** Monte Carlo standard error of `effect` (0 for A/A designs). */
  readonly se: number;
}

/** True effects of a design and how they were found. */
export interface Truth {
  /** "a/a": every effect is 0 by design; "simulated": from truth runs. */
  readonly method: "a/a" | "simulated";
  /** Runs pooled per arm (0 for A/A), each of the experiment's size. */
  readonly runs: number;
  /** Seed of truth run i: `<seed>/<i>`. */
  readonly seed: string;
  readonly effects: readonly TrueEffect[];
  /** Truth of the CUPED metrics (initial members over the experiment period). */
  readonly cuped: readonly TrueEffect[];
}

/** Options of {@link trueEffects}. */
export interface TruthOptions {
  /** Worker threads for the truth runs. Default 1. */
  readonly workers?: number;
}

/**
 * The true effect of every treatment arm on every metric.
 *
 * @example
 * ```ts
 * import { designExperiment, parseExperiment, trueEffects } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const truth = await trueEffects(design);
 * if (truth.method !== "a/a" || truth.effects[0].effect !== 0) throw new Error("unexpected");
 * ```
 */
export async function trueEffects(
  design: ExperimentDesign,
  options: TruthOptions = {},
): Promise<Truth> {
  const seed = `${design.experiment.seed}/truth`;
  const A = design.arms.length;
  const relative = design.experiment.analysis.scale === "relative";
  const arms = design.arms.slice(1).map((a) => a.name);
  const cupedMetrics = design.experiment.analysis.cuped?.metrics ?? [];
  if (design.aa) {
    const zero = (metric: string) =>
      arms.map((arm) => ({ metric, arm, control: NaN, treatment: NaN, effect: 0, se: 0 }));
    return {
      method: "a/a",
      runs: 0,
      seed,
      effects: design.metrics.flatMap((m) => zero(m.name)),
      cuped: cupedMetrics.flatMap(zero),
    };
  }
  const runs = design.experiment.truth.runs ?? TRUTH_DEFAULTS.runs;
  const control = JSON.stringify(design.arms[0].scenario);
  // Arms with the control's scenario share its truth.
  const distinct = design.arms.flatMap((arm, a) =>
    a === 0 || JSON.stringify(arm.scenario) !== control ? [a] : []
  );
  const pooled = await runPool(
    TRUTH_TASK,
    { design, seed, runs, distinct },
    distinct.length * runs,
    options.workers ?? 1,
  );
  const tables: ArmMetricsTable[] = design.arms.map((_, a) => {
    const k = distinct.indexOf(a);
    return k < 0 ? null : addTables(pooled.slice(k * runs, (k + 1) * runs));
  }).map((t, _, all) => t ?? all[0]!);
  const last = design.horizon;
  const at = (a: number) => lookSums(tables[a], 0, last, false);
  const memberLevel = { ...design, clustered: false };
  const effect = (c: number, t: number) => (relative ? t / c - 1 : t - c);
  const effects: TrueEffect[] = [];
  for (const metric of design.metrics) {
    for (let a = 1; a < A; a++) {
      const c = metricValue(metric, at(0)), t = metricValue(metric, at(a));
      const same = tables[a] === tables[0];
      const test = same ? null : testMetric(metric, at(0), at(a), memberLevel);
      effects.push({
        metric: metric.name,
        arm: design.arms[a].name,
        control: c,
        treatment: t,
        effect: same ? 0 : effect(c, t),
        se: same ? 0 : test?.ok ? test.se : NaN,
      });
    }
  }
  const cuped: TrueEffect[] = [];
  for (const name of cupedMetrics) {
    const [post, , k] = CUPED_VARIABLES[name];
    const value = (a: number) => (k * at(a).sum(post)) / at(a).sum("initial");
    for (let a = 1; a < A; a++) {
      cuped.push({
        metric: name,
        arm: design.arms[a].name,
        control: value(0),
        treatment: value(a),
        effect: tables[a] === tables[0] ? 0 : effect(value(0), value(a)),
        se: NaN,
      });
    }
  }
  return { method: "simulated", runs, seed, effects, cuped };
}

/** What truth workers are set up with. */
export interface TruthPayload {
  readonly design: ExperimentDesign;
  readonly seed: string;
  readonly runs: number;
  /** Arms that need their own runs. */
  readonly distinct: readonly number[];
}

/**
 * Truth run `index` (arm `distinct[⌊index / runs⌋]`, run `index mod runs`) in this thread.
 *
 * @example
 * ```ts
 * import { designExperiment, parseExperiment } from "./mod.ts";
 * import { runTruth } from "./truth.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "x", scenario: "default", duration: 10, members: 500, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "more", set: { "referral.conversion": 0.5 } }],
 * }), await loadScenario("default"));
 * const table = await runTruth({ design, seed: "1/truth", runs: 1, distinct: [0, 1] }, 1);
 * if (table.options.arms !== 1) throw new Error("unexpected");
 * ```
 */
export async function runTruth(payload: TruthPayload, index: number): Promise<ArmMetricsTable> {
  const { design, runs } = payload;
  const arm = payload.distinct[Math.floor(index / runs)];
  const run = await simulate(design.arms[arm].scenario, {
    seed: `${payload.seed}/${index % runs}`,
    workers: 1,
    record: {
      armMetrics: {
        ...design.collect,
        arms: 1,
        costCents: [design.collect.costCents[arm]],
        clusters: "none",
        // The truth is read at the horizon only.
        finalOnly: true,
      },
    },
  });
  return run.armMetrics!;
}

const TRUTH_TASK = { run: runTruth, workerUrl: new URL("./truth_worker.ts", import.meta.url) };

/** Pools runs: their running sums add. */
function addTables(tables: readonly ArmMetricsTable[]): ArmMetricsTable {
  const member = tables[0].member.slice();
  for (const t of tables.slice(1)) for (let i = 0; i < member.length; i++) member[i] += t.member[i];
  return { ...tables[0], member };
}
