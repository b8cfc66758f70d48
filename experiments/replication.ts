/**
 * One replication of an experiment: a run with the replication's own seed, analysed.
 * Seeds derive from the experiment's seed and the replication number, `<seed>/<r>`,
 * so replications differ, are recorded, and can be rerun one by one.
 *
 * @module
 */
import { simulate } from "../sim/run.ts";
import { analyzeRun, type RunAnalysis } from "./analyze.ts";
import type { ExperimentDesign } from "./design.ts";
import type { PoolTask } from "./_pool.ts";

/** A replication's seed, its analysis and its size. */
export interface ReplicationResult {
  readonly replication: number;
  readonly seed: string;
  /** Members simulated (all arms). */
  readonly members: number;
  readonly analysis: RunAnalysis;
}

/**
 * The seed of replication `r` of an experiment seeded `seed`.
 *
 * @example
 * ```ts
 * import { replicationSeed } from "./replication.ts";
 * if (replicationSeed(7, 3) !== "7/3") throw new Error("unexpected");
 * ```
 */
export function replicationSeed(seed: number | string, r: number): string {
  return `${seed}/${r}`;
}

/**
 * Simulates and analyses replication `r` in this thread.
 *
 * @example
 * ```ts
 * import { designExperiment, parseExperiment, runReplication } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000, metrics: ["activation"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const result = await runReplication(design, 0);
 * if (result.seed !== "1/0") throw new Error("unexpected");
 * ```
 */
export async function runReplication(
  design: ExperimentDesign,
  r: number,
): Promise<ReplicationResult> {
  const seed = replicationSeed(design.experiment.seed, r);
  const run = await simulate(design.scenario, {
    seed,
    arms: design.arms,
    assignment: design.experiment.assignment,
    workers: 1,
    record: { armMetrics: design.collect },
  });
  return {
    replication: r,
    seed,
    members: run.totals.members,
    analysis: analyzeRun(design, run.armMetrics!),
  };
}

/**
 * Replications as pool tasks (`_pool.ts`): {@link runReplication} in this thread, or in
 * workers running `worker.ts`.
 *
 * @example
 * ```ts
 * import { REPLICATION_TASK } from "./replication.ts";
 * if (!REPLICATION_TASK.workerUrl.href.endsWith("/worker.ts")) throw new Error("unexpected");
 * ```
 */
export const REPLICATION_TASK: PoolTask<ExperimentDesign, ReplicationResult> = {
  run: runReplication,
  workerUrl: new URL("./worker.ts", import.meta.url),
};
