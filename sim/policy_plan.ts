/**
 * Compiles a scenario's warning policies into flat arrays for the engines' hot loops.
 *
 * A policy is a trigger (days without an order reaching a window, or entering a stage),
 * an action (a coupon that multiplies the order rate, a call that multiplies the churn
 * hazard, or a recall sequence of touches with decaying lifts) and a capacity (actions
 * started per day, population-wide and per mentor). Triggers and actions happen at the
 * end of a day, after that day's churn, order and stage timers; an action's effect runs
 * from the next day.
 *
 * An operator sees silence, not churn: an inactivity trigger whose stages include the
 * churned stage (the default) also reaches members who have churned, at the same day a
 * live member would be reached, and its running actions go on through a churn (recall
 * touches are given and paid for, then the member counts as lost). A churned member
 * cannot respond. A trigger restricted to live stages models an operator who knows.
 *
 * @module
 */
import type { Policy, Scenario } from "./scenario.ts";

/** Trigger kinds in {@link PolicyPlan.triggerKind}. */
export const TRIGGER_INACTIVITY = 0, TRIGGER_STAGE = 1;
/** Action kinds in {@link PolicyPlan.actionKind}. */
export const ACTION_COUPON = 0, ACTION_CALL = 1, ACTION_RECALL = 2;

/** Compiled policies; arrays are indexed by policy (stage masks by policy × stage). */
export interface PolicyPlan {
  readonly count: number;
  readonly names: readonly string[];
  readonly triggerKind: Uint8Array;
  /** Inactivity window in days. */
  readonly triggerDays: Int32Array;
  /** 1 where stage s is eligible for policy p: triggerStages[p * S + s]. */
  readonly triggerStages: Uint8Array;
  /** 1 where policy p reaches churned members (its trigger lists the churned stage). */
  readonly reachesChurned: Uint8Array;
  readonly actionKind: Uint8Array;
  /** Cost of one action (a recall: of one touch), in cents. */
  readonly costCents: Float64Array;
  /** Coupon: share of each order's amount the coupon pays while it runs. */
  readonly discount: Float64Array;
  /** Coupon: order-rate multiplier; recall: the first touch's lift. */
  readonly orders: Float64Array;
  /** Call: churn-hazard multiplier. */
  readonly hazard: Float64Array;
  /** Days an effect lasts (a recall: each touch's). */
  readonly days: Int32Array;
  /** Recall: share of the lift each later touch keeps. */
  readonly decay: Float64Array;
  /** Recall touches of policy p: touchDay[touchStart[p] .. touchStart[p + 1]). */
  readonly touchStart: Int32Array;
  readonly touchDay: Int32Array;
  /** Probability that a member reached responds. */
  readonly response: Float64Array;
  /** Actions started per day, population-wide (Infinity: no limit). */
  readonly daily: Float64Array;
  /** Actions started per day by each mentor (Infinity: no limit). */
  readonly perMentor: Float64Array;
  /** Mentors in the organization (0 without one). */
  readonly mentors: number;
  /**
   * The run-wide slot of each policy, where its daily figures are recorded: the policy's
   * index, unless experiment arms with policies of their own renumber them (`arms.ts`).
   */
  readonly slot: Int32Array;
}

/**
 * Compiles the policies of a validated scenario.
 *
 * @example
 * ```ts
 * import { compilePolicies } from "./policy_plan.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 1 }, purchases: { spend: { type: "fixed", value: 1 } },
 *   policies: [{ name: "winback", trigger: { type: "inactivity", days: 14 },
 *     action: { type: "coupon", cost: 2, orders: 1.5, days: 7 } }],
 * });
 * const plan = compilePolicies(scenario);
 * if (plan.count !== 1 || plan.costCents[0] !== 200) throw new Error("unexpected");
 * ```
 */
export function compilePolicies(scenario: Scenario): PolicyPlan {
  const policies = scenario.policies;
  const P = policies.length;
  const stages = Object.keys(scenario.stages);
  const S = stages.length;
  const triggerStages = new Uint8Array(P * S);
  const reachesChurned = new Uint8Array(P);
  policies.forEach((policy, p) => {
    for (const name of policy.trigger.stages ?? stages) {
      triggerStages[p * S + stages.indexOf(name)] = 1;
      if (scenario.stages[name].churned) reachesChurned[p] = 1;
    }
  });
  const touches = policies.map((p) => p.action.type === "recall" ? p.action.touches : []);
  const touchStart = new Int32Array(P + 1);
  touches.forEach((t, p) => touchStart[p + 1] = touchStart[p] + t.length);
  const organization = scenario.organization;
  const per = (pick: (policy: Policy) => number) => Float64Array.from(policies, pick);
  return {
    count: P,
    names: policies.map((p) => p.name),
    triggerKind: Uint8Array.from(
      policies,
      (p) => p.trigger.type === "inactivity" ? TRIGGER_INACTIVITY : TRIGGER_STAGE,
    ),
    triggerDays: Int32Array.from(
      policies,
      (p) => p.trigger.type === "inactivity" ? p.trigger.days : 0,
    ),
    triggerStages,
    reachesChurned,
    actionKind: Uint8Array.from(
      policies,
      (p) =>
        p.action.type === "coupon"
          ? ACTION_COUPON
          : p.action.type === "call"
          ? ACTION_CALL
          : ACTION_RECALL,
    ),
    costCents: per((p) => Math.round(p.action.cost * 100)),
    discount: per((p) => p.action.type === "coupon" ? p.action.discount : 0),
    orders: per((p) =>
      p.action.type === "coupon" ? p.action.orders : p.action.type === "recall" ? p.action.lift : 1
    ),
    hazard: per((p) => p.action.type === "call" ? p.action.hazard : 1),
    days: Int32Array.from(policies, (p) => p.action.days),
    decay: per((p) => p.action.type === "recall" ? p.action.decay : 1),
    touchStart,
    touchDay: Int32Array.from(touches.flat()),
    response: per((p) => p.response),
    daily: per((p) => p.capacity.daily ?? Infinity),
    perMentor: per((p) => p.capacity.perMentor ?? Infinity),
    mentors: organization ? Math.ceil(organization.groups / organization.groupsPerMentor) : 0,
    slot: Int32Array.from(policies, (_, p) => p),
  };
}
