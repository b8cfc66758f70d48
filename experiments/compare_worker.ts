/**
 * The what-if worker: set up with both scenarios, it runs the replication pairs it is
 * sent. Uses only the Web Worker API.
 *
 * @module
 */
import { serveTasks } from "./_pool.ts";
import { runWhatIfPair } from "./compare.ts";

serveTasks(runWhatIfPair);
