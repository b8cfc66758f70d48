/**
 * Runs an experiment: its true effects (from the simulator), R independent
 * replications (each a run with its own recorded seed, analysed from sufficient
 * statistics), in worker threads or in this thread, and their summary. Results are in
 * replication order and do not depend on the number of workers.
 *
 * @module
 */
import { runPool } from "./_pool.ts";
import type { ExperimentDesign } from "./design.ts";
import { REPLICATION_TASK, type ReplicationResult } from "./replication.ts";
import { type ExperimentSummary, summarizeReplications } from "./summary.ts";
import { trueEffects, type Truth } from "./truth.ts";

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** Replications (default: the experiment's `replications`). */
  readonly replications?: number;
  /** Worker threads (default 1: this thread). */
  readonly workers?: number;
  /** Called as replications finish. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** An experiment's replications, truth and summary. */
export interface ExperimentResult {
  readonly design: ExperimentDesign;
  readonly truth: Truth;
  readonly replications: readonly ReplicationResult[];
  readonly summary: ExperimentSummary;
  readonly workers: number;
  /** Seconds spent on the truth runs and on the replications. */
  readonly timings: { readonly truth: number; readonly replications: number };
}

/**
 * Runs an experiment's truth and replications and summarises them.
 *
 * @example
 * ```ts
 * import { designExperiment, parseExperiment, runExperiment } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000, metrics: ["activation"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const result = await runExperiment(design, { replications: 3 });
 * if (result.replications[2].seed !== "1/2") throw new Error("unexpected");
 * ```
 */
export async function runExperiment(
  design: ExperimentDesign,
  options: ExperimentOptions = {},
): Promise<ExperimentResult> {
  const replications = options.replications ?? design.experiment.replications;
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(
      `Cannot run experiment: replications is ${replications}; expected an integer ≥ 1`,
    );
  }
  const workers = Math.max(1, Math.min(options.workers ?? 1, replications));
  const started = performance.now();
  const truth = await trueEffects(design, { workers });
  const truthDone = performance.now();
  const results = await runPool(
    REPLICATION_TASK,
    design,
    replications,
    workers,
    options.onProgress,
  );
  const done = performance.now();
  return {
    design,
    truth,
    replications: results,
    summary: summarizeReplications(design, truth, results),
    workers,
    timings: { truth: (truthDone - started) / 1000, replications: (done - truthDone) / 1000 },
  };
}
