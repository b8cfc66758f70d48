/**
 * Warning policies for the day-stepped reference engine, written as directly as the
 * semantics read (see `_policy_state.ts` for them): one object per member, visited at
 * the end of every day. Capacity here is exact and population-wide, which
 * the event-driven engine approximates per block; tests compare the two without it.
 *
 * @module
 */
import type { Plan } from "./plan.ts";
import { ACTION_COUPON, ACTION_RECALL, TRIGGER_INACTIVITY } from "./policy_plan.ts";
import type { BlockRecorder } from "./block_recorder.ts";

/** Actions started per policy slot, day (and mentor), population-wide. */
export class PolicyCapacity {
  readonly #daily: Int32Array;
  readonly #mentor: Int32Array;
  readonly #plan: Plan;

  constructor(plan: Plan) {
    this.#plan = plan;
    const T = plan.horizon, P = plan.policies.count, M = Math.max(1, plan.policies.mentors);
    this.#daily = new Int32Array(P * T);
    this.#mentor = new Int32Array(P * M * T);
  }

  /** Takes one action of policy p on `day` for a member of `mentor`, if capacity allows. */
  take(p: number, day: number, mentor: number): boolean {
    const pp = this.#plan.policies, T = this.#plan.horizon, M = Math.max(1, pp.mentors);
    const m = mentor >= 0 && pp.mentors > 0 ? (p * M + mentor) * T + day : -1;
    if (this.#daily[p * T + day] >= pp.daily[p]) return false;
    if (m >= 0 && this.#mentor[m] >= pp.perMentor[p]) return false;
    this.#daily[p * T + day]++;
    if (m >= 0) this.#mentor[m]++;
    return true;
  }
}

interface Running {
  kind: number;
  alertDay: number;
  responds: boolean;
  /** Last day the current effect covers, or -1. */
  effectEnd: number;
  /** Recall: touches given so far. */
  touches: number;
  factor: number;
}

/** One member's policies in the day-stepped engine, visited at the end of every day. */
export class MemberPolicies {
  readonly #plan: Plan;
  readonly #running: (Running | null)[];
  readonly #firedFor: number[];

  constructor(plan: Plan) {
    this.#plan = plan;
    this.#running = Array.from({ length: plan.policies.count }, () => null);
    this.#firedFor = Array.from({ length: plan.policies.count }, () => -1);
  }

  /** The product of the running effects' order-rate multipliers. */
  get orders(): number {
    return this.#product(false);
  }

  /** The product of the running effects' churn-hazard multipliers. */
  get hazard(): number {
    return this.#product(true);
  }

  #product(hazard: boolean): number {
    const pp = this.#plan.policies;
    let f = 1;
    this.#running.forEach((r, p) => {
      if (r === null) return;
      const onHazard = pp.actionKind[p] !== ACTION_COUPON && pp.actionKind[p] !== ACTION_RECALL;
      if (onHazard === hazard) f *= r.factor;
    });
    return f;
  }

  /** Coupon discounts on an order of `cents` on `day`. */
  order(rec: BlockRecorder, row: number, day: number, cents: number): void {
    const pp = this.#plan.policies;
    this.#running.forEach((r, p) => {
      if (r?.kind === ACTION_COUPON && r.responds && pp.discount[p] > 0) {
        rec.chargePolicy(row, pp.slot[p], day, Math.round(cents * pp.discount[p]));
      }
    });
  }

  /** The end of `day` for a live member (see `_policy_state.ts` for the steps). */
  endOfDay(
    rec: BlockRecorder,
    capacity: PolicyCapacity,
    random: () => number,
    m: { row: number; stage: number; lastActivity: number; mentor: number },
    day: number,
    enteredToday: boolean,
  ): void {
    const pp = this.#plan.policies, S = this.#plan.stages.length;
    for (let p = 0; p < pp.count; p++) {
      const slot = pp.slot[p];
      const r = this.#running[p];
      if (r !== null && r.kind !== ACTION_RECALL && r.effectEnd === day) this.#running[p] = null;
      if (r !== null && r.kind === ACTION_RECALL) {
        const touches = pp.touchStart[p + 1] - pp.touchStart[p];
        if (m.lastActivity > r.alertDay) {
          rec.recall(slot, day);
          this.#running[p] = null;
        } else {
          if (r.effectEnd === day) {
            r.factor = 1;
            r.effectEnd = -1;
          }
          if (
            r.touches < touches &&
            r.alertDay + pp.touchDay[pp.touchStart[p] + r.touches] - 1 === day
          ) {
            this.#touch(rec, m.row, p, r, day);
          } else if (r.touches >= touches && r.effectEnd < 0) {
            rec.lose(slot, day);
            this.#running[p] = null;
          }
        }
      }
      let fires = false;
      if (pp.triggerKind[p] === TRIGGER_INACTIVITY) {
        if (this.#firedFor[p] !== m.lastActivity && day === m.lastActivity + pp.triggerDays[p]) {
          this.#firedFor[p] = m.lastActivity;
          fires = pp.triggerStages[p * S + m.stage] === 1;
        }
      } else fires = enteredToday && pp.triggerStages[p * S + m.stage] === 1;
      if (!fires || this.#running[p] !== null) continue;
      rec.alert(slot, day);
      if (!capacity.take(p, day, m.mentor)) {
        rec.refuse(slot, day);
        continue;
      }
      const kind = pp.actionKind[p];
      const responds = m.stage !== this.#plan.churnedStage && random() < pp.response[p];
      rec.act(m.row, slot, day, kind === ACTION_RECALL ? 0 : pp.costCents[p]);
      const running: Running = {
        kind,
        alertDay: day,
        responds,
        effectEnd: kind === ACTION_RECALL ? -1 : day + pp.days[p],
        touches: 0,
        factor: !responds || kind === ACTION_RECALL
          ? 1
          : kind === ACTION_COUPON
          ? pp.orders[p]
          : pp.hazard[p],
      };
      this.#running[p] = running;
      if (kind === ACTION_RECALL && pp.touchDay[pp.touchStart[p]] === 1) {
        this.#touch(rec, m.row, p, running, day);
      }
    }
  }

  #touch(rec: BlockRecorder, row: number, p: number, r: Running, day: number): void {
    const pp = this.#plan.policies;
    rec.chargePolicy(row, pp.slot[p], day, pp.costCents[p]);
    r.factor = r.responds ? 1 + pp.orders[p] * Math.pow(pp.decay[p], r.touches) : 1;
    r.effectEnd = day + pp.days[p];
    r.touches++;
  }

  /**
   * The member churned on `day`: actions of policies that do not reach churned members
   * end (a running recall counts as lost); the others go on unseen.
   */
  churn(rec: BlockRecorder, day: number): void {
    const pp = this.#plan.policies;
    this.#running.forEach((r, p) => {
      if (pp.reachesChurned[p] === 1) return;
      if (r?.kind === ACTION_RECALL) rec.lose(pp.slot[p], day);
      this.#running[p] = null;
    });
  }
}
