/**
 * The group-activity rule, from the thesis early-warning model (seed 001, frameworks.md
 * §4): at each as-of day every group's activity in the period before it (share of its
 * members who ordered in the last `periodDays` days) is compared with the tier × tenure
 * benchmark by `gradeGroupHealth` (models/analytics/group_health.ts). A group more than
 * `margin` points below its benchmark is a group-level alert, a {@link GroupShortfall}
 * ({@link findGroupShortfalls}); with margin 0 these are exactly the groups whose
 * activity grade is `fail`. Gaps are rounded to 1e-9 points first, as the grading
 * does, so 35% against 40% is exactly 5 points.
 *
 * Fan-out ({@link groupAlerts}), so that group alerts share the member alert columns
 * and the evaluation: a shortfall becomes one alert per member the grading counted — in
 * the group, acquired by the as-of day and not gone before the period (a churn event on
 * or before its first day without a return or order since) — (`target: "all"`, the
 * mentor acts on the whole group) or per such member without an order in the period
 * (`target: "inactive"`, the members dragging activity down). The alert's score is the
 * shortfall in points, the same for every member.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { acquisitionDays } from "../analytics/_members.ts";
import { gradeGroupHealth, type GroupHealthOptions } from "../analytics/group_health.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";
import { asOfDays } from "./_as_of.ts";
import { withDefaults } from "./_defaults.ts";
import { activityDays, eventDays, type MemberDays, orderDays } from "./_order_days.ts";

/** Which members of a group below benchmark receive the alert. */
export type GroupAlertTarget = "all" | "inactive";

/** Options of {@link groupActivityRule}, {@link findGroupShortfalls} and {@link groupAlerts}. */
export interface GroupActivityOptions extends Omit<GroupHealthOptions, "asOf" | "level"> {
  /** As-of days; default every `periodDays` days from the first day in the log + `periodDays`. */
  readonly asOf?: readonly number[];
  /** Points below benchmark a group must fall more than to raise an alert. Default 0. */
  readonly margin?: number;
  /** Members alerted in a group below benchmark. Default `all`. */
  readonly target?: GroupAlertTarget;
}

/**
 * Defaults of {@link groupActivityRule}.
 *
 * @example
 * ```ts
 * import { GROUP_ACTIVITY_DEFAULTS } from "./group_activity.ts";
 * if (GROUP_ACTIVITY_DEFAULTS.target !== "all") throw new Error("unexpected");
 * ```
 */
export const GROUP_ACTIVITY_DEFAULTS = {
  periodDays: 30,
  margin: 0,
  target: "all" as GroupAlertTarget,
  groupAttribute: "group",
} as const;

/** A group below its activity benchmark at an as-of day: a group-level alert. */
export interface GroupShortfall {
  /** Group label. */
  readonly group: string;
  /** As-of day (last day of the graded period). */
  readonly day: number;
  /** Members acquired by the as-of day. */
  readonly members: number;
  /** Share of them with an order in the period. */
  readonly activity: number;
  /** Member-averaged tier × tenure benchmark. */
  readonly benchmark: number;
  /** Points below benchmark (positive). */
  readonly shortfall: number;
}

/**
 * The groups below benchmark by more than `margin` points at each as-of day, by day
 * then group label.
 *
 * @example Activity 25% against the 40% month-1 benchmark: 15 points short
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { findGroupShortfalls } from "./group_activity.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.order, 100, -1);
 * const attributes = {
 *   tier: { codes: new Int32Array(4), labels: ["399"] },
 *   group: { codes: new Int32Array(4), labels: ["g1"] },
 * };
 * const rows = findGroupShortfalls(b.build({ count: 4, ids: null, attributes }), { asOf: [29] });
 * if (rows.length !== 1 || rows[0].shortfall !== 15) throw new Error("unexpected");
 * ```
 */
export function findGroupShortfalls(
  log: EventLog,
  options: GroupActivityOptions = {},
): GroupShortfall[] {
  const { asOf, margin, target: _target, ...health } = withDefaults(
    GROUP_ACTIVITY_DEFAULTS,
    options,
  );
  if (!(margin >= 0 && Number.isFinite(margin))) {
    throw new RangeError(`Cannot find group shortfalls: margin is ${margin}, expected ≥ 0 points`);
  }
  const rows: GroupShortfall[] = [];
  for (const day of asOfDays(log, asOf, health.periodDays, "group activity rule")) {
    for (const g of gradeGroupHealth(log, { ...health, asOf: day }).groups) {
      const shortfall = -Math.round(g.activityGap * 1e9) / 1e9;
      if (shortfall > margin) {
        rows.push({
          group: g.group,
          day,
          members: g.members,
          activity: g.activity,
          benchmark: g.benchmark,
          shortfall,
        });
      }
    }
  }
  return rows;
}

/**
 * Fans group shortfalls out to member alerts named `rule` (see the module doc).
 *
 * @example Only the three members without an order are alerted
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { findGroupShortfalls, groupAlerts } from "./group_activity.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.order, 100, -1);
 * const attributes = {
 *   tier: { codes: new Int32Array(4), labels: ["399"] },
 *   group: { codes: new Int32Array(4), labels: ["g1"] },
 * };
 * const log = b.build({ count: 4, ids: null, attributes });
 * const options = { asOf: [29], target: "inactive" } as const;
 * const alerts = groupAlerts(log, findGroupShortfalls(log, options), "g", options);
 * if (alerts.length !== 3 || alerts.member[0] !== 1) throw new Error("unexpected");
 * ```
 */
export function groupAlerts(
  log: EventLog,
  shortfalls: readonly GroupShortfall[],
  rule: string,
  options: GroupActivityOptions = {},
): Alerts {
  const o = withDefaults(GROUP_ACTIVITY_DEFAULTS, options);
  const b = new AlertsBuilder();
  if (shortfalls.length === 0) return b.build([rule], log.members.count);
  const column = log.members.attributes[o.groupAttribute];
  if (column === undefined) {
    throw new RangeError(
      `Cannot raise group alerts: the log has no member attribute '${o.groupAttribute}'`,
    );
  }
  // Members of each group code, as one compressed column.
  const groups = column.labels.length;
  const offsets = new Int32Array(groups + 1);
  for (let m = 0; m < log.members.count; m++) {
    if (column.codes[m] >= 0) offsets[column.codes[m] + 1]++;
  }
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g];
  const fill = offsets.slice(0, groups);
  const byGroup = new Int32Array(offsets[groups]);
  for (let m = 0; m < log.members.count; m++) {
    if (column.codes[m] >= 0) byGroup[fill[column.codes[m]]++] = m;
  }
  const code = new Map(column.labels.map((label, g) => [label, g]));
  const acquired = acquisitionDays(log);
  const orders = orderDays(log);
  const churns = eventDays(log, EventCode.churn);
  const backs = activityDays(log);
  for (const s of shortfalls) {
    const g = code.get(s.group);
    if (g === undefined) continue;
    const start = s.day - o.periodDays;
    for (let i = offsets[g]; i < offsets[g + 1]; i++) {
      const m = byGroup[i];
      if (!(acquired[m] <= s.day)) continue;
      // Gone before the period, as the grading counts it: not a member to act on.
      const churned = lastOnOrBefore(churns, m, start);
      if (churned > -Infinity && churned >= lastOnOrBefore(backs, m, start)) continue;
      if (o.target === "inactive" && orderedIn(orders, m, start, s.day)) continue;
      b.push(m, s.day, s.shortfall);
    }
  }
  return b.build([rule], log.members.count);
}

/** Member m's last day on or before `day`, or -Infinity. */
function lastOnOrBefore(days: MemberDays, m: number, day: number): number {
  let last = -Infinity;
  for (let k = days.start[m]; k < days.start[m + 1] && days.days[k] <= day; k++) {
    last = days.days[k];
  }
  return last;
}

/**
 * The group-activity rule, fanned out to members: {@link findGroupShortfalls} then
 * {@link groupAlerts}.
 *
 * @example
 * ```ts
 * import { groupActivityRule } from "./group_activity.ts";
 * if (groupActivityRule({ target: "inactive" }).name !== "group-activity-inactive") {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function groupActivityRule(options: GroupActivityOptions = {}): WarningRule {
  const o = withDefaults(GROUP_ACTIVITY_DEFAULTS, options);
  if (o.target !== "all" && o.target !== "inactive") {
    throw new RangeError(
      `Cannot make group activity rule: target is '${o.target}', expected all or inactive`,
    );
  }
  const name = (o.target === "all" ? "group-activity" : "group-activity-inactive") +
    (o.margin > 0 ? `-${o.margin}` : "");
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts =>
      groupAlerts(log, findGroupShortfalls(log, options), name, options),
  });
}

/** Whether member m has an order day in (after, until]: binary search of its sorted days. */
function orderedIn(
  orders: MemberDays,
  m: number,
  after: number,
  until: number,
): boolean {
  let lo = orders.start[m], hi = orders.start[m + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (orders.days[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo < orders.start[m + 1] && orders.days[lo] <= until;
}
