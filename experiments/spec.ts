/**
 * The experiment language: a base scenario, arms (each the base with scenario overrides
 * and/or warning policies, and an allocation weight), the randomization unit, duration
 * and looks, the metrics, guardrails and the analysis. The zod schema here is the single
 * source of truth for experiment files (YAML or JSON); unknown keys are errors.
 *
 * @example An A/A test of orders and D30 retention, and a coupon arm
 * ```ts
 * import { ExperimentSchema } from "./spec.ts";
 * const experiment = ExperimentSchema.parse({
 *   name: "coupon", scenario: "default", duration: 90, members: 20000,
 *   metrics: ["retention_d30", "net_value"],
 *   arms: [{ name: "control" }, {
 *     name: "coupon",
 *     policies: [{
 *       name: "winback", trigger: { type: "inactivity", days: 14 },
 *       action: { type: "coupon", cost: 2, discount: 0.1, orders: 1.5, days: 14 },
 *     }],
 *   }],
 * });
 * if (experiment.assignment !== "member") throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { z } from "zod";
import { PolicySchema } from "../sim/scenario.ts";

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: "must be a name of letters, digits and _ (not starting with a digit)",
});

/**
 * Metric names: fixed ones, and windowed retention / activation (`retention_d30`).
 *
 * @example
 * ```ts
 * import { METRIC_NAME } from "./spec.ts";
 * if (!METRIC_NAME.test("retention_d90") || METRIC_NAME.test("retention")) throw new Error("");
 * ```
 */
export const METRIC_NAME =
  /^(activation|orders|arpu|ltv|k_factor|cac|ltv_cac|cost|net_value|(retention|activation)_d[1-9][0-9]{0,3})$/;

const metric = z.string().regex(METRIC_NAME, {
  message: "must be a metric: activation, activation_d<N>, retention_d<N>, orders, arpu, " +
    "ltv, k_factor, cac, ltv_cac, cost or net_value",
});

/**
 * An arm: the base scenario with overrides, as `lab sim --set` takes them
 * (`referral.conversion: 0.35`), and/or warning policies added to the scenario's (a
 * coupon at 14 days without an order, a call on entering at-risk).
 *
 * @example
 * ```ts
 * import { ArmSchema } from "./spec.ts";
 * const arm = ArmSchema.parse({ name: "invite", set: { "referral.conversion": 0.35 } });
 * if (arm.weight !== 1 || arm.policies.length !== 0) throw new Error("unexpected");
 * ```
 */
export const ArmSchema = z.strictObject({
  name: name.describe("arm name; the first arm is the control"),
  weight: z.number().gt(0).default(1).describe("allocation weight (normalised over arms)"),
  set: z.record(z.string(), z.unknown()).default({})
    .describe("scenario overrides: path → value, e.g. referral.conversion: 0.35"),
  policies: z.array(PolicySchema).default([])
    .describe("warning policies this arm adds to the scenario's (see the scenario's policies)"),
});

/**
 * Looks: every k days, a number of equally spaced looks, or given days.
 *
 * @example
 * ```ts
 * import { LooksSchema } from "./spec.ts";
 * if (!("count" in LooksSchema.parse({ count: 5 }))) throw new Error("unexpected");
 * ```
 */
export const LooksSchema = z.union([
  z.strictObject({ every: z.number().int().min(1).describe("a look every k days") }),
  z.strictObject({ count: z.number().int().min(1).describe("equally spaced looks") }),
  z.strictObject({
    days: z.array(z.number().int().min(1)).min(1)
      .describe("look days: a look on day k sees days 0..k−1"),
  }),
]);

/**
 * A guardrail: a metric that must not move significantly in the harmful direction.
 *
 * @example
 * ```ts
 * import { GuardrailSchema } from "./spec.ts";
 * if (GuardrailSchema.parse({ metric: "arpu" }).harm !== "decrease") throw new Error("");
 * ```
 */
export const GuardrailSchema = z.strictObject({
  metric,
  harm: z.enum(["decrease", "increase"]).default("decrease")
    .describe("the direction that hurts"),
});

/**
 * How each replication is analysed.
 *
 * @example
 * ```ts
 * import { AnalysisSchema } from "./spec.ts";
 * if (AnalysisSchema.parse({}).correction !== "holm") throw new Error("unexpected");
 * ```
 */
export const AnalysisSchema = z.strictObject({
  alpha: z.number().gt(0).lt(1).default(0.05).describe("two-sided significance level"),
  scale: z.enum(["relative", "absolute"]).default("relative")
    .describe("relative: lift (treatment / control − 1); absolute: difference"),
  correction: z.enum(["holm", "benjamini-hochberg", "none"]).default("holm")
    .describe("multiple-comparison adjustment over arms × metrics at the final look"),
  sequential: z.boolean().default(true)
    .describe("mSPRT always-valid test and a peeking fixed-horizon test at every look"),
  mixingVariance: z.number().gt(0).optional()
    .describe("mSPRT ρ²; default tuned to the planned members (mixingVarianceForHorizon)"),
  cuped: z.strictObject({
    preDays: z.number().int().min(1).describe("pre-period days before the experiment starts"),
    metrics: z.array(z.enum(["orders", "arpu"])).min(1).default(["orders", "arpu"]),
  }).optional().describe(
    "CUPED on initial members: the metric over the experiment, adjusted by the same " +
      "metric over the pre-period",
  ),
});

/**
 * A complete experiment.
 *
 * @example
 * ```ts
 * import { ExperimentSchema } from "./spec.ts";
 * const e = ExperimentSchema.parse({
 *   name: "aa", scenario: "default", duration: 30, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * });
 * if (e.replications !== 200 || e.analysis.alpha !== 0.05) throw new Error("unexpected");
 * ```
 */
export const ExperimentSchema = z.strictObject({
  name: name.describe("experiment name, used for output folders"),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string()]).default(1)
    .describe("seed from which every replication's seed is derived"),
  scenario: z.union([z.string().min(1), z.record(z.string(), z.unknown())])
    .describe(
      "base scenario: a preset name, a file path (relative to the experiment file), " +
        "or the scenario itself",
    ),
  set: z.record(z.string(), z.unknown()).default({})
    .describe("overrides of the base scenario for every arm"),
  members: z.number().int().min(1).optional()
    .describe("initial members over all arms (default: the scenario's)"),
  duration: z.number().int().min(1).max(3650)
    .describe("experiment days (after the pre-period, if any)"),
  looks: LooksSchema.default({ every: 1 }),
  assignment: z.enum(["member", "cluster", "tree"]).default("member")
    .describe("randomization unit: member, cluster (group/mentor) or referral tree"),
  arms: z.array(ArmSchema).min(2).max(255),
  metrics: z.array(metric).min(1),
  guardrails: z.array(GuardrailSchema).default([]),
  analysis: AnalysisSchema.default({
    alpha: 0.05,
    scale: "relative",
    correction: "holm",
    sequential: true,
  }),
  truth: z.strictObject({
    runs: z.number().int().min(1).optional()
      .describe("runs per arm of the experiment's size, pooled (default 20)"),
  }).default({}).describe("how the true effects are computed: each arm alone, pooled runs"),
  replications: z.number().int().min(1).default(200).describe("replications by default"),
});

/** A validated experiment, defaults filled in. */
export type Experiment = z.output<typeof ExperimentSchema>;
/** An experiment as written in a file. */
export type ExperimentInput = z.input<typeof ExperimentSchema>;
/** An arm of an experiment. */
export type ExperimentArm = z.output<typeof ArmSchema>;
