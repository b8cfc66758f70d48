/**
 * Merges what blocks and workers recorded into a {@link RunResult}: sums the integer
 * aggregates (in any order: they are exact), and concatenates member rows and events
 * in block order, turning block-local rows into run-wide member ids.
 *
 * @module
 */
import type { EventLog, MemberTable } from "../log/event_log.ts";
import { VERSION } from "../version.ts";
import type { BlockColumns, RecordOptions } from "./block_recorder.ts";
import type { Plan } from "./plan.ts";
import type { AggregateArrays } from "./run.ts";
import type { DailySeries, MemberColumns, RunResult, RunTimings } from "./run_result.ts";
import type { Scenario } from "./scenario.ts";
import { finishArmMetrics, mergeArmMetrics } from "./arm_metrics_table.ts";

/** Inputs of {@link buildRunResult}. */
export interface MergeInput {
  readonly scenario: Scenario;
  readonly plan: Plan;
  readonly engine: "event" | "day";
  readonly workers: number;
  readonly recorders: readonly AggregateArrays[];
  readonly blocks: readonly BlockColumns[];
  readonly record: RecordOptions;
  readonly timings: RunTimings;
  readonly arms: readonly string[];
  readonly assignment: "member" | "cluster" | "tree" | null;
  /** Names of the run's policy slots. */
  readonly policyNames: readonly string[];
}

/**
 * Builds the run result from recorded aggregates and block columns.
 *
 * @example
 * ```ts
 * import { simulate } from "./run.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const run = await simulate(ScenarioSchema.parse({
 *   name: "tiny", horizon: 5, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 1 } }, churned: { churned: true } },
 *   population: { initial: 3 }, purchases: { spend: { type: "fixed", value: 1 } },
 * }), { workers: 1 });
 * if (run.totals.churned !== 3) throw new Error("everyone churns on day 0");
 * ```
 */
export function buildRunResult(input: MergeInput): RunResult {
  const { plan, record } = input;
  const T = plan.horizon, S = plan.stages.length, K = plan.channels.length;
  const first = input.recorders[0];
  const sum = <A extends Int32Array | Float64Array>(pick: (r: AggregateArrays) => A): A => {
    const out = pick(first).slice() as A;
    for (const r of input.recorders.slice(1)) {
      const a = pick(r);
      for (let i = 0; i < out.length; i++) out[i] += a[i];
    }
    return out;
  };
  const stageDiff = sum((r) => r.stageDiff);
  const joins = sum((r) => r.joins);
  const revenueCents = sum((r) => r.revenueCents);
  const stageCounts = Array.from({ length: S }, (_, s) => {
    const counts = new Int32Array(T);
    let running = 0;
    for (let d = 0; d < T; d++) counts[d] = running += stageDiff[s * (T + 1) + d];
    return counts;
  });
  const joinsByChannel = Array.from({ length: K }, (_, c) => joins.slice(c * T, (c + 1) * T));
  const daily: DailySeries = {
    stageCounts,
    joins: joinsByChannel,
    churns: sum((r) => r.churns),
    reactivations: sum((r) => r.reactivations),
    orders: sum((r) => r.orders),
    revenue: revenueCents.map((c) => c / 100),
    invites: sum((r) => r.invites),
    conversions: sum((r) => r.conversions),
    acquisitionSpend: joinsByChannel.map((j, c) => Float64Array.from(j, (n) => n * plan.cac[c])),
  };
  const total = (a: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  };
  const bySlot = <A extends Int32Array | Float64Array>(all: A, p: number) =>
    all.slice(p * T, (p + 1) * T) as A;
  const policyCostCents = sum((r) => r.policyCostCents);
  // Every slot's series at once, then each policy's slice.
  const alerts = sum((r) => r.policyAlerts), actions = sum((r) => r.policyActions);
  const refused = sum((r) => r.policyRefused), recalled = sum((r) => r.policyRecalled);
  const lost = sum((r) => r.policyLost);
  const policies = input.policyNames.map((name, p) => ({
    name,
    alerts: bySlot(alerts, p),
    actions: bySlot(actions, p),
    refused: bySlot(refused, p),
    recalled: bySlot(recalled, p),
    lost: bySlot(lost, p),
    cost: bySlot(policyCostCents, p).map((c) => c / 100),
  }));
  const members = total(joins);
  const initial = total(joinsByChannel[0]);
  const referred = total(joinsByChannel[K - 1]);
  const churned = stageCounts[plan.churnedStage][T - 1];
  let cycleDays = 0, memberDays = 0;
  for (const r of input.recorders) {
    cycleDays += r.cycleDays;
    memberDays += r.memberDays;
  }
  const result: RunResult = {
    scenario: input.scenario,
    seed: input.scenario.seed,
    version: VERSION,
    engine: input.engine,
    workers: input.workers,
    horizon: T,
    stages: plan.stages,
    channels: plan.channels,
    attributes: plan.attributes,
    arms: input.arms,
    assignment: input.assignment,
    daily,
    policies,
    tenure: { churned: sum((r) => r.tenureChurned), censored: sum((r) => r.tenureCensored) },
    totals: {
      members,
      initial,
      acquired: members - initial - referred,
      referred,
      churned,
      live: members - churned,
      orders: total(daily.orders),
      revenue: total(revenueCents) / 100,
      acquisitionSpend: daily.acquisitionSpend.reduce((s, a) => s + total(a), 0),
      actions: policies.reduce((s, p) => s + total(p.actions), 0),
      policyCost: total(policyCostCents) / 100,
      invites: total(daily.invites),
      conversions: total(daily.conversions),
      reactivations: total(daily.reactivations),
      memberDays,
      kFactor: members > 0 ? referred / members : NaN,
      cycleTime: referred > 0 ? cycleDays / referred : NaN,
    },
    timings: input.timings,
    ...(record.armMetrics
      ? {
        armMetrics: finishArmMetrics(
          mergeArmMetrics(input.recorders.map((r) => r.armMetricSums!)),
        ),
      }
      : {}),
  };
  if (!record.members && !record.events) return result;
  const offsets: number[] = [];
  let rows = 0;
  for (const block of input.blocks) {
    offsets.push(rows);
    rows += block.rows;
  }
  const columns = record.members ? mergeMembers(input.blocks, offsets, rows, plan) : undefined;
  return {
    ...result,
    ...(columns ? { members: columns } : {}),
    ...(record.events ? { events: mergeEvents(input.blocks, offsets, rows, plan, columns) } : {}),
  };
}

function mergeMembers(
  blocks: readonly BlockColumns[],
  offsets: number[],
  rows: number,
  plan: Plan,
): MemberColumns {
  const A = plan.attributes.length;
  const referrer = new Int32Array(rows);
  const generation = new Int32Array(rows);
  const channel = new Uint8Array(rows);
  const attributes = Array.from({ length: A }, () => new Uint8Array(rows));
  const group = new Int32Array(rows);
  const joinDay = new Int32Array(rows);
  const churnDay = new Int32Array(rows);
  const stage = new Uint8Array(rows);
  const orders = new Int32Array(rows);
  const revenue = new Float64Array(rows);
  const reactivations = new Int32Array(rows);
  const arm = new Uint8Array(rows);
  const actions = new Int32Array(rows);
  const policyCost = new Float64Array(rows);
  blocks.forEach((b, i) => {
    const o = offsets[i];
    for (let r = 0; r < b.rows; r++) {
      referrer[o + r] = b.referrer[r] >= 0 ? b.referrer[r] + o : -1;
      revenue[o + r] = b.revenueCents[r] / 100;
      policyCost[o + r] = b.policyCostCents[r] / 100;
      for (let a = 0; a < A; a++) attributes[a][o + r] = b.attributes[r * A + a];
    }
    generation.set(b.generation, o);
    channel.set(b.channel, o);
    group.set(b.group, o);
    joinDay.set(b.joinDay, o);
    churnDay.set(b.churnDay, o);
    stage.set(b.stage, o);
    orders.set(b.orders, o);
    reactivations.set(b.reactivations, o);
    arm.set(b.arm, o);
    actions.set(b.actions, o);
  });
  return {
    count: rows,
    referrer,
    generation,
    channel,
    attributes,
    group,
    joinDay,
    churnDay,
    stage,
    orders,
    revenue,
    reactivations,
    arm,
    actions,
    policyCost,
  };
}

function mergeEvents(
  blocks: readonly BlockColumns[],
  offsets: number[],
  rows: number,
  plan: Plan,
  members: MemberColumns | undefined,
): EventLog {
  let n = 0;
  for (const b of blocks) n += b.events;
  const member = new Int32Array(n);
  const day = new Int32Array(n);
  const type = new Uint8Array(n);
  const amount = new Float64Array(n);
  const stage = new Int16Array(n);
  let at = 0;
  blocks.forEach((b, i) => {
    const o = offsets[i];
    for (let e = 0; e < b.events; e++) {
      member[at + e] = b.eventMember[e] + o;
      amount[at + e] = b.eventCents[e] / 100;
    }
    day.set(b.eventDay, at);
    type.set(b.eventType, at);
    stage.set(b.eventStage, at);
    at += b.events;
  });
  const table: MemberTable = {
    count: rows,
    ids: null,
    attributes: members ? memberAttributes(members, plan) : {},
  };
  return {
    origin: null,
    length: n,
    member,
    day,
    type,
    amount,
    stage,
    stages: plan.stages,
    members: table,
  };
}

function memberAttributes(members: MemberColumns, plan: Plan): MemberTable["attributes"] {
  const out: Record<string, { codes: Int32Array; labels: readonly string[] }> = {
    channel: { codes: Int32Array.from(members.channel), labels: plan.channels },
  };
  plan.attributes.forEach((a, i) => {
    out[a.name] = { codes: Int32Array.from(members.attributes[i]), labels: a.values };
  });
  if (plan.groups > 0) {
    out.group = {
      codes: members.group.slice(),
      labels: Array.from({ length: plan.groups }, (_, g) => String(g)),
    };
  }
  return out;
}
