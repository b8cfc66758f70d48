/**
 * Lifecycle Lab's library: the event-log schema, seeded randomness and the models.
 *
 * @example
 * ```ts
 * import { EventCode, normalQuantile } from "./mod.ts";
 * if (EventCode.order !== 1 || normalQuantile(0.5) !== 0) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./log/mod.ts";
export * from "./random/mod.ts";
export * from "./models/math/mod.ts";
