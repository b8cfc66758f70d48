import { describe, expect, test } from "vitest";
import { EventCode, EventLogBuilder } from "../../../log/event_log.ts";
import { gradeGroupHealth } from "../../../models/analytics/group_health.ts";
import { trackGroupHealth } from "../../../models/warning/group_track.ts";
import { loadScenario } from "../../../io/scenario_file.ts";
import { simulate } from "../../../sim/run.ts";

describe("trackGroupHealth on constructed groups", () => {
  // Four groups of 20 tier-399 members joined on day 0; groups 0, 1 under mentor 0 and
  // 2, 3 under mentor 1. Group g has 5·(g + 1) members ordering in each 30-day period.
  const b = new EventLogBuilder();
  const group: number[] = [];
  for (let g = 0, m = 0; g < 4; g++) {
    for (let k = 0; k < 20; k++, m++) {
      b.push(m, 0, EventCode.join, NaN, -1);
      if (k < 5 * (g + 1)) { for (const d of [20, 50]) b.push(m, d, EventCode.order, 100, -1); }
      group.push(g);
    }
  }
  const log = b.build({
    count: 80,
    ids: null,
    attributes: {
      tier: { codes: new Int32Array(80), labels: ["399"] },
      group: { codes: Int32Array.from(group), labels: ["0", "1", "2", "3"] },
      mentor: { codes: Int32Array.from(group, (g) => g >> 1), labels: ["ann", "bo"] },
    },
  });

  test("trackGroupHealth gives each period the grades gradeGroupHealth gives on its own", () => {
    const track = trackGroupHealth(log, { asOf: [29, 59], groupsPerMentor: 2 });
    expect(track.asOf).toEqual([29, 59]);
    for (const day of [29, 59]) {
      const alone = gradeGroupHealth(log, { asOf: day }).groups;
      const rows = track.groups.filter((r) => r.day === day);
      expect(rows.map((r) => [r.group, r.grade, r.activity])).toEqual(
        alone.map((g) => [g.group, g.grade, g.activity]),
      );
      expect(rows.map((r) => r.mentor)).toEqual(["0", "0", "1", "1"]);
    }
  });

  test("trackGroupHealth pools a mentor's groups, the benchmark weighted by members", () => {
    const track = trackGroupHealth(log, { asOf: [59], groupsPerMentor: 2 });
    // Month 2 of tier 399: benchmark 65%. Mentor 1: 15 + 20 of 40 active.
    const [m0, m1] = track.mentors;
    expect([m0.mentor, m0.members, m0.active]).toEqual(["0", 40, 15]);
    expect(m1.activity).toBe(35 / 40);
    expect(m1.benchmark).toBeCloseTo(0.65, 12);
    expect(m1.activityGap).toBeCloseTo(22.5, 9);
    expect(m1.grades.excellent + m1.grades.good + m1.grades.pass + m1.grades.fail).toBe(2);
    const byAttribute = trackGroupHealth(log, { asOf: [59], mentorAttribute: "mentor" });
    expect(byAttribute.mentors.map((m) => [m.mentor, m.members, m.active])).toEqual([
      ["ann", 40, 15],
      ["bo", 40, 35],
    ]);
  });

  test("trackGroupHealth checks how mentors are given", () => {
    expect(() => trackGroupHealth(log, { groupsPerMentor: 2, mentorAttribute: "mentor" }))
      .toThrow("give groupsPerMentor or mentorAttribute, not both");
    expect(() => trackGroupHealth(log, { mentorAttribute: "coach" })).toThrow(
      "Cannot track group health: the log has no member attribute 'coach'",
    );
    expect(trackGroupHealth(log, { asOf: [59] }).mentors).toEqual([]);
  });
});

describe("trackGroupHealth through a simulated run", () => {
  test("a mentor leaving on day 180 loses a fifth of the members handed over that day; other mentors do not", async () => {
    // The default scenario: 80 groups, 6 per mentor; mentor 3 leaves on day 180, loss 0.2.
    // No one joins after day 0, so every mentor keeps what natural churn leaves but 3.
    const scenario = await loadScenario("default", {
      overrides: [
        "population.initial=12000",
        "referral.conversion=0",
        "channels=[]",
        "effects.hazard.channel={}",
      ],
    });
    const run = await simulate(scenario, {
      seed: 5,
      days: 215,
      workers: 1,
      record: { events: true },
    });
    // The grading counts the members not gone by the period's first day: by day 179 for
    // the period to day 209, by day 180 for the one to day 210.
    const track = trackGroupHealth(run.events!, { asOf: [209, 210], groupsPerMentor: 6 });
    const members = (day: number, mentor: string) =>
      track.mentors.find((m) => m.day === day && m.mentor === mentor)!.members;
    const kept = (mentor: string) => members(210, mentor) / members(209, mentor);
    const others = ["0", "1", "2", "4", "5", "6"].map(kept);
    const typical = others.reduce((a, b) => a + b, 0) / others.length;
    expect(kept("3") / typical).toBeGreaterThan(0.74);
    expect(kept("3") / typical).toBeLessThan(0.86);
    for (const k of others) expect(Math.abs(k / typical - 1)).toBeLessThan(0.02);
    expect(track.groups.filter((g) => g.day === 210).length).toBe(80);
  });
});
