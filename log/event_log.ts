/**
 * The event log: one columnar schema shared by simulated runs and real logs.
 *
 * Events are rows of (member, day, type, amount, stage); members are rows of a
 * {@link MemberTable} with external ids and categorical attributes (channel, tier,
 * group, ...). Columns are typed arrays so that models run over millions of events
 * without an object per row.
 *
 * @module
 */

/** Event types, in code order. The code of a type is its index here. */
export const EVENT_TYPES = [
  "join",
  "order",
  "churn",
  "invite",
  "stage",
  "reactivate",
  "action",
] as const;

/** An event type name. */
export type EventType = typeof EVENT_TYPES[number];

/** Numeric code of each event type, as stored in {@link EventLog.type}. */
export const EventCode: { readonly [K in EventType]: number } = {
  join: 0,
  order: 1,
  churn: 2,
  invite: 3,
  stage: 4,
  reactivate: 5,
  action: 6,
};

/** A categorical column: integer codes indexing into labels. */
export interface CategoricalColumn {
  /** One code per row; -1 means missing. */
  readonly codes: Int32Array;
  /** The label of each code. */
  readonly labels: readonly string[];
}

/** Members of a log: external ids and per-member categorical attributes. */
export interface MemberTable {
  /** Number of members; member indices run 0..count-1. */
  readonly count: number;
  /** External id of each member, or null when the index is the id (simulated logs). */
  readonly ids: readonly string[] | null;
  /** Attributes by name (channel, tier, group, ...), one code per member. */
  readonly attributes: Readonly<Record<string, CategoricalColumn>>;
}

/**
 * A columnar event log.
 *
 * Days are integers counted from `origin` (an ISO date, for real logs) or from the
 * start of a simulation (`origin` null). `amount` is NaN for events without one;
 * `stage` holds the stage entered by `join`, `stage` and `reactivate` events (an index
 * into `stages`) and -1 otherwise. An `action` event is a warning policy's action
 * started for the member (simulated runs; its costs are in the run's policy series).
 */
export interface EventLog {
  /** ISO date (YYYY-MM-DD) of day 0, or null for simulation days. */
  readonly origin: string | null;
  /** Number of events. */
  readonly length: number;
  /** Member index of each event, into `members`. */
  readonly member: Int32Array;
  /** Day of each event. */
  readonly day: Int32Array;
  /** Event type code of each event (see {@link EventCode}). */
  readonly type: Uint8Array;
  /** Amount of each event (order value), NaN when the event has none. */
  readonly amount: Float64Array;
  /** Stage index entered by the event, or -1. */
  readonly stage: Int16Array;
  /** Stage names, indexed by `stage`; empty when the log has no stages. */
  readonly stages: readonly string[];
  /** The members the events refer to. */
  readonly members: MemberTable;
}

/**
 * Builds an {@link EventLog} row by row into growable typed arrays.
 *
 * @example Build a two-event log
 * ```ts
 * import { EventCode, EventLogBuilder } from "./event_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 3, EventCode.order, 25.5, -1);
 * const log = b.build({ count: 1, ids: null, attributes: {} });
 * if (log.length !== 2 || log.amount[1] !== 25.5) throw new Error("unexpected");
 * ```
 */
export class EventLogBuilder {
  #length = 0;
  #member = new Int32Array(1024);
  #day = new Int32Array(1024);
  #type = new Uint8Array(1024);
  #amount = new Float64Array(1024);
  #stage = new Int16Array(1024);

  /** Number of events pushed so far. */
  get length(): number {
    return this.#length;
  }

  /** Appends one event. */
  push(member: number, day: number, type: number, amount: number, stage: number): void {
    if (this.#length === this.#member.length) this.#grow();
    const i = this.#length++;
    this.#member[i] = member;
    this.#day[i] = day;
    this.#type[i] = type;
    this.#amount[i] = amount;
    this.#stage[i] = stage;
  }

  /** Returns the log; the builder must not be used afterwards. */
  build(
    members: MemberTable,
    options: { origin?: string | null; stages?: readonly string[] } = {},
  ): EventLog {
    const n = this.#length;
    return {
      origin: options.origin ?? null,
      length: n,
      member: this.#member.slice(0, n),
      day: this.#day.slice(0, n),
      type: this.#type.slice(0, n),
      amount: this.#amount.slice(0, n),
      stage: this.#stage.slice(0, n),
      stages: options.stages ?? [],
      members,
    };
  }

  #grow(): void {
    const size = this.#member.length * 2;
    const member = new Int32Array(size);
    member.set(this.#member);
    this.#member = member;
    const day = new Int32Array(size);
    day.set(this.#day);
    this.#day = day;
    const type = new Uint8Array(size);
    type.set(this.#type);
    this.#type = type;
    const amount = new Float64Array(size);
    amount.set(this.#amount);
    this.#amount = amount;
    const stage = new Int16Array(size);
    stage.set(this.#stage);
    this.#stage = stage;
  }
}
