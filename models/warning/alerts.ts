/**
 * Warning alerts and the rule interface every early-warning rule shares
 * (frameworks.md §4): a rule reads an event log and returns alerts
 * `{ member, day, rule, score }` as typed-array columns, never one object per alert.
 *
 * Alerts are sorted by member, then day, then rule code, so evaluation can merge a
 * member's alerts with its churn days in one pass. `score` is rule-specific and larger
 * means a stronger warning (days silent, segments dropped, points below benchmark,
 * 1 − P(alive)); scores of different rules are not on one scale.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";

/** Alerts raised by one rule or a combination of rules, sorted by member, day, rule. */
export interface Alerts {
  /** Number of alerts. */
  readonly length: number;
  /** Members in the log the alerts refer to (member indices run 0..memberCount-1). */
  readonly memberCount: number;
  /** Member index of each alert. */
  readonly member: Int32Array;
  /** Day of each alert. */
  readonly day: Int32Array;
  /** Rule code of each alert, an index into `rules`. */
  readonly rule: Uint8Array;
  /** Rule-specific strength of each alert; larger is a stronger warning. */
  readonly score: Float64Array;
  /** Rule names, indexed by `rule`. */
  readonly rules: readonly string[];
}

/**
 * An early-warning rule: events in, alerts out. Rules read orders, joins and member
 * attributes only, never `churn` events: churn is what they try to anticipate, and a
 * real log has none.
 */
export interface WarningRule {
  /** Name written in the alerts' `rules`, e.g. `inactivity-14`. */
  readonly name: string;
  /** Raises the rule's alerts on a log. */
  alert(log: EventLog): Alerts;
}

/**
 * Collects alerts into growable typed arrays and builds sorted {@link Alerts}.
 *
 * @example
 * ```ts
 * import { AlertsBuilder } from "./alerts.ts";
 * const b = new AlertsBuilder();
 * b.push(1, 20, 14);
 * b.push(0, 30, 14);
 * const alerts = b.build(["inactivity-14"], 2);
 * if (alerts.member[0] !== 0 || alerts.day[1] !== 20) throw new Error("unexpected");
 * ```
 */
export class AlertsBuilder {
  #length = 0;
  /** Whether pushes so far came in (member, day, rule) order, so build can skip the sort. */
  #sorted = true;
  #member = new Int32Array(256);
  #day = new Int32Array(256);
  #rule = new Uint8Array(256);
  #score = new Float64Array(256);

  /** Alerts pushed so far. */
  get length(): number {
    return this.#length;
  }

  /** Appends one alert; `rule` is the code of its rule (default 0). */
  push(member: number, day: number, score: number, rule = 0): void {
    if (this.#length === this.#member.length) this.#grow();
    const i = this.#length++;
    if (i > 0 && this.#sorted) {
      const p = i - 1;
      this.#sorted = member > this.#member[p] ||
        (member === this.#member[p] &&
          (day > this.#day[p] || (day === this.#day[p] && rule >= this.#rule[p])));
    }
    this.#member[i] = member;
    this.#day[i] = day;
    this.#rule[i] = rule;
    this.#score[i] = score;
  }

  /** Sorts by member, day and rule and returns the alerts. */
  build(rules: readonly string[], memberCount: number): Alerts {
    const n = this.#length;
    const member = this.#member, day = this.#day, rule = this.#rule;
    if (this.#sorted) {
      return Object.freeze({
        length: n,
        memberCount,
        member: member.slice(0, n),
        day: day.slice(0, n),
        rule: rule.slice(0, n),
        score: this.#score.slice(0, n),
        rules: Object.freeze([...rules]),
      });
    }
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => member[a] - member[b] || day[a] - day[b] || rule[a] - rule[b]);
    return Object.freeze({
      length: n,
      memberCount,
      member: Int32Array.from(order, (i) => member[i]),
      day: Int32Array.from(order, (i) => day[i]),
      rule: Uint8Array.from(order, (i) => rule[i]),
      score: Float64Array.from(order, (i) => this.#score[i]),
      rules: Object.freeze([...rules]),
    });
  }

  #grow(): void {
    const size = this.#member.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.#member = grow(this.#member, new Int32Array(size));
    this.#day = grow(this.#day, new Int32Array(size));
    this.#rule = grow(this.#rule, new Uint8Array(size));
    this.#score = grow(this.#score, new Float64Array(size));
  }
}

/**
 * The alerts whose score is at least `minScore` (a threshold sweep over a score rule
 * without re-running it).
 *
 * @example
 * ```ts
 * import { AlertsBuilder, filterAlerts } from "./alerts.ts";
 * const b = new AlertsBuilder();
 * b.push(0, 5, 0.2);
 * b.push(0, 9, 0.8);
 * if (filterAlerts(b.build(["alive"], 1), 0.5).length !== 1) throw new Error("unexpected");
 * ```
 */
export function filterAlerts(alerts: Alerts, minScore: number): Alerts {
  const b = new AlertsBuilder();
  for (let i = 0; i < alerts.length; i++) {
    if (alerts.score[i] >= minScore) {
      b.push(alerts.member[i], alerts.day[i], alerts.score[i], alerts.rule[i]);
    }
  }
  return b.build(alerts.rules, alerts.memberCount);
}
