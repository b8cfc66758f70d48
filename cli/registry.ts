/**
 * The registry of `deno task lab` commands, in the order `lab --help` lists them: each
 * command's name, its summary and how to load its module. A command's module, and what
 * it imports (the simulator, the charts, the scenario schema), loads only when that
 * command is asked for, so `lab rfm` starts without what `lab demo` needs and `lab --help`
 * without any. A new command is one file under `cli/` exporting a {@link Command}, added
 * here with its summary.
 *
 * @module
 */
import type { Command } from "./command.ts";

/**
 * A command of the registry: its name, its line in `lab --help`, and its module's
 * {@link Command}, loaded on demand.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for `lab --help`, which lists every command without loading any. */
  readonly summary: string;
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
  {
    name: "sim",
    summary: "run a scenario and write its run folder (CSV/Parquet, manifest)",
    load: async () => (await import("./sim.ts")).simCommand,
  },
  {
    name: "demo",
    summary: "run the default scenario and write an HTML report with charts",
    load: async () => (await import("./demo.ts")).demoCommand,
  },
  {
    name: "bench",
    summary: "run the reference benchmark scenario and print its summary line",
    load: async () => (await import("./bench.ts")).benchCommand,
  },
  {
    name: "check",
    summary: "validate a scenario and print it resolved, or its problems with lines",
    load: async () => (await import("./check.ts")).checkCommand,
  },
  {
    name: "schema",
    summary: "print or write the JSON Schema of scenario files",
    load: async () => (await import("./schema.ts")).schemaCommand,
  },
  {
    name: "power",
    summary: "sample size per arm for a proportion or mean (power / MDE planning)",
    load: async () => (await import("./power.ts")).powerCommand,
  },
  {
    name: "experiment",
    summary: "replicate an A/B experiment and check its statistics against the truth",
    load: async () => (await import("./experiment.ts")).experimentCommand,
  },
  {
    name: "compare",
    summary: "what-if: a scenario against a changed one on paired seeds, with 95% intervals",
    load: async () => (await import("./compare.ts")).compareCommand,
  },
  {
    name: "survival",
    summary: "Kaplan–Meier survival curves and log-rank test from a member table",
    load: async () => (await import("./survival.ts")).survivalCommand,
  },
  {
    name: "cohorts",
    summary: "Retention matrices by join cohort and lifecycle composition from an event file",
    load: async () => (await import("./cohorts.ts")).cohortsCommand,
  },
  {
    name: "clv",
    summary: "fit CLV models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma, BG/BB) and predict",
    load: async () => (await import("./clv.ts")).clvCommand,
  },
  {
    name: "calibrate",
    summary: "fit a log (BG/NBD, Gamma-Gamma, acquisition) into a scenario the simulator runs",
    load: async () => (await import("./calibrate.ts")).calibrateCommand,
  },
  {
    name: "validate",
    summary: "simulate a scenario over a log's holdout many times and compare (tracking plot)",
    load: async () => (await import("./validate.ts")).validateCommand,
  },
  {
    name: "rfm",
    summary: "RFM scores, the eight segments and their strategies, segment migration",
    load: async () => (await import("./rfm.ts")).rfmCommand,
  },
  {
    name: "funnel",
    summary: "AARRR funnel by acquisition cohort and channel, with ARPU and invites",
    load: async () => (await import("./funnel.ts")).funnelCommand,
  },
  {
    name: "economics",
    summary: "CAC, ARPU, lifetime, LTV, LTV/CAC and payback per channel",
    load: async () => (await import("./economics.ts")).economicsCommand,
  },
  {
    name: "viral",
    summary: "K-factor, invite conversion, cycle time and Skok's curve from referrals",
    load: async () => (await import("./viral.ts")).viralCommand,
  },
  {
    name: "labels",
    summary: "lifecycle stage labels: one metric, all metrics, or a weighted growth score",
    load: async () => (await import("./labels.ts")).labelsCommand,
  },
  {
    name: "groups",
    summary: "group health: activity and output against the tier × tenure benchmark, grades",
    load: async () => (await import("./groups.ts")).groupsCommand,
  },
  {
    name: "warn",
    summary: "early warning: calibrate warning windows (sweep), score rules on a log (evaluate)",
    load: async () => (await import("./warn.ts")).warnCommand,
  },
];
