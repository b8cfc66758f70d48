/**
 * The group-activity rule, from the thesis early-warning model (seed 001, frameworks.md
 * §4): at each as-of day every group's activity in the 30-day period before it (share of
 * its members who ordered) is compared with the tier × tenure benchmark by
 * `gradeGroupHealth` (models/analytics/group_health.ts). A group whose activity is more
 * than `margin` points below its benchmark raises a group-level shortfall
 * ({@link findGroupShortfalls}).
 *
 * Fan-out, so that group alerts share the member alert columns: a shortfall becomes one
 * alert per member of the group acquired by the as-of day (`target: "all"`, the mentor
 * acts on the whole group) or per such member without an order in the period
 * (`target: "inactive"`, the members dragging activity down). The alert's score is the
 * shortfall in points, the same for every member of the group.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { EventCode } from "../../log/event_log.ts";
import { acquisitionDays } from "../analytics/_members.ts";
import { gradeGroupHealth, type GroupHealthOptions } from "../analytics/group_health.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";
import { asOfDays } from "./_as_of.ts";

/** Which members of a group below benchmark receive the alert. */
export type GroupAlertTarget = "all" | "inactive";

/** Options of {@link groupActivityRule} and {@link findGroupShortfalls}. */
export interface GroupActivityOptions extends Omit<GroupHealthOptions, "asOf" | "level"> {
  /** As-of days; default every `periodDays` days from the first day in the log + `periodDays`. */
  readonly asOf?: readonly number[];
  /** Points below benchmark a group must fall to raise an alert. Default 0 (any shortfall). */
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

/** A group below its activity benchmark at an as-of day. */
export interface GroupShortfall {
  readonly group: string;
  readonly day: number;
  readonly members: number;
  readonly activity: number;
  readonly benchmark: number;
  /** Points below benchmark (positive). */
  readonly shortfall: number;
}

/**
 * The groups below benchmark by more than `margin` points at each as-of day.
 *
 * @example
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
 * if (rows.length !== 1 || Math.abs(rows[0].shortfall - 15) > 1e-9) throw new Error();
 * ```
 */
export function findGroupShortfalls(
  log: EventLog,
  options: GroupActivityOptions = {},
): GroupShortfall[] {
  const { asOf, margin, target: _target, ...health } = { ...GROUP_ACTIVITY_DEFAULTS, ...options };
  if (!(margin >= 0 && Number.isFinite(margin))) {
    throw new RangeError(`Cannot find group shortfalls: margin is ${margin}, expected ≥ 0 points`);
  }
  const rows: GroupShortfall[] = [];
  for (const day of asOfDays(log, asOf, health.periodDays, "group activity rule")) {
    for (const g of gradeGroupHealth(log, { ...health, asOf: day }).groups) {
      if (g.activityGap < -margin) {
        rows.push({
          group: g.group,
          day,
          members: g.members,
          activity: g.activity,
          benchmark: g.benchmark,
          shortfall: -g.activityGap,
        });
      }
    }
  }
  return rows;
}

/**
 * The group-activity rule, fanned out to members.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { groupActivityRule } from "./group_activity.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.order, 100, -1);
 * const attributes = {
 *   tier: { codes: new Int32Array(4), labels: ["399"] },
 *   group: { codes: new Int32Array(4), labels: ["g1"] },
 * };
 * const log = b.build({ count: 4, ids: null, attributes });
 * const alerts = groupActivityRule({ asOf: [29], target: "inactive" }).alert(log);
 * if (alerts.length !== 3 || alerts.member[0] !== 1) throw new Error("unexpected");
 * ```
 */
export function groupActivityRule(options: GroupActivityOptions = {}): WarningRule {
  const o = { ...GROUP_ACTIVITY_DEFAULTS, ...options };
  if (o.target !== "all" && o.target !== "inactive") {
    throw new RangeError(
      `Cannot make group activity rule: target is '${o.target}', expected all or inactive`,
    );
  }
  const name = o.target === "all" ? "group-activity" : "group-activity-inactive";
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => {
      const shortfalls = findGroupShortfalls(log, options);
      const b = new AlertsBuilder();
      if (shortfalls.length === 0) return b.build([name], log.members.count);
      const column = log.members.attributes[o.groupAttribute];
      const acquired = acquisitionDays(log);
      // Members of each group label, once.
      const byGroup = new Map<string, number[]>();
      for (let m = 0; m < log.members.count; m++) {
        const code = column.codes[m];
        if (code < 0) continue;
        const label = column.labels[code];
        const list = byGroup.get(label) ?? [];
        list.push(m);
        byGroup.set(label, list);
      }
      const lastOrder = o.target === "inactive" ? orderDaysByDay(log) : null;
      for (const s of shortfalls) {
        for (const m of byGroup.get(s.group) ?? []) {
          if (!(acquired[m] <= s.day)) continue;
          if (lastOrder !== null && lastOrder(m, s.day) > s.day - o.periodDays) continue;
          b.push(m, s.day, s.shortfall);
        }
      }
      return b.build([name], log.members.count);
    },
  });
}

/** A lookup of a member's last order day on or before a day (−Infinity when none). */
function orderDaysByDay(log: EventLog): (member: number, day: number) => number {
  const perMember: number[][] = Array.from({ length: log.members.count }, () => []);
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] === EventCode.order) perMember[log.member[i]].push(log.day[i]);
  }
  for (const days of perMember) days.sort((a, b) => a - b);
  return (member, day) => {
    const days = perMember[member];
    let lo = 0, hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? days[lo - 1] : -Infinity;
  };
}
