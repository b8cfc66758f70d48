import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { computeFunnel, type FunnelCell } from "../../../models/analytics/funnel.ts";

/**
 * Observed through day 99, cohorts of 30 days:
 * m0 ads joins 0, orders days 2 (10), 8 (20), 35 (30), invites on day 3;
 * m1 ads joins 5, first order day 40 (50): not activated within 30 days;
 * m2 seo joins 10, orders day 10 (100) only;
 * m3 ads joins 40, orders days 41 (5) and 75 (15);
 * m4 ads joins 90, orders day 91 (7): activated, retention windows not yet elapsed;
 * m5 seo joins 95, no orders: activation window not yet elapsed.
 */
function handLog(origin: string | null = null): EventLog {
  const b = new EventLogBuilder();
  const join = (m: number, d: number) => b.push(m, d, EventCode.join, NaN, -1);
  const order = (m: number, d: number, a: number) => b.push(m, d, EventCode.order, a, -1);
  join(0, 0);
  order(0, 2, 10);
  order(0, 8, 20);
  order(0, 35, 30);
  b.push(0, 3, EventCode.invite, NaN, -1);
  join(1, 5);
  order(1, 40, 50);
  join(2, 10);
  order(2, 10, 100);
  join(3, 40);
  order(3, 41, 5);
  order(3, 75, 15);
  join(4, 90);
  order(4, 91, 7);
  join(5, 95);
  return b.build(
    {
      count: 6,
      ids: null,
      attributes: { channel: { codes: Int32Array.of(0, 0, 1, 0, 0, 1), labels: ["ads", "seo"] } },
    },
    { origin },
  );
}

const cell = (cells: readonly FunnelCell[], cohort: string, channel: string) =>
  cells.find((c) => c.cohort === cohort && c.channel === channel)!;

describe("computeFunnel on a hand-computed log", () => {
  const funnel = computeFunnel(handLog(), { asOf: 99 });
  const total = cell(funnel.cells, "all", "all");

  test("computeFunnel lists cohort × channel cells, channel totals and the grand total", () => {
    expect(funnel.cells.map((c) => `${c.cohort}/${c.channel}`)).toEqual([
      "day 0/ads",
      "day 0/seo",
      "day 30/ads",
      "day 90/ads",
      "day 90/seo",
      "all/ads",
      "all/seo",
      "all/all",
    ]);
    expect(funnel.n).toBe(6);
  });

  test("computeFunnel counts each step only over members whose window has elapsed", () => {
    expect(total.steps.map((s) => [s.step, s.parent, s.base, s.count])).toEqual([
      ["acquired", null, 6, 6],
      ["activated", "acquired", 5, 4],
      ["retained:D7", "activated", 3, 1],
      ["retained:D30", "activated", 3, 2],
      ["referral", "activated", 4, 1],
    ]);
    expect(total.steps[1].conversion).toBe(0.8);
    expect(total.steps[1].lower).toBeLessThan(0.8);
  });

  test("computeFunnel gives ARPU over 7, 14 and 30 days and per month", () => {
    expect(total.arpu).toEqual([
      { days: 7, eligible: 5, revenue: 122, arpu: 24.4 },
      { days: 14, eligible: 4, revenue: 135, arpu: 33.75 },
      { days: 30, eligible: 4, revenue: 135, arpu: 33.75 },
    ]);
    expect(total.monthlyArpu).toEqual([
      { month: 1, eligible: 4, arpu: 33.75 },
      { month: 2, eligible: 4, arpu: 23.75 },
      { month: 3, eligible: 3, arpu: 0 },
    ]);
    expect(total.invitesPerMember).toBeCloseTo(1 / 6, 12);
    expect(total.k).toBe(null);
  });

  test("computeFunnel splits the steps by cohort and channel", () => {
    const ads0 = cell(funnel.cells, "day 0", "ads");
    expect(ads0.acquired).toBe(2);
    expect(ads0.steps[1]).toMatchObject({ base: 2, count: 1, conversion: 0.5 });
    const seo = cell(funnel.cells, "all", "seo");
    expect(seo.steps[1]).toMatchObject({ base: 1, count: 1 });
  });

  test("computeFunnel with first three orders as activation", () => {
    const strict = computeFunnel(handLog(), { asOf: 99, activationOrders: 3, activationDays: 40 });
    const all = cell(strict.cells, "all", "all");
    // Only m0 has three orders within 40 days; m4 and m5 are not yet observed for 40 days.
    expect(all.steps[1]).toMatchObject({ base: 4, count: 1 });
  });

  test("computeFunnel computes K from referral records of the cell's members", () => {
    const withReferrals = computeFunnel(handLog(), {
      asOf: 99,
      referrals: {
        inviter: [0, 0],
        inviterJoinDay: [0, 0],
        inviteDay: [3, 3],
        converted: [1, 0],
        inviteeJoinDay: [20, NaN],
      },
    });
    expect(cell(withReferrals.cells, "all", "all").k).toBeCloseTo(1 / 6, 12);
    expect(cell(withReferrals.cells, "day 0", "ads").k).toBe(0.5);
  });

  test("computeFunnel labels cohorts by date when the log has an origin", () => {
    const dated = computeFunnel(handLog("2024-01-01"), { asOf: 99 });
    expect(dated.cells.slice(0, 3).map((c) => c.cohort)).toEqual([
      "2024-01-01",
      "2024-01-01",
      "2024-01-31",
    ]);
  });

  test("computeFunnel summary has one conversion row per step and cell", () => {
    const rows = funnel.summary();
    expect(rows.length).toBe(funnel.cells.length * 5);
    expect(
      rows.find((r) => r.cohort === "all" && r.channel === "all" && r.step === "activated")
        ?.estimate,
    ).toBe(0.8);
  });

  test("computeFunnel leaves out the referral step when the log records no invites", () => {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 10, -1);
    b.push(0, 8, EventCode.order, 10, -1);
    const only = computeFunnel(b.build({ count: 1, ids: null, attributes: {} }), { asOf: 60 });
    const all = cell(only.cells, "all", "all");
    expect(all.steps.map((s) => s.step)).toEqual([
      "acquired",
      "activated",
      "retained:D7",
      "retained:D30",
    ]);
    expect(all.invitesPerMember).toBe(null);
  });

  test("computeFunnel rejects an empty retention window", () => {
    expect(() => computeFunnel(handLog(), { retentionWindows: [{ name: "D7", from: 7, to: 7 }] }))
      .toThrow(/retention window D7 is \[7, 7\)/);
  });
});
