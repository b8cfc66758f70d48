/**
 * The event-driven engine: simulates a block of roots (initial and acquired members)
 * and every member they refer, one member's whole life at a time.
 *
 * Members do not interact, so a member's life can be run start to finish: it holds
 * competing clocks — the day of the next churn (inverse cumulative hazard, one
 * exponential draw), the next order (geometric, one draw), the next deterministic
 * timer (inactivity, tenure) and the next scheduled shock — and jumps to the earliest.
 * On a tie the day-stepped order applies: shock, churn, order, timer. Because the daily
 * coins of the day-stepped definition are independent, a clock that did not fire
 * stays valid while its rate is unchanged and is redrawn from the next day when the
 * stage changes; when a warning policy changes a rate, the clock keeps the part of its
 * exponential budget not yet used (memoryless, so exact, and the member's draws stay
 * those of the run without the policy). The distribution is exactly that of the
 * day-stepped definition
 * (`day_stepped.ts`), at a cost proportional to events rather than member-days.
 *
 * Each member draws from its own xoshiro128** stream, seeded from the run's root and
 * the member's stable 64-bit id (roots: source, day and index; referred members: the
 * referrer's id and the invite's ordinal), so results do not depend on how blocks are
 * spread over workers.
 *
 * @module
 */
import { mix32 } from "../random/xoshiro.ts";
import { exponentialZiggurat, normalZiggurat, poisson, type Rng } from "../random/mod.ts";
import {
  HAZARD_CONSTANT,
  HAZARD_NONE,
  HAZARD_PIECEWISE,
  HAZARD_WEIBULL,
  INVITES_PER_ACTIVE_DAY,
  INVITES_PER_ORDER,
  type Plan,
  SHOCK_MENTOR_LEAVES,
  SPEND_GAMMA_GAMMA,
  SPEND_LOGNORMAL,
} from "./plan.ts";
import type { BlockRecorder } from "./block_recorder.ts";
import type { PendingStack } from "./pending.ts";
import { type ArmPlans, ASSIGN_CLUSTER, ASSIGN_TREE, pickArm } from "./arms.ts";
import {
  chargeDiscounts,
  churnedPolicies,
  churnPolicies,
  endOfDayPolicies,
  HAZARD_CHANGED,
  nextPolicyDay,
  ORDERS_CHANGED,
  policyFactors,
  startPolicyBlock,
  startPolicyMember,
} from "./_policy_state.ts";

/** "Never" for clocks: later than any horizon. */
const NEVER = 2 ** 30;

// The stream of the member being simulated. State lives in typed arrays: module-level
// `let` numbers outside the small-integer range would be boxed on every write.
const state = new Int32Array(4);
const root = new Int32Array(4);
const id = new Int32Array(2);
/** The member being simulated, as its invitees need it: row, id, group, generation, join day, arm. */
const inviter = new Int32Array(7);
const INVITER_ROW = 0, INVITER_HI = 1, INVITER_LO = 2, INVITER_GROUP = 3;
const INVITER_GENERATION = 4, INVITER_JOIN = 5, INVITER_ARM = 6;

function nextU32(): number {
  let s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3];
  const m = Math.imul(s1, 5);
  const r = Math.imul((m << 7) | (m >>> 25), 9);
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = (s3 << 11) | (s3 >>> 21);
  return r >>> 0;
}

/** Uniform in [0, 1). */
function uniform(): number {
  return nextU32() / 4294967296;
}

/** The member stream as an {@link Rng}, for the ziggurat and the shared samplers. */
const memberRng: Rng = { next: uniform, nextUint32: nextU32 };

function exponential(): number {
  return exponentialZiggurat(memberRng);
}

function normal(): number {
  return normalZiggurat(memberRng);
}

function gamma(shape: number): number {
  if (shape < 1) return gamma(shape + 1) * Math.pow(1 - uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Poisson draw: inversion from P(0) = e^−mean for small means (the common case), PTRS above. */
function poissonDraw(mean: number, expMinusMean: number): number {
  if (mean >= 30) return poisson(memberRng, mean);
  let k = 0;
  let p = expMinusMean;
  let cdf = p;
  const u = uniform();
  while (u > cdf && p > 0) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** Sets `id` to a 64-bit hash of three words. */
function hashId(a: number, b: number, c: number): void {
  let h = mix32(a ^ 0x3c6ef372);
  let l = mix32(h ^ b ^ 0xa54ff53a);
  h = mix32(l ^ c ^ 0x510e527f);
  l = mix32(h ^ l ^ b ^ 0x9b05688c);
  h = mix32(h ^ a ^ l);
  id[0] = h;
  id[1] = l;
}

/** Seeds the member stream from the run root and a 64-bit member id. */
function seedMember(hi: number, lo: number): void {
  // A 64-bit id is already a hash; mixing it with the root through the murmur finaliser
  // gives well-spread xoshiro states without a warm-up.
  const a = mix32(hi ^ root[0]);
  const b = mix32(lo ^ root[1] ^ a);
  state[0] = mix32(a ^ root[2]);
  state[1] = mix32(b ^ root[3]);
  state[2] = mix32(a + b + 0x9e3779b9);
  state[3] = mix32(a ^ (b << 7) ^ 0x7f4a7c15);
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
}

// The running churn and order clocks: the Exp(1) budget each was drawn with, the day it
// counts from and the multiplier (churn) or rate (orders) it runs at. A policy that changes
// a multiplier rescales the clock with the budget not yet used rather than drawing again:
// exact (the budget is memoryless) and, for paired runs, the same draws as without the
// policy, so a member's life changes only as much as the policy changes it.
const clock = new Float64Array(6);
const CHURN_BUDGET = 0, CHURN_FROM = 1, CHURN_M = 2, ORDER_BUDGET = 3, ORDER_FROM = 4;
const ORDER_RATE = 5;

/**
 * The first day ≥ `from` on which the churn coin lands for a member in `stage` who
 * joined on `joinDay`, with hazard multiplier `m`, or NEVER. The daily churn
 * probability at tenure τ is 1 − exp(−m·(H(τ+1) − H(τ))) for the stage's cumulative
 * hazard H, so inverting H at H(τ0) + E/m with E ~ Exp(1) gives the day exactly.
 * Draws E (none for a stage without hazard).
 */
function churnClock(plan: Plan, stage: number, from: number, joinDay: number, m: number): number {
  const kind = plan.hazardKind[stage];
  const budget = kind === HAZARD_NONE ? Infinity : exponential();
  clock[CHURN_BUDGET] = budget;
  clock[CHURN_FROM] = from;
  clock[CHURN_M] = m;
  if (kind === HAZARD_CONSTANT) {
    // The common case, inline: churnDay's constant branch.
    const wait = Math.floor(budget / m / plan.hazardRate[stage]);
    return wait < NEVER ? from + wait : NEVER;
  }
  return churnDay(plan, stage, from, joinDay, budget / m);
}

/**
 * The churn clock from day `t` under a new multiplier `m`: the budget the running clock
 * has not used by `t` carries over.
 */
function rescaleChurnClock(
  plan: Plan,
  stage: number,
  t: number,
  joinDay: number,
  m: number,
): number {
  const from = Math.max(t, clock[CHURN_FROM]);
  const used = clock[CHURN_M] *
    (cumulativeHazard(plan, stage, from - joinDay) -
      cumulativeHazard(plan, stage, clock[CHURN_FROM] - joinDay));
  // A suspended hazard (multiplier 0) uses nothing.
  if (used > 0) clock[CHURN_BUDGET] -= used;
  clock[CHURN_FROM] = from;
  clock[CHURN_M] = m;
  return churnDay(plan, stage, from, joinDay, clock[CHURN_BUDGET] / m);
}

/** The churn day from `from` with `budget` of cumulative hazard left, or NEVER. */
function churnDay(
  plan: Plan,
  stage: number,
  from: number,
  joinDay: number,
  budget: number,
): number {
  if (!(budget < Infinity)) return NEVER;
  const kind = plan.hazardKind[stage];
  if (kind === HAZARD_CONSTANT) {
    const wait = Math.floor(budget / plan.hazardRate[stage]);
    return wait < NEVER ? from + wait : NEVER;
  }
  if (kind === HAZARD_WEIBULL) {
    const k = plan.weibullShape[stage], scale = plan.weibullScale[stage];
    const tau0 = from - joinDay;
    const target = Math.pow(tau0 / scale, k) + budget;
    const tau = Math.ceil(scale * Math.pow(target, 1 / k)) - 1;
    return tau < NEVER ? joinDay + Math.max(tau, tau0) : NEVER;
  }
  if (kind === HAZARD_PIECEWISE) {
    const end = plan.pieceStart[stage + 1];
    let tau = from - joinDay;
    let i = plan.pieceStart[stage];
    while (i + 1 < end && plan.pieceFrom[i + 1] <= tau) i++;
    for (;;) {
      const rate = plan.pieceRate[i];
      const pieceEnd = i + 1 < end ? plan.pieceFrom[i + 1] : Infinity;
      // Whole days in this piece before the coin lands.
      const wait = rate > 0 ? Math.floor(budget / rate) : Infinity;
      if (tau + wait < pieceEnd) return tau + wait < NEVER ? joinDay + tau + wait : NEVER;
      // A last piece without hazard: the coin never lands.
      if (pieceEnd === Infinity) return NEVER;
      budget -= (pieceEnd - tau) * rate;
      tau = pieceEnd;
      i++;
    }
  }
  return NEVER;
}

/** H(τ) of the stage's hazard: the cumulative hazard at tenure τ. */
function cumulativeHazard(plan: Plan, stage: number, tau: number): number {
  const kind = plan.hazardKind[stage];
  if (kind === HAZARD_CONSTANT) return plan.hazardRate[stage] * tau;
  if (kind === HAZARD_WEIBULL) {
    return Math.pow(tau / plan.weibullScale[stage], plan.weibullShape[stage]);
  }
  if (kind === HAZARD_PIECEWISE) {
    let h = 0;
    const end = plan.pieceStart[stage + 1];
    for (let i = plan.pieceStart[stage]; i < end && plan.pieceFrom[i] < tau; i++) {
      const pieceEnd = i + 1 < end ? Math.min(plan.pieceFrom[i + 1], tau) : tau;
      h += (pieceEnd - plan.pieceFrom[i]) * plan.pieceRate[i];
    }
    return h;
  }
  return 0;
}

/** The first day ≥ `from` with an order at daily rate `rate`, or NEVER. Draws its budget. */
function orderClock(from: number, rate: number): number {
  clock[ORDER_FROM] = from;
  clock[ORDER_RATE] = rate;
  if (!(rate > 0)) {
    clock[ORDER_BUDGET] = NaN;
    return NEVER;
  }
  const budget = exponential();
  clock[ORDER_BUDGET] = budget;
  const wait = Math.floor(budget / rate);
  return wait < NEVER ? from + wait : NEVER;
}

/**
 * The order clock from day `t` at a new rate: the budget the running clock has not used
 * by `t` carries over (a clock that never ran, at rate 0, draws one).
 */
function rescaleOrderClock(t: number, rate: number): number {
  if (Number.isNaN(clock[ORDER_BUDGET])) return orderClock(t, rate);
  const from = Math.max(t, clock[ORDER_FROM]);
  clock[ORDER_BUDGET] -= clock[ORDER_RATE] * (from - clock[ORDER_FROM]);
  clock[ORDER_FROM] = from;
  clock[ORDER_RATE] = rate;
  if (!(rate > 0)) return NEVER;
  const wait = Math.floor(clock[ORDER_BUDGET] / rate);
  return wait < NEVER ? from + wait : NEVER;
}

/** Days of a member's most recent orders (a ring as long as the largest frequency rule's k). */
let ring = new Int32Array(1);

/**
 * Simulates roots [firstRoot, endRoot) of a plan and all the members they refer.
 *
 * @param plan the compiled scenario
 * @param root the run's 128-bit root seed
 * @param recorder receives aggregates, member rows and events
 * @param arms experiment arms (each member behaves by its arm's plan), or null
 * @example
 * ```ts
 * import { compilePlan } from "./plan.ts";
 * import { simulateBlock } from "./engine.ts";
 * import { BlockRecorder } from "./block_recorder.ts";
 * import { rootSeed } from "../random/seed.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 10 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const plan = compilePlan(scenario, rootSeed(1));
 * const recorder = new BlockRecorder(plan, { members: true, events: false });
 * simulateBlock(plan, rootSeed(1), 0, 10, recorder);
 * if (recorder.rows !== 10) throw new Error("unexpected");
 * ```
 */
export function simulateBlock(
  plan: Plan,
  rootSeed: Uint32Array,
  firstRoot: number,
  endRoot: number,
  recorder: BlockRecorder,
  arms: ArmPlans | null = null,
): void {
  root.set(rootSeed);
  const T = plan.horizon;
  const N0 = plan.initialMembers;
  const A = plan.attributes.length;
  const pending = recorder.pending;
  let longest = 1;
  for (const p of arms ? arms.plans : [plan]) {
    for (const k of p.frequencyOrders) longest = Math.max(longest, k);
  }
  if (ring.length !== longest) ring = new Int32Array(longest);
  startPolicyBlock(arms ? arms.plans : [plan], firstRoot, endRoot);
  let channelDay = 0;
  for (let r = firstRoot; r < endRoot; r++) {
    let source = 0, joinDay = 0;
    if (r < N0) hashId(1, r, 0);
    else {
      // Roots are laid out channel by channel, day by day: find this one's channel-day.
      while (plan.rootStart[channelDay + 1] <= r) channelDay++;
      while (plan.rootStart[channelDay] > r) channelDay--;
      source = 1 + Math.floor(channelDay / T);
      joinDay = channelDay % T;
      hashId(2 + source, joinDay, r - plan.rootStart[channelDay]);
    }
    pending.push(id[0], id[1], joinDay, source, -1, 0, -1, -1);
    while (pending.size > 0) {
      // Pop first: the row stays readable until the member's first invitee is pushed,
      // and simulateMember reads it before that.
      const top = --pending.size;
      simulateMember(plan, arms, recorder, pending, top, A);
      // Its invitees sit at [top, size) in invite order; reversed, they come off the
      // stack in that order (pre-order over the referral tree).
      pending.reverse(top, pending.size);
    }
  }
}

/** Simulates the life of the pending member at index `at`; its invitees are pushed. */
function simulateMember(
  base: Plan,
  arms: ArmPlans | null,
  rec: BlockRecorder,
  pending: PendingStack,
  at: number,
  A: number,
): void {
  const joinDay = pending.joinDay[at];
  const source = pending.source[at];
  const generation = pending.generation[at];
  const referrer = pending.referrer[at];
  const inheritedArm = pending.arm[at];
  const myHi = pending.hi[at], myLo = pending.lo[at];
  let group = pending.group[at];
  seedMember(myHi, myLo);

  // Member-level draws: group, arm, attributes, multipliers, spend rate, drop-out.
  if (base.groups > 0 && group < 0) group = Math.floor(uniform() * base.groups);
  let arm = 0;
  if (arms !== null) {
    if (arms.assignment === ASSIGN_CLUSTER) arm = arms.groupArm[group];
    else if (arms.assignment === ASSIGN_TREE && inheritedArm >= 0) arm = inheritedArm;
    else arm = pickArm(arms.cumulative, uniform());
  }
  const plan = arms === null ? base : arms.plans[arm];
  const T = plan.horizon;
  let hazardMult = plan.channelHazard[source];
  let orderMult = plan.channelOrders[source];
  const codes = rec.attributeScratch;
  const mix = plan.mixCum[source];
  for (let a = 0; a < A; a++) {
    const u = uniform();
    const cum = mix[a];
    let v = 0;
    while (v < cum.length - 1 && u >= cum[v]) v++;
    codes[a] = v;
    hazardMult *= plan.hazardEffect[a][v];
    orderMult *= plan.orderEffect[a][v];
  }
  const mentor = group >= 0 ? Math.floor(group / plan.groupsPerMentor) : -1;
  if (plan.heterogeneityShape > 0) {
    orderMult *= gamma(plan.heterogeneityShape) / plan.heterogeneityShape;
  }
  const spendKind = plan.spendKind;
  let spendScale = 0;
  if (spendKind === SPEND_GAMMA_GAMMA) spendScale = plan.spendC / gamma(plan.spendB);
  const dropout = plan.dropoutKind === 1
    ? plan.dropoutA
    : plan.dropoutKind === 2
    ? betaDraw(plan.dropoutA, plan.dropoutB)
    : 0;

  const row = rec.beginMember(joinDay, source, plan.initialStage, arm);
  inviter[INVITER_ROW] = row;
  inviter[INVITER_HI] = myHi;
  inviter[INVITER_LO] = myLo;
  inviter[INVITER_GROUP] = group;
  inviter[INVITER_GENERATION] = generation;
  inviter[INVITER_JOIN] = joinDay;
  inviter[INVITER_ARM] = arm;
  const inviteKind = plan.inviteKind;
  const churned = plan.churnedStage;
  let stage = plan.initialStage;
  let t = joinDay; // first day not yet processed
  let lastActivity = joinDay;
  let liveFrom = joinDay;
  let orders = 0;
  // The ring slot of the next order (orders mod the ring's length, without a division).
  const ringLength = ring.length;
  let ringAt = 0;
  let revenueCents = 0;
  let firstChurn = -1;
  let reactivations = 0;
  let childOrdinal = 0;
  let inviteFrom = joinDay;
  // A member joining with an order (a log's first purchase) places it before anything
  // else can happen that day; its churn clock and shocks start the next day.
  const joinOrder = plan.orderOnJoin[source] === 1;
  // Warning policies act at the end of a day; `entered` is a day the member entered its
  // stage whose end they have not seen yet. Their multipliers start at 1.
  // The clocks run on the member's multipliers times the policies' (hazardNow, ordersNow).
  const policies = plan.policies.count > 0;
  let entered = -1;
  let hazardNow = hazardMult, ordersNow = orderMult;
  if (policies) {
    startPolicyMember(plan, myHi, myLo);
    entered = joinDay;
  }
  let churnAt = churnClock(plan, stage, joinOrder ? t + 1 : t, joinDay, hazardNow);
  let orderAt = joinOrder ? joinDay : orderClock(t, plan.orderRate[stage] * ordersNow);
  let shock = 0;
  const shocks = plan.shockDay.length;
  while (shock < shocks && plan.shockDay[shock] < (joinOrder ? joinDay + 1 : joinDay)) shock++;

  for (;;) {
    let timerAt = NEVER, timerTo = -1;
    if (plan.inactivityTo[stage] >= 0) {
      timerAt = Math.max(lastActivity + plan.inactivityDays[stage], t);
      timerTo = plan.inactivityTo[stage];
    }
    if (plan.tenureTo[stage] >= 0) {
      const x = Math.max(joinDay + plan.tenureDays[stage], t);
      if (x < timerAt) {
        timerAt = x;
        timerTo = plan.tenureTo[stage];
      }
    }
    let shockAt = NEVER;
    while (shock < shocks) {
      // Shocks before `t` struck while the member was churned (or are already handled).
      if (plan.shockDay[shock] >= t && shockApplies(plan, shock, mentor, codes, A)) {
        shockAt = plan.shockDay[shock];
        break;
      }
      shock++;
    }
    let ev = churnAt < orderAt ? churnAt : orderAt;
    if (timerAt < ev) ev = timerAt;
    if (shockAt < ev) ev = shockAt;
    if (policies) {
      const policyAt = nextPolicyDay(plan, lastActivity, entered);
      if (policyAt < ev && policyAt < T) {
        // Nothing more happens to the member by the end of that day: a day after the
        // last event, or the day of the order just placed.
        t = policyAt + 1;
        const today = entered === policyAt;
        entered = -1;
        const changed = endOfDayPolicies(
          plan,
          rec,
          row,
          policyAt,
          stage,
          lastActivity,
          today,
          mentor,
        );
        if (changed & HAZARD_CHANGED) {
          hazardNow = hazardMult * policyFactors[1];
          churnAt = rescaleChurnClock(plan, stage, t, joinDay, hazardNow);
        }
        if (changed & ORDERS_CHANGED) {
          ordersNow = orderMult * policyFactors[0];
          orderAt = rescaleOrderClock(t, plan.orderRate[stage] * ordersNow);
        }
        continue;
      }
    }
    if (ev >= T) break;

    let churnDay = -1;
    if (shockAt === ev) {
      // Shocks strike at the start of their day, before the day's coins.
      shock++;
      if (uniform() < plan.shockLoss[shock - 1]) churnDay = ev;
      else continue;
    } else if (churnAt === ev) {
      churnDay = ev;
    } else if (orderAt === ev) {
      orders++;
      let amount: number;
      if (spendKind === SPEND_LOGNORMAL) amount = Math.exp(plan.spendA + plan.spendB * normal());
      else if (spendKind === SPEND_GAMMA_GAMMA) amount = gamma(plan.spendA) * spendScale;
      else amount = plan.spendA;
      const cents = Math.round(amount * 100);
      revenueCents += cents;
      rec.order(row, ev, cents);
      if (policies) chargeDiscounts(plan, rec, row, ev, cents);
      ring[ringAt] = ev;
      ringAt = ringAt + 1 === ringLength ? 0 : ringAt + 1;
      lastActivity = ev;
      if (inviteKind === INVITES_PER_ORDER) {
        // Most orders send no invite (Poisson with a small mean): skip the call then.
        const invites = poissonDraw(plan.inviteMean, plan.inviteExpMinusMean);
        if (invites > 0) childOrdinal = sendInvites(plan, rec, pending, invites, ev, childOrdinal);
      }
      let next = plan.orderTo[stage] >= 0 ? plan.orderTo[stage] : stage;
      const k = plan.frequencyOrders[next];
      if (
        plan.frequencyTo[next] >= 0 && orders >= k &&
        ev - ring[(ringAt - k + ringLength) % ringLength] < plan.frequencyDays[next]
      ) next = plan.frequencyTo[next];
      t = ev + 1;
      if (dropout > 0 && !(joinOrder && orders === 1) && uniform() < dropout) {
        churnDay = ev;
      } else {
        if (next !== stage) {
          if (inviteKind === INVITES_PER_ACTIVE_DAY && plan.inviteStage[stage]) {
            childOrdinal = activeDayInvites(plan, rec, pending, inviteFrom, ev + 1, childOrdinal);
          }
          inviteFrom = ev + 1;
          rec.stage(row, ev, stage, next);
          stage = next;
          entered = ev;
          churnAt = churnClock(plan, stage, t, joinDay, hazardNow);
        }
        orderAt = orderClock(t, plan.orderRate[stage] * ordersNow);
        // Policies due at the end of this day (a stage entered, a recall answered, an
        // effect ending) run next: it is the next policy day, before any later event.
        continue;
      }
    } else {
      if (inviteKind === INVITES_PER_ACTIVE_DAY && plan.inviteStage[stage]) {
        childOrdinal = activeDayInvites(plan, rec, pending, inviteFrom, ev + 1, childOrdinal);
      }
      inviteFrom = ev + 1;
      rec.stage(row, ev, stage, timerTo);
      stage = timerTo;
      t = ev + 1;
      if (policies) {
        entered = -1;
        // Both clocks are drawn next for the new stage.
        endOfDayPolicies(plan, rec, row, ev, stage, lastActivity, true, mentor);
        hazardNow = hazardMult * policyFactors[1];
        ordersNow = orderMult * policyFactors[0];
      }
      churnAt = churnClock(plan, stage, t, joinDay, hazardNow);
      orderAt = orderClock(t, plan.orderRate[stage] * ordersNow);
      continue;
    }

    // Churn on day churnDay (hazard, shock or drop-out after that day's order).
    if (inviteKind === INVITES_PER_ACTIVE_DAY && plan.inviteStage[stage]) {
      // The churn day itself sends no invites unless an order came first that day.
      const end = churnDay + (t > churnDay ? 1 : 0);
      childOrdinal = activeDayInvites(plan, rec, pending, inviteFrom, end, childOrdinal);
    }
    rec.churn(row, churnDay, stage, churned, churnDay - liveFrom + 1);
    if (firstChurn < 0) {
      firstChurn = churnDay;
      rec.tenureChurned[churnDay - joinDay]++;
    }
    stage = churned;
    // A stage entered earlier (on the join day, say) whose end a churn cut off is no
    // longer due: the member's next stage entry is its reactivation.
    entered = -1;
    if (policies) churnPolicies(plan, rec, churnDay);
    const back = plan.reactivationRate > 0
      ? churnDay + 1 + Math.floor(exponential() / plan.reactivationRate)
      : NEVER;
    if (policies) churnedPolicies(plan, rec, row, lastActivity, Math.min(back, T), mentor);
    if (back >= T) break;
    reactivations++;
    rec.reactivate(row, back, churned, plan.reactivationTo);
    stage = plan.reactivationTo;
    t = back + 1;
    liveFrom = back + 1;
    lastActivity = back;
    inviteFrom = back + 1;
    if (policies) {
      endOfDayPolicies(plan, rec, row, back, stage, back, true, mentor);
      hazardNow = hazardMult * policyFactors[1];
      ordersNow = orderMult * policyFactors[0];
    }
    churnAt = churnClock(plan, stage, t, joinDay, hazardNow);
    orderAt = orderClock(t, plan.orderRate[stage] * ordersNow);
  }

  if (stage !== churned) {
    rec.memberDays += T - liveFrom;
    if (inviteKind === INVITES_PER_ACTIVE_DAY && plan.inviteStage[stage]) {
      activeDayInvites(plan, rec, pending, inviteFrom, T, childOrdinal);
    }
  }
  if (firstChurn < 0) rec.tenureCensored[T - 1 - joinDay]++;
  rec.endMember(
    row,
    joinDay,
    referrer,
    generation,
    source,
    codes,
    group,
    firstChurn,
    stage,
    orders,
    revenueCents,
    reactivations,
    arm,
  );
}

function betaDraw(a: number, b: number): number {
  const x = gamma(a);
  return x / (x + gamma(b));
}

function shockApplies(
  plan: Plan,
  k: number,
  mentor: number,
  codes: Uint8Array,
  A: number,
): boolean {
  if (plan.shockKind[k] === SHOCK_MENTOR_LEAVES) return plan.shockMentor[k] === mentor;
  for (let a = 0; a < A; a++) {
    const want = plan.shockWhere[k * A + a];
    if (want >= 0 && codes[a] !== want) return false;
  }
  return true;
}

/** Sends `count` invites on day `day` for the {@link inviter}; converted ones join after the delay. */
function sendInvites(
  plan: Plan,
  rec: BlockRecorder,
  pending: PendingStack,
  count: number,
  day: number,
  ordinal: number,
): number {
  const row = inviter[INVITER_ROW];
  for (let i = 0; i < count; i++) {
    rec.invite(row, day);
    if (uniform() >= plan.conversion) continue;
    const delay = plan.delayDays > 0
      ? plan.delayDays
      : 1 + Math.floor(exponential() / plan.delayRate);
    rec.conversions[day]++;
    const childJoin = day + delay;
    ordinal++;
    if (childJoin >= plan.horizon) continue;
    // The invitee's id derives from the referrer's id and the invite's ordinal.
    hashId(inviter[INVITER_HI], inviter[INVITER_LO], ordinal);
    pending.push(
      id[0],
      id[1],
      childJoin,
      plan.referralChannel,
      plan.inheritGroup ? inviter[INVITER_GROUP] : -1,
      inviter[INVITER_GENERATION] + 1,
      row,
      inviter[INVITER_ARM],
    );
    rec.cycleDays += childJoin - inviter[INVITER_JOIN];
    rec.referred++;
  }
  return ordinal;
}

/** Invites sent on days [from, to) in an inviting stage: Poisson total, uniform days. */
function activeDayInvites(
  plan: Plan,
  rec: BlockRecorder,
  pending: PendingStack,
  from: number,
  to: number,
  ordinal: number,
): number {
  if (to <= from) return ordinal;
  const mean = plan.inviteMean * (to - from);
  const count = poissonDraw(mean, Math.exp(-mean));
  for (let i = 0; i < count; i++) {
    const day = from + Math.floor(uniform() * (to - from));
    ordinal = sendInvites(plan, rec, pending, 1, day, ordinal);
  }
  return ordinal;
}
