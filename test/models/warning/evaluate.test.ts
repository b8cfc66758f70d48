import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { AlertsBuilder } from "../../../models/warning/alerts.ts";
import { evaluateWarnings } from "../../../models/warning/evaluate.ts";
import { inactivityRule } from "../../../models/warning/inactivity.ts";
import { holdoutChurn, NEVER_RETURNED, observedChurn } from "../../../models/warning/outcomes.ts";

/**
 * A small simulated-style log, every member joining on day 0 unless said otherwise.
 * 7-day inactivity alerts (horizon 30, latency 3, judged on days 0..70 of 0..100):
 * m0 orders 0, 10, churns 40: alert 7 false alarm, 17 timely; churn 40 caught, lead 23.
 * m1 orders 0, churns 5: alert 7 after churn; churn 5 not caught.
 * m2 orders 0, 20, 50, churns 59: alerts 7 and 27 false alarms, 57 late; churn missed.
 * m3 orders every 5 days to day 100: no alert, no churn.
 * m4 orders 0, churns 12, back 30, churns 50: alerts 7 and 37 timely; both churns caught
 *   (leads 5 and 13).
 * m5 joins 60: alert 67 false alarm.
 * m6 orders 0 and 80: alert 7 false alarm, alert 87 raised but after the judged days.
 * Judged 10: timely 3, late 1, after churn 1, false alarms 5. Churns 5, caught 3.
 */
function smallLog(): EventLog {
  const b = new EventLogBuilder();
  const join = (m: number, day = 0) => b.push(m, day, EventCode.join, NaN, -1);
  const order = (m: number, ...days: number[]) => {
    for (const d of days) b.push(m, d, EventCode.order, 10, -1);
  };
  for (let m = 0; m < 7; m++) join(m, m === 5 ? 60 : 0);
  order(0, 0, 10);
  b.push(0, 40, EventCode.churn, NaN, -1);
  order(1, 0);
  b.push(1, 5, EventCode.churn, NaN, -1);
  order(2, 0, 20, 50);
  b.push(2, 59, EventCode.churn, NaN, -1);
  order(3, ...Array.from({ length: 21 }, (_, k) => 5 * k));
  order(4, 0);
  b.push(4, 12, EventCode.churn, NaN, -1);
  b.push(4, 30, EventCode.reactivate, NaN, -1);
  b.push(4, 50, EventCode.churn, NaN, -1);
  order(6, 0, 80);
  return b.build({ count: 7, ids: null, attributes: {} });
}

describe("evaluateWarnings on a hand-computed log", () => {
  const log = smallLog();
  const alerts = inactivityRule({ window: 7 }).alert(log);
  const e = evaluateWarnings(alerts, observedChurn(log), { horizon: 30, latency: 3 });

  test("inactivityRule raises the alerts worked out by hand", () => {
    expect(Array.from(alerts.member, (m, i) => `${m}@${alerts.day[i]}`)).toEqual([
      "0@7",
      "0@17",
      "1@7",
      "2@7",
      "2@27",
      "2@57",
      "4@7",
      "4@37",
      "5@67",
      "6@7",
      "6@87",
    ]);
  });

  test("evaluateWarnings classifies judged alerts as timely, late, after churn or false alarms", () => {
    expect([e.alertFrom, e.alertTo]).toEqual([0, 70]);
    expect(e.alertsRaised).toBe(11);
    expect(e.n).toBe(10);
    expect([e.timely, e.late, e.afterChurn, e.falseAlarms]).toEqual([3, 1, 1, 5]);
    expect(e.precision).toBe(0.3);
    expect(e.alertsPerDay).toBeCloseTo(10 / 71, 12);
    expect([e.flaggedMembers, e.flaggedChurners]).toEqual([6, 2]);
    expect(e.memberPrecision).toBeCloseTo(1 / 3, 12);
  });

  test("evaluateWarnings counts a churn caught by an alert at least the latency before it", () => {
    expect([e.churns, e.caught]).toEqual([5, 3]);
    expect(e.recall).toBe(0.6);
    expect(Array.from(e.leadTimes)).toEqual([5, 13, 23]);
    expect(e.leadTime.median).toBe(13);
    expect(e.leadTime.mean).toBeCloseTo(41 / 3, 12);
    expect(e.leadTime.histogram).toEqual([
      { from: 0, to: 7, count: 1 },
      { from: 7, to: 14, count: 1 },
      { from: 14, to: 21, count: 0 },
      { from: 21, to: 28, count: 1 },
    ]);
  });

  test("evaluateWarnings drops alerts closer to churn than the latency", () => {
    // Latency 6: m4's alert 7 (5 days before churn 12) turns late and that churn is missed.
    const slow = evaluateWarnings(alerts, observedChurn(log), { horizon: 30, latency: 6 });
    expect([slow.timely, slow.late]).toEqual([2, 2]);
    expect(slow.caught).toBe(2);
    expect(Array.from(slow.leadTimes)).toEqual([13, 23]);
  });

  test("evaluateWarnings gives Wilson intervals for precision and recall in its summary", () => {
    const [precision, recall, member, perDay, lead] = e.summary();
    expect(precision.name).toBe("precision");
    // Wilson (1927) for 3 of 10 at 95%: 0.1078 to 0.6032.
    expect(precision.lower).toBeCloseTo(0.1078, 4);
    expect(precision.upper).toBeCloseTo(0.6032, 4);
    expect(recall.estimate).toBe(0.6);
    expect(member.name).toBe("member-precision");
    expect(perDay.estimate).toBeCloseTo(10 / 71, 12);
    // Three lead times are too few for a 95% order-statistic interval of the median.
    expect(lead.estimate).toBe(13);
    expect(Number.isNaN(lead.lower)).toBe(true);
  });

  test("evaluateWarnings refuses alerts of another log and a horizon longer than the period", () => {
    const other = new AlertsBuilder().build(["r"], 3);
    expect(() => evaluateWarnings(other, observedChurn(log))).toThrow(
      "Cannot evaluate warnings: alerts refer to 3 members but the outcomes to 7; use the same log",
    );
    expect(() => evaluateWarnings(alerts, observedChurn(log), { horizon: 120 })).toThrow(
      "horizon 120 leaves no day to judge alerts in the period [0, 100]",
    );
    expect(() => evaluateWarnings(alerts, observedChurn(log), { horizon: 10, latency: 11 }))
      .toThrow("latency is 11, expected an integer in [0, horizon = 10]");
  });
});

describe("evaluateWarnings against holdout churn on a real-style log", () => {
  /**
   * As of day 60 with a 30-day holdout (61..90), members active in the 30 days up to 60:
   * h0 orders 10, 55 and then nothing: churn 61; h1 orders 40, 70: stays;
   * h2 orders 5 only: out of scope; h3 orders 50 and 100 (after the holdout): churn 61.
   * 7-day alerts judged on 31..60: h1@47 false alarm, h3@57 timely (4 days before 61).
   */
  const b = new EventLogBuilder();
  for (const [m, d] of [[0, 10], [0, 55], [1, 40], [1, 70], [2, 5], [3, 50], [3, 100]]) {
    b.push(m, d, EventCode.order, 20, -1);
  }
  const log = b.build({ count: 4, ids: null, attributes: {} });
  const outcomes = holdoutChurn(log, { asOf: 60, holdout: 30 });
  const alerts = inactivityRule({ window: 7 }).alert(log);

  test("holdoutChurn puts members active before the as-of day in scope and churns the silent ones", () => {
    expect(Array.from(outcomes.inScope)).toEqual([1, 1, 0, 1]);
    expect(outcomes.members).toBe(3);
    expect(Array.from(outcomes.start)).toEqual([0, 1, 1, 1, 2]);
    expect(Array.from(outcomes.churnDay)).toEqual([61, 61]);
  });

  test("evaluateWarnings judges the snapshot before the holdout", () => {
    const e = evaluateWarnings(alerts, outcomes, { horizon: 30, latency: 3 });
    expect([e.alertFrom, e.alertTo]).toEqual([31, 60]);
    expect([e.n, e.timely, e.falseAlarms]).toEqual([2, 1, 1]);
    expect(e.precision).toBe(0.5);
    expect([e.churns, e.caught, e.recall]).toEqual([2, 1, 0.5]);
    expect(Array.from(e.leadTimes)).toEqual([4]);
    const late = evaluateWarnings(alerts, outcomes, { horizon: 30, latency: 5 });
    expect([late.timely, late.late, late.caught]).toEqual([0, 1, 0]);
  });
});

describe("churn outcomes", () => {
  test("observedChurn reads churned spells and their ends from churn and reactivate events", () => {
    const out = observedChurn(smallLog());
    expect(Array.from(out.start)).toEqual([0, 1, 2, 3, 3, 5, 5, 5]);
    expect(Array.from(out.churnDay)).toEqual([40, 5, 59, 12, 50]);
    expect(Array.from(out.returnDay)).toEqual([
      NEVER_RETURNED,
      NEVER_RETURNED,
      NEVER_RETURNED,
      30,
      NEVER_RETURNED,
    ]);
    expect([out.from, out.to, out.kind]).toEqual([0, 100, "observed"]);
  });

  test("observedChurn takes a run's first-churn column and checks it", () => {
    const log = smallLog();
    const out = observedChurn(log, { churnDays: [40, 5, 59, -1, 12, -1, -1], from: 0, to: 90 });
    expect(Array.from(out.churnDay)).toEqual([40, 5, 59, 12]);
    expect(() => observedChurn(log, { churnDays: [1, 2] })).toThrow(
      "churnDays has 2 entries, expected 7 (one per member)",
    );
    expect(() => observedChurn(log, { churnDays: [0.5, -1, -1, -1, -1, -1, -1] })).toThrow(
      "churnDays[0] is 0.5, expected an integer day or -1",
    );
  });

  test("holdoutChurn refuses a holdout running past the log", () => {
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.order, 1, -1);
    b.push(0, 50, EventCode.order, 1, -1);
    const log = b.build({ count: 1, ids: null, attributes: {} });
    expect(() => holdoutChurn(log, { asOf: 30, holdout: 40 })).toThrow(
      "the holdout ends on day 70 but the log ends on day 50",
    );
    expect(() => holdoutChurn(log, { asOf: 50 })).toThrow(
      "holdout is 0, expected a positive integer of days (asOf 50 leaves none before day 50)",
    );
  });
});
