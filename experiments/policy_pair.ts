/**
 * Paired counterfactual runs of a warning policy (frameworks.md §4, §6): the scenario
 * with the policy and the same scenario, population and seed without it. Members draw
 * from their own streams and a policy's response draws are kept apart from them, so the
 * two runs are the same lives until the policy first changes one; a policy without
 * effect changes nothing but its cost (`sim/_policy_state.ts`), and the run without the
 * policy is exactly the plain run of the scenario without it. The difference is the
 * policy's effect, measured rather than guessed:
 *
 * - members saved: members live at the horizon, with the policy − without;
 * - revenue saved: revenue over the horizon, with − without (revenue of members the
 *   policy's members referred included, as the policy caused it);
 * - cost: the policy's actions, recall touches and coupon discounts;
 * - net value: margin × revenue saved − cost (margin 1: revenue saved − cost).
 *
 * Value after the horizon (members saved but not yet ordering again) is not counted.
 *
 * @module
 */
import { simulate, type SimulateOptions } from "../sim/run.ts";
import type { RunResult } from "../sim/run_result.ts";
import type { Policy, Scenario } from "../sim/scenario.ts";

/** What one run did, for one policy: enough to pair it with another run. */
export interface PolicyOutcome {
  /** Members live at the horizon. */
  readonly live: number;
  /** Revenue over the horizon. */
  readonly revenue: number;
  /** The policy's alerts (its trigger fired, acted on or refused), 0 without the policy. */
  readonly alerts: number;
  /** Alerts acted on. */
  readonly actions: number;
  /** Alerts refused for want of capacity. */
  readonly refused: number;
  /** The policy's cost: actions, recall touches and coupon discounts. */
  readonly cost: number;
}

/** A policy's effect: the run with the policy against the run without it. */
export interface PolicyEffect {
  readonly alerts: number;
  readonly actions: number;
  readonly refused: number;
  /** Members live at the horizon, with − without. */
  readonly membersSaved: number;
  /** Revenue over the horizon, with − without. */
  readonly revenueSaved: number;
  readonly cost: number;
  /** margin × revenueSaved − cost. */
  readonly netValue: number;
}

/** Options of {@link pairPolicyRuns}. */
export interface PairOptions extends Omit<SimulateOptions, "arms" | "assignment"> {
  /** Name of the policy to pair on; default the scenario's only (or first) policy. */
  readonly policy?: string;
  /** Share of revenue kept as value (gross margin). Default 1: net value = revenue saved − cost. */
  readonly margin?: number;
}

/** Defaults of {@link pairPolicyRuns} and {@link comparePolicyOutcomes}. */
export const PAIR_DEFAULTS = { margin: 1 } as const;

/** The two runs of a pair and the policy's effect. */
export interface PairedRuns {
  readonly policy: string;
  readonly seed: number | string;
  /** The scenario as given, with the policy. */
  readonly treated: RunResult;
  /** The same scenario, population and seed without the policy. */
  readonly baseline: RunResult;
  readonly effect: PolicyEffect;
}

/**
 * The scenario without one of its policies (the others stay).
 *
 * @example
 * ```ts
 * import { withoutPolicy } from "./policy_pair.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * const s = ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "live",
 *   stages: { live: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 5 }, purchases: { spend: { type: "fixed", value: 1 } },
 *   policies: [{ name: "call", trigger: { type: "inactivity", days: 7 },
 *     action: { type: "call", cost: 1, hazard: 0.5, days: 7 } }],
 * });
 * if (withoutPolicy(s, "call").policies.length !== 0) throw new Error("unexpected");
 * ```
 */
export function withoutPolicy(scenario: Scenario, name: string): Scenario {
  findPolicy(scenario, name, "pair policy runs");
  return { ...scenario, policies: scenario.policies.filter((p) => p.name !== name) };
}

/**
 * A policy by name, or the scenario's first policy; a RangeError naming the policies
 * otherwise.
 *
 * @example
 * ```ts
 * import { findPolicy } from "./policy_pair.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * const s = ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "live",
 *   stages: { live: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 5 }, purchases: { spend: { type: "fixed", value: 1 } },
 *   policies: [{ name: "call", trigger: { type: "inactivity", days: 7 },
 *     action: { type: "call", cost: 1, hazard: 0.5, days: 7 } }],
 * });
 * if (findPolicy(s, undefined, "pair").name !== "call") throw new Error("unexpected");
 * ```
 */
export function findPolicy(scenario: Scenario, name: string | undefined, action: string): Policy {
  const names = scenario.policies.map((p) => p.name);
  const found = name === undefined
    ? scenario.policies[0]
    : scenario.policies.find((p) => p.name === name);
  if (found === undefined) {
    const wanted = name === undefined ? "policy" : `policy '${name}'`;
    throw new RangeError(
      `Cannot ${action}: scenario '${scenario.name}' has no ${wanted} (policies: ${
        names.join(", ") || "none"
      }); add one under \`policies\` (see data/scenarios/warning.yaml)`,
    );
  }
  return found;
}

/**
 * What a run did for a policy (zeros for the policy's figures when the run does not have it).
 *
 * @example
 * ```ts
 * import { summarizePolicyRun } from "./policy_pair.ts";
 * import { simulate } from "../sim/run.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * const run = await simulate(ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "live",
 *   stages: { live: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 5 }, purchases: { spend: { type: "fixed", value: 1 } },
 * }), { workers: 1 });
 * if (summarizePolicyRun(run, "call").alerts !== 0) throw new Error("unexpected");
 * ```
 */
export function summarizePolicyRun(run: RunResult, policy: string): PolicyOutcome {
  const series = run.policies.find((p) => p.name === policy);
  return {
    live: run.totals.live,
    revenue: run.totals.revenue,
    alerts: series ? sum(series.alerts) : 0,
    actions: series ? sum(series.actions) : 0,
    refused: series ? sum(series.refused) : 0,
    cost: series ? roundCents(sum(series.cost)) : 0,
  };
}

/**
 * The effect of a policy: the run with it against the run without it.
 *
 * @example
 * ```ts
 * import { comparePolicyOutcomes } from "./policy_pair.ts";
 * const without = { live: 90, revenue: 1000, alerts: 0, actions: 0, refused: 0, cost: 0 };
 * const withIt = { live: 95, revenue: 1300, alerts: 40, actions: 40, refused: 0, cost: 80 };
 * const e = comparePolicyOutcomes(withIt, without);
 * if (e.membersSaved !== 5 || e.netValue !== 220) throw new Error("unexpected");
 * ```
 */
export function comparePolicyOutcomes(
  treated: PolicyOutcome,
  baseline: PolicyOutcome,
  margin: number = PAIR_DEFAULTS.margin,
): PolicyEffect {
  checkMargin(margin, "compare policy outcomes");
  const revenueSaved = roundCents(treated.revenue - baseline.revenue);
  return {
    alerts: treated.alerts,
    actions: treated.actions,
    refused: treated.refused,
    membersSaved: treated.live - baseline.live,
    revenueSaved,
    cost: treated.cost,
    netValue: roundCents(margin * revenueSaved - treated.cost),
  };
}

/**
 * Runs a scenario with and without one of its policies on the same seed and measures
 * the policy's effect.
 *
 * @example
 * ```ts
 * import { pairPolicyRuns } from "./policy_pair.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 60, initialStage: "live",
 *   stages: {
 *     live: { hazard: { type: "constant", value: 0.02 },
 *       orders: { type: "probability", value: 0.1 } },
 *     churned: { churned: true },
 *   },
 *   population: { initial: 300 }, purchases: { spend: { type: "fixed", value: 10 } },
 *   policies: [{ name: "call", trigger: { type: "inactivity", days: 10 },
 *     action: { type: "call", cost: 1, hazard: 0, days: 10 } }],
 * });
 * const pair = await pairPolicyRuns(scenario, { seed: 1, workers: 1 });
 * if (pair.baseline.policies.length !== 0 || !(pair.effect.cost > 0)) throw new Error();
 * ```
 */
export async function pairPolicyRuns(
  scenario: Scenario,
  options: PairOptions = {},
): Promise<PairedRuns> {
  const { policy: name, margin = PAIR_DEFAULTS.margin, ...run } = options;
  checkMargin(margin, "pair policy runs");
  const policy = findPolicy(scenario, name, "pair policy runs");
  const treated = await simulate(scenario, run);
  const baseline = await simulate(withoutPolicy(scenario, policy.name), run);
  return {
    policy: policy.name,
    seed: treated.seed,
    treated,
    baseline,
    effect: comparePolicyOutcomes(
      summarizePolicyRun(treated, policy.name),
      summarizePolicyRun(baseline, policy.name),
      margin,
    ),
  };
}

function checkMargin(margin: number, action: string): void {
  if (!(margin >= 0 && margin <= 1)) {
    throw new RangeError(`Cannot ${action}: margin is ${margin}, expected a share in [0, 1]`);
  }
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Money sums to the cent, so differences of equal runs are exactly 0. */
function roundCents(x: number): number {
  return Math.round(x * 100) / 100;
}
