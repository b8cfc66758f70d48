/**
 * Compiles a validated scenario into a plan: flat typed arrays the engines read in
 * their hot loops (no per-member objects, no string lookups), plus the schedule of
 * acquisitions ("roots") by channel and day.
 *
 * @module
 */
import { Xoshiro128 } from "../random/xoshiro.ts";
import { poisson } from "../random/samplers.ts";
import { streamSeed } from "../random/xoshiro.ts";
import type { Scenario } from "./scenario.ts";
import { compilePolicies, type PolicyPlan } from "./policy_plan.ts";

/** Hazard kinds in {@link Plan.hazardKind}. */
export const HAZARD_NONE = 0, HAZARD_CONSTANT = 1, HAZARD_WEIBULL = 2, HAZARD_PIECEWISE = 3;
/** Spend kinds in {@link Plan.spendKind}. */
export const SPEND_LOGNORMAL = 0, SPEND_GAMMA_GAMMA = 1, SPEND_FIXED = 2;
/** Invite kinds in {@link Plan.inviteKind}. */
export const INVITES_NONE = 0, INVITES_PER_ORDER = 1, INVITES_PER_ACTIVE_DAY = 2;
/** Shock kinds in {@link Plan.shockKind}. */
export const SHOCK_MENTOR_LEAVES = 0, SHOCK_CHURN_WAVE = 1;

/** A compiled scenario. Stage-indexed arrays use -1 for "no such rule". */
export interface Plan {
  readonly horizon: number;
  readonly stages: readonly string[];
  readonly churnedStage: number;
  readonly initialStage: number;
  /** Per stage: hazard kind and parameters (cumulative-hazard form). */
  readonly hazardKind: Uint8Array;
  /** Constant hazard: daily cumulative hazard −ln(1 − h). */
  readonly hazardRate: Float64Array;
  readonly weibullShape: Float64Array;
  readonly weibullScale: Float64Array;
  /** Piecewise hazard pieces of stage s: indices pieceStart[s]..pieceStart[s+1]. */
  readonly pieceStart: Int32Array;
  readonly pieceFrom: Float64Array;
  /** Daily cumulative hazard −ln(1 − h) of each piece. */
  readonly pieceRate: Float64Array;
  /** Per stage: daily order rate (−ln(1 − p) for a probability). */
  readonly orderRate: Float64Array;
  readonly orderTo: Int8Array;
  readonly frequencyTo: Int8Array;
  readonly frequencyOrders: Int32Array;
  readonly frequencyDays: Int32Array;
  readonly inactivityTo: Int8Array;
  readonly inactivityDays: Int32Array;
  readonly tenureTo: Int8Array;
  readonly tenureDays: Int32Array;
  /** Daily reactivation rate of churned members (0: churn is absorbing). */
  readonly reactivationRate: number;
  readonly reactivationTo: number;
  readonly attributes: readonly { readonly name: string; readonly values: readonly string[] }[];
  /** Channels: [population channel, ...scenario channels, referral channel]. */
  readonly channels: readonly string[];
  readonly referralChannel: number;
  /** Per channel and attribute: cumulative value weights (mixCum[channel][attribute]). */
  readonly mixCum: readonly (readonly Float64Array[])[];
  /** Per attribute: hazard / order-rate multiplier of each value. */
  readonly hazardEffect: readonly Float64Array[];
  readonly orderEffect: readonly Float64Array[];
  /** Per channel: hazard / order-rate multiplier. */
  readonly channelHazard: Float64Array;
  readonly channelOrders: Float64Array;
  /** Gamma shape of member order-rate heterogeneity (0: none). */
  readonly heterogeneityShape: number;
  readonly spendKind: number;
  readonly spendA: number;
  readonly spendB: number;
  readonly spendC: number;
  /** 0 none, 1 fixed probability (dropoutA), 2 Beta(dropoutA, dropoutB) per member. */
  readonly dropoutKind: number;
  readonly dropoutA: number;
  readonly dropoutB: number;
  readonly inviteKind: number;
  /** Poisson mean per order, or per active day. */
  readonly inviteMean: number;
  /** e^−inviteMean, P(no invite) per order. */
  readonly inviteExpMinusMean: number;
  readonly inviteStage: Uint8Array;
  readonly conversion: number;
  /** Fixed delay in days, or 0 with a geometric delay of rate delayRate (mean 1/(1−e^−rate)). */
  readonly delayDays: number;
  readonly delayRate: number;
  readonly inheritGroup: boolean;
  readonly groups: number;
  readonly groupsPerMentor: number;
  readonly shockDay: Int32Array;
  readonly shockKind: Uint8Array;
  readonly shockMentor: Int32Array;
  readonly shockLoss: Float64Array;
  /** Per shock and attribute: required value code, or -1 (shockWhere[k * A + a]). */
  readonly shockWhere: Int16Array;
  readonly initialMembers: number;
  /** Joins per channel (scenario channels only, index c-1) and day: rootCount[(c-1)*T + d]. */
  readonly rootCount: Int32Array;
  /** Cumulative roots before each channel-day: rootStart[i] = N0 + sum(rootCount[0..i-1]). */
  readonly rootStart: Float64Array;
  readonly totalRoots: number;
  /** Per channel: acquisition cost per member (referral: campaign cost per joined member). */
  readonly cac: Float64Array;
  /** Per channel: members join with an order. */
  readonly orderOnJoin: Uint8Array;
  /** Warning policies (see `policy_plan.ts`). */
  readonly policies: PolicyPlan;
}

/** Stream tag of the channel arrival draws (keeps them apart from member streams). */
const ARRIVALS_TAG = 0x41525256;

/**
 * Compiles a validated scenario for one run.
 *
 * @param scenario a scenario that passed validation
 * @param root the run's root seed (arrival counts of Poisson channels are drawn from it)
 * @example
 * ```ts
 * import { compilePlan } from "./plan.ts";
 * import { rootSeed } from "../random/seed.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 10 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const plan = compilePlan(scenario, rootSeed(1));
 * if (plan.totalRoots !== 10) throw new Error("unexpected");
 * ```
 */
export function compilePlan(scenario: Scenario, root: Uint32Array): Plan {
  const T = scenario.horizon;
  const stages = Object.keys(scenario.stages);
  const S = stages.length;
  const index = (name: string) => {
    const i = stages.indexOf(name);
    if (i < 0) throw new RangeError(`Cannot compile scenario: unknown stage '${name}'`);
    return i;
  };
  const hazardKind = new Uint8Array(S);
  const hazardRate = new Float64Array(S);
  const weibullShape = new Float64Array(S);
  const weibullScale = new Float64Array(S);
  const pieceStart = new Int32Array(S + 1);
  const pieceFrom: number[] = [];
  const pieceRate: number[] = [];
  const orderRate = new Float64Array(S);
  let churnedStage = -1;
  let reactivationRate = 0, reactivationTo = -1;
  stages.forEach((name, s) => {
    const stage = scenario.stages[name];
    if (stage.churned) churnedStage = s;
    if (stage.reactivation) {
      reactivationRate = cumulative(stage.reactivation.value);
      reactivationTo = index(stage.reactivation.to);
    }
    const hazard = stage.hazard;
    pieceStart[s] = pieceFrom.length;
    if (hazard?.type === "constant") {
      hazardKind[s] = hazard.value > 0 ? HAZARD_CONSTANT : HAZARD_NONE;
      hazardRate[s] = cumulative(hazard.value);
    } else if (hazard?.type === "weibull") {
      hazardKind[s] = HAZARD_WEIBULL;
      weibullShape[s] = hazard.shape;
      weibullScale[s] = hazard.scale;
    } else if (hazard?.type === "piecewise") {
      hazardKind[s] = HAZARD_PIECEWISE;
      for (const piece of hazard.pieces) {
        pieceFrom.push(piece.from);
        pieceRate.push(cumulative(piece.value));
      }
    }
    const orders = stage.orders;
    if (orders) orderRate[s] = orders.type === "rate" ? orders.value : cumulative(orders.value);
  });
  pieceStart[S] = pieceFrom.length;
  if (churnedStage < 0) throw new RangeError("Cannot compile scenario: no stage has churned: true");

  const orderTo = new Int8Array(S).fill(-1);
  const frequencyTo = new Int8Array(S).fill(-1);
  const frequencyOrders = new Int32Array(S);
  const frequencyDays = new Int32Array(S);
  const inactivityTo = new Int8Array(S).fill(-1);
  const inactivityDays = new Int32Array(S);
  const tenureTo = new Int8Array(S).fill(-1);
  const tenureDays = new Int32Array(S);
  for (const rule of scenario.rules) {
    const to = index(rule.to);
    for (const from of rule.from.map(index)) {
      if (rule.on === "order") orderTo[from] = to;
      else if (rule.on === "frequency") {
        frequencyTo[from] = to;
        frequencyOrders[from] = rule.orders;
        frequencyDays[from] = rule.withinDays;
      } else if (rule.on === "inactivity") {
        inactivityTo[from] = to;
        inactivityDays[from] = rule.days;
      } else {
        tenureTo[from] = to;
        tenureDays[from] = rule.days;
      }
    }
  }

  const attributes = Object.entries(scenario.attributes).map(([name, values]) => ({
    name,
    values,
  }));
  const referralChannelName = scenario.referral?.channel ?? "referral";
  const channels = [
    scenario.population.channel,
    ...scenario.channels.map((c) => c.name),
    referralChannelName,
  ];
  const mixes = [
    scenario.population.mix,
    ...scenario.channels.map((c) => c.mix),
    scenario.referral?.mix ?? {},
  ];
  const mixCum = mixes.map((mix) =>
    attributes.map(({ name, values }) => {
      const weights = values.map((v) => mix[name] === undefined ? 1 : mix[name][v] ?? 0);
      const total = weights.reduce((a, b) => a + b, 0);
      const cum = new Float64Array(values.length);
      let acc = 0;
      weights.forEach((w, i) => cum[i] = acc += w / total);
      cum[values.length - 1] = 1;
      return cum;
    })
  );
  const effect = (table: Record<string, Record<string, number>>, name: string, values: string[]) =>
    Float64Array.from(values, (v) => table[name]?.[v] ?? 1);
  const hazardEffect = attributes.map((a) => effect(scenario.effects.hazard, a.name, a.values));
  const orderEffect = attributes.map((a) => effect(scenario.effects.orders, a.name, a.values));
  const channelHazard = effect(scenario.effects.hazard, "channel", channels);
  const channelOrders = effect(scenario.effects.orders, "channel", channels);

  const spend = scenario.purchases.spend;
  const dropout = scenario.purchases.dropout;
  const referral = scenario.referral;
  const inviteStage = new Uint8Array(S);
  if (referral?.invites.type === "per_active_day") {
    for (const s of referral.invites.stages) inviteStage[index(s)] = 1;
  }
  const delay = referral?.delay;
  const inviteMean = referral === undefined
    ? 0
    : referral.invites.type === "per_order"
    ? referral.invites.mean
    : referral.invites.rate;

  // A shock on or after the horizon never strikes: the engine need not watch for it.
  const shocks = scenario.shocks.filter((s) => s.day < scenario.horizon)
    .sort((a, b) => a.day - b.day);
  const A = attributes.length;
  const shockWhere = new Int16Array(shocks.length * A).fill(-1);
  shocks.forEach((shock, k) => {
    if (shock.type !== "churn_wave") return;
    attributes.forEach((a, i) => {
      const value = shock.where[a.name];
      if (value !== undefined) shockWhere[k * A + i] = a.values.indexOf(value);
    });
  });

  const C = scenario.channels.length;
  const rootCount = new Int32Array(C * T);
  scenario.channels.forEach((channel, c) => {
    const daily = channel.daily ?? (channel.cac > 0 ? (channel.budget ?? 0) / channel.cac : 0);
    const until = Math.min(channel.until ?? T, T);
    const rng = Xoshiro128.from(streamSeed(root, ARRIVALS_TAG, c));
    let expected = 0, placed = 0;
    for (let d = channel.from; d < until; d++) {
      if (channel.schedule) rootCount[c * T + d] = channel.schedule[d - channel.from] ?? 0;
      else if (channel.arrivals === "poisson") rootCount[c * T + d] = poisson(rng, daily);
      else {
        // Carry fractions over so that the volume over any span is the daily figure × days.
        expected += daily;
        const whole = Math.floor(expected + 1e-9);
        rootCount[c * T + d] = whole - placed;
        placed = whole;
      }
    }
  });
  const rootStart = new Float64Array(C * T + 1);
  let acc = scenario.population.initial;
  for (let i = 0; i < C * T; i++) {
    rootStart[i] = acc;
    acc += rootCount[i];
  }
  rootStart[C * T] = acc;

  return {
    horizon: T,
    stages,
    churnedStage,
    initialStage: index(scenario.initialStage),
    hazardKind,
    hazardRate,
    weibullShape,
    weibullScale,
    pieceStart,
    pieceFrom: Float64Array.from(pieceFrom),
    pieceRate: Float64Array.from(pieceRate),
    orderRate,
    orderTo,
    frequencyTo,
    frequencyOrders,
    frequencyDays,
    inactivityTo,
    inactivityDays,
    tenureTo,
    tenureDays,
    reactivationRate,
    reactivationTo,
    attributes,
    channels,
    referralChannel: channels.length - 1,
    mixCum,
    hazardEffect,
    orderEffect,
    channelHazard,
    channelOrders,
    heterogeneityShape: scenario.purchases.heterogeneity?.shape ?? 0,
    spendKind: spend.type === "lognormal"
      ? SPEND_LOGNORMAL
      : spend.type === "gamma_gamma"
      ? SPEND_GAMMA_GAMMA
      : SPEND_FIXED,
    spendA: spend.type === "lognormal"
      ? spend.mu
      : spend.type === "gamma_gamma"
      ? spend.p
      : spend.value,
    spendB: spend.type === "lognormal" ? spend.sigma : spend.type === "gamma_gamma" ? spend.q : 0,
    spendC: spend.type === "gamma_gamma" ? spend.gamma : 0,
    dropoutKind: dropout === undefined ? 0 : dropout.type === "probability" ? 1 : 2,
    dropoutA: dropout === undefined
      ? 0
      : dropout.type === "probability"
      ? dropout.value
      : dropout.a,
    dropoutB: dropout?.type === "beta" ? dropout.b : 0,
    inviteKind: referral === undefined
      ? INVITES_NONE
      : referral.invites.type === "per_order"
      ? INVITES_PER_ORDER
      : INVITES_PER_ACTIVE_DAY,
    inviteMean,
    inviteExpMinusMean: Math.exp(-inviteMean),
    inviteStage,
    conversion: referral?.conversion ?? 0,
    delayDays: delay?.type === "fixed" ? delay.days : 0,
    delayRate: delay?.type === "geometric" ? cumulative(1 / delay.meanDays) : 0,
    inheritGroup: referral?.inheritGroup ?? true,
    groups: scenario.organization?.groups ?? 0,
    groupsPerMentor: scenario.organization?.groupsPerMentor ?? 1,
    shockDay: Int32Array.from(shocks, (s) => s.day),
    shockKind: Uint8Array.from(
      shocks,
      (s) => s.type === "mentor_leaves" ? SHOCK_MENTOR_LEAVES : SHOCK_CHURN_WAVE,
    ),
    shockMentor: Int32Array.from(shocks, (s) => s.type === "mentor_leaves" ? s.mentor : -1),
    shockLoss: Float64Array.from(shocks, (s) => s.type === "mentor_leaves" ? s.loss : s.share),
    shockWhere,
    initialMembers: scenario.population.initial,
    rootCount,
    rootStart,
    totalRoots: acc,
    cac: Float64Array.from([
      0,
      ...scenario.channels.map((c) => c.cac),
      scenario.referral?.cost ?? 0,
    ]),
    orderOnJoin: Uint8Array.from([
      scenario.population.orderOnJoin ? 1 : 0,
      ...scenario.channels.map((c) => c.orderOnJoin ? 1 : 0),
      0,
    ]),
    policies: compilePolicies(scenario),
  };
}

/** Daily cumulative hazard of a daily probability p: −ln(1 − p) (Infinity at p = 1). */
function cumulative(p: number): number {
  return -Math.log1p(-p);
}
