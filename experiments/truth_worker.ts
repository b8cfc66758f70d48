/**
 * The truth worker: set up with a design, it runs the truth runs it is sent (each arm
 * alone) and sends back their arm metrics. Uses only the Web Worker API.
 *
 * @module
 */
import { serveTasks } from "./_pool.ts";
import { runTruth } from "./truth.ts";

serveTasks(runTruth);
