import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { GROUP_ACTIVITY_BENCHMARK } from "../../../models/analytics/group_health.ts";
import {
  findGroupShortfalls,
  groupActivityRule,
  groupAlerts,
} from "../../../models/warning/group_activity.ts";
import { alertsByMargin } from "../../../models/warning/variants.ts";

const AS_OF = 400;
const TIERS = ["399", "199"] as const;

interface Group {
  readonly name: string;
  readonly tier: string;
  readonly month: number;
  readonly active: number;
}

/**
 * Groups of 100 members of one tier who joined mid-month so that the as-of day falls in
 * tenure month `month` (13: beyond the first year); `active` of them order on the day
 * before the as-of day, inside the 30-day period.
 */
function groupsLog(groups: readonly Group[]): EventLog {
  const b = new EventLogBuilder();
  const tier: number[] = [], group: number[] = [];
  let m = 0;
  groups.forEach((g, k) => {
    const joined = AS_OF - 30 * (g.month - 1) - 15;
    for (let i = 0; i < 100; i++, m++) {
      b.push(m, joined, EventCode.join, NaN, -1);
      if (i < g.active) b.push(m, AS_OF - 1, EventCode.order, 50, -1);
      tier.push(TIERS.indexOf(g.tier as typeof TIERS[number]));
      group.push(k);
    }
  });
  return b.build({
    count: m,
    ids: null,
    attributes: {
      tier: { codes: Int32Array.from(tier), labels: [...TIERS] },
      group: { codes: Int32Array.from(group), labels: groups.map((g) => g.name) },
    },
  });
}

/** For every tier and tenure month of the thesis table: a group at the benchmark and one point below. */
const THESIS_GROUPS: Group[] = TIERS.flatMap((tier) =>
  GROUP_ACTIVITY_BENCHMARK.tiers[tier].flatMap((share, i) => {
    const month = i + 1, at = Math.round(share * 100);
    return [
      { name: `${tier}-m${month}-at`, tier, month, active: at },
      { name: `${tier}-m${month}-below`, tier, month, active: at - 1 },
    ];
  })
);

describe("findGroupShortfalls against the thesis benchmark table", () => {
  const log = groupsLog(THESIS_GROUPS);

  test("findGroupShortfalls flags exactly the groups below the tier × tenure-month benchmark", () => {
    const rows = findGroupShortfalls(log, { asOf: [AS_OF] });
    expect(rows.map((r) => r.group)).toEqual(
      THESIS_GROUPS.filter((g) => g.name.endsWith("below")).map((g) => g.name).sort(),
    );
    for (const r of rows) {
      const [tier, month] = r.group.split("-");
      const expected = GROUP_ACTIVITY_BENCHMARK.tiers[tier][Number(month.slice(1)) - 1];
      expect(r.benchmark, r.group).toBeCloseTo(expected, 12);
      expect(r.shortfall, r.group).toBe(1);
      expect(r.members).toBe(100);
      expect(r.day).toBe(AS_OF);
    }
    expect(rows.length).toBe(26);
  });

  test("findGroupShortfalls keeps only groups short by more than the margin", () => {
    expect(findGroupShortfalls(log, { asOf: [AS_OF], margin: 1 })).toEqual([]);
    expect(findGroupShortfalls(log, { asOf: [AS_OF], margin: 0.5 }).length).toBe(26);
    expect(() => findGroupShortfalls(log, { margin: -1 })).toThrow(
      "Cannot find group shortfalls: margin is -1, expected ≥ 0 points",
    );
  });

  test("findGroupShortfalls averages the benchmark over a mixed group's members", () => {
    // 50 members of each tier in month 2 (65% and 57%): benchmark 61%. All 50 of tier 399
    // (even members) and 5 of tier 199 are active: 55%, 6 points short.
    const b = new EventLogBuilder();
    for (let m = 0; m < 100; m++) {
      b.push(m, AS_OF - 45, EventCode.join, NaN, -1);
      if (m % 2 === 0 || m < 10) b.push(m, AS_OF - 1, EventCode.order, 50, -1);
    }
    const log = b.build({
      count: 100,
      ids: null,
      attributes: {
        tier: { codes: Int32Array.from({ length: 100 }, (_, m) => m % 2), labels: [...TIERS] },
        group: { codes: new Int32Array(100), labels: ["mixed"] },
      },
    });
    const [row] = findGroupShortfalls(log, { asOf: [AS_OF] });
    expect(row.benchmark).toBeCloseTo(0.61, 12);
    expect(row.activity).toBe(0.55);
    expect(row.shortfall).toBe(6);
  });
});

describe("groupAlerts and groupActivityRule", () => {
  const groups: Group[] = [
    { name: "a", tier: "399", month: 2, active: 60 },
    { name: "b", tier: "399", month: 2, active: 70 },
  ];
  const log = groupsLog(groups);

  test("groupAlerts fans a shortfall out to every member of the group, or its inactive ones", () => {
    const shortfalls = findGroupShortfalls(log, { asOf: [AS_OF] });
    expect(shortfalls.map((s) => [s.group, s.shortfall])).toEqual([["a", 5]]);
    const all = groupAlerts(log, shortfalls, "g");
    expect(all.length).toBe(100);
    expect(Array.from(new Set(all.score))).toEqual([5]);
    expect(Array.from(new Set(all.day))).toEqual([AS_OF]);
    const inactive = groupAlerts(log, shortfalls, "g", { target: "inactive" });
    expect(Array.from(inactive.member)).toEqual(Array.from({ length: 40 }, (_, i) => 60 + i));
  });

  test("groupAlerts skips the members the grading no longer counts: gone before the period", () => {
    // Group a as above, but 10 of its inactive members churned on day 300 and 5 of those
    // came back by ordering on day 350: the grading counts 95 members, 60 active.
    const b = new EventLogBuilder();
    for (let m = 0; m < 100; m++) {
      b.push(m, AS_OF - 45, EventCode.join, NaN, -1);
      if (m < 60) b.push(m, AS_OF - 1, EventCode.order, 50, -1);
      if (m >= 90) b.push(m, AS_OF - 45 + 5, EventCode.churn, NaN, -1);
      if (m >= 95) b.push(m, AS_OF - 35, EventCode.order, 50, -1);
    }
    const churned = b.build({
      count: 100,
      ids: null,
      attributes: {
        tier: { codes: new Int32Array(100), labels: ["399"] },
        group: { codes: new Int32Array(100), labels: ["a"] },
      },
    });
    const [shortfall] = findGroupShortfalls(churned, { asOf: [AS_OF] });
    expect(shortfall.members).toBe(95);
    const alerted = Array.from(groupAlerts(churned, [shortfall], "g").member);
    expect(alerted.length).toBe(95);
    expect(alerted).not.toContain(90);
    expect(alerted).toContain(95);
  });

  test("groupActivityRule names its target and margin and raises the fanned-out alerts", () => {
    const rule = groupActivityRule({ asOf: [AS_OF], target: "inactive", margin: 2 });
    expect(rule.name).toBe("group-activity-inactive-2");
    expect(rule.alert(log).length).toBe(40);
    expect(groupActivityRule({ asOf: [AS_OF], margin: 5 }).alert(log).length).toBe(0);
    expect(() => groupActivityRule({ target: "some" as "all" })).toThrow(
      "target is 'some', expected all or inactive",
    );
  });

  test("an option given as undefined keeps its default, as a command line passes it", () => {
    const rule = groupActivityRule({ asOf: [AS_OF], target: undefined, margin: undefined });
    expect(rule.name).toBe(groupActivityRule({ asOf: [AS_OF] }).name);
    expect(rule.alert(log).length).toBe(groupActivityRule({ asOf: [AS_OF] }).alert(log).length);
  });

  test("alertsByMargin grades once and matches the rule at each margin", () => {
    const variants = alertsByMargin(log, [0, 4, 5], { asOf: [AS_OF] });
    for (const v of variants) {
      const direct = groupActivityRule({ asOf: [AS_OF], margin: v.value }).alert(log);
      expect(v.rule).toBe(groupActivityRule({ margin: v.value }).name);
      expect(Array.from(v.alerts.member)).toEqual(Array.from(direct.member));
    }
    expect(variants.map((v) => v.alerts.length)).toEqual([100, 100, 0]);
  });

  test("groupAlerts names a missing group attribute", () => {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 1, -1);
    const bare = b.build({ count: 1, ids: null, attributes: {} });
    const shortfall = {
      group: "a",
      day: 10,
      members: 1,
      activity: 0,
      benchmark: 0.4,
      shortfall: 40,
    };
    expect(() => groupAlerts(bare, [shortfall], "g")).toThrow(
      "Cannot raise group alerts: the log has no member attribute 'group'",
    );
  });
});
