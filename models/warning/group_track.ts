/**
 * Groups and mentors through a run (seed 001; frameworks.md §4): the thesis group grading
 * (`gradeGroupHealth`, models/analytics/group_health.ts) at every as-of day, one row per
 * group and period, and the same figures per mentor — the mentor's groups pooled, the
 * benchmark averaged over their members — with how many of the mentor's groups have each
 * grade. Members who churned before a period are no longer counted (the thesis grades the
 * members a group still has), so a mentor leaving and a share of the members handed over
 * lost shows as a drop in that mentor's members.
 *
 * A group's mentor comes from the organization of a simulated run (groups numbered
 * 0..G−1, `groupsPerMentor` consecutive groups per mentor, as `organization` in a
 * scenario) or from a member attribute (the most common label among the group's members).
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import {
  gradeGroupHealth,
  GROUP_GRADES,
  GROUP_HEALTH_DEFAULTS,
  type GroupGrade,
  type GroupHealthOptions,
  type GroupHealthRow,
} from "../analytics/group_health.ts";
import { asOfDays } from "./_as_of.ts";

/** Options of {@link trackGroupHealth}. */
export interface GroupTrackOptions extends Omit<GroupHealthOptions, "asOf" | "level"> {
  /** As-of days; default every `periodDays` days from the first day in the log + `periodDays`. */
  readonly asOf?: readonly number[];
  /** Groups per mentor of a simulated organization: group g's mentor is ⌊g / groupsPerMentor⌋. */
  readonly groupsPerMentor?: number;
  /** A member attribute naming each member's mentor (instead of `groupsPerMentor`). */
  readonly mentorAttribute?: string;
}

/** A group in one period. */
export interface GroupPeriodRow extends GroupHealthRow {
  /** Last day of the period. */
  readonly day: number;
  /** The group's mentor, or null without an organization. */
  readonly mentor: string | null;
}

/** A mentor's groups pooled in one period. */
export interface MentorPeriodRow {
  readonly day: number;
  readonly mentor: string;
  readonly groups: number;
  readonly members: number;
  readonly active: number;
  /** active / members. */
  readonly activity: number;
  /** The benchmark averaged over the mentor's members. */
  readonly benchmark: number;
  /** (activity − benchmark) in points. */
  readonly activityGap: number;
  /** The mentor's groups by grade. */
  readonly grades: Readonly<Record<GroupGrade, number>>;
}

/** Group and mentor health at every as-of day. */
export interface GroupTrack {
  readonly model: "group-track";
  /** Periods graded. */
  readonly n: number;
  readonly periodDays: number;
  /** As-of days, ascending. */
  readonly asOf: readonly number[];
  /** By day, then group label. */
  readonly groups: readonly GroupPeriodRow[];
  /** By day, then mentor (empty without an organization). */
  readonly mentors: readonly MentorPeriodRow[];
}

/**
 * Grades every group at every as-of day and pools them by mentor.
 *
 * @example Two groups under one mentor, graded as of days 29 and 59
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { trackGroupHealth } from "./group_track.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.order, 100, -1);
 * b.push(2, 50, EventCode.order, 100, -1);
 * const attributes = {
 *   tier: { codes: new Int32Array(4), labels: ["399"] },
 *   group: { codes: Int32Array.of(0, 0, 1, 1), labels: ["0", "1"] },
 * };
 * const log = b.build({ count: 4, ids: null, attributes });
 * const track = trackGroupHealth(log, { asOf: [29, 59], groupsPerMentor: 2 });
 * if (track.groups.length !== 4 || track.mentors[1].activity !== 0.25) throw new Error();
 * ```
 */
export function trackGroupHealth(log: EventLog, options: GroupTrackOptions = {}): GroupTrack {
  const action = "track group health";
  const { asOf, groupsPerMentor, mentorAttribute, ...rest } = options;
  const health: GroupHealthOptions = Object.fromEntries(
    Object.entries(rest).filter(([, v]) => v !== undefined),
  );
  const periodDays = health.periodDays ?? GROUP_HEALTH_DEFAULTS.periodDays;
  if (groupsPerMentor !== undefined && mentorAttribute !== undefined) {
    throw new RangeError(`Cannot ${action}: give groupsPerMentor or mentorAttribute, not both`);
  }
  if (
    groupsPerMentor !== undefined && !(Number.isInteger(groupsPerMentor) && groupsPerMentor > 0)
  ) {
    throw new RangeError(
      `Cannot ${action}: groupsPerMentor is ${groupsPerMentor}, expected a positive integer`,
    );
  }
  const mentorOf = mentorLookup(log, groupsPerMentor, mentorAttribute, options, action);
  const days = asOfDays(log, asOf, periodDays, action);
  const groups: GroupPeriodRow[] = [];
  const mentors: MentorPeriodRow[] = [];
  for (const day of days) {
    const graded = gradeGroupHealth(log, { ...health, asOf: day }).groups;
    const rows = graded.map((g) => ({ ...g, day, mentor: mentorOf(g.group) }));
    groups.push(...rows);
    if (mentorOf === noMentor) continue;
    const byMentor = new Map<string, GroupPeriodRow[]>();
    for (const row of rows) {
      if (row.mentor !== null) byMentor.set(row.mentor, [...(byMentor.get(row.mentor) ?? []), row]);
    }
    const names = [...byMentor.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    for (const mentor of names) {
      const mine = byMentor.get(mentor)!;
      let members = 0, active = 0, bench = 0;
      const grades = Object.fromEntries(GROUP_GRADES.map((g) => [g, 0])) as Record<
        GroupGrade,
        number
      >;
      for (const g of mine) {
        members += g.members;
        active += g.active;
        bench += g.benchmark * g.members;
        grades[g.grade]++;
      }
      const activity = active / members, benchmark = bench / members;
      mentors.push({
        day,
        mentor,
        groups: mine.length,
        members,
        active,
        activity,
        benchmark,
        activityGap: 100 * (activity - benchmark),
        grades,
      });
    }
  }
  return Object.freeze({
    model: "group-track" as const,
    n: days.length,
    periodDays,
    asOf: days,
    groups,
    mentors,
  });
}

const noMentor = (_group: string): string | null => null;

/** The mentor of a group label, by the organization or by the members' attribute. */
function mentorLookup(
  log: EventLog,
  groupsPerMentor: number | undefined,
  mentorAttribute: string | undefined,
  options: GroupTrackOptions,
  action: string,
): (group: string) => string | null {
  if (groupsPerMentor !== undefined) {
    return (group) => {
      const g = Number(group);
      if (!Number.isInteger(g) || g < 0) {
        throw new RangeError(
          `Cannot ${action}: group '${group}' is not a group number 0, 1, …; groupsPerMentor ` +
            "needs a simulated organization's groups (or use mentorAttribute)",
        );
      }
      return String(Math.floor(g / groupsPerMentor));
    };
  }
  if (mentorAttribute === undefined) return noMentor;
  const mentor = log.members.attributes[mentorAttribute];
  const groupName = options.groupAttribute ?? GROUP_HEALTH_DEFAULTS.groupAttribute;
  const group = log.members.attributes[groupName];
  for (const [name, column] of [[mentorAttribute, mentor], [groupName, group]] as const) {
    if (column === undefined) {
      throw new RangeError(`Cannot ${action}: the log has no member attribute '${name}'`);
    }
  }
  // Each group's most common mentor label among its members.
  const counts = new Map<string, Map<string, number>>();
  for (let m = 0; m < log.members.count; m++) {
    if (group.codes[m] < 0 || mentor.codes[m] < 0) continue;
    const g = group.labels[group.codes[m]], name = mentor.labels[mentor.codes[m]];
    const c = counts.get(g) ?? new Map<string, number>();
    c.set(name, (c.get(name) ?? 0) + 1);
    counts.set(g, c);
  }
  return (g) => {
    const c = counts.get(g);
    if (c === undefined) return null;
    return [...c.entries()].reduce((a, b) => b[1] > a[1] ? b : a)[0];
  };
}
