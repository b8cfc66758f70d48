import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { computeLtv, paybackMonths } from "../../../models/analytics/economics.ts";
import { arpuByPeriod } from "../../../models/analytics/economics_arpu.ts";
import {
  type ChannelEconomics,
  computeUnitEconomics,
} from "../../../models/analytics/economics_channels.ts";

describe("computeLtv", () => {
  test("computeLtv reproduces a discounted 6-year value at 8% (annuity factor 4.62288)", () => {
    // Hand computation: Σ_{t=1..6} 100 / 1.08^t = 462.28796639611886.
    const r = computeLtv({ arpu: 100, periodDays: 365, lifetimePeriods: 6 }, {
      survival: "fixed",
      yearDays: 365,
      annualDiscountRate: 0.08,
    });
    expect(r.ltv).toBe(600);
    expect(r.discountedLtv).toBeCloseTo(462.28796639611886, 9);
    expect(r.periodDiscount).toBeCloseTo(1 / 1.08, 15);
  });

  test("computeLtv geometric lifetime matches the closed form ARPU·δ/(1 − sδ)", () => {
    // ARPU 10 per 30-day period, 360-day year, LT 4 (s = 0.75), δ = 1.08^(−1/12):
    // end timing 38.99638435550173, start timing 39.2472882666263, 12-period horizon
    // 37.852622134658084 (hand-computed in Python from the sums).
    const input = { arpu: 10, periodDays: 30, lifetimePeriods: 4 };
    expect(computeLtv(input, { yearDays: 360 }).discountedLtv).toBeCloseTo(38.99638435550173, 10);
    expect(computeLtv(input, { yearDays: 360, timing: "start" }).discountedLtv)
      .toBeCloseTo(39.2472882666263, 10);
    expect(computeLtv(input, { yearDays: 360, horizonPeriods: 12 }).discountedLtv)
      .toBeCloseTo(37.852622134658084, 10);
    expect(computeLtv(input).ltv).toBe(40);
  });

  test("computeLtv without discounting equals LT × ARPU for revenue at period start", () => {
    const r = computeLtv({ arpu: 25, periodDays: 7, lifetimePeriods: 8 }, {
      annualDiscountRate: 0,
      timing: "start",
    });
    expect(r.discountedLtv).toBeCloseTo(200, 10);
    expect(r.ltv).toBe(200);
  });

  test("computeLtv rejects a lifetime under one period and fractional fixed lifetimes", () => {
    expect(() => computeLtv({ arpu: 1, periodDays: 30, lifetimePeriods: 0.5 }))
      .toThrow(/lifetimePeriods is 0.5/);
    expect(() =>
      computeLtv({ arpu: 1, periodDays: 30, lifetimePeriods: 2.5 }, { survival: "fixed" })
    ).toThrow(/expected whole periods/);
  });

  test("paybackMonths uses the month length it is given", () => {
    // 120 / (10 × 30.4375 / 7) = 2.759753593429158.
    expect(paybackMonths(120, { arpu: 10, periodDays: 7, monthDays: 30.4375 }))
      .toBeCloseTo(2.759753593429158, 12);
    expect(paybackMonths(120, { arpu: 40, periodDays: 30, monthDays: 30, margin: 0.5 })).toBe(6);
    expect(() => paybackMonths(120, { arpu: 0, periodDays: 30, monthDays: 30 }))
      .toThrow(/never pays back/);
  });
});

/**
 * Channel "ads": 4 members joined day 0, each orders 30 on days 5 and 35; members 0 and 1
 * churn on day 60. Channel "seo": 2 members joined day 10 with no churn.
 * Observed through day 89: ads exposure = 60 + 60 + 90 + 90 = 300 days = 10 periods of 30.
 */
function channelLog(): EventLog {
  const b = new EventLogBuilder();
  for (let m = 0; m < 4; m++) {
    b.push(m, 0, EventCode.join, NaN, -1);
    b.push(m, 5, EventCode.order, 30, -1);
    b.push(m, 35, EventCode.order, 30, -1);
    if (m < 2) b.push(m, 60, EventCode.churn, NaN, -1);
  }
  for (const m of [4, 5]) {
    b.push(m, 10, EventCode.join, NaN, -1);
    b.push(m, 20, EventCode.order, 50, -1);
  }
  return b.build({
    count: 6,
    ids: null,
    attributes: { channel: { codes: Int32Array.of(0, 0, 0, 0, 1, 1), labels: ["ads", "seo"] } },
  });
}

describe("computeUnitEconomics", () => {
  const econ = computeUnitEconomics(channelLog(), {
    spend: { ads: 200, seo: 30, tv: 1000 },
    monthDays: 30,
    asOf: 89,
  });

  test("computeUnitEconomics gives hand-computed CAC, ARPU, lifetime and LTV", () => {
    const ads = econ.channels[0] as ChannelEconomics;
    expect(ads.ok).toBe(true);
    expect(ads.acquired).toBe(4);
    expect(ads.cac).toBe(50);
    expect(ads.revenue).toBe(240);
    expect(ads.exposurePeriods).toBe(10);
    expect(ads.arpu).toBe(24);
    expect(ads.churns).toBe(2);
    expect(ads.lifetime.estimate).toBe(5);
    expect(ads.ltv).toBe(120);
    expect(ads.ltvToCac).toBeCloseTo(2.4, 12);
    expect(ads.paybackMonths).toBeCloseTo(50 / 24, 12);
    // Lifetime interval: 5·exp(±1.959964/√2) = [1.2507, 19.9883].
    expect(ads.lifetime.lower).toBeCloseTo(5 * Math.exp(-1.959963984540054 / Math.SQRT2), 9);
    expect(ads.lifetime.upper).toBeCloseTo(5 * Math.exp(1.959963984540054 / Math.SQRT2), 9);
    expect(ads.discountedLtv).toBeLessThan(ads.ltv);
  });

  test("computeUnitEconomics returns failures, not zeros, for channels it cannot evaluate", () => {
    expect(econ.channels[1]).toMatchObject({ channel: "seo", ok: false, code: "no-churn" });
    expect(econ.channels[2]).toMatchObject({ channel: "tv", ok: false, code: "no-members" });
  });

  test("computeUnitEconomics uses a given lifetime instead of the churn estimate", () => {
    const given = computeUnitEconomics(channelLog(), {
      spend: { seo: 30 },
      monthDays: 30,
      asOf: 89,
      lifetimePeriods: 6,
    });
    const seo = given.channels[0] as ChannelEconomics;
    // 100 revenue over 2 × 80 days = 160/30 periods: ARPU 18.75, LTV 112.5, CAC 15.
    expect(seo.arpu).toBeCloseTo(18.75, 12);
    expect(seo.ltv).toBeCloseTo(112.5, 12);
    expect(seo.ltvToCac).toBeCloseTo(7.5, 12);
    expect(Number.isNaN(seo.lifetime.lower)).toBe(true);
  });

  test("computeUnitEconomics counts a member silent for churnAfterDays as churned", () => {
    const econ = computeUnitEconomics(channelLog(), {
      spend: { ads: 200, seo: 30 },
      monthDays: 30,
      asOf: 89,
      churnAfterDays: 30,
    });
    // ads: m0, m1 churn events on day 60; m2, m3 silent after day 35 → churned on day 65.
    // Exposure 60 + 60 + 65 + 65 = 250 days; 4 churns; ARPU 240 / (250/30) = 28.8;
    // LT = (250/30)/4 = 2.0833 periods. seo: silent after day 20 → churned on day 50;
    // exposure 2 × 40 days, ARPU 100 / (80/30) = 37.5, LT = (80/30)/2 = 4/3.
    const [ads, seo] = econ.channels as ChannelEconomics[];
    expect(ads.churns).toBe(4);
    expect(ads.exposurePeriods).toBeCloseTo(250 / 30, 12);
    expect(ads.arpu).toBeCloseTo(28.8, 12);
    expect(ads.lifetime.estimate).toBeCloseTo(250 / 120, 12);
    expect(seo.arpu).toBeCloseTo(37.5, 12);
    expect(seo.lifetime.estimate).toBeCloseTo(4 / 3, 12);
    expect(seo.ltvToCac).toBeCloseTo(50 / 15, 12);
  });

  test("computeUnitEconomics keeps a member whose next order comes exactly on day N", () => {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 10, -1);
    b.push(0, 30, EventCode.order, 10, -1);
    b.push(0, 61, EventCode.order, 10, -1);
    const log = b.build({ count: 1, ids: null, attributes: {} });
    const econ = computeUnitEconomics(log, {
      cac: { all: 5 },
      monthDays: 30,
      asOf: 100,
      churnAfterDays: 30,
    });
    // Order on day 30 = 0 + 30 keeps it; day 61 > 30 + 30 means churn on day 60, and the
    // day-61 order (a reactivation) is not revenue of this lifetime.
    const all = econ.channels[0] as ChannelEconomics;
    expect(all.churns).toBe(1);
    expect(all.exposurePeriods).toBe(2);
    expect(all.revenue).toBe(20);
  });

  test("computeUnitEconomics summary scales the lifetime interval to LTV and LTV/CAC", () => {
    const rows = econ.summary();
    expect(rows.map((r) => r.name)).toEqual(["lifetime:ads", "ltv:ads", "ltv-cac:ads"]);
    expect(rows[2].estimate).toBeCloseTo(2.4, 12);
    expect(rows[1].lower).toBeCloseTo(rows[0].lower * 24, 9);
  });

  test("computeUnitEconomics names a missing channel attribute it was asked for", () => {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 1, -1);
    const log = b.build({ count: 1, ids: null, attributes: {} });
    expect(() =>
      computeUnitEconomics(log, { spend: { a: 1 }, monthDays: 30, channelAttribute: "channel" })
    ).toThrow(/no member attribute 'channel'/);
  });

  test("computeUnitEconomics takes CAC per channel and one channel 'all' without channels", () => {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 30, -1);
    b.push(0, 20, EventCode.churn, NaN, -1);
    b.push(1, 0, EventCode.order, 30, -1);
    const log = b.build({ count: 2, ids: null, attributes: {} });
    const econ = computeUnitEconomics(log, { cac: { all: 25 }, monthDays: 30, asOf: 29 });
    const all = econ.channels[0] as ChannelEconomics;
    // Exposure 20 + 30 = 50 days = 5/3 periods; ARPU 60 / (5/3) = 36; LT = (5/3)/1 periods.
    expect(all).toMatchObject({ channel: "all", acquired: 2, cac: 25, spend: 50 });
    expect(all.arpu).toBeCloseTo(36, 12);
    expect(all.lifetime.estimate).toBeCloseTo(5 / 3, 12);
    expect(all.ltv).toBeCloseTo(60, 12);
    expect(() => computeUnitEconomics(log, { monthDays: 30 })).toThrow(/not neither/);
  });

  test("the frameworks LTV/CAC contrast: 1.5 for traditional, 3.2 for refined operations", () => {
    // Illustrative figures of seed 004: the same CAC with LT × ARPU of 150 vs 320.
    const cac = 100;
    const traditional = computeLtv({ arpu: 15, periodDays: 30, lifetimePeriods: 10 });
    const refined = computeLtv({ arpu: 20, periodDays: 30, lifetimePeriods: 16 });
    expect(traditional.ltv / cac).toBeCloseTo(1.5, 12);
    expect(refined.ltv / cac).toBeCloseTo(3.2, 12);
  });
});

describe("arpuByPeriod", () => {
  /**
   * m0 joins day 0, orders days 1 (10), 2 (5), 9 (20); m1 joins 3, orders 15 (40), churns 16;
   * m2 joins 8, churns 12; m3 joins 16, orders 16 (6).
   */
  function periodLog(): EventLog {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.join, NaN, -1);
    b.push(0, 1, EventCode.order, 10, -1);
    b.push(0, 2, EventCode.order, 5, -1);
    b.push(0, 9, EventCode.order, 20, -1);
    b.push(1, 3, EventCode.join, NaN, -1);
    b.push(1, 15, EventCode.order, 40, -1);
    b.push(1, 16, EventCode.churn, NaN, -1);
    b.push(2, 8, EventCode.join, NaN, -1);
    b.push(2, 12, EventCode.churn, NaN, -1);
    b.push(3, 16, EventCode.join, NaN, -1);
    b.push(3, 16, EventCode.order, 6, -1);
    return b.build({ count: 4, ids: null, attributes: {} });
  }

  test("arpuByPeriod divides each week's revenue by the members present and paying", () => {
    const r = arpuByPeriod(periodLog(), { periodDays: 7, asOf: 20 });
    expect(r.periods.map((p) => [p.start, p.revenue, p.members, p.paying])).toEqual([
      [0, 15, 2, 1],
      [7, 20, 3, 1],
      [14, 46, 3, 2],
    ]);
    expect(r.periods.map((p) => p.arpu)).toEqual([7.5, 20 / 3, 46 / 3]);
    expect(r.periods.map((p) => p.arppu)).toEqual([15, 20, 23]);
    expect(r.periods.every((p) => p.complete)).toBe(true);
  });

  test("arpuByPeriod marks a period that runs past asOf as incomplete", () => {
    const r = arpuByPeriod(periodLog(), { periodDays: 14, asOf: 17 });
    expect(r.periods.map((p) => [p.start, p.end, p.complete])).toEqual([
      [0, 14, true],
      [14, 28, false],
    ]);
  });

  test("arpuByPeriod needs whole-day periods", () => {
    expect(() => arpuByPeriod(periodLog(), { periodDays: 7.5 })).toThrow(/expected whole days/);
  });
});
