/**
 * Calibrating the simulator from real logs and validating it against them: fit a log's
 * calibration period (BG/NBD purchases and drop-out, Gamma-Gamma spend, acquisition
 * timing) into a scenario the simulator runs, then simulate the holdout period many
 * times and compare with what happened (the CDNOW tracking plot with simulation bands,
 * holdout purchases by calibration frequency). Sits downstream of `sim/` and `models/`;
 * no Deno APIs, so it runs in a browser too (files are read and written in `cli/`).
 *
 * @example Build a BG/NBD scenario from known parameters and check it
 * ```ts
 * import { bgNbdScenario, fitAcquisition } from "./mod.ts";
 * import { parseScenario } from "../sim/mod.ts";
 * const acquisition = fitAcquisition([0, 0, 1, 2], { calibrationEnd: 10 });
 * const scenario = parseScenario(bgNbdScenario({
 *   name: "known", horizon: 60, unit: { name: "week", days: 7 },
 *   purchases: { r: 0.5, alpha: 6, a: 0.8, b: 2.5 },
 *   spend: { type: "gamma_gamma", p: 6, q: 4, gamma: 15 }, acquisition,
 * }));
 * if (scenario.channels[0].schedule?.join() !== "2,1,1") throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./acquisition.ts";
export * from "./bg_nbd_scenario.ts";
export * from "./calibrate.ts";
export * from "./scenario_yaml.ts";
export * from "./tracking.ts";
export * from "./holdout.ts";
