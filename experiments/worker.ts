/**
 * The experiment worker: set up with a design, it runs the replications it is sent.
 * Uses only the Web Worker API.
 *
 * @module
 */
import { serveTasks } from "./_pool.ts";
import { runReplication } from "./replication.ts";

serveTasks(runReplication);
