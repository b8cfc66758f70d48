/**
 * Event logs shared by the simulator and the models: the columnar schema, builders
 * and loaders.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "./mod.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 10, -1);
 * const log = b.build({ count: 1, ids: ["a"], attributes: {} });
 * if (log.members.ids?.[0] !== "a") throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./event_log.ts";
export * from "./calendar.ts";
export * from "./load_options.ts";
export * from "./csv.ts";
export * from "./parquet.ts";
export * from "./table.ts";
export * from "./member_join.ts";
export * from "./periods.ts";
