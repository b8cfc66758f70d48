/**
 * Calibrating an early-warning window on a simulated population, where the truth is
 * known (frameworks.md §4): for each inactivity window, paired runs with and without a
 * warning policy, replicated.
 *
 * Per replication r (seed `<seed>/<r>`), one baseline run — the scenario without the
 * swept policy — and one run per window with the policy's trigger set to that window,
 * all on the same seed, so that members are the same until the policy first touches
 * them (a policy without effect changes nothing: `sim/_policy_state.ts`). Per window:
 * - the rule's precision, recall and median lead time, judged on the baseline run
 *   (what would have happened without acting), with `models/warning`'s evaluation;
 * - alerts and actions, members saved (live at the horizon, policy run − baseline),
 *   revenue saved (policy − baseline), cost, and net value (revenue saved − cost), from
 *   the paired runs;
 * each as the mean over replications with a 95% t interval. The best window has the
 * highest mean net value.
 *
 * @module
 */
import { simulate } from "../sim/run.ts";
import type { Policy, Scenario } from "../sim/scenario.ts";
import { evaluateWarnings } from "../models/warning/evaluate.ts";
import { inactivityRule } from "../models/warning/inactivity.ts";
import { observedChurn } from "../models/warning/outcomes.ts";
import { studentTQuantile } from "../models/math/distributions.ts";
import { replicationSeed } from "./replication.ts";
import { VERSION } from "../version.ts";

/** Options of {@link sweepWarningWindows}. */
export interface WarningSweepOptions {
  /** Inactivity windows to try, in days. */
  readonly windows: readonly number[];
  /** Name of the scenario's policy to sweep; default its first inactivity policy. */
  readonly policy?: string;
  /** Replications (paired run sets). Default 10. */
  readonly replications?: number;
  /** Overrides the policy's daily capacity (the alert budget). */
  readonly budget?: number;
  /** Overrides the scenario's seed. */
  readonly seed?: number | string;
  /** Overrides `population.initial`. */
  readonly members?: number;
  /** Overrides the horizon. */
  readonly days?: number;
  /** Worker threads per run; default every core. */
  readonly workers?: number;
  /** Days after an alert within which a churn makes it right. Default 30. */
  readonly horizon?: number;
  /** Days an intervention needs: later alerts do not count. Default 3. */
  readonly latency?: number;
  /** Called after each run with runs done and runs in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Defaults of {@link sweepWarningWindows}. */
export const WARNING_SWEEP_DEFAULTS = { replications: 10, horizon: 30, latency: 3 } as const;

/** A mean over replications with its 95% t interval (equal bounds for one replication: NaN). */
export interface ReplicatedFigure {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/** What one window did, over the replications. */
export interface WindowResult {
  readonly window: number;
  readonly alerts: ReplicatedFigure;
  readonly actions: ReplicatedFigure;
  readonly precision: ReplicatedFigure;
  readonly recall: ReplicatedFigure;
  readonly medianLeadTime: ReplicatedFigure;
  readonly membersSaved: ReplicatedFigure;
  readonly revenueSaved: ReplicatedFigure;
  readonly cost: ReplicatedFigure;
  readonly netValue: ReplicatedFigure;
}

/** A sweep's result. */
export interface WarningSweep {
  readonly model: "warning-sweep";
  readonly scenario: string;
  readonly policy: string;
  readonly seed: number | string;
  readonly replications: number;
  /** Seeds of the replications, in order. */
  readonly seeds: readonly string[];
  readonly horizon: number;
  readonly latency: number;
  readonly level: 0.95;
  readonly windows: readonly WindowResult[];
  /** The window with the highest mean net value. */
  readonly best: number;
  readonly version: string;
}

/** Per-window figures of one replication, in {@link WindowResult} order. */
const FIGURES = [
  "alerts",
  "actions",
  "precision",
  "recall",
  "medianLeadTime",
  "membersSaved",
  "revenueSaved",
  "cost",
  "netValue",
] as const;

/**
 * Sweeps a policy's inactivity window over paired, replicated runs.
 *
 * @example
 * ```ts
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { sweepWarningWindows } from "./warning_sweep.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 60, initialStage: "live",
 *   stages: {
 *     live: { hazard: { type: "constant", value: 0.01 },
 *       orders: { type: "probability", value: 0.1 } },
 *     churned: { churned: true },
 *   },
 *   population: { initial: 500 }, purchases: { spend: { type: "fixed", value: 10 } },
 *   policies: [{ name: "call", trigger: { type: "inactivity", days: 7 },
 *     action: { type: "call", cost: 1, hazard: 0.5, days: 7 } }],
 * });
 * const sweep = await sweepWarningWindows(scenario, { windows: [5, 10], replications: 2, workers: 1 });
 * if (sweep.windows.length !== 2 || ![5, 10].includes(sweep.best)) throw new Error("unexpected");
 * ```
 */
export async function sweepWarningWindows(
  scenario: Scenario,
  options: WarningSweepOptions,
): Promise<WarningSweep> {
  const action = "sweep warning windows";
  const policy = sweptPolicy(scenario, options.policy, action);
  const replications = options.replications ?? WARNING_SWEEP_DEFAULTS.replications;
  const horizon = options.horizon ?? WARNING_SWEEP_DEFAULTS.horizon;
  const latency = options.latency ?? WARNING_SWEEP_DEFAULTS.latency;
  const windows = options.windows;
  if (windows.length === 0 || windows.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new RangeError(
      `Cannot ${action}: windows must be whole days ≥ 1, got [${windows.join(", ")}]`,
    );
  }
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`Cannot ${action}: replications must be ≥ 1, got ${replications}`);
  }
  const others = scenario.policies.filter((p) => p !== policy);
  const baseline: Scenario = { ...scenario, policies: others };
  const variant = (window: number): Scenario => ({
    ...scenario,
    policies: [
      ...others,
      {
        ...policy,
        trigger: { ...policy.trigger, type: "inactivity", days: window },
        capacity: options.budget === undefined
          ? policy.capacity
          : { ...policy.capacity, daily: options.budget },
      },
    ],
  });
  const seed = options.seed ?? scenario.seed;
  const seeds = Array.from({ length: replications }, (_, r) => replicationSeed(seed, r));
  const run = { members: options.members, days: options.days, workers: options.workers };
  const total = replications * (windows.length + 1);
  let done = 0;
  // figures[w][k][r]: figure k of window w in replication r.
  const figures = windows.map(() => FIGURES.map(() => new Float64Array(replications)));
  for (let r = 0; r < replications; r++) {
    const base = await simulate(baseline, {
      ...run,
      seed: seeds[r],
      record: { members: true, events: true },
    });
    options.onProgress?.(++done, total);
    const outcomes = observedChurn(base.events!, {
      churnDays: base.members!.churnDay,
      from: 0,
      to: base.horizon - 1,
    });
    for (let w = 0; w < windows.length; w++) {
      const treated = await simulate(variant(windows[w]), { ...run, seed: seeds[r] });
      options.onProgress?.(++done, total);
      const judged = evaluateWarnings(
        inactivityRule({ window: windows[w] }).alert(base.events!),
        outcomes,
        { horizon, latency },
      );
      const series = treated.policies.find((p) => p.name === policy.name)!;
      const cost = sum(series.cost);
      const revenueSaved = treated.totals.revenue - base.totals.revenue;
      const values = {
        alerts: sum(series.alerts),
        actions: sum(series.actions),
        precision: judged.precision,
        recall: judged.recall,
        medianLeadTime: judged.leadTime.median,
        membersSaved: treated.totals.live - base.totals.live,
        revenueSaved,
        cost,
        netValue: revenueSaved - cost,
      };
      FIGURES.forEach((k, i) => figures[w][i][r] = values[k]);
    }
  }
  const results = windows.map((window, w) => {
    const entry: Record<string, unknown> = { window };
    FIGURES.forEach((k, i) => entry[k] = replicated(figures[w][i]));
    return entry as unknown as WindowResult;
  });
  let best = 0;
  results.forEach((r, w) => {
    if (r.netValue.mean > results[best].netValue.mean) best = w;
  });
  return {
    model: "warning-sweep",
    scenario: scenario.name,
    policy: policy.name,
    seed,
    replications,
    seeds,
    horizon,
    latency,
    level: 0.95,
    windows: results,
    best: windows[best],
    version: VERSION,
  };
}

/** The policy to sweep: by name, or the scenario's first inactivity policy. */
function sweptPolicy(scenario: Scenario, name: string | undefined, action: string): Policy {
  const names = scenario.policies.map((p) => p.name);
  if (name !== undefined) {
    const found = scenario.policies.find((p) => p.name === name);
    if (found === undefined) {
      throw new RangeError(
        `Cannot ${action}: scenario '${scenario.name}' has no policy '${name}' (policies: ${
          names.join(", ") || "none"
        })`,
      );
    }
    return found;
  }
  const first = scenario.policies.find((p) => p.trigger.type === "inactivity");
  if (first === undefined) {
    throw new RangeError(
      `Cannot ${action}: scenario '${scenario.name}' has no policy with an inactivity trigger ` +
        "to sweep; add one under `policies` (see data/scenarios/warning.yaml)",
    );
  }
  return first;
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Mean and 95% t interval of replicated values (NaN values, e.g. no alert judged, skipped). */
function replicated(values: Float64Array): ReplicatedFigure {
  const xs = Array.from(values).filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (n === 0) return { mean: NaN, lower: NaN, upper: NaN };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lower: NaN, upper: NaN };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * sd / Math.sqrt(n);
  return { mean, lower: mean - half, upper: mean + half };
}
