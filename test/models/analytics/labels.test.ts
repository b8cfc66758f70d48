import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { labelStages, measureMembers, type StageRule } from "../../../models/analytics/labels.ts";

/**
 * m0: join day 0, orders on days 2, 12, 22 of 100 each (interval 10);
 * m1: one order on day 5 of 900; m2: join only on day 30; m3: order on day 60 (after asOf 40).
 */
function handLog(): EventLog {
  const b = new EventLogBuilder();
  b.push(0, 0, EventCode.join, NaN, -1);
  for (const d of [2, 12, 22]) b.push(0, d, EventCode.order, 100, -1);
  b.push(1, 5, EventCode.order, 900, -1);
  b.push(2, 30, EventCode.join, NaN, -1);
  b.push(3, 60, EventCode.order, 50, -1);
  return b.build({ count: 4, ids: null, attributes: {} });
}

const STAGES = ["lead", "growth", "mature"];

describe("measureMembers", () => {
  test("measureMembers computes the staging metrics as of a day", () => {
    const m = measureMembers(handLog(), { asOf: 40 });
    expect(Array.from(m.values.orders)).toEqual([3, 1, 0, 0]);
    expect(Array.from(m.values.amount)).toEqual([300, 900, 0, 0]);
    expect(Array.from(m.values.interval)).toEqual([10, Infinity, Infinity, Infinity]);
    expect(Array.from(m.values.recency)).toEqual([18, 35, Infinity, Infinity]);
    expect(Array.from(m.values.tenure)).toEqual([40, 35, 10, 0]);
  });
});

describe("labelStages, the three ways of seed 003", () => {
  test("labelStages threshold method cuts one metric at its thresholds", () => {
    const rule: StageRule = {
      method: "threshold",
      stages: STAGES,
      metric: { metric: "orders", thresholds: [1, 3] },
    };
    const labels = labelStages(handLog(), { rule, asOf: 40 });
    expect(Array.from(labels.stage)).toEqual([2, 1, 0, 0]);
    expect(labels.counts).toEqual([2, 1, 1]);
  });

  test("labelStages all method keeps the earlier stage when any metric fails", () => {
    const rule: StageRule = {
      method: "all",
      stages: STAGES,
      criteria: [
        { metric: "orders", thresholds: [1, 2] },
        { metric: "amount", thresholds: [0, 500] },
        { metric: "interval", thresholds: [Infinity, 7] },
      ],
    };
    // m0 passes orders for "mature" but amount 300 < 500 and interval 10 > 7 keep it in growth.
    const labels = labelStages(handLog(), { rule, asOf: 40 });
    expect(Array.from(labels.stage)).toEqual([1, 1, 0, 0]);
    const loose = labelStages(handLog(), {
      asOf: 40,
      rule: {
        ...rule,
        criteria: [rule.criteria[0], { metric: "interval", thresholds: [Infinity, 10] }],
      },
    });
    expect(Array.from(loose.stage)).toEqual([2, 1, 0, 0]);
  });

  test("labelStages score method maps percentile growth scores to stages", () => {
    const rule: StageRule = {
      method: "score",
      stages: STAGES,
      terms: [{ metric: "orders", weight: 1 }, { metric: "amount", weight: 3 }],
      thresholds: [0.5, 0.8],
    };
    const labels = labelStages(handLog(), { rule, asOf: 40 });
    // Orders percentiles (Hazen): m0 7/8, m1 5/8, m2 and m3 tie at 2/8;
    // amount: m1 7/8, m0 5/8, m2 m3 2/8. Score = (orders + 3·amount)/4.
    expect(Array.from(labels.score!)).toEqual([
      (7 / 8 + 15 / 8) / 4,
      (5 / 8 + 21 / 8) / 4,
      0.25,
      0.25,
    ]);
    expect(Array.from(labels.stage)).toEqual([1, 2, 0, 0]);
  });

  test("labelStages score method with raw scale sums weighted raw values", () => {
    const labels = labelStages(handLog(), {
      asOf: 40,
      rule: {
        method: "score",
        stages: STAGES,
        scale: "raw",
        terms: [{ metric: "orders", weight: 100 }, { metric: "amount", weight: 1 }],
        thresholds: [100, 700],
      },
    });
    expect(Array.from(labels.score!)).toEqual([600, 1000, 0, 0]);
    expect(Array.from(labels.stage)).toEqual([1, 2, 0, 0]);
  });

  test("labelStages summary gives every stage a share that sums to one", () => {
    const rows = labelStages(handLog(), {
      asOf: 40,
      rule: {
        method: "threshold",
        stages: STAGES,
        metric: { metric: "orders", thresholds: [1, 3] },
      },
    }).summary();
    expect(rows.map((r) => [r.stage, r.members])).toEqual([["lead", 2], ["growth", 1], [
      "mature",
      1,
    ]]);
    expect(rows[0].estimate).toBe(0.5);
    expect(rows[0].lower).toBeLessThan(0.5);
  });

  test("labelStages rejects thresholds that do not match the stages or are out of order", () => {
    const rule = (thresholds: number[]): StageRule => ({
      method: "threshold",
      stages: STAGES,
      metric: { metric: "orders", thresholds },
    });
    expect(() => labelStages(handLog(), { rule: rule([1]) })).toThrow(
      /has 1 thresholds, expected 2/,
    );
    expect(() => labelStages(handLog(), { rule: rule([3, 1]) })).toThrow(
      /threshold 1 is 1 after 3/,
    );
  });
});

describe("labelStages properties", () => {
  const metricArb = fc.constantFrom("orders", "amount", "interval", "recency", "tenure" as const);
  const thresholdsArb = (k: number) =>
    fc.array(fc.oneof(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.constant(Infinity)), {
      minLength: k,
      maxLength: k,
    });
  const ruleArb: fc.Arbitrary<StageRule> = fc.integer({ min: 1, max: 5 }).chain((s) => {
    const stages = Array.from({ length: s }, (_, i) => `s${i}`);
    const criterion = fc.record({
      metric: metricArb,
      thresholds: thresholdsArb(s - 1),
      direction: fc.constantFrom("higher" as const, "lower" as const),
    }).map((c) => ({
      ...c,
      thresholds: [...c.thresholds].sort((a, b) => (c.direction === "higher" ? a - b : b - a)),
    }));
    return fc.oneof(
      criterion.map((metric): StageRule => ({ method: "threshold", stages, metric })),
      fc.array(criterion, { minLength: 1, maxLength: 3 })
        .map((criteria): StageRule => ({ method: "all", stages, criteria })),
      fc.record({
        terms: fc.array(
          fc.record({ metric: metricArb, weight: fc.double({ min: 0.01, max: 10, noNaN: true }) }),
          { minLength: 1, maxLength: 4 },
        ),
        thresholds: thresholdsArb(s - 1).map((t) => [...t].sort((a, b) => a - b)),
        scale: fc.constantFrom("percentile" as const, "raw" as const),
      }).map((r): StageRule => ({ method: "score", stages, ...r })),
    );
  });
  const logArb = fc.record({
    count: fc.integer({ min: 1, max: 15 }),
    events: fc.array(
      fc.tuple(fc.nat(), fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 1, 3), fc.nat(1000)),
      { minLength: 1, maxLength: 50 },
    ),
  });

  test("labelStages gives every member exactly one label for any log and thresholds", () => {
    fc.assert(
      fc.property(logArb, ruleArb, fc.integer({ min: 0, max: 120 }), (g, rule, asOf) => {
        const b = new EventLogBuilder();
        for (const [m, d, type, amount] of g.events) b.push(m % g.count, d, type, amount, -1);
        const labels = labelStages(b.build({ count: g.count, ids: null, attributes: {} }), {
          rule,
          asOf,
        });
        expect(labels.stage.length).toBe(g.count);
        for (const s of labels.stage) {
          expect(Number.isInteger(s) && s >= 0 && s < rule.stages.length).toBe(true);
        }
        expect(labels.counts.reduce((a, c) => a + c, 0)).toBe(g.count);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
