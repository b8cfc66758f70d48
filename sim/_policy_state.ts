/**
 * The event-driven engine's warning policies for the member being simulated: per-policy
 * state in small module-level typed arrays (no object per member), the next day a policy
 * needs the engine's attention, and the end-of-day step that fires triggers, starts
 * actions within capacity and ends effects.
 *
 * Semantics (the same as `day_stepped.ts`): at the end of a day on which the member is
 * live, after that day's churn, order and stage timers, each policy in turn
 *  1. ends an effect whose last day it was; a recall sequence ends as "recalled" when the
 *     member ordered that day, or as "lost" when its last touch's effect is over;
 *  2. gives a recall touch due the next day (its cost, its lift from the next day);
 *  3. fires its trigger — inactivity: the day is the last order (or join) day + window
 *     and the member is in an eligible stage, once per spell without orders; stage: the
 *     member entered an eligible stage that day — unless its action is still running;
 *  4. admits the alert within capacity (refused otherwise) and acts: the member responds
 *     with the policy's response probability (a draw keyed by the member's id, apart
 *     from its behaviour stream), and the effect runs from the next day.
 *
 * A churned member's days are visited too while a policy that reaches churned members
 * (`policy_plan.ts`) has something due: alerts, touches and effect ends, with the member
 * in the churned stage, unable to respond. Other policies' actions end at the churn (a
 * recall under way counts as lost).
 *
 * Capacity couples members, who are otherwise simulated one at a time; it is enforced
 * per block of roots, each block getting the day's capacity in proportion to its roots
 * that have joined by then (fractions rounded by a draw keyed by block and day), so the
 * result is the same for any number of workers. Within a block, members are served in
 * simulation order, which is random with respect to their behaviour.
 *
 * @module
 */
import { mix32 } from "../random/xoshiro.ts";
import type { Plan } from "./plan.ts";
import { ACTION_CALL, ACTION_COUPON, ACTION_RECALL, TRIGGER_INACTIVITY } from "./policy_plan.ts";
import type { BlockRecorder } from "./block_recorder.ts";
import { MAX_POLICIES } from "./_check_policies.ts";

const NEVER = 2 ** 30;
const IDLE = 0, EFFECT = 1, RECALL = 2;

const phase = new Int32Array(MAX_POLICIES);
const alertDay = new Int32Array(MAX_POLICIES);
const touch = new Int32Array(MAX_POLICIES);
/** Last day the running effect covers, or -1. */
const effectEnd = new Int32Array(MAX_POLICIES);
/** The spell (its last order or join day) whose inactivity alert has fired. */
const firedFor = new Int32Array(MAX_POLICIES);
const responds = new Uint8Array(MAX_POLICIES);
/** Per policy: the multiplier its running effect applies (1 when none). */
const orderFactor = new Float64Array(MAX_POLICIES);
const hazardFactor = new Float64Array(MAX_POLICIES);
/** Member id and alert ordinal, for the response draws. */
const member = new Int32Array(3);

/** The running product of every policy's multipliers: [orders, hazard]. */
export const policyFactors = new Float64Array(2);

// Capacity of the current block: quotas and use per policy and day (and mentor).
let quotaDaily = new Int32Array(0);
let usedDaily = new Int32Array(0);
let quotaMentor = new Int32Array(0);
let usedMentor = new Int32Array(0);

/**
 * Sets the block's capacity: each policy's daily (and per-mentor) capacity times the
 * block's share of the roots joined by each day, by policy slot, for the block's plans
 * (the run's, or its arms').
 *
 * @example
 * ```ts ignore
 * startPolicyBlock([plan], 0, 4096);
 * ```
 */
export function startPolicyBlock(
  plans: readonly Plan[],
  firstRoot: number,
  endRoot: number,
): void {
  const plan = plans[0];
  if (!plans.some((p) => p.policies.count > 0)) return;
  const T = plan.horizon;
  const block = new Float64Array(T), all = new Float64Array(T);
  joinedByDay(plan, firstRoot, endRoot, block);
  joinedByDay(plan, 0, plan.totalRoots, all);
  const M = Math.max(1, plan.policies.mentors);
  if (quotaDaily.length < MAX_POLICIES * T) {
    quotaDaily = new Int32Array(MAX_POLICIES * T);
    usedDaily = new Int32Array(MAX_POLICIES * T);
  }
  if (quotaMentor.length < MAX_POLICIES * M * T) {
    quotaMentor = new Int32Array(MAX_POLICIES * M * T);
    usedMentor = new Int32Array(MAX_POLICIES * M * T);
  }
  usedDaily.fill(0);
  usedMentor.fill(0);
  for (const { policies: pp } of plans) {
    for (let p = 0; p < pp.count; p++) {
      const slot = pp.slot[p];
      for (let d = 0; d < T; d++) {
        const share = all[d] > 0 ? block[d] / all[d] : 0;
        quotaDaily[slot * T + d] = roundedQuota(pp.daily[p], share, slot, firstRoot, d, 0);
        if (pp.mentors === 0) continue;
        for (let m = 0; m < M; m++) {
          const at = (slot * M + m) * T + d;
          quotaMentor[at] = roundedQuota(pp.perMentor[p], share, slot, firstRoot, d, m + 1);
        }
      }
    }
  }
}

/** capacity × share, rounded up with probability its fraction by a draw keyed by its use. */
function roundedQuota(
  capacity: number,
  share: number,
  p: number,
  firstRoot: number,
  day: number,
  m: number,
): number {
  if (capacity === Infinity) return 2 ** 30;
  const x = capacity * share;
  const whole = Math.floor(x);
  const u = (mix32(mix32(mix32(p ^ 0x51ed27a3) ^ firstRoot) ^ day ^ (m << 16)) >>> 0) /
    4294967296;
  return whole + (u < x - whole ? 1 : 0);
}

/** Roots in [first, end) joined on or before each day (cumulative), into `out`. */
function joinedByDay(plan: Plan, first: number, end: number, out: Float64Array): void {
  const T = plan.horizon;
  out.fill(0);
  const initial = Math.max(0, Math.min(end, plan.initialMembers) - first);
  out[0] += initial;
  const days = plan.rootCount.length;
  for (let i = 0; i < days; i++) {
    const lo = Math.max(first, plan.rootStart[i]), hi = Math.min(end, plan.rootStart[i + 1]);
    if (hi > lo) out[i % T] += hi - lo;
  }
  for (let d = 1; d < T; d++) out[d] += out[d - 1];
}

/**
 * Resets the policies for a new member with 64-bit id (hi, lo).
 *
 * @example
 * ```ts ignore
 * startPolicyMember(plan, hi, lo);
 * ```
 */
export function startPolicyMember(plan: Plan, hi: number, lo: number): void {
  for (let p = 0; p < plan.policies.count; p++) endAction(p);
  firedFor.fill(-1);
  member[0] = hi;
  member[1] = lo;
  member[2] = 0;
  policyFactors[0] = 1;
  policyFactors[1] = 1;
}

function endAction(p: number): void {
  phase[p] = IDLE;
  effectEnd[p] = -1;
  orderFactor[p] = 1;
  hazardFactor[p] = 1;
}

/**
 * The next day at whose end a policy must run, given the member's last order (or join)
 * day, or NEVER. `entered` is the day the member entered its stage when that day's end
 * has not been processed yet, else -1.
 *
 * @example
 * ```ts ignore
 * const day = nextPolicyDay(plan, lastActivity, entered);
 * ```
 */
export function nextPolicyDay(plan: Plan, lastActivity: number, entered: number): number {
  const pp = plan.policies;
  let next = entered >= 0 ? entered : NEVER;
  for (let p = 0; p < pp.count; p++) {
    let at = NEVER;
    // The window's day is visited even while an action runs, to close the spell.
    if (pp.triggerKind[p] === TRIGGER_INACTIVITY && firedFor[p] !== lastActivity) {
      at = lastActivity + pp.triggerDays[p];
    }
    if (phase[p] !== IDLE) {
      if (effectEnd[p] >= 0) at = Math.min(at, effectEnd[p]);
      if (phase[p] === RECALL) {
        const i = pp.touchStart[p] + touch[p];
        if (i < pp.touchStart[p + 1]) at = Math.min(at, alertDay[p] + pp.touchDay[i] - 1);
        // A recall member who orders ends the sequence at the end of that day.
        if (lastActivity > alertDay[p]) at = Math.min(at, lastActivity);
      }
    }
    if (at < next) next = at;
  }
  return next;
}

/**
 * Runs every policy at the end of `day` for the live member in `stage` (see the module
 * doc); updates {@link policyFactors} and returns which changed ({@link ORDERS_CHANGED},
 * {@link HAZARD_CHANGED}): only those clocks need redrawing, so that a policy without
 * effect leaves the member's draws, and so its life, exactly as without the policy.
 *
 * @example
 * ```ts ignore
 * const changed = endOfDayPolicies(plan, rec, row, day, stage, lastActivity, true, mentor);
 * if (changed & HAZARD_CHANGED) {
 *   // redraw the churn clock from day + 1
 * }
 * ```
 */
export function endOfDayPolicies(
  plan: Plan,
  rec: BlockRecorder,
  row: number,
  day: number,
  stage: number,
  lastActivity: number,
  enteredToday: boolean,
  mentor: number,
): number {
  const pp = plan.policies;
  const S = plan.stages.length, T = plan.horizon;
  for (let p = 0; p < pp.count; p++) {
    const slot = pp.slot[p];
    if (phase[p] === EFFECT && effectEnd[p] === day) endAction(p);
    if (phase[p] === RECALL) {
      const i = pp.touchStart[p] + touch[p];
      if (lastActivity > alertDay[p]) {
        rec.recall(slot, day);
        endAction(p);
      } else {
        if (effectEnd[p] === day) {
          orderFactor[p] = 1;
          effectEnd[p] = -1;
        }
        if (i < pp.touchStart[p + 1] && alertDay[p] + pp.touchDay[i] - 1 === day) {
          giveTouch(plan, rec, row, p, day);
        } else if (i >= pp.touchStart[p + 1] && effectEnd[p] < 0) {
          rec.lose(slot, day);
          endAction(p);
        }
      }
    }
    let fires = false;
    if (pp.triggerKind[p] === TRIGGER_INACTIVITY) {
      if (firedFor[p] !== lastActivity && day === lastActivity + pp.triggerDays[p]) {
        firedFor[p] = lastActivity;
        fires = pp.triggerStages[p * S + stage] === 1;
      }
    } else fires = enteredToday && pp.triggerStages[p * S + stage] === 1;
    if (!fires || phase[p] !== IDLE) continue;
    rec.alert(slot, day);
    const M = Math.max(1, pp.mentors);
    const m = mentor >= 0 && pp.mentors > 0 ? (slot * M + mentor) * T + day : -1;
    const d = slot * T + day;
    if (usedDaily[d] >= quotaDaily[d] || (m >= 0 && usedMentor[m] >= quotaMentor[m])) {
      rec.refuse(slot, day);
      continue;
    }
    usedDaily[d]++;
    if (m >= 0) usedMentor[m]++;
    if (stage === plan.churnedStage) responds[p] = 0;
    else {
      member[2]++;
      const u = (mix32(mix32(member[0] ^ 0x2f6b1d35) ^ member[1] ^ mix32(member[2] ^ p)) >>> 0) /
        4294967296;
      responds[p] = u < pp.response[p] ? 1 : 0;
    }
    const kind = pp.actionKind[p];
    rec.act(row, slot, day, kind === ACTION_RECALL ? 0 : pp.costCents[p]);
    alertDay[p] = day;
    if (kind === ACTION_COUPON || kind === ACTION_CALL) {
      phase[p] = EFFECT;
      effectEnd[p] = day + pp.days[p];
      if (responds[p] === 1) {
        if (kind === ACTION_COUPON) orderFactor[p] = pp.orders[p];
        else hazardFactor[p] = pp.hazard[p];
      }
    } else {
      phase[p] = RECALL;
      touch[p] = 0;
      effectEnd[p] = -1;
      if (pp.touchDay[pp.touchStart[p]] === 1) giveTouch(plan, rec, row, p, day);
    }
  }
  return updateFactors(pp.count);
}

function giveTouch(plan: Plan, rec: BlockRecorder, row: number, p: number, day: number): void {
  const pp = plan.policies;
  rec.chargePolicy(row, pp.slot[p], day, pp.costCents[p]);
  orderFactor[p] = responds[p] === 1 ? 1 + pp.orders[p] * Math.pow(pp.decay[p], touch[p]) : 1;
  effectEnd[p] = day + pp.days[p];
  touch[p]++;
}

/** Which products {@link endOfDayPolicies} changed: a bit mask. */
export const ORDERS_CHANGED = 1, HAZARD_CHANGED = 2;

function updateFactors(count: number): number {
  let orders = 1, hazard = 1;
  for (let p = 0; p < count; p++) {
    orders *= orderFactor[p];
    hazard *= hazardFactor[p];
  }
  const changed = (orders !== policyFactors[0] ? ORDERS_CHANGED : 0) |
    (hazard !== policyFactors[1] ? HAZARD_CHANGED : 0);
  policyFactors[0] = orders;
  policyFactors[1] = hazard;
  return changed;
}

/**
 * Charges running coupons' discounts on an order of `cents` placed on `day`.
 *
 * @example
 * ```ts ignore
 * chargeDiscounts(plan, rec, row, day, cents);
 * ```
 */
export function chargeDiscounts(
  plan: Plan,
  rec: BlockRecorder,
  row: number,
  day: number,
  cents: number,
): void {
  const pp = plan.policies;
  for (let p = 0; p < pp.count; p++) {
    if (phase[p] === EFFECT && responds[p] === 1 && pp.discount[p] > 0) {
      rec.chargePolicy(row, pp.slot[p], day, Math.round(cents * pp.discount[p]));
    }
  }
}

/**
 * Ends the running actions of policies that do not reach churned members when the member
 * churns on `day` (a recall sequence under way counts as lost); the others go on, unseen
 * by their operator, through {@link churnedPolicies}.
 *
 * @example
 * ```ts ignore
 * churnPolicies(plan, rec, day);
 * ```
 */
export function churnPolicies(plan: Plan, rec: BlockRecorder, day: number): void {
  const pp = plan.policies;
  for (let p = 0; p < pp.count; p++) {
    if (pp.reachesChurned[p] === 1) continue;
    if (phase[p] === RECALL) rec.lose(pp.slot[p], day);
    endAction(p);
  }
  updateFactors(pp.count);
}

/**
 * Runs the policies through a churned spell, on every day before `end` (the day the
 * member comes back, or the horizon) on which one has something due. The member's last
 * order (or join) day is `lastActivity`; it cannot respond while churned.
 *
 * @example
 * ```ts ignore
 * churnedPolicies(plan, rec, row, lastActivity, Math.min(back, plan.horizon), mentor);
 * ```
 */
export function churnedPolicies(
  plan: Plan,
  rec: BlockRecorder,
  row: number,
  lastActivity: number,
  end: number,
  mentor: number,
): void {
  const pp = plan.policies;
  let reaching = false;
  for (let p = 0; p < pp.count; p++) if (pp.reachesChurned[p] === 1) reaching = true;
  if (!reaching) return;
  for (let day = nextPolicyDay(plan, lastActivity, -1); day < end;) {
    endOfDayPolicies(plan, rec, row, day, plan.churnedStage, lastActivity, false, mentor);
    // Everything due on `day` is done; what it scheduled falls on later days.
    day = Math.max(nextPolicyDay(plan, lastActivity, -1), day + 1);
  }
}
