/**
 * Calibrating an early-warning window on a simulated population, where the truth is
 * known (frameworks.md §4): for each inactivity window, paired runs with and without a
 * warning policy (`policy_pair.ts`), replicated.
 *
 * Per replication r (seed `<seed>/<r>`), one baseline run — the scenario without the
 * swept policy — and one run per window with the policy's trigger set to that window,
 * all on the same seed, so that members are the same until the policy first touches
 * them. Per window:
 * - the rule's precision, recall and median lead time (alerts at least `latency` days
 *   before churn, within `horizon` days), judged on the baseline run — what would have
 *   happened without acting — by `models/warning`'s inactivity rule with the policy's
 *   stages and {@link evaluateWarnings}; the rule sees silence, not churn, as the
 *   policy does;
 * - the policy's alerts and actions, members saved, revenue saved, cost and net value
 *   (margin × revenue saved − cost), from the paired runs;
 * each as the mean over replications with a 95% t interval across replications, and the
 * lead times pooled over replications. The best window has the highest mean net value.
 *
 * Runs are independent tasks (a baseline per replication, a treated run per window and
 * replication) spread over workers; results do not depend on the number of workers.
 *
 * @module
 */
import type { SummaryRow } from "../models/analytics/_interval.ts";
import { studentTQuantile } from "../models/math/distributions.ts";
import { evaluateWarnings } from "../models/warning/evaluate.ts";
import { raiseInactivityAlerts } from "../models/warning/inactivity.ts";
import { observedChurn } from "../models/warning/outcomes.ts";
import { simulate } from "../sim/run.ts";
import type { Policy, Scenario } from "../sim/scenario.ts";
import { VERSION } from "../version.ts";
import { runPool } from "./_pool.ts";
import {
  comparePolicyOutcomes,
  findPolicy,
  PAIR_DEFAULTS,
  type PolicyOutcome,
  summarizePolicyRun,
  withoutPolicy,
} from "./policy_pair.ts";
import { replicationSeed } from "./replication.ts";

/** Options of {@link sweepWarningWindows}. */
export interface WarningSweepOptions {
  /** Inactivity windows to try, in days. */
  readonly windows: readonly number[];
  /** Name of the scenario's policy to sweep; default its first inactivity policy. */
  readonly policy?: string;
  /** Replications (paired run sets). Default 10. */
  readonly replications?: number;
  /** Overrides the policy's daily capacity (the alert budget: actions per day). */
  readonly budget?: number;
  /** Overrides the scenario's seed. */
  readonly seed?: number | string;
  /** Overrides `population.initial`. */
  readonly members?: number;
  /** Overrides the horizon. */
  readonly days?: number;
  /** Worker threads running the runs; default 1 (this thread). */
  readonly workers?: number;
  /** Days after an alert within which a churn makes it right. Default 30. */
  readonly horizon?: number;
  /** Days an intervention needs: later alerts do not count. Default 3. */
  readonly latency?: number;
  /** Share of revenue kept as value. Default 1 (net value = revenue saved − cost). */
  readonly margin?: number;
  /** Called after each run with runs done and runs in all. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Defaults of {@link sweepWarningWindows}. */
export const WARNING_SWEEP_DEFAULTS = {
  replications: 10,
  horizon: 30,
  latency: 3,
  margin: PAIR_DEFAULTS.margin,
  workers: 1,
} as const;

/** A mean over replications with its 95% t interval (NaN bounds for one replication). */
export interface ReplicatedFigure {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
  /** Replications with a value (precision needs a judged alert, lead time a caught churn). */
  readonly n: number;
}

/** The figures of one window in one replication, and over replications. */
export const WINDOW_FIGURES = [
  "alerts",
  "actions",
  "refused",
  "precision",
  "recall",
  "medianLeadTime",
  "membersSaved",
  "revenueSaved",
  "cost",
  "netValue",
] as const;

/** A figure of {@link WINDOW_FIGURES}. */
export type WindowFigure = typeof WINDOW_FIGURES[number];

/** What one window did, over the replications. */
export type WindowResult =
  & { readonly window: number }
  & {
    readonly [K in WindowFigure]: ReplicatedFigure;
  };

/** One window in one replication. */
export type ReplicationRow =
  & { readonly window: number; readonly replication: number; readonly seed: string }
  & { readonly [K in WindowFigure]: number };

/** Churns caught `days` ahead under a window, pooled over replications. */
export interface LeadTimeCount {
  readonly window: number;
  readonly days: number;
  readonly churns: number;
}

/** A sweep's result. */
export interface WarningSweep {
  readonly model: "warning-sweep";
  readonly scenario: string;
  /** The swept policy as in the scenario (its window replaced in each run). */
  readonly policy: Policy;
  readonly seed: number | string;
  readonly replications: number;
  /** Seeds of the replications, in order. */
  readonly seeds: readonly string[];
  /** Members on day 0 and days simulated, as run. */
  readonly members: number;
  readonly days: number;
  /** Daily capacity the policy ran with (null: none). */
  readonly budget: number | null;
  readonly horizon: number;
  readonly latency: number;
  readonly margin: number;
  readonly level: 0.95;
  readonly windows: readonly WindowResult[];
  /** The window with the highest mean net value. */
  readonly best: number;
  /** Every window in every replication. */
  readonly rows: readonly ReplicationRow[];
  readonly leadTimes: readonly LeadTimeCount[];
  /** Runs made and the seconds they took. */
  readonly runs: number;
  readonly seconds: number;
  readonly version: string;
  /** `<figure>:<window>` rows with the mean and its interval. */
  summary(): SummaryRow[];
}

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
 * const sweep = await sweepWarningWindows(scenario, { windows: [5, 10], replications: 2 });
 * if (sweep.windows.length !== 2 || ![5, 10].includes(sweep.best)) throw new Error("unexpected");
 * ```
 */
export async function sweepWarningWindows(
  scenario: Scenario,
  options: WarningSweepOptions,
): Promise<WarningSweep> {
  const action = "sweep warning windows";
  // Options left undefined (e.g. by a command line) take their defaults.
  const o = { ...WARNING_SWEEP_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(o, { [key]: value });
  }
  const policy = sweptPolicy(scenario, options.policy, action);
  const windows = [...options.windows];
  if (windows.length === 0 || windows.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new RangeError(
      `Cannot ${action}: windows must be whole days ≥ 1, got [${windows.join(", ")}]`,
    );
  }
  const repeated = windows.find((w, i) => windows.indexOf(w) !== i);
  if (repeated !== undefined) {
    throw new RangeError(`Cannot ${action}: window ${repeated} appears twice`);
  }
  const check = (name: string, value: number, ok: boolean, expected: string) => {
    if (!ok) throw new RangeError(`Cannot ${action}: ${name} is ${value}, expected ${expected}`);
  };
  const { replications: R, horizon, latency, margin } = o;
  check("replications", R, Number.isInteger(R) && R >= 1, "an integer ≥ 1");
  check("horizon", horizon, Number.isInteger(horizon) && horizon >= 1, "an integer ≥ 1 of days");
  check(
    "latency",
    latency,
    Number.isInteger(latency) && latency >= 0 && latency <= horizon,
    "an integer in [0, horizon]",
  );
  check("margin", margin, margin >= 0 && margin <= 1, "a share in [0, 1]");
  check("workers", o.workers, Number.isInteger(o.workers) && o.workers >= 1, "an integer ≥ 1");
  if (options.budget !== undefined) {
    check("budget", options.budget, options.budget >= 0, "≥ 0 actions per day");
  }
  const seed = options.seed ?? scenario.seed;
  const days = options.days ?? scenario.horizon;
  check("days", days, days > horizon, `more than the horizon of ${horizon} days`);
  const payload: SweepPayload = {
    scenario,
    policy: policy.name,
    windows,
    seeds: Array.from({ length: R }, (_, r) => replicationSeed(seed, r)),
    members: options.members,
    days: options.days,
    budget: options.budget,
    horizon,
    latency,
  };
  const W = windows.length;
  const started = performance.now();
  const results = await runPool(SWEEP_TASK, payload, R * (1 + W), o.workers, options.onProgress);
  const seconds = (performance.now() - started) / 1000;
  const rows: ReplicationRow[] = [];
  const pooled = windows.map(() => new Map<number, number>());
  for (let r = 0; r < R; r++) {
    const base = results[r] as BaselineResult;
    for (let w = 0; w < W; w++) {
      const treated = results[R + r * W + w] as PolicyOutcome;
      const effect = comparePolicyOutcomes(treated, base.outcome, margin);
      const judged = base.judged[w];
      rows.push({
        window: windows[w],
        replication: r,
        seed: payload.seeds[r],
        ...effect,
        precision: judged.precision,
        recall: judged.recall,
        medianLeadTime: judged.medianLeadTime,
      });
      for (const d of judged.leadTimes) pooled[w].set(d, (pooled[w].get(d) ?? 0) + 1);
    }
  }
  const perWindow: WindowResult[] = windows.map((window) => {
    const mine = rows.filter((row) => row.window === window);
    const entry: Record<string, unknown> = { window };
    for (const k of WINDOW_FIGURES) entry[k] = replicated(mine.map((row) => row[k]));
    return entry as WindowResult;
  });
  let best = 0;
  perWindow.forEach((r, w) => {
    if (r.netValue.mean > perWindow[best].netValue.mean) best = w;
  });
  const leadTimes = windows.flatMap((window, w) =>
    [...pooled[w].entries()].sort((a, b) => a[0] - b[0]).map(([d, churns]) => ({
      window,
      days: d,
      churns,
    }))
  );
  return Object.freeze({
    model: "warning-sweep" as const,
    scenario: scenario.name,
    policy,
    seed,
    replications: R,
    seeds: payload.seeds,
    members: options.members ?? scenario.population.initial,
    days,
    budget: options.budget ?? policy.capacity.daily ?? null,
    horizon,
    latency,
    margin,
    level: 0.95 as const,
    windows: perWindow,
    best: windows[best],
    rows,
    leadTimes,
    runs: R * (1 + W),
    seconds,
    version: VERSION,
    summary: (): SummaryRow[] =>
      perWindow.flatMap((r) =>
        WINDOW_FIGURES.map((k) => ({
          name: `${k}:${r.window}`,
          estimate: r[k].mean,
          lower: r[k].lower,
          upper: r[k].upper,
          level: 0.95,
        }))
      ),
  });
}

/** What sweep workers are set up with. */
export interface SweepPayload {
  /** The scenario with the swept policy as written. */
  readonly scenario: Scenario;
  readonly policy: string;
  readonly windows: readonly number[];
  readonly seeds: readonly string[];
  readonly members: number | undefined;
  readonly days: number | undefined;
  readonly budget: number | undefined;
  readonly horizon: number;
  readonly latency: number;
}

/** How the rule did on one baseline run, under one window. */
export interface JudgedWindow {
  readonly precision: number;
  readonly recall: number;
  readonly medianLeadTime: number;
  readonly leadTimes: readonly number[];
}

/** A baseline task's result: the run's outcome and the rule judged under each window. */
export interface BaselineResult {
  readonly outcome: PolicyOutcome;
  readonly judged: readonly JudgedWindow[];
}

/**
 * Sweep task `index` in this thread: tasks 0..R−1 are the baselines of replications
 * 0..R−1 (simulated with their event log, the rule judged under every window); task
 * R + r·W + w is replication r's run with window w.
 *
 * @example
 * ```ts
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { runSweepTask } from "./warning_sweep.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 60, initialStage: "live",
 *   stages: {
 *     live: { hazard: { type: "constant", value: 0.01 },
 *       orders: { type: "probability", value: 0.1 } },
 *     churned: { churned: true },
 *   },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 10 } },
 *   policies: [{ name: "call", trigger: { type: "inactivity", days: 7 },
 *     action: { type: "call", cost: 1, hazard: 0.5, days: 7 } }],
 * });
 * const payload = {
 *   scenario, policy: "call", windows: [7], seeds: ["1/0"], members: undefined,
 *   days: undefined, budget: undefined, horizon: 30, latency: 3,
 * };
 * const treated = await runSweepTask(payload, 1);
 * if (!("cost" in treated) || !(treated.cost > 0)) throw new Error("unexpected");
 * ```
 */
export async function runSweepTask(
  payload: SweepPayload,
  index: number,
): Promise<BaselineResult | PolicyOutcome> {
  const R = payload.seeds.length, W = payload.windows.length;
  const policy = findPolicy(payload.scenario, payload.policy, "sweep warning windows");
  const run = { members: payload.members, days: payload.days, workers: 1 };
  if (index < R) {
    const base = await simulate(withoutPolicy(payload.scenario, policy.name), {
      ...run,
      seed: payload.seeds[index],
      record: { events: true },
    });
    const log = base.events!;
    const last = base.horizon - 1;
    const outcomes = observedChurn(log, { from: 0, to: last });
    const stages = policy.trigger.type === "inactivity" ? policy.trigger.stages : undefined;
    const alerts = raiseInactivityAlerts(log, payload.windows, { stages, until: last });
    const judged = payload.windows.map((_, w) => {
      const e = evaluateWarnings(alerts[w], outcomes, {
        horizon: payload.horizon,
        latency: payload.latency,
      });
      return {
        precision: e.precision,
        recall: e.recall,
        medianLeadTime: e.leadTime.median,
        leadTimes: Array.from(e.leadTimes),
      };
    });
    return { outcome: summarizePolicyRun(base, policy.name), judged };
  }
  const r = Math.floor((index - R) / W), w = (index - R) % W;
  const treated = await simulate(
    withWindow(payload.scenario, policy, payload.windows[w], payload.budget),
    {
      ...run,
      seed: payload.seeds[r],
    },
  );
  return summarizePolicyRun(treated, policy.name);
}

const SWEEP_TASK = {
  run: runSweepTask,
  workerUrl: new URL("./warning_sweep_worker.ts", import.meta.url),
};

/** The scenario with the policy's inactivity window (and daily capacity, if given) replaced. */
function withWindow(
  scenario: Scenario,
  policy: Policy,
  window: number,
  budget: number | undefined,
): Scenario {
  const trigger = { ...policy.trigger, type: "inactivity" as const, days: window };
  const capacity = budget === undefined ? policy.capacity : { ...policy.capacity, daily: budget };
  return {
    ...scenario,
    policies: scenario.policies.map((p) => p === policy ? { ...p, trigger, capacity } : p),
  };
}

/** The policy to sweep: by name (it must have an inactivity trigger), or the first such. */
function sweptPolicy(scenario: Scenario, name: string | undefined, action: string): Policy {
  if (name !== undefined) {
    const found = findPolicy(scenario, name, action);
    if (found.trigger.type !== "inactivity") {
      throw new RangeError(
        `Cannot ${action}: policy '${name}' has a ${found.trigger.type} trigger; the sweep ` +
          "varies the window of an inactivity trigger",
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

/** Mean and 95% t interval of replicated values (NaN values, e.g. no alert judged, skipped). */
function replicated(values: readonly number[]): ReplicatedFigure {
  const xs = values.filter((x) => !Number.isNaN(x));
  const n = xs.length;
  if (n === 0) return { mean: NaN, lower: NaN, upper: NaN, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lower: NaN, upper: NaN, n };
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = studentTQuantile(0.975, n - 1) * sd / Math.sqrt(n);
  return { mean, lower: mean - half, upper: mean + half, n };
}
