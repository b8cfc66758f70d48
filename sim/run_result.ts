/**
 * What a simulation run produces: daily aggregates, a survival table by tenure, run
 * totals, and on request one row per member and the full event log.
 *
 * @module
 */
import type { EventLog } from "../log/event_log.ts";
import type { Scenario } from "./scenario.ts";
import type { ArmMetricsTable } from "./arm_metrics_table.ts";

/** Daily aggregates; every array has one entry per day 0..horizon-1. */
export interface DailySeries {
  /** Members in each stage at the end of each day, indexed like {@link RunResult.stages}. */
  readonly stageCounts: readonly Int32Array[];
  /** Members who joined each day, per channel, indexed like {@link RunResult.channels}. */
  readonly joins: readonly Int32Array[];
  /** Members who churned each day (hazard, drop-out or shock). */
  readonly churns: Int32Array;
  /** Churned members who came back each day. */
  readonly reactivations: Int32Array;
  /** Orders placed each day. */
  readonly orders: Int32Array;
  /** Revenue each day (sum of order amounts, each rounded to cents). */
  readonly revenue: Float64Array;
  /** Invites sent each day. */
  readonly invites: Int32Array;
  /** Invites sent each day that convert (the invitee may join after the horizon). */
  readonly conversions: Int32Array;
  /** Acquisition spend each day, per channel (members joined × CAC). */
  readonly acquisitionSpend: readonly Float64Array[];
}

/**
 * Members by tenure at first churn, for survival curves: `churned[t]` members churned
 * at tenure t days (t = churn day − join day), `censored[t]` were still live (never
 * churned) when observation ended at tenure t.
 */
export interface TenureTable {
  readonly churned: Int32Array;
  readonly censored: Int32Array;
}

/** Run totals. */
export interface RunTotals {
  /** Members ever present: initial + acquired + referred. */
  readonly members: number;
  readonly initial: number;
  readonly acquired: number;
  readonly referred: number;
  /** Members in the churned stage at the end. */
  readonly churned: number;
  /** Members not churned at the end. */
  readonly live: number;
  readonly orders: number;
  readonly revenue: number;
  readonly acquisitionSpend: number;
  /** Warning-policy actions started, and what the policies cost. */
  readonly actions: number;
  readonly policyCost: number;
  readonly invites: number;
  readonly conversions: number;
  readonly reactivations: number;
  /** Sum over days of the live members processed (a member that churns on day t counts). */
  readonly memberDays: number;
  /** Realised K-factor: referred members per member who could invite (all members). */
  readonly kFactor: number;
  /** Mean days from a referrer's join to its invitee's join (NaN without referrals). */
  readonly cycleTime: number;
}

/** One row per member, in the run's canonical order (ids are row numbers). */
export interface MemberColumns {
  readonly count: number;
  /** The member who referred this one (row number), or -1. */
  readonly referrer: Int32Array;
  /** Referral generation: 0 for initial and acquired members. */
  readonly generation: Int32Array;
  /** Channel index into {@link RunResult.channels}. */
  readonly channel: Uint8Array;
  /** One column of value codes per attribute, in {@link RunResult.attributes} order. */
  readonly attributes: readonly Uint8Array[];
  /** Group index, or -1 when the scenario has no organization. */
  readonly group: Int32Array;
  readonly joinDay: Int32Array;
  /** Day of the first churn, or -1. */
  readonly churnDay: Int32Array;
  /** Stage at the end of the run. */
  readonly stage: Uint8Array;
  readonly orders: Int32Array;
  readonly revenue: Float64Array;
  readonly reactivations: Int32Array;
  /** Experiment arm index into {@link RunResult.arms} (0 when the run has no arms). */
  readonly arm: Uint8Array;
  /** Warning-policy actions started for the member, and their cost (actions, touches, discounts). */
  readonly actions: Int32Array;
  readonly policyCost: Float64Array;
}

/** What one warning policy did, day by day (one entry per day 0..horizon-1). */
export interface PolicySeries {
  readonly name: string;
  /** Members whose trigger fired (eligible, no action of this policy running). */
  readonly alerts: Int32Array;
  /** Alerts acted on (within capacity). */
  readonly actions: Int32Array;
  /** Alerts refused for want of capacity. */
  readonly refused: Int32Array;
  /** Recall sequences ended by an order. */
  readonly recalled: Int32Array;
  /** Recall sequences ended without an order, or by churn. */
  readonly lost: Int32Array;
  /** Cost of actions, recall touches and coupon discounts. */
  readonly cost: Float64Array;
}

/** Wall-clock timings of a run, in seconds. */
export interface RunTimings {
  /** Starting workers and loading modules (not part of the simulation). */
  readonly startup: number;
  /** Creating the population and running the horizon. */
  readonly simulation: number;
  /** Merging block results. */
  readonly merge: number;
}

/** Everything a run produced. */
export interface RunResult {
  readonly scenario: Scenario;
  readonly seed: number | string;
  readonly version: string;
  /** Engine that ran: `event` (event-driven) or `day` (day-stepped reference). */
  readonly engine: "event" | "day";
  readonly workers: number;
  readonly horizon: number;
  readonly stages: readonly string[];
  /** Channels: the initial population's, the scenario's channels, then referral. */
  readonly channels: readonly string[];
  /** Attributes and their values. */
  readonly attributes: readonly { readonly name: string; readonly values: readonly string[] }[];
  /** Experiment arms (empty without arms) and how members were assigned to them. */
  readonly arms: readonly string[];
  readonly assignment: "member" | "cluster" | "tree" | null;
  readonly daily: DailySeries;
  /** Each warning policy's daily figures (empty without policies). */
  readonly policies: readonly PolicySeries[];
  readonly tenure: TenureTable;
  readonly totals: RunTotals;
  /** One row per member, when requested. */
  readonly members?: MemberColumns;
  /** The full event log, when requested. */
  readonly events?: EventLog;
  /** Per-arm sufficient statistics of member metrics, when requested. */
  readonly armMetrics?: ArmMetricsTable;
  readonly timings: RunTimings;
}
