import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import {
  gradeGroup,
  gradeGroupHealth,
  GROUP_ACTIVITY_BENCHMARK,
  parseActivityBenchmark,
} from "../../../models/analytics/group_health.ts";

interface GroupSpec {
  name: string;
  tier: string;
  members: number;
  active: number;
  output: number;
  joinDay?: number;
}

/** Every active member orders once for `output`, inside the period ending on `asOf`. */
function groupLog(specs: GroupSpec[], asOf: number): EventLog {
  const b = new EventLogBuilder();
  const tierLabels = [...new Set(specs.map((s) => s.tier))];
  const tier: number[] = [];
  const group: number[] = [];
  let m = 0;
  specs.forEach((s, g) => {
    for (let k = 0; k < s.members; k++, m++) {
      b.push(m, s.joinDay ?? 0, EventCode.join, NaN, -1);
      if (k < s.active) b.push(m, asOf - 1, EventCode.order, s.output, -1);
      tier.push(tierLabels.indexOf(s.tier));
      group.push(g);
    }
  });
  return b.build({
    count: m,
    ids: null,
    attributes: {
      tier: { codes: Int32Array.from(tier), labels: tierLabels },
      group: { codes: Int32Array.from(group), labels: specs.map((s) => s.name) },
    },
  });
}

describe("gradeGroupHealth grades constructed groups as the benchmark table says", () => {
  // As of day 59 members who joined on day 0 are in tenure month 2: benchmark 65% (399), 57% (199).
  const specs: (GroupSpec & { grade: string })[] = [
    { name: "A", tier: "399", members: 100, active: 71, output: 111, grade: "excellent" },
    { name: "B", tier: "399", members: 100, active: 70, output: 111, grade: "good" },
    { name: "C", tier: "399", members: 100, active: 68, output: 107, grade: "good" },
    { name: "D", tier: "399", members: 100, active: 67, output: 105, grade: "good" },
    { name: "E", tier: "399", members: 100, active: 66, output: 120, grade: "pass" },
    { name: "F", tier: "399", members: 100, active: 65, output: 100, grade: "pass" },
    { name: "G", tier: "399", members: 100, active: 64, output: 150, grade: "fail" },
    { name: "H", tier: "399", members: 100, active: 80, output: 99, grade: "fail" },
    { name: "I", tier: "199", members: 100, active: 63, output: 111, grade: "excellent" },
    { name: "J", tier: "399", members: 100, active: 75, output: 110, grade: "good" },
  ];
  const health = gradeGroupHealth(groupLog(specs, 59), {
    asOf: 59,
    outputBenchmark: { "399": 100, "199": 100 },
  });

  test("gradeGroupHealth gives each constructed group its expected grade", () => {
    expect(health.groups.map((g) => [g.group, g.grade])).toEqual(
      specs.map((s) => [s.name, s.grade]),
    );
  });

  test("gradeGroupHealth reports activity, benchmark, gaps and output per active member", () => {
    const a = health.groups[0];
    expect(a.members).toBe(100);
    expect(a.active).toBe(71);
    expect(a.benchmark).toBeCloseTo(0.65, 12);
    expect(a.activityGap).toBeCloseTo(6, 12);
    expect(a.gmv).toBeCloseTo(71 * 111, 9);
    expect(a.outputPerActive).toBeCloseTo(111, 12);
    expect(a.outputGap).toBeCloseTo(0.11, 12);
    expect(health.groups[8].benchmark).toBeCloseTo(0.57, 12);
  });

  test("gradeGroupHealth grades the lower of activity and output when they disagree", () => {
    const h = health.groups[7];
    expect([h.activityGrade, h.outputGrade, h.grade]).toEqual(["excellent", "fail", "fail"]);
  });

  test("gradeGroupHealth summary gives activity with a Wilson interval", () => {
    const row = health.summary()[0];
    expect(row.estimate).toBe(0.71);
    expect(row.lower).toBeLessThan(0.71);
    expect(row.upper).toBeGreaterThan(0.71);
    expect(row.grade).toBe("excellent");
  });
});

describe("gradeGroupHealth benchmarks", () => {
  test("gradeGroupHealth averages member benchmarks over tenure months, with >12 months last", () => {
    const log = groupLog([
      { name: "old", tier: "399", members: 1, active: 1, output: 10, joinDay: 0 },
      { name: "old", tier: "399", members: 1, active: 0, output: 10, joinDay: 60 },
      { name: "mix", tier: "199", members: 1, active: 0, output: 10, joinDay: 410 },
    ], 419);
    const health = gradeGroupHealth(log, { asOf: 419 });
    // 419 days is tenure month 14 (uses the >12 entry, 40%); 359 days is month 12 (42%);
    // 9 days is month 1 (40%).
    expect(health.groups.map((g) => g.group)).toEqual(["mix", "old"]);
    expect(health.groups[1].benchmark).toBeCloseTo((0.40 + 0.42) / 2, 12);
    expect(health.groups[0].benchmark).toBe(0.40);
    expect(health.groups[0].outputGrade).toBe("fail");
  });

  test("gradeGroupHealth default output benchmark is the pooled output of the tier", () => {
    const log = groupLog([
      { name: "a", tier: "399", members: 10, active: 8, output: 150 },
      { name: "b", tier: "399", members: 10, active: 8, output: 50 },
    ], 59);
    const health = gradeGroupHealth(log, { asOf: 59 });
    expect(health.groups[0].outputBenchmark).toBe(100);
    expect(health.groups[0].outputGap).toBeCloseTo(0.5, 12);
    expect(health.groups[1].outputGrade).toBe("fail");
  });

  test("members who churned before the period have left the group; later churners count", () => {
    const b = new EventLogBuilder();
    for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
    b.push(0, 10, EventCode.churn, NaN, -1); // left before the period (29, 59]
    b.push(1, 10, EventCode.churn, NaN, -1);
    b.push(1, 20, EventCode.reactivate, NaN, -1); // came back: still a member
    b.push(1, 40, EventCode.order, 100, -1);
    b.push(2, 29, EventCode.order, 100, -1);
    b.push(2, 29, EventCode.churn, NaN, -1); // churned on the day before the period starts
    b.push(3, 45, EventCode.churn, NaN, -1); // churned inside the period: graded
    const attributes = {
      tier: { codes: new Int32Array(4), labels: ["399"] },
      group: { codes: new Int32Array(4), labels: ["g"] },
    };
    const health = gradeGroupHealth(b.build({ count: 4, ids: null, attributes }), { asOf: 59 });
    expect(health.left).toBe(2);
    expect(health.groups[0].members).toBe(2);
    expect(health.groups[0].activity).toBe(0.5);
  });

  test("gradeGroupHealth names a tier missing from the benchmark", () => {
    const log = groupLog([{ name: "a", tier: "999", members: 1, active: 1, output: 1 }], 59);
    expect(() => gradeGroupHealth(log)).toThrow(/tier '999', which the benchmark lacks/);
  });

  test("gradeGroup puts exact boundary gaps in the lower band's upper grade", () => {
    expect(gradeGroup(5, 0.2).activity).toBe("good");
    expect(gradeGroup(2, 0.2).activity).toBe("good");
    expect(gradeGroup(0, 0.2).activity).toBe("pass");
    expect(gradeGroup(-0.01, 0.2).activity).toBe("fail");
    expect(gradeGroup(9, 0.1).output).toBe("good");
    expect(gradeGroup(9, 0.05).output).toBe("good");
    expect(gradeGroup(9, NaN).grade).toBe("fail");
  });

  test("the benchmark preset file matches the constant in code", async () => {
    const url = new URL("../../../data/benchmarks/group_activity.json", import.meta.url);
    const parsed = parseActivityBenchmark(JSON.parse(await Deno.readTextFile(url)));
    expect(parsed.tiers).toEqual(GROUP_ACTIVITY_BENCHMARK.tiers);
  });

  test("parseActivityBenchmark rejects a tier without 13 entries", () => {
    expect(() => parseActivityBenchmark({ tiers: { x: [0.5] } })).toThrow(
      /has 1 entries, expected 13/,
    );
  });
});
