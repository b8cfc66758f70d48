/**
 * Test fixtures: small scenarios written inline, so experiment tests need no files and
 * run in seconds. `plain` has no referrals (arms cannot reach each other), `referral`
 * adds generous referrals (for interference), `arrivals` brings equal cohorts every day
 * (so a metric known at join accrues like the textbook random walk of peeking).
 *
 * @module
 */
import {
  designExperiment,
  type ExperimentDesign,
  type ExperimentInput,
  parseExperiment,
  resolveBaseScenario,
} from "../../experiments/mod.ts";

/** Two stages and churn, an acquisition channel, groups; no referrals. */
export const PLAIN = {
  name: "plain",
  horizon: 60,
  initialStage: "new",
  stages: {
    new: { hazard: { type: "constant", value: 0.01 }, orders: { type: "probability", value: 0.1 } },
    active: {
      hazard: { type: "constant", value: 0.004 },
      orders: { type: "probability", value: 0.08 },
    },
    churned: { churned: true },
  },
  rules: [{ on: "order", from: ["new"], to: "active" }],
  population: { initial: 2000 },
  purchases: { heterogeneity: { shape: 2 }, spend: { type: "lognormal", mu: 3.5, sigma: 0.8 } },
  channels: [{ name: "organic", daily: 20, cac: 10 }],
  organization: { groups: 40, groupsPerMentor: 4 },
};

/** {@link PLAIN} with referrals: half an invite per order, a quarter of them converting. */
export const REFERRAL = {
  ...PLAIN,
  name: "referral",
  referral: {
    invites: { type: "per_order", mean: 0.5 },
    conversion: 0.25,
    delay: { type: "geometric", meanDays: 3 },
  },
};

/** No initial members: 200 per arm join every day; a new member orders on its first day with p 0.3. */
export const ARRIVALS = {
  ...PLAIN,
  name: "arrivals",
  horizon: 10,
  stages: {
    ...PLAIN.stages,
    new: { ...PLAIN.stages.new, orders: { type: "probability", value: 0.3 } },
  },
  population: { initial: 0 },
  channels: [{ name: "organic", daily: 400, cac: 10 }],
};

/** An experiment on an inline scenario: two arms, defaults elsewhere. */
export function spec(overrides: Partial<ExperimentInput>): ExperimentInput {
  return {
    name: "test",
    scenario: PLAIN,
    duration: 30,
    metrics: ["orders"],
    arms: [{ name: "control" }, { name: "treatment" }],
    ...overrides,
  };
}

/** An experiment parsed and designed against its base scenario. */
export async function designOf(input: ExperimentInput): Promise<ExperimentDesign> {
  const experiment = parseExperiment(input);
  return designExperiment(experiment, await resolveBaseScenario(experiment));
}
