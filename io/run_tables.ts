/**
 * The tables of a run folder, as column views over a {@link RunResult}'s typed arrays
 * (no copies of the big columns): daily aggregates, the tenure table, the member table
 * and the event log.
 *
 * @module
 */
import { EVENT_TYPES, type EventLog } from "../log/event_log.ts";
import type { MemberColumns, RunResult } from "../sim/run_result.ts";
import type { Table, TableColumn } from "./table.ts";

/**
 * The daily table: day, `stage_<name>` per stage, `joins_<channel>` per channel,
 * churns, reactivations, orders, revenue, invites, conversions, `spend_<channel>`, and
 * per warning policy `<policy>_alerts`, `_actions`, `_refused`, `_recalled`, `_lost`,
 * `_cost`.
 *
 * @example
 * ```ts
 * import { simulate } from "../sim/run.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { tabulateDaily } from "./run_tables.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const result = await simulate(scenario, { workers: 1, record: { members: true } });
 * const table = tabulateDaily(result);
 * if (table.rows !== 30 || table.columns[1].name !== "stage_new") throw new Error("unexpected");
 * ```
 */
export function tabulateDaily(result: RunResult): Table {
  const { daily, horizon } = result;
  const columns: TableColumn[] = [
    { kind: "integer", name: "day", values: sequence(horizon) },
    ...result.stages.map((stage, s): TableColumn => ({
      kind: "integer",
      name: `stage_${stage}`,
      values: daily.stageCounts[s],
    })),
    ...result.channels.map((channel, c): TableColumn => ({
      kind: "integer",
      name: `joins_${channel}`,
      values: daily.joins[c],
    })),
    { kind: "integer", name: "churns", values: daily.churns },
    { kind: "integer", name: "reactivations", values: daily.reactivations },
    { kind: "integer", name: "orders", values: daily.orders },
    { kind: "money", name: "revenue", values: daily.revenue },
    { kind: "integer", name: "invites", values: daily.invites },
    { kind: "integer", name: "conversions", values: daily.conversions },
    ...result.channels.map((channel, c): TableColumn => ({
      kind: "money",
      name: `spend_${channel}`,
      values: daily.acquisitionSpend[c],
    })),
    ...result.policies.flatMap((p): TableColumn[] => [
      { kind: "integer", name: `${p.name}_alerts`, values: p.alerts },
      { kind: "integer", name: `${p.name}_actions`, values: p.actions },
      { kind: "integer", name: `${p.name}_refused`, values: p.refused },
      { kind: "integer", name: `${p.name}_recalled`, values: p.recalled },
      { kind: "integer", name: `${p.name}_lost`, values: p.lost },
      { kind: "money", name: `${p.name}_cost`, values: p.cost },
    ]),
  ];
  return { name: "daily", rows: horizon, columns };
}

/**
 * The tenure table: tenure (days), members churned at that tenure, members censored
 * (still live) at that tenure.
 *
 * @example
 * ```ts
 * import { simulate } from "../sim/run.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { tabulateTenure } from "./run_tables.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const result = await simulate(scenario, { workers: 1, record: { members: true } });
 * const table = tabulateTenure(result);
 * if (table.columns.map((c) => c.name).join() !== "tenure,churned,censored") throw new Error();
 * ```
 */
export function tabulateTenure(result: RunResult): Table {
  const { churned, censored } = result.tenure;
  const rows = Math.max(churned.length, censored.length);
  return {
    name: "tenure",
    rows,
    columns: [
      { kind: "integer", name: "tenure", values: sequence(rows) },
      { kind: "integer", name: "churned", values: churned },
      { kind: "integer", name: "censored", values: censored },
    ],
  };
}

/** Columns of the member table that are outcomes of the run, not member attributes. */
export const RUN_MEMBER_OUTCOMES = [
  "generation",
  "join_day",
  "churn_day",
  "stage",
  "orders",
  "revenue",
  "reactivations",
  "actions",
  "policy_cost",
] as const;

/** Member-table columns that are not attributes; an attribute with one of these names is prefixed. */
const MEMBER_FIXED_COLUMNS: readonly string[] = [
  "id",
  "referrer",
  "channel",
  "group",
  "arm",
  ...RUN_MEMBER_OUTCOMES,
];

/**
 * The member table: id, referrer, generation, channel, one column per attribute (its
 * value label; named `attribute_<name>` if the name clashes with a fixed column),
 * group, join_day, churn_day (empty when never churned), stage, orders, revenue,
 * reactivations, `arm` (its label) when the run has experiment arms, and `actions` and
 * `policy_cost` when it has warning policies.
 *
 * @example
 * ```ts
 * import { simulate } from "../sim/run.ts";
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { tabulateMembers } from "./run_tables.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const result = await simulate(scenario, { workers: 1, record: { members: true } });
 * const table = tabulateMembers(result, result.members!);
 * if (table.rows !== 100) throw new Error("unexpected");
 * ```
 */
export function tabulateMembers(result: RunResult, members: MemberColumns): Table {
  const attributes = result.attributes.map((attribute, a): TableColumn => ({
    kind: "label",
    name: MEMBER_FIXED_COLUMNS.includes(attribute.name)
      ? `attribute_${attribute.name}`
      : attribute.name,
    codes: members.attributes[a],
    labels: attribute.values,
  }));
  const columns: TableColumn[] = [
    { kind: "integer", name: "id", values: sequence(members.count) },
    { kind: "integer", name: "referrer", values: members.referrer, missing: -1 },
    { kind: "integer", name: "generation", values: members.generation },
    { kind: "label", name: "channel", codes: members.channel, labels: result.channels },
    ...attributes,
    { kind: "integer", name: "group", values: members.group, missing: -1 },
    { kind: "integer", name: "join_day", values: members.joinDay },
    { kind: "integer", name: "churn_day", values: members.churnDay, missing: -1 },
    { kind: "label", name: "stage", codes: members.stage, labels: result.stages },
    { kind: "integer", name: "orders", values: members.orders },
    { kind: "money", name: "revenue", values: members.revenue },
    { kind: "integer", name: "reactivations", values: members.reactivations },
  ];
  if (result.arms.length > 0) {
    columns.push({ kind: "label", name: "arm", codes: members.arm, labels: result.arms });
  }
  if (result.policies.length > 0) {
    columns.push(
      { kind: "integer", name: "actions", values: members.actions },
      { kind: "money", name: "policy_cost", values: members.policyCost },
    );
  }
  return { name: "members", rows: members.count, columns };
}

/**
 * The event table: member, day, type, amount (empty when the event has none), stage
 * (the stage entered, empty for events that enter none).
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../log/event_log.ts";
 * import { tabulateEvents } from "./run_tables.ts";
 * const builder = new EventLogBuilder();
 * builder.push(0, 0, EventCode.join, NaN, 0);
 * const log = builder.build({ count: 1, ids: null, attributes: {} }, { stages: ["new"] });
 * if (tabulateEvents(log).rows !== 1) throw new Error("unexpected");
 * ```
 */
export function tabulateEvents(log: EventLog, stages: readonly string[] = log.stages): Table {
  return {
    name: "events",
    rows: log.length,
    columns: [
      { kind: "integer", name: "member", values: log.member },
      { kind: "integer", name: "day", values: log.day },
      { kind: "label", name: "type", codes: log.type, labels: EVENT_TYPES },
      { kind: "money", name: "amount", values: log.amount, optional: true },
      { kind: "label", name: "stage", codes: log.stage, labels: stages, optional: true },
    ],
  };
}

function sequence(length: number): Int32Array {
  const values = new Int32Array(length);
  for (let i = 0; i < length; i++) values[i] = i;
  return values;
}
