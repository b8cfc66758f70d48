/**
 * What-ifs: the same machinery as experiments without randomization. The base scenario
 * and the changed one run R times on paired seeds (`<seed>/<r>` for both), so each
 * pair shares its members' random streams and the difference carries only the change's
 * effect plus what the change itself reshuffles; each metric's difference is a paired
 * t interval over the R pairs (`models/stats/paired.ts`), absolute and relative.
 * Metrics are the experiment metrics over the whole run (every member, the scenario's
 * horizon) and totals: members, revenue, cost and net value.
 *
 * @module
 */
import { comparePaired } from "../models/stats/paired.ts";
import { rootSeed } from "../random/seed.ts";
import type { ArmMetricsOptions } from "../sim/arm_metrics.ts";
import type { ArmMetricsTable } from "../sim/arm_metrics_table.ts";
import { compilePlan } from "../sim/plan.ts";
import { simulate } from "../sim/run.ts";
import type { Scenario } from "../sim/scenario.ts";
import { runPool } from "./_pool.ts";
import { collectedFor, combineSum, defineMetric, lookSums, metricValue } from "./metrics.ts";
import { replicationSeed } from "./replication.ts";
import { METRIC_NAME } from "./spec.ts";

/** Totals a what-if reports besides the per-member metrics: variables and coefficients. */
export const WHAT_IF_TOTALS: Readonly<
  Record<string, { label: string; terms: readonly (readonly [string, number])[] }>
> = {
  members: { label: "members", terms: [["members", 1]] },
  revenue: { label: "revenue", terms: [["revenue_cents", 0.01]] },
  cost_total: {
    label: "total cost",
    terms: [["cost_cents", 0.01], ["policy_cents", 0.01]],
  },
  net_value_total: {
    label: "total net value",
    terms: [["revenue_cents", 0.01], ["cost_cents", -0.01], ["policy_cents", -0.01]],
  },
};

/** Defaults of {@link compareScenarios}. */
export const COMPARE_DEFAULTS = {
  replications: 20,
  level: 0.95,
  metrics: [
    "members",
    "revenue",
    "net_value_total",
    "activation",
    "retention_d30",
    "orders",
    "arpu",
    "k_factor",
    "cac",
    "ltv_cac",
    "cost",
    "net_value",
  ],
} as const;

/** Options of {@link compareScenarios}. */
export interface CompareOptions {
  /** Paired replications (default 20). */
  readonly replications?: number;
  /** Seed the replications' seeds derive from (default: the base scenario's). */
  readonly seed?: number | string;
  /** Metrics (default {@link COMPARE_DEFAULTS.metrics}). */
  readonly metrics?: readonly string[];
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Worker threads (default 1). */
  readonly workers?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A difference with its interval. */
export interface PairedEffect {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  readonly pValue: number;
}

/** One metric of a what-if. */
export interface WhatIfMetric {
  readonly metric: string;
  readonly label: string;
  /** Mean over replications in the base and the changed scenario. */
  readonly base: number;
  readonly changed: number;
  /** changed − base, or null when it has no interval (see `failure`). */
  readonly difference: PairedEffect | null;
  /** changed / base − 1. */
  readonly relative: PairedEffect | null;
  /** Why there is no interval, e.g. `zero-variance` for a metric the change cannot touch. */
  readonly failure: string | null;
}

/** The values of one replication pair. */
export interface WhatIfPair {
  readonly replication: number;
  readonly seed: string;
  /** Values by metric, in the result's metric order. */
  readonly base: readonly number[];
  readonly changed: readonly number[];
}

/** A what-if: base against changed over paired replications. */
export interface WhatIfResult {
  readonly replications: number;
  readonly seed: number | string;
  readonly level: number;
  readonly horizon: number;
  readonly metrics: readonly WhatIfMetric[];
  readonly pairs: readonly WhatIfPair[];
}

/** What compare workers are set up with. */
export interface ComparePayload {
  readonly base: Scenario;
  readonly changed: Scenario;
  readonly seed: number | string;
  readonly metrics: readonly string[];
}

/**
 * Runs paired replications of `base` and `changed` and compares every metric.
 * Throws a RangeError naming an unknown metric or a change of the population's shape.
 *
 * @example
 * ```ts
 * import { compareScenarios } from "./compare.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * import { applyRunOptions } from "../sim/run.ts";
 * const size = { members: 2000, days: 60 };
 * const base = applyRunOptions(await loadScenario("default"), size);
 * const changed = applyRunOptions(
 *   await loadScenario("default", { overrides: ["referral.conversion=0.5"] }),
 *   size,
 * );
 * const result = await compareScenarios(base, changed, { replications: 4, metrics: ["members"] });
 * if (!(result.metrics[0].changed > result.metrics[0].base)) throw new Error("unexpected");
 * ```
 */
export async function compareScenarios(
  base: Scenario,
  changed: Scenario,
  options: CompareOptions = {},
): Promise<WhatIfResult> {
  const replications = options.replications ?? COMPARE_DEFAULTS.replications;
  if (!(Number.isInteger(replications) && replications >= 2)) {
    throw new RangeError(
      `Cannot compare: replications is ${replications}; expected an integer ≥ 2 (pairs)`,
    );
  }
  const metrics = [...(options.metrics ?? COMPARE_DEFAULTS.metrics)];
  metrics.forEach((m, i) => {
    if (!(m in WHAT_IF_TOTALS) && !METRIC_NAME.test(m)) {
      throw new RangeError(
        `Cannot compare: metrics[${i}] is '${m}'; expected ${
          Object.keys(WHAT_IF_TOTALS).join(", ")
        }, activation, activation_d<N>, retention_d<N>, orders, arpu, ltv, k_factor, cac, ` +
          "ltv_cac, cost or net_value",
      );
    }
  });
  if (base.horizon !== changed.horizon) {
    throw new RangeError(
      `Cannot compare: the change moves the horizon from ${base.horizon} to ${changed.horizon}; ` +
        "compare over the same days",
    );
  }
  const level = options.level ?? COMPARE_DEFAULTS.level;
  const seed = options.seed ?? base.seed;
  const payload: ComparePayload = { base, changed, seed, metrics };
  const pairs = await runPool(
    COMPARE_TASK,
    payload,
    replications,
    Math.max(1, options.workers ?? 1),
    options.onProgress,
  );
  const rows = metrics.map((metric, m): WhatIfMetric => {
    const b = pairs.map((p) => p.base[m]), c = pairs.map((p) => p.changed[m]);
    const label = WHAT_IF_TOTALS[metric]?.label ?? defineMetric(metric).label;
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const finite = [...b, ...c].every(Number.isFinite);
    if (!finite) {
      return {
        metric,
        label,
        base: mean(b),
        changed: mean(c),
        difference: null,
        relative: null,
        failure: "undefined-in-some-replication",
      };
    }
    const absolute = comparePaired(b, c, { level });
    const relative = comparePaired(b, c, { level, scale: "relative" });
    const effect = (r: typeof absolute): PairedEffect | null =>
      r.ok
        ? { estimate: r.estimate, se: r.se, lower: r.lower, upper: r.upper, pValue: r.pValue }
        : null;
    return {
      metric,
      label,
      base: mean(b),
      changed: mean(c),
      difference: effect(absolute),
      relative: effect(relative),
      failure: absolute.ok ? null : absolute.code,
    };
  });
  return { replications, seed, level, horizon: base.horizon, metrics: rows, pairs };
}

/**
 * Pair `r` of a what-if in this thread: both scenarios on seed `<seed>/<r>`.
 *
 * @example
 * ```ts
 * import { runWhatIfPair } from "./compare.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const base = await loadScenario("default", { overrides: ["population.initial=500"] });
 * const pair = await runWhatIfPair({ base, changed: base, seed: 1, metrics: ["orders"] }, 0);
 * if (pair.base[0] !== pair.changed[0]) throw new Error("same scenario, same seed");
 * ```
 */
export async function runWhatIfPair(payload: ComparePayload, r: number): Promise<WhatIfPair> {
  const seed = replicationSeed(payload.seed, r);
  const values = async (scenario: Scenario) => {
    const table = (await simulate(scenario, {
      seed,
      workers: 1,
      record: { armMetrics: collectOptions(scenario, payload.metrics) },
    })).armMetrics!;
    return payload.metrics.map((metric) => valueAt(table, metric));
  };
  return {
    replication: r,
    seed,
    base: await values(payload.base),
    changed: await values(payload.changed),
  };
}

const COMPARE_TASK = {
  run: runWhatIfPair,
  workerUrl: new URL("./compare_worker.ts", import.meta.url),
};

/** Sums only (no products): a what-if compares run-level values, not members. */
function collectOptions(scenario: Scenario, metrics: readonly string[]): ArmMetricsOptions {
  const defined = metrics.filter((m) => !(m in WHAT_IF_TOTALS)).map(defineMetric);
  const collected = collectedFor(defined, false, 0);
  const plan = compilePlan(scenario, rootSeed(scenario.seed));
  return {
    arms: 1,
    costCents: [Array.from(plan.cac, (c) => Math.round(c * 100))],
    retentionDays: collected.retentionDays,
    activationDays: collected.activationDays,
    preDays: 0,
    pairs: [],
    clusters: "none",
    groups: 0,
    // What-ifs read the horizon only.
    finalOnly: true,
  };
}

function valueAt(table: ArmMetricsTable, metric: string): number {
  const sums = lookSums(table, 0, table.horizon, false);
  const total = WHAT_IF_TOTALS[metric];
  if (total !== undefined) return combineSum(sums, total.terms);
  return metricValue(defineMetric(metric), sums);
}
