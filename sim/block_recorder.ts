/**
 * Data collection for the engine, kept apart from the model (as in Mesa): daily
 * aggregates as integer counts (revenue in cents, so sums are exact and do not depend
 * on the order blocks are merged in), the tenure table, and on request member rows
 * and events in growable struct-of-arrays columns.
 *
 * @module
 */
import { EventCode } from "../log/event_log.ts";
import type { Plan } from "./plan.ts";
import { PendingStack } from "./pending.ts";
import { MAX_POLICIES } from "./_check_policies.ts";
import { type ArmMetricsOptions, ArmMetricsRecorder, type ArmMetricsSums } from "./arm_metrics.ts";

/** Which per-member outputs to keep besides the aggregates. */
export interface RecordOptions {
  /** Keep one row per member. */
  readonly members: boolean;
  /** Keep the full event log. */
  readonly events: boolean;
  /** Collect per-arm sufficient statistics of member metrics (see `arm_metrics.ts`). */
  readonly armMetrics?: ArmMetricsOptions;
}

/** Member rows and events of one block, with block-local row numbers. */
export interface BlockColumns {
  readonly rows: number;
  readonly referrer: Int32Array;
  readonly generation: Int32Array;
  readonly channel: Uint8Array;
  /** Attribute codes, row-major: attributes[row * A + a]. */
  readonly attributes: Uint8Array;
  readonly group: Int32Array;
  readonly joinDay: Int32Array;
  readonly churnDay: Int32Array;
  readonly stage: Uint8Array;
  readonly orders: Int32Array;
  readonly revenueCents: Float64Array;
  readonly reactivations: Int32Array;
  /** Experiment arm of each member (0 without arms). */
  readonly arm: Uint8Array;
  /** Policy actions started for each member, and what they cost (cents). */
  readonly actions: Int32Array;
  readonly policyCostCents: Float64Array;
  readonly events: number;
  readonly eventMember: Int32Array;
  readonly eventDay: Int32Array;
  readonly eventType: Uint8Array;
  readonly eventCents: Float64Array;
  readonly eventStage: Int16Array;
}

/**
 * Collects what the engine reports while it simulates blocks.
 *
 * @example
 * ```ts
 * import { BlockRecorder } from "./block_recorder.ts";
 * import { compilePlan } from "./plan.ts";
 * import { rootSeed } from "../random/seed.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const plan = compilePlan(ScenarioSchema.parse({
 *   name: "tiny", horizon: 10, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 1 }, purchases: { spend: { type: "fixed", value: 1 } },
 * }), rootSeed(1));
 * const recorder = new BlockRecorder(plan, { members: false, events: false });
 * if (recorder.orders.length !== 10) throw new Error("unexpected");
 * ```
 */
export class BlockRecorder {
  readonly pending: PendingStack = new PendingStack();
  readonly attributeScratch: Uint8Array;
  readonly horizon: number;
  /** Stage entries minus exits per stage and day: stageDiff[s * (T + 1) + d]. */
  readonly stageDiff: Int32Array;
  /** Joins per channel and day: joins[c * T + d]. */
  readonly joins: Int32Array;
  readonly churns: Int32Array;
  readonly reactivations: Int32Array;
  readonly orders: Int32Array;
  readonly revenueCents: Float64Array;
  readonly invites: Int32Array;
  readonly conversions: Int32Array;
  readonly tenureChurned: Int32Array;
  readonly tenureCensored: Int32Array;
  /** Per policy slot and day (policyAlerts[slot * T + d]): alerts, actions, refused, ... */
  readonly policyAlerts: Int32Array;
  readonly policyActions: Int32Array;
  readonly policyRefused: Int32Array;
  readonly policyRecalled: Int32Array;
  readonly policyLost: Int32Array;
  readonly policyCostCents: Float64Array;
  memberDays = 0;
  stageChanges = 0;
  referred = 0;
  /** Sum over referred members of (invitee join day − referrer join day). */
  cycleDays = 0;
  /** Rows in the current block. */
  rows = 0;
  /** Per-arm member metrics, when requested. */
  readonly armMetrics: ArmMetricsRecorder | null;
  /** Order events go to the arm metrics (not when they take members' totals at the end). */
  readonly #armOrders: boolean;

  // The record options as booleans of their own: the hooks read them at every event.
  readonly #keepMembers: boolean;
  readonly #keepEvents: boolean;
  readonly #attributeCount: number;
  #capacity = 0;
  #referrer = new Int32Array(0);
  #generation = new Int32Array(0);
  #channel = new Uint8Array(0);
  #attributes = new Uint8Array(0);
  #group = new Int32Array(0);
  #joinDay = new Int32Array(0);
  #churnDay = new Int32Array(0);
  #stage = new Uint8Array(0);
  #orders = new Int32Array(0);
  #revenueCents = new Float64Array(0);
  #reactivations = new Int32Array(0);
  #arm = new Uint8Array(0);
  #actions = new Int32Array(0);
  #policyCostCents = new Float64Array(0);
  #events = 0;
  #eventCapacity = 0;
  #eventMember = new Int32Array(0);
  #eventDay = new Int32Array(0);
  #eventType = new Uint8Array(0);
  #eventCents = new Float64Array(0);
  #eventStage = new Int16Array(0);

  constructor(plan: Plan, record: RecordOptions) {
    const T = plan.horizon;
    this.horizon = T;
    this.#keepMembers = record.members;
    this.#keepEvents = record.events;
    this.#attributeCount = plan.attributes.length;
    this.attributeScratch = new Uint8Array(Math.max(1, plan.attributes.length));
    this.stageDiff = new Int32Array(plan.stages.length * (T + 1));
    this.joins = new Int32Array(plan.channels.length * T);
    this.churns = new Int32Array(T);
    this.reactivations = new Int32Array(T);
    this.orders = new Int32Array(T);
    this.revenueCents = new Float64Array(T);
    this.invites = new Int32Array(T);
    this.conversions = new Int32Array(T);
    this.tenureChurned = new Int32Array(T);
    this.tenureCensored = new Int32Array(T);
    this.policyAlerts = new Int32Array(MAX_POLICIES * T);
    this.policyActions = new Int32Array(MAX_POLICIES * T);
    this.policyRefused = new Int32Array(MAX_POLICIES * T);
    this.policyRecalled = new Int32Array(MAX_POLICIES * T);
    this.policyLost = new Int32Array(MAX_POLICIES * T);
    this.policyCostCents = new Float64Array(MAX_POLICIES * T);
    this.armMetrics = record.armMetrics ? new ArmMetricsRecorder(record.armMetrics, T) : null;
    // The engine gives every member's arm at its start, so its members are streamed.
    this.#armOrders = this.armMetrics !== null && !this.armMetrics.ordersAtEnd;
  }

  /** The arm metrics' sums so far (null unless requested), as workers send them back. */
  get armMetricSums(): ArmMetricsSums | null {
    return this.armMetrics?.sums ?? null;
  }

  /** Records a join (in `arm`, when the engine knows it); returns the member's block-local row. */
  beginMember(day: number, channel: number, stage: number, arm = -1): number {
    this.joins[channel * this.horizon + day]++;
    this.stageDiff[stage * (this.horizon + 1) + day]++;
    const row = this.rows++;
    if (this.#keepMembers && row >= this.#capacity) this.#growMembers();
    this.armMetrics?.begin(row, day, channel, arm);
    if (this.#keepEvents) this.#event(row, day, EventCode.join, NaN, stage);
    return row;
  }

  /** Records an order of `cents`. */
  order(row: number, day: number, cents: number): void {
    this.orders[day]++;
    this.revenueCents[day] += cents;
    if (this.#armOrders) this.armMetrics!.order(row, day, cents);
    if (this.#keepEvents) this.#event(row, day, EventCode.order, cents, -1);
  }

  /** Records a stage change at the end of `day`. */
  stage(row: number, day: number, from: number, to: number): void {
    const T1 = this.horizon + 1;
    this.stageDiff[from * T1 + day]--;
    this.stageDiff[to * T1 + day]++;
    this.stageChanges++;
    if (this.#keepEvents) this.#event(row, day, EventCode.stage, NaN, to);
  }

  /** Records a churn on `day` and the member-days of the live spell it ends. */
  churn(row: number, day: number, from: number, churned: number, liveDays: number): void {
    this.churns[day]++;
    this.memberDays += liveDays;
    this.armMetrics?.churn(row, day);
    const T1 = this.horizon + 1;
    this.stageDiff[from * T1 + day]--;
    this.stageDiff[churned * T1 + day]++;
    if (this.#keepEvents) this.#event(row, day, EventCode.churn, NaN, churned);
  }

  /** Records a churned member coming back on `day`. */
  reactivate(row: number, day: number, churned: number, to: number): void {
    this.reactivations[day]++;
    const T1 = this.horizon + 1;
    this.stageDiff[churned * T1 + day]--;
    this.stageDiff[to * T1 + day]++;
    if (this.#keepEvents) this.#event(row, day, EventCode.reactivate, NaN, to);
  }

  /** Records a policy's alert on `day` (it fired, whether or not capacity allowed an action). */
  alert(slot: number, day: number): void {
    this.policyAlerts[slot * this.horizon + day]++;
  }

  /** Records an alert refused for want of capacity. */
  refuse(slot: number, day: number): void {
    this.policyRefused[slot * this.horizon + day]++;
  }

  /** Records an action started for a member on `day`, costing `cents` then. */
  act(row: number, slot: number, day: number, cents: number): void {
    this.policyActions[slot * this.horizon + day]++;
    this.chargePolicy(row, slot, day, cents);
    if (this.#keepMembers) this.#actions[row]++;
    if (this.#keepEvents) this.#event(row, day, EventCode.action, NaN, -1);
  }

  /** Records a policy cost (an action, a recall touch, a coupon's discount) on `day`. */
  chargePolicy(row: number, slot: number, day: number, cents: number): void {
    this.policyCostCents[slot * this.horizon + day] += cents;
    this.armMetrics?.cost(row, day, cents);
    if (this.#keepMembers) this.#policyCostCents[row] += cents;
  }

  /** Records a recall sequence ended by an order on `day`. */
  recall(slot: number, day: number): void {
    this.policyRecalled[slot * this.horizon + day]++;
  }

  /** Records a recall sequence ended without an order (or by churn) on `day`. */
  lose(slot: number, day: number): void {
    this.policyLost[slot * this.horizon + day]++;
  }

  /** Records an invite sent on `day`. */
  invite(row: number, day: number): void {
    this.invites[day]++;
    if (this.#keepEvents) this.#event(row, day, EventCode.invite, NaN, -1);
  }

  /** Records the member's row once its life is simulated. */
  endMember(
    row: number,
    joinDay: number,
    referrer: number,
    generation: number,
    channel: number,
    codes: Uint8Array,
    group: number,
    churnDay: number,
    stage: number,
    orders: number,
    revenueCents: number,
    reactivations: number,
    arm: number,
  ): void {
    this.armMetrics?.end(
      row,
      joinDay,
      channel,
      group,
      generation,
      churnDay,
      arm,
      orders,
      revenueCents,
    );
    if (!this.#keepMembers) return;
    this.#referrer[row] = referrer;
    this.#generation[row] = generation;
    this.#channel[row] = channel;
    const A = this.#attributeCount;
    for (let a = 0; a < A; a++) this.#attributes[row * A + a] = codes[a];
    this.#group[row] = group;
    this.#joinDay[row] = joinDay;
    this.#churnDay[row] = churnDay;
    this.#stage[row] = stage;
    this.#orders[row] = orders;
    this.#revenueCents[row] = revenueCents;
    this.#reactivations[row] = reactivations;
    this.#arm[row] = arm;
  }

  /** Hands over the block's member rows and events and starts a new block. */
  takeColumns(): BlockColumns {
    this.armMetrics?.endBlock();
    const n = this.rows, e = this.#events, A = this.#attributeCount;
    const keep = this.#keepMembers ? n : 0;
    const columns: BlockColumns = {
      rows: n,
      referrer: this.#referrer.slice(0, keep),
      generation: this.#generation.slice(0, keep),
      channel: this.#channel.slice(0, keep),
      attributes: this.#attributes.slice(0, keep * A),
      group: this.#group.slice(0, keep),
      joinDay: this.#joinDay.slice(0, keep),
      churnDay: this.#churnDay.slice(0, keep),
      stage: this.#stage.slice(0, keep),
      orders: this.#orders.slice(0, keep),
      revenueCents: this.#revenueCents.slice(0, keep),
      reactivations: this.#reactivations.slice(0, keep),
      arm: this.#arm.slice(0, keep),
      actions: this.#actions.slice(0, keep),
      policyCostCents: this.#policyCostCents.slice(0, keep),
      events: e,
      eventMember: this.#eventMember.slice(0, e),
      eventDay: this.#eventDay.slice(0, e),
      eventType: this.#eventType.slice(0, e),
      eventCents: this.#eventCents.slice(0, e),
      eventStage: this.#eventStage.slice(0, e),
    };
    this.rows = 0;
    this.#events = 0;
    if (keep > 0) {
      this.#actions.fill(0, 0, keep);
      this.#policyCostCents.fill(0, 0, keep);
    }
    return columns;
  }

  #event(row: number, day: number, type: number, cents: number, stage: number): void {
    if (this.#events === this.#eventCapacity) this.#growEvents();
    const i = this.#events++;
    this.#eventMember[i] = row;
    this.#eventDay[i] = day;
    this.#eventType[i] = type;
    this.#eventCents[i] = cents;
    this.#eventStage[i] = stage;
  }

  #growMembers(): void {
    const size = Math.max(1024, this.#capacity * 2);
    const A = this.#attributeCount;
    this.#referrer = grow(this.#referrer, new Int32Array(size));
    this.#generation = grow(this.#generation, new Int32Array(size));
    this.#channel = grow(this.#channel, new Uint8Array(size));
    this.#attributes = grow(this.#attributes, new Uint8Array(size * A));
    this.#group = grow(this.#group, new Int32Array(size));
    this.#joinDay = grow(this.#joinDay, new Int32Array(size));
    this.#churnDay = grow(this.#churnDay, new Int32Array(size));
    this.#stage = grow(this.#stage, new Uint8Array(size));
    this.#orders = grow(this.#orders, new Int32Array(size));
    this.#revenueCents = grow(this.#revenueCents, new Float64Array(size));
    this.#reactivations = grow(this.#reactivations, new Int32Array(size));
    this.#arm = grow(this.#arm, new Uint8Array(size));
    this.#actions = grow(this.#actions, new Int32Array(size));
    this.#policyCostCents = grow(this.#policyCostCents, new Float64Array(size));
    this.#capacity = size;
  }

  #growEvents(): void {
    const size = Math.max(4096, this.#eventCapacity * 2);
    this.#eventMember = grow(this.#eventMember, new Int32Array(size));
    this.#eventDay = grow(this.#eventDay, new Int32Array(size));
    this.#eventType = grow(this.#eventType, new Uint8Array(size));
    this.#eventCents = grow(this.#eventCents, new Float64Array(size));
    this.#eventStage = grow(this.#eventStage, new Int16Array(size));
    this.#eventCapacity = size;
  }
}

function grow<A extends Int32Array | Uint8Array | Int16Array | Float64Array>(
  old: A,
  bigger: A,
): A {
  bigger.set(old as never);
  return bigger;
}
