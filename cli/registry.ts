/**
 * The registry of `deno task lab` commands, in the order `lab --help` lists them: each
 * command's name and how to load its module. A command's module, and what it imports (the
 * simulator, the charts, the scenario schema), loads only when that command is asked for,
 * so `lab rfm` starts without what `lab demo` needs. A new command is one file under
 * `cli/` exporting a {@link Command}, added here.
 *
 * @module
 */
import type { Command } from "./command.ts";

/** A command of the registry: its name, and its module's {@link Command}, loaded on demand. */
export interface CommandEntry {
  readonly name: string;
  load(): Promise<Command>;
}

/**
 * Every command, in the order `lab --help` lists them.
 *
 * @example
 * ```ts
 * import { REGISTRY } from "./registry.ts";
 * const rfm = await REGISTRY.find((entry) => entry.name === "rfm")!.load();
 * if (rfm.name !== "rfm" || !rfm.help.startsWith("Usage:")) throw new Error("unexpected");
 * ```
 */
export const REGISTRY: readonly CommandEntry[] = [
  { name: "sim", load: async () => (await import("./sim.ts")).simCommand },
  { name: "demo", load: async () => (await import("./demo.ts")).demoCommand },
  { name: "bench", load: async () => (await import("./bench.ts")).benchCommand },
  { name: "check", load: async () => (await import("./check.ts")).checkCommand },
  { name: "schema", load: async () => (await import("./schema.ts")).schemaCommand },
  { name: "power", load: async () => (await import("./power.ts")).powerCommand },
  { name: "experiment", load: async () => (await import("./experiment.ts")).experimentCommand },
  { name: "compare", load: async () => (await import("./compare.ts")).compareCommand },
  { name: "survival", load: async () => (await import("./survival.ts")).survivalCommand },
  { name: "cohorts", load: async () => (await import("./cohorts.ts")).cohortsCommand },
  { name: "clv", load: async () => (await import("./clv.ts")).clvCommand },
  { name: "calibrate", load: async () => (await import("./calibrate.ts")).calibrateCommand },
  { name: "validate", load: async () => (await import("./validate.ts")).validateCommand },
  { name: "rfm", load: async () => (await import("./rfm.ts")).rfmCommand },
  { name: "funnel", load: async () => (await import("./funnel.ts")).funnelCommand },
  { name: "economics", load: async () => (await import("./economics.ts")).economicsCommand },
  { name: "viral", load: async () => (await import("./viral.ts")).viralCommand },
  { name: "labels", load: async () => (await import("./labels.ts")).labelsCommand },
  { name: "groups", load: async () => (await import("./groups.ts")).groupsCommand },
  { name: "warn", load: async () => (await import("./warn.ts")).warnCommand },
];
