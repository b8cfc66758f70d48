/**
 * The warning-sweep worker: set up with a sweep's payload, it runs the sweep tasks it is
 * sent (baselines and treated runs, see `warning_sweep.ts`). Uses only the Web Worker API.
 *
 * @module
 */
import { serveTasks } from "./_pool.ts";
import { runSweepTask } from "./warning_sweep.ts";

serveTasks(runSweepTask);
