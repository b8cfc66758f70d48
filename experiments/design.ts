/**
 * An experiment made ready to run: the base scenario with the experiment's overrides,
 * each arm's scenario (its overrides, then its warning policies added to the
 * scenario's), the look days, the metric definitions and the statistics the engine must
 * collect for them. A design is plain data, so it travels to workers.
 *
 * Arms act from a member's join (the engine assigns arms at join). With a CUPED
 * pre-period, the run starts `preDays` before the experiment, and initial members'
 * orders and revenue in the pre-period are the covariate; that covariate is valid only
 * when the arms do not change members' own orders and spend, so CUPED accepts arms
 * that override `referral.*` only (a campaign on invites, conversion or its cost) and
 * add no policies.
 *
 * @module
 */
import { applyOverrides } from "../sim/overrides.ts";
import { parseScenario } from "../sim/validate.ts";
import { compilePlan } from "../sim/plan.ts";
import { rootSeed } from "../random/seed.ts";
import type { Scenario } from "../sim/scenario.ts";
import { ScenarioError } from "../sim/scenario_error.ts";
import { type ArmMetricsOptions, armMetricVariables } from "../sim/arm_metrics.ts";
import { mixingVarianceForHorizon } from "../models/stats/sequential.ts";
import type { Experiment } from "./spec.ts";
import { ExperimentError, type ExperimentIssue } from "./experiment_error.ts";
import { collectedFor, defineMetric, type MetricDefinition } from "./metrics.ts";

/** One arm, resolved. */
export interface DesignArm {
  readonly name: string;
  readonly weight: number;
  readonly scenario: Scenario;
}

/** A resolved experiment. */
export interface ExperimentDesign {
  readonly experiment: Experiment;
  /** The base scenario with the experiment's overrides, members and horizon. */
  readonly scenario: Scenario;
  readonly arms: readonly DesignArm[];
  /** Days simulated: pre-period plus duration. */
  readonly horizon: number;
  /** Pre-period days (0 without CUPED). */
  readonly preDays: number;
  /** Look days in run time: a look on day k sees days 0..k−1; the last is the horizon. */
  readonly looks: readonly number[];
  /** Metrics analysed (the experiment's, then guardrails not listed). */
  readonly metrics: readonly MetricDefinition[];
  /** Whether units are clusters (groups or referral trees). */
  readonly clustered: boolean;
  /** What the engine collects. */
  readonly collect: ArmMetricsOptions;
  /** Every arm has the control's scenario: every true effect is 0. */
  readonly aa: boolean;
  /** Members expected without referrals (initial and acquired), for tuning the mSPRT. */
  readonly plannedMembers: number;
  /** mSPRT mixing variance ρ². */
  readonly mixingVariance: number;
}

/**
 * Overrides as `--set` takes them: `path=value`, the value as JSON (valid YAML).
 *
 * @example
 * ```ts
 * import { toAssignments } from "./design.ts";
 * const [a] = toAssignments({ "referral.conversion": 0.3 });
 * if (a !== "referral.conversion=0.3") throw new Error("unexpected");
 * ```
 */
export function toAssignments(set: Readonly<Record<string, unknown>>): string[] {
  return Object.entries(set).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
}

/**
 * Resolves an experiment against its base scenario (already loaded and validated).
 * Throws an {@link ExperimentError} naming the arm, override or field at fault.
 *
 * @example
 * ```ts
 * import { designExperiment } from "./design.ts";
 * import { parseExperiment } from "./parse.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const experiment = parseExperiment({
 *   name: "aa", scenario: "default", duration: 30, metrics: ["orders"], members: 1000,
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * });
 * const design = designExperiment(experiment, await loadScenario("default"));
 * if (!design.aa || design.looks.length !== 30) throw new Error("unexpected");
 * ```
 */
export function designExperiment(experiment: Experiment, base: Scenario): ExperimentDesign {
  const issues: ExperimentIssue[] = [];
  const cuped = experiment.analysis.cuped;
  const preDays = cuped?.preDays ?? 0;
  const horizon = preDays + experiment.duration;
  const resize = (s: Scenario): Scenario => ({
    ...s,
    horizon,
    seed: experiment.seed,
    population: {
      ...s.population,
      initial: experiment.members ?? s.population.initial,
    },
  });
  const scenario = overridden(base, experiment.set, "set", issues);
  const arms = experiment.arms.map((arm, i) => {
    const changed = scenario === null
      ? base
      : overridden(scenario, arm.set, `arms[${i}].set`, issues) ?? base;
    return {
      name: arm.name,
      weight: arm.weight,
      scenario: resize(withPolicies(changed, arm.policies, `arms[${i}].policies`, issues)),
    };
  });
  if (experiment.assignment === "cluster" && base.organization === undefined) {
    issues.push({
      path: "assignment",
      message: `cluster assignment needs groups: scenario '${base.name}' has no organization`,
    });
  }
  if (cuped !== undefined) {
    if (experiment.assignment !== "member") {
      issues.push({
        path: "analysis.cuped",
        message: `CUPED here is member-level; got assignment ${experiment.assignment}`,
      });
    }
    experiment.arms.forEach((arm, i) => {
      if (arm.policies.length > 0) {
        issues.push({
          path: `arms[${i}].policies`,
          message: "CUPED's pre-period covariate needs arms that leave members' own orders " +
            "alone (arms act from join); warning policies change them",
        });
      }
      for (const path of Object.keys(arm.set)) {
        if (!path.startsWith("referral.")) {
          issues.push({
            path: `arms[${i}].set`,
            message: `CUPED's pre-period covariate needs arms that leave members' own orders ` +
              `alone (arms act from join), so only referral.* overrides are allowed; got ${path}`,
          });
        }
      }
    });
  }
  if (issues.length > 0) throw new ExperimentError(issues);

  const names = [...experiment.metrics];
  for (const g of experiment.guardrails) if (!names.includes(g.metric)) names.push(g.metric);
  const metrics = names.map(defineMetric);
  const clustered = experiment.assignment !== "member";
  const collected = collectedFor(metrics, clustered, preDays);
  const variables = armMetricVariables({ ...collected, preDays });
  const index = (name: string) => variables.indexOf(name);
  const root = rootSeed(experiment.seed);
  const plans = arms.map((arm) => compilePlan(arm.scenario, root));
  const looks = lookDays(experiment, preDays);
  const collect: ArmMetricsOptions = {
    arms: arms.length,
    costCents: plans.map((plan) => Array.from(plan.cac, (c) => Math.round(c * 100))),
    retentionDays: collected.retentionDays,
    activationDays: collected.activationDays,
    preDays,
    pairs: collected.pairs.map(([a, b]) => [index(a), index(b)] as const),
    clusters: experiment.assignment === "member"
      ? "none"
      : experiment.assignment === "cluster"
      ? "group"
      : "tree",
    groups: base.organization?.groups ?? 0,
    // One look, at the horizon: members' products are formed once, from final values.
    finalOnly: looks.length === 1,
  };
  const control = JSON.stringify(arms[0].scenario);
  const plannedMembers = plans[0].totalRoots;
  return {
    experiment,
    scenario: arms[0].scenario,
    arms,
    horizon,
    preDays,
    looks,
    metrics,
    clustered,
    collect,
    aa: arms.every((arm) => JSON.stringify(arm.scenario) === control),
    plannedMembers,
    mixingVariance: experiment.analysis.mixingVariance ??
      mixingVarianceForHorizon(Math.max(1, plannedMembers), experiment.analysis.alpha),
  };
}

function overridden(
  scenario: Scenario,
  set: Readonly<Record<string, unknown>>,
  path: string,
  issues: ExperimentIssue[],
): Scenario | null {
  try {
    return applyOverrides(scenario, toAssignments(set));
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const issue of error.issues) {
      issues.push({
        path,
        message: issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`,
      });
    }
    return null;
  }
}

/** The scenario with an arm's policies added to its own; issues name the arm's field. */
function withPolicies(
  scenario: Scenario,
  policies: Scenario["policies"],
  path: string,
  issues: ExperimentIssue[],
): Scenario {
  if (policies.length === 0) return scenario;
  try {
    return parseScenario({ ...scenario, policies: [...scenario.policies, ...policies] });
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const own = scenario.policies.length;
    for (const issue of error.issues) {
      // policies[k] of the combined scenario is the arm's policies[k − own].
      const at = /^policies\[(\d+)\](.*)$/.exec(issue.path);
      const where = at && Number(at[1]) >= own
        ? `${path}[${Number(at[1]) - own}]${at[2]}`
        : issue.path === ""
        ? path
        : `${path}: ${issue.path}`;
      issues.push({ path: where, message: issue.message });
    }
    return scenario;
  }
}

/** Look days in run time, ascending, ending with the horizon. */
function lookDays(experiment: Experiment, preDays: number): number[] {
  const D = experiment.duration, looks = experiment.looks;
  let days: number[];
  if ("days" in looks) days = looks.days;
  else if ("count" in looks) {
    days = Array.from({ length: looks.count }, (_, j) => Math.round((D * (j + 1)) / looks.count));
  } else {
    days = [];
    for (let d = looks.every; d < D; d += looks.every) days.push(d);
  }
  if (days[days.length - 1] !== D) days = [...days, D];
  return [...new Set(days)].map((d) => d + preDays);
}
