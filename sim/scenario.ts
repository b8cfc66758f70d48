/**
 * The scenario language: what a simulated population looks like and how its members
 * behave. The zod schema here is the single source of truth for scenario files (YAML
 * or JSON); `scenarioJsonSchema()` exports it for editors.
 *
 * Time is counted in days. Probabilities are per day unless a field says otherwise.
 *
 * @module
 */
import { z } from "zod";

const probability = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const positive = z.number().gt(0);
const day = z.number().int().min(0);
const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: "must be a name of letters, digits and _ (not starting with a digit)",
});

/** Churn hazard of a stage: a daily probability, Weibull in tenure, or piecewise by tenure. */
export const HazardSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("constant"),
    value: probability.describe("daily churn probability"),
  }),
  z.strictObject({
    type: z.literal("weibull"),
    shape: positive.describe("Weibull shape k (< 1: hazard falls with tenure)"),
    scale: positive.describe("Weibull scale λ in days: S(t) = exp(-(t/λ)^k)"),
  }),
  z.strictObject({
    type: z.literal("piecewise"),
    pieces: z.array(z.strictObject({
      from: day.describe("first tenure day of the piece"),
      value: probability.describe("daily churn probability from that tenure day on"),
    })).min(1),
  }),
]).describe("churn hazard, multiplied by attribute effects (proportional hazards)");

/** Order behaviour of a stage: a daily order probability or a daily order rate. */
export const OrdersSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("probability"),
    value: probability.describe("daily order probability"),
  }),
  z.strictObject({
    type: z.literal("rate"),
    value: nonNegative.describe("expected orders per day; daily probability 1 - exp(-rate)"),
  }),
]);

/** A lifecycle stage. */
export const StageSchema = z.strictObject({
  label: z.string().optional().describe("display label, e.g. 成长期 growth"),
  churned: z.boolean().optional().describe("the churn stage: hazards move members here"),
  terminal: z.boolean().optional().describe("members may stay here forever (no way out needed)"),
  hazard: HazardSchema.optional(),
  orders: OrdersSchema.optional(),
  reactivation: z.strictObject({
    value: probability.describe("daily probability that a churned member comes back"),
    to: name.describe("stage a reactivated member enters"),
  }).optional().describe("only on the churn stage"),
});

/** A rule that moves members between stages. */
export const RuleSchema = z.discriminatedUnion("on", [
  z.strictObject({
    on: z.literal("order"),
    from: z.array(name).min(1),
    to: name,
  }).describe("an order from a `from` stage moves the member to `to`"),
  z.strictObject({
    on: z.literal("frequency"),
    from: z.array(name).min(1),
    to: name,
    orders: z.number().int().min(1).describe("k orders..."),
    withinDays: z.number().int().min(1).describe("...within this many days (the last k orders)"),
  }).describe("k orders within w days (checked at each order) moves the member to `to`"),
  z.strictObject({
    on: z.literal("inactivity"),
    from: z.array(name).min(1),
    to: name,
    days: z.number().int().min(1).describe("days without an order (or since joining)"),
  }).describe("no order for `days` days moves the member to `to`"),
  z.strictObject({
    on: z.literal("tenure"),
    from: z.array(name).min(1),
    to: name,
    days: z.number().int().min(1).describe("days since joining"),
  }).describe("reaching a tenure moves the member to `to` (e.g. trial → stable)"),
]);

/** Attribute mix: weights of each value of each attribute (normalised). */
export const MixSchema = z.record(z.string(), z.record(z.string(), nonNegative));

const MIX_RULE = "attribute → value → weight, normalised per attribute; an attribute missing " +
  "from the mix is uniform over its values, a value missing under a listed attribute has weight 0";
const EFFECT_RULE =
  "attribute (or channel) → value → multiplier; a value not listed has multiplier 1";

/** An acquisition channel. */
export const ChannelSchema = z.strictObject({
  name,
  daily: nonNegative.optional().describe("expected joins per day"),
  budget: nonNegative.optional().describe("spend per day; joins per day = budget / cac"),
  schedule: z.array(z.number().int().min(0)).optional()
    .describe("joins on each day from `from` on (e.g. the first purchases of a real log)"),
  orderOnJoin: z.boolean().default(false)
    .describe("members join with an order (a log's first purchase); drop-out never follows it"),
  cac: nonNegative.describe("acquisition cost per member"),
  arrivals: z.enum(["fixed", "poisson"]).default("fixed")
    .describe("fixed: the daily volume, fractions carried over; poisson: Poisson draws"),
  from: day.default(0).describe("first day the channel runs"),
  until: day.optional().describe("day the channel stops (exclusive); default the horizon"),
  mix: MixSchema.default({}).describe(`attribute mix of the members it brings: ${MIX_RULE}`),
});

/** Referral behaviour: invites, conversion, delay. */
export const ReferralSchema = z.strictObject({
  invites: z.discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("per_order"),
      mean: nonNegative.describe("Poisson mean of invites sent with each order"),
    }),
    z.strictObject({
      type: z.literal("per_active_day"),
      rate: nonNegative.describe("Poisson mean of invites sent per day in `stages`"),
      stages: z.array(name).min(1),
    }),
  ]),
  conversion: probability.describe("probability that an invite converts into a member"),
  delay: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("fixed"), days: z.number().int().min(1) }),
    z.strictObject({ type: z.literal("geometric"), meanDays: z.number().min(1) }),
  ]).default({ type: "fixed", days: 1 }).describe("days from the invite to the invitee's join"),
  channel: name.default("referral").describe("channel label of referred members"),
  cost: nonNegative.default(0).describe("campaign cost per referred member who joins"),
  mix: MixSchema.default({}).describe(`attribute mix of referred members: ${MIX_RULE}`),
  inheritGroup: z.boolean().default(true).describe("referred members join the referrer's group"),
});

/** A scheduled shock. */
export const ShockSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("mentor_leaves"),
    day,
    mentor: z.number().int().min(0),
    loss: probability.describe("share of the mentor's live members lost that day"),
  }),
  z.strictObject({
    type: z.literal("churn_wave"),
    day,
    share: probability.describe("share of matching live members lost that day"),
    where: z.record(z.string(), z.string()).default({}).describe("attribute = value filter"),
  }),
]);

/** What fires a policy: days without an order reaching a window, or entering a stage. */
export const TriggerSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("inactivity"),
    days: z.number().int().min(1).describe("days since the last order (or join) that fire it"),
    stages: z.array(name).min(1).optional()
      .describe(
        "stages the member must be in on that day; default every stage, the churned one " +
          "included: an operator sees silence, not churn",
      ),
  }).describe("fires once per spell without orders, at the end of day last order + days"),
  z.strictObject({
    type: z.literal("stage"),
    stages: z.array(name).min(1)
      .describe("fires at the end of the day a member enters one (a live stage)"),
  }),
]);

/** What a policy does to a member it reaches. */
export const ActionSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("coupon"),
    cost: nonNegative.describe("cost of issuing one coupon"),
    discount: probability.default(0)
      .describe("share of each order's amount paid for by the coupon while it runs"),
    orders: nonNegative.describe("order-rate multiplier while the coupon runs"),
    days: z.number().int().min(1).describe("days the coupon runs, from the day after the alert"),
  }),
  z.strictObject({
    type: z.literal("call"),
    cost: nonNegative.describe("cost of one outreach call"),
    hazard: nonNegative.describe("churn-hazard multiplier while the call's effect lasts"),
    days: z.number().int().min(1).describe("days the effect lasts, from the day after the alert"),
  }),
  z.strictObject({
    type: z.literal("recall"),
    cost: nonNegative.describe("cost of each touch"),
    touches: z.array(z.number().int().min(1)).min(1).default([1, 3, 5, 10, 15, 30])
      .describe("days after the alert of each touch, increasing"),
    lift: nonNegative.describe("first touch's order-rate lift: multiplier 1 + lift"),
    decay: probability.default(0.7).describe("each later touch's lift is this share of the last"),
    days: z.number().int().min(1).default(1).describe("days each touch's lift lasts"),
  }).describe("touches until the member orders (recalled); after the last, it counts as lost"),
]);

/** A warning policy: a trigger, an action, and the capacity to act. */
export const PolicySchema = z.strictObject({
  name,
  trigger: TriggerSchema,
  action: ActionSchema,
  response: probability.default(1)
    .describe("probability that a member reached responds (the action takes effect)"),
  capacity: z.strictObject({
    daily: nonNegative.optional().describe("actions started per day, population-wide"),
    perMentor: nonNegative.optional().describe("actions started per day by each mentor"),
  }).default({}).describe("alerts beyond capacity get no action (refused)"),
});

/** A complete scenario. */
export const ScenarioSchema = z.strictObject({
  name: name.describe("scenario name, used for run folders"),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string()]).default(1),
  horizon: z.number().int().min(1).max(36500).describe("days simulated (days 0..horizon-1)"),
  stages: z.record(name, StageSchema),
  initialStage: name.describe("stage of a member when it joins"),
  rules: z.array(RuleSchema).default([]),
  attributes: z.record(name, z.array(z.string()).min(1)).default({})
    .describe("categorical member attributes and their values, e.g. tier: ['199', '399']"),
  population: z.strictObject({
    initial: z.number().int().min(0).describe("members present on day 0"),
    mix: MixSchema.default({}).describe(`attribute mix of the initial members: ${MIX_RULE}`),
    channel: name.default("initial"),
    orderOnJoin: z.boolean().default(false).describe("initial members join with an order"),
  }),
  effects: z.strictObject({
    hazard: MixSchema.default({}).describe(`hazard multipliers: ${EFFECT_RULE}`),
    orders: MixSchema.default({}).describe(`order-rate multipliers: ${EFFECT_RULE}`),
  }).default({ hazard: {}, orders: {} }),
  purchases: z.strictObject({
    heterogeneity: z.strictObject({
      shape: positive.describe("gamma shape r of each member's rate multiplier (mean 1)"),
    }).optional().describe("member-level gamma heterogeneity: order counts become NBD-like"),
    spend: z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("lognormal"), mu: z.number(), sigma: nonNegative }),
      z.strictObject({
        type: z.literal("gamma_gamma"),
        p: positive.describe("shape of each order's spend"),
        q: positive.describe("shape of the member's spend rate ν"),
        gamma: positive.describe("rate of ν"),
      }),
      z.strictObject({ type: z.literal("fixed"), value: nonNegative }),
    ]),
    dropout: z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("probability"), value: probability }),
      z.strictObject({ type: z.literal("beta"), a: positive, b: positive }),
    ]).optional().describe("churn right after an order (BG/NBD drop-out)"),
  }),
  channels: z.array(ChannelSchema).default([]),
  referral: ReferralSchema.optional(),
  organization: z.strictObject({
    groups: z.number().int().min(1).describe("number of groups members are spread over"),
    groupsPerMentor: z.number().int().min(1).describe("groups each mentor looks after"),
  }).optional(),
  shocks: z.array(ShockSchema).default([]),
  policies: z.array(PolicySchema).default([])
    .describe("warning policies: when a trigger fires, an action within capacity"),
});

/** A validated scenario, defaults filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A scenario as written in a file (defaults optional). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A churn hazard specification. */
export type Hazard = z.output<typeof HazardSchema>;
/** A stage transition rule. */
export type Rule = z.output<typeof RuleSchema>;
/** A scheduled shock. */
export type Shock = z.output<typeof ShockSchema>;
/** A warning policy. */
export type Policy = z.output<typeof PolicySchema>;
