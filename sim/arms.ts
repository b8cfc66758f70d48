/**
 * Experiment arms inside one simulated population: each arm is a scenario variant
 * (the base with overrides), members are assigned to arms at join, and each member
 * behaves by its arm's plan. Acquisition (who joins when) always follows the base.
 *
 * Assignment units: `member` (each member draws its arm, referred members included),
 * `cluster` (every member of a group gets the group's arm; needs `organization`), and
 * `tree` (roots draw, referred members inherit their referrer's arm, so a referral
 * tree never crosses arms).
 *
 * @module
 */
import { streamSeed, Xoshiro128 } from "../random/xoshiro.ts";
import { compilePlan, type Plan } from "./plan.ts";
import type { Scenario } from "./scenario.ts";
import { MAX_POLICIES } from "./_check_policies.ts";

/** An arm of an experiment run: a name, an allocation weight and its scenario. */
export interface Arm {
  readonly name: string;
  readonly weight: number;
  /** The arm's scenario: the base with the arm's overrides applied. */
  readonly scenario: Scenario;
}

/** How members are assigned to arms. */
export type ArmAssignment = "member" | "cluster" | "tree";

/** Assignment codes in {@link ArmPlans.assignment}. */
export const ASSIGN_MEMBER = 0, ASSIGN_CLUSTER = 1, ASSIGN_TREE = 2;

/** Compiled arms. */
export interface ArmPlans {
  readonly names: readonly string[];
  readonly plans: readonly Plan[];
  /** Cumulative normalised weights. */
  readonly cumulative: Float64Array;
  readonly assignment: number;
  /** Cluster assignment: the arm of each group. */
  readonly groupArm: Int32Array;
  /** The run's policies: the base's, then those only arms have, by name (see `slot`). */
  readonly policyNames: readonly string[];
}

/** Stream tag of the per-group arm draws. */
const GROUP_ARM_TAG = 0x47524f55;

/**
 * Compiles the arms of a run against its base plan, checking that every arm keeps the
 * base's stages, attributes, channels and horizon (arms change behaviour, not shape).
 *
 * @example
 * ```ts
 * import { compileArms } from "./arms.ts";
 * import { compilePlan } from "./plan.ts";
 * import { rootSeed } from "../random/seed.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const base = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 10 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const root = rootSeed(1);
 * const arms = compileArms(compilePlan(base, root), [
 *   { name: "control", weight: 1, scenario: base },
 *   { name: "treatment", weight: 1, scenario: base },
 * ], "member", root);
 * if (arms.plans.length !== 2) throw new Error("unexpected");
 * ```
 */
export function compileArms(
  base: Plan,
  arms: readonly Arm[],
  assignment: ArmAssignment,
  root: Uint32Array,
): ArmPlans {
  if (arms.length < 1 || arms.length > 255) {
    throw new RangeError(`Cannot run arms: expected 1 to 255 arms, got ${arms.length}`);
  }
  const total = arms.reduce((s, a) => s + a.weight, 0);
  arms.forEach((arm, i) => {
    if (!(arm.weight >= 0) || !Number.isFinite(arm.weight)) {
      throw new RangeError(`Cannot run arms: arms[${i}].weight must be ≥ 0, got ${arm.weight}`);
    }
  });
  if (!(total > 0)) throw new RangeError("Cannot run arms: the weights sum to 0");
  // Arms with the same scenario share one compiled plan: identical behaviour, and the
  // engine's hot loop sees one plan object instead of several (an A/A test runs faster).
  const compiled = new Map<string, Plan>();
  const plans = arms.map((arm, i) => {
    const key = JSON.stringify(arm.scenario);
    const plan = compiled.get(key) ?? compilePlan(arm.scenario, root);
    compiled.set(key, plan);
    const same = (what: string, a: unknown, b: unknown) => {
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        throw new RangeError(
          `Cannot run arms: arm '${arm.name}' (arms[${i}]) changes the ${what}; ` +
            "arms may change behaviour only",
        );
      }
    };
    same("stages", plan.stages, base.stages);
    same("attributes", plan.attributes, base.attributes);
    same("channels", plan.channels, base.channels);
    same("horizon", plan.horizon, base.horizon);
    same("organization", [plan.groups, plan.groupsPerMentor], [base.groups, base.groupsPerMentor]);
    return plan;
  });
  // Policies of the same name share a slot of the run's policy series.
  const policyNames = [...base.policies.names];
  for (const plan of plans) {
    plan.policies.names.forEach((name, p) => {
      if (!policyNames.includes(name)) policyNames.push(name);
      plan.policies.slot[p] = policyNames.indexOf(name);
    });
  }
  if (policyNames.length > MAX_POLICIES) {
    throw new RangeError(
      `Cannot run arms: they have ${policyNames.length} policies between them; ` +
        `at most ${MAX_POLICIES} are allowed`,
    );
  }
  if (assignment === "cluster" && base.groups === 0) {
    throw new RangeError(
      "Cannot assign arms by cluster: the scenario has no organization (groups)",
    );
  }
  const cumulative = new Float64Array(arms.length);
  let acc = 0;
  arms.forEach((arm, i) => cumulative[i] = acc += arm.weight / total);
  cumulative[arms.length - 1] = 1;
  const groupArm = new Int32Array(base.groups);
  for (let g = 0; g < base.groups; g++) {
    groupArm[g] = pickArm(cumulative, Xoshiro128.from(streamSeed(root, GROUP_ARM_TAG, g)).next());
  }
  return {
    names: arms.map((a) => a.name),
    plans,
    cumulative,
    assignment: assignment === "member"
      ? ASSIGN_MEMBER
      : assignment === "cluster"
      ? ASSIGN_CLUSTER
      : ASSIGN_TREE,
    groupArm,
    policyNames,
  };
}

/**
 * The arm a uniform draw `u` falls in.
 *
 * @example
 * ```ts
 * import { pickArm } from "./arms.ts";
 * if (pickArm(new Float64Array([0.5, 1]), 0.7) !== 1) throw new Error("unexpected");
 * ```
 */
export function pickArm(cumulative: Float64Array, u: number): number {
  let arm = 0;
  while (arm < cumulative.length - 1 && u >= cumulative[arm]) arm++;
  return arm;
}
