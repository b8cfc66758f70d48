/**
 * The day-stepped reference engine: the scenario semantics written as directly as
 * possible, visiting every live member every day. It exists to check the event-driven
 * engine (same distribution, different draws) and is slow by design.
 *
 * Each day: members joining that day enter the initial stage; churned members may
 * come back (reactivation; processed from the next day); each live member is processed
 * once, in this order: scheduled shocks, churn (daily hazard at its tenure), invites
 * per active day, an order (spend, invites per order, order and frequency rules,
 * drop-out), and otherwise the inactivity and tenure timers; then, at the end of the
 * day, the warning policies of every member (`_policy_reference.ts`; churned members
 * are reached only by policies that see silence, not churn).
 *
 * @module
 */
import { streamSeed, Xoshiro128 } from "../random/xoshiro.ts";
import { beta, gamma, normal, poisson } from "../random/samplers.ts";
import { BlockRecorder, type RecordOptions } from "./block_recorder.ts";
import { MemberPolicies, PolicyCapacity } from "./_policy_reference.ts";
import {
  HAZARD_CONSTANT,
  HAZARD_PIECEWISE,
  HAZARD_WEIBULL,
  INVITES_PER_ACTIVE_DAY,
  INVITES_PER_ORDER,
  type Plan,
  SHOCK_MENTOR_LEAVES,
  SPEND_GAMMA_GAMMA,
  SPEND_LOGNORMAL,
} from "./plan.ts";

/** Stream tag of the day-stepped engine's single generator. */
const DAY_STEPPED_TAG = 0x44415953;

interface Member {
  row: number;
  joinDay: number;
  source: number;
  generation: number;
  referrer: number;
  group: number;
  mentor: number;
  codes: Uint8Array;
  hazardMult: number;
  orderMult: number;
  spendScale: number;
  dropout: number;
  stage: number;
  lastActivity: number;
  orderDays: number[];
  orders: number;
  revenueCents: number;
  firstChurn: number;
  reactivations: number;
  /** Day from which a reactivated member is processed again. */
  liveFrom: number;
  /** Last day the member joined, changed stage or came back. */
  enteredDay: number;
  policies: MemberPolicies | null;
}

interface Arrival {
  source: number;
  group: number;
  generation: number;
  referrer: number;
}

/**
 * Simulates a whole plan day by day.
 *
 * @example
 * ```ts
 * import { simulateDayStepped } from "./day_stepped.ts";
 * import { compilePlan } from "./plan.ts";
 * import { rootSeed } from "../random/seed.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const plan = compilePlan(ScenarioSchema.parse({
 *   name: "tiny", horizon: 10, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 5 }, purchases: { spend: { type: "fixed", value: 1 } },
 * }), rootSeed(1));
 * if (simulateDayStepped(plan, rootSeed(1), { members: true, events: false }).rows !== 5) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function simulateDayStepped(
  plan: Plan,
  root: Uint32Array,
  record: RecordOptions,
): BlockRecorder {
  const rng = Xoshiro128.from(streamSeed(root, DAY_STEPPED_TAG));
  const rec = new BlockRecorder(plan, record);
  const T = plan.horizon;
  const A = plan.attributes.length;
  const C = plan.channels.length - 2;
  const arrivals: Arrival[][] = Array.from({ length: T }, () => []);
  for (let i = 0; i < plan.initialMembers; i++) {
    arrivals[0].push({ source: 0, group: -1, generation: 0, referrer: -1 });
  }
  for (let d = 0; d < T; d++) {
    for (let c = 0; c < C; c++) {
      for (let j = 0; j < plan.rootCount[c * T + d]; j++) {
        arrivals[d].push({ source: 1 + c, group: -1, generation: 0, referrer: -1 });
      }
    }
  }
  const members: Member[] = [];
  const capacity = new PolicyCapacity(plan);
  const random = () => rng.next();

  const join = (arrival: Arrival, day: number) => {
    const codes = new Uint8Array(A);
    let hazardMult = plan.channelHazard[arrival.source];
    let orderMult = plan.channelOrders[arrival.source];
    for (let a = 0; a < A; a++) {
      const u = rng.next(), cum = plan.mixCum[arrival.source][a];
      let v = 0;
      while (v < cum.length - 1 && u >= cum[v]) v++;
      codes[a] = v;
      hazardMult *= plan.hazardEffect[a][v];
      orderMult *= plan.orderEffect[a][v];
    }
    let group = arrival.group;
    if (plan.groups > 0 && group < 0) group = Math.floor(rng.next() * plan.groups);
    if (plan.heterogeneityShape > 0) {
      orderMult *= gamma(rng, plan.heterogeneityShape) / plan.heterogeneityShape;
    }
    const member: Member = {
      row: rec.beginMember(day, arrival.source, plan.initialStage),
      joinDay: day,
      source: arrival.source,
      generation: arrival.generation,
      referrer: arrival.referrer,
      group,
      mentor: group >= 0 ? Math.floor(group / plan.groupsPerMentor) : -1,
      codes,
      hazardMult,
      orderMult,
      spendScale: plan.spendKind === SPEND_GAMMA_GAMMA ? plan.spendC / gamma(rng, plan.spendB) : 0,
      dropout: plan.dropoutKind === 1
        ? plan.dropoutA
        : plan.dropoutKind === 2
        ? beta(rng, plan.dropoutA, plan.dropoutB)
        : 0,
      stage: plan.initialStage,
      lastActivity: day,
      orderDays: [],
      orders: 0,
      revenueCents: 0,
      firstChurn: -1,
      reactivations: 0,
      liveFrom: day,
      enteredDay: day,
      policies: plan.policies.count > 0 ? new MemberPolicies(plan) : null,
    };
    members.push(member);
    return member;
  };

  const invite = (m: Member, day: number, count: number) => {
    for (let i = 0; i < count; i++) {
      rec.invite(m.row, day);
      if (rng.next() >= plan.conversion) continue;
      rec.conversions[day]++;
      const delay = plan.delayDays > 0
        ? plan.delayDays
        : 1 + Math.floor(-Math.log(1 - rng.next()) / plan.delayRate);
      const joinDay = day + delay;
      if (joinDay >= T) continue;
      rec.referred++;
      rec.cycleDays += joinDay - m.joinDay;
      arrivals[joinDay].push({
        source: plan.referralChannel,
        group: plan.inheritGroup ? m.group : -1,
        generation: m.generation + 1,
        referrer: m.row,
      });
    }
  };

  /** An order on `day`: spend, invites, order and frequency rules, then drop-out. */
  const placeOrder = (m: Member, day: number, dropoutFollows: boolean) => {
    m.orders++;
    const amount = plan.spendKind === SPEND_LOGNORMAL
      ? Math.exp(plan.spendA + plan.spendB * normal(rng))
      : plan.spendKind === SPEND_GAMMA_GAMMA
      ? gamma(rng, plan.spendA) * m.spendScale
      : plan.spendA;
    const cents = Math.round(amount * 100);
    m.revenueCents += cents;
    rec.order(m.row, day, cents);
    m.policies?.order(rec, m.row, day, cents);
    m.orderDays.push(day);
    m.lastActivity = day;
    if (plan.inviteKind === INVITES_PER_ORDER) invite(m, day, poisson(rng, plan.inviteMean));
    let next = plan.orderTo[m.stage] >= 0 ? plan.orderTo[m.stage] : m.stage;
    const k = plan.frequencyOrders[next];
    if (
      plan.frequencyTo[next] >= 0 && m.orders >= k &&
      day - m.orderDays[m.orders - k] < plan.frequencyDays[next]
    ) next = plan.frequencyTo[next];
    if (dropoutFollows && m.dropout > 0 && rng.next() < m.dropout) {
      churn(m, day);
      return;
    }
    if (next !== m.stage) {
      rec.stage(m.row, day, m.stage, next);
      m.stage = next;
      m.enteredDay = day;
    }
  };

  const churn = (m: Member, day: number) => {
    rec.churn(m.row, day, m.stage, plan.churnedStage, 0);
    if (m.firstChurn < 0) {
      m.firstChurn = day;
      rec.tenureChurned[day - m.joinDay]++;
    }
    m.stage = plan.churnedStage;
    m.policies?.churn(rec, day);
  };

  /** A live member's day: shocks, churn, invites, an order, or the stage timers. */
  const live = (m: Member, d: number) => {
    rec.memberDays++;
    if (shockStrikes(plan, rng, m, d)) {
      churn(m, d);
      return;
    }
    const hazardMult = m.hazardMult * (m.policies?.hazard ?? 1);
    if (rng.next() < dailyHazard(plan, m.stage, d - m.joinDay, hazardMult)) {
      churn(m, d);
      return;
    }
    if (plan.inviteKind === INVITES_PER_ACTIVE_DAY && plan.inviteStage[m.stage]) {
      invite(m, d, poisson(rng, plan.inviteMean));
    }
    const orderRate = plan.orderRate[m.stage] * m.orderMult * (m.policies?.orders ?? 1);
    if (rng.next() < 1 - Math.exp(-orderRate)) {
      placeOrder(m, d, true);
      return;
    }
    let to = -1;
    if (plan.inactivityTo[m.stage] >= 0 && d - m.lastActivity >= plan.inactivityDays[m.stage]) {
      to = plan.inactivityTo[m.stage];
    } else if (plan.tenureTo[m.stage] >= 0 && d - m.joinDay >= plan.tenureDays[m.stage]) {
      to = plan.tenureTo[m.stage];
    }
    if (to >= 0) {
      rec.stage(m.row, d, m.stage, to);
      m.stage = to;
      m.enteredDay = d;
    }
  };

  for (let d = 0; d < T; d++) {
    for (const arrival of arrivals[d]) {
      const m = join(arrival, d);
      if (plan.orderOnJoin[arrival.source]) {
        // Joined with an order: that is its day; it is processed from the next one.
        rec.memberDays++;
        placeOrder(m, d, false);
        m.liveFrom = d + 1;
      }
    }
    arrivals[d] = [];
    for (const m of members) {
      if (m.stage === plan.churnedStage) {
        // It churned on an earlier day: today it may come back.
        if (plan.reactivationRate > 0 && rng.next() < 1 - Math.exp(-plan.reactivationRate)) {
          rec.reactivate(m.row, d, plan.churnedStage, plan.reactivationTo);
          m.reactivations++;
          m.stage = plan.reactivationTo;
          m.lastActivity = d;
          m.liveFrom = d + 1;
          m.enteredDay = d;
        }
      } else if (m.liveFrom <= d) live(m, d);
      // Every member present at the end of the day, churned ones included: policies
      // that reach churned members see only their silence.
      if (m.policies !== null) {
        m.policies.endOfDay(rec, capacity, random, m, d, m.enteredDay === d);
      }
    }
  }
  for (const m of members) {
    if (m.firstChurn < 0) rec.tenureCensored[T - 1 - m.joinDay]++;
    rec.endMember(
      m.row,
      m.joinDay,
      m.referrer,
      m.generation,
      m.source,
      m.codes,
      m.group,
      m.firstChurn,
      m.stage,
      m.orders,
      m.revenueCents,
      m.reactivations,
      0,
    );
  }
  return rec;
}

function shockStrikes(plan: Plan, rng: Xoshiro128, m: Member, day: number): boolean {
  const A = plan.attributes.length;
  for (let k = 0; k < plan.shockDay.length; k++) {
    if (plan.shockDay[k] !== day) continue;
    let applies: boolean;
    if (plan.shockKind[k] === SHOCK_MENTOR_LEAVES) applies = plan.shockMentor[k] === m.mentor;
    else {
      applies = true;
      for (let a = 0; a < A; a++) {
        const want = plan.shockWhere[k * A + a];
        if (want >= 0 && m.codes[a] !== want) applies = false;
      }
    }
    if (applies && rng.next() < plan.shockLoss[k]) return true;
  }
  return false;
}

/** Daily churn probability at tenure τ: 1 − exp(−m·(H(τ+1) − H(τ))). */
function dailyHazard(plan: Plan, stage: number, tau: number, m: number): number {
  const kind = plan.hazardKind[stage];
  let increment = 0;
  if (kind === HAZARD_CONSTANT) increment = plan.hazardRate[stage];
  else if (kind === HAZARD_WEIBULL) {
    const k = plan.weibullShape[stage], scale = plan.weibullScale[stage];
    increment = Math.pow((tau + 1) / scale, k) - Math.pow(tau / scale, k);
  } else if (kind === HAZARD_PIECEWISE) {
    let i = plan.pieceStart[stage];
    while (i + 1 < plan.pieceStart[stage + 1] && plan.pieceFrom[i + 1] <= tau) i++;
    increment = plan.pieceRate[i];
  }
  return 1 - Math.exp(-m * increment);
}
