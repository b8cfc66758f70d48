import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { quintileScores, scoreRfm } from "../../../models/analytics/rfm.ts";
import { migrateRfm } from "../../../models/analytics/rfm_migration.ts";
import {
  matchThesisBand,
  RFM_SEGMENT_INFO,
  RFM_SEGMENTS,
  segmentOfLevels,
  THESIS_BANDS,
} from "../../../models/analytics/rfm_segments.ts";

/**
 * Hand-computed log, as of day 100 (window 365):
 * m0 R=1 F=2 M=500; m1 R=50 F=1 M=100; m2 R=3 F=3 M=3000; m3 R=90 F=1 M=20;
 * m4 R=20 F=1 M=100; m5 only joins; m6 orders after day 100.
 */
function handLog(): EventLog {
  const b = new EventLogBuilder();
  const order = (m: number, day: number, amount: number) =>
    b.push(m, day, EventCode.order, amount, -1);
  order(0, 90, 300);
  order(0, 99, 200);
  order(1, 50, 100);
  order(2, 95, 1000);
  order(2, 96, 1000);
  order(2, 97, 1000);
  order(3, 10, 20);
  order(4, 80, 100);
  b.push(5, 3, EventCode.join, NaN, -1);
  order(6, 150, 40);
  return b.build({ count: 7, ids: null, attributes: {} });
}

describe("scoreRfm on a hand-computed log", () => {
  test("scoreRfm measures recency, frequency and monetary as of a day", () => {
    const rfm = scoreRfm(handLog(), { asOf: 100 });
    expect(Array.from(rfm.member)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(rfm.recency)).toEqual([1, 50, 3, 90, 20]);
    expect(Array.from(rfm.frequency)).toEqual([2, 1, 3, 1, 1]);
    expect(Array.from(rfm.monetary)).toEqual([500, 100, 3000, 20, 100]);
    expect(rfm.unscored).toBe(2);
    expect(rfm.n).toBe(5);
  });

  test("scoreRfm gives mid-rank quintile scores with ties sharing a score", () => {
    const rfm = scoreRfm(handLog(), { asOf: 100 });
    expect(Array.from(rfm.scores.recency)).toEqual([5, 2, 4, 1, 3]);
    expect(Array.from(rfm.scores.frequency)).toEqual([4, 2, 5, 2, 2]);
    expect(Array.from(rfm.scores.monetary)).toEqual([4, 2, 5, 1, 2]);
  });

  test("scoreRfm median split counts a value at the median as low", () => {
    const rfm = scoreRfm(handLog(), { asOf: 100, mode: "median" });
    expect(rfm.splits).toEqual({ recency: 20, frequency: 1, monetary: 100 });
    expect(rfm.segment).toEqual([
      "important-value",
      "general-win-back",
      "important-value",
      "general-win-back",
      "general-win-back",
    ]);
  });

  test("scoreRfm mean split uses the means of R, F and M", () => {
    const rfm = scoreRfm(handLog(), { asOf: 100, mode: "mean" });
    expect(rfm.splits?.recency).toBeCloseTo(32.8, 12);
    expect(rfm.splits?.frequency).toBeCloseTo(1.6, 12);
    expect(rfm.splits?.monetary).toBeCloseTo(744, 12);
    expect(rfm.segment).toEqual([
      "general-value",
      "general-win-back",
      "important-value",
      "general-win-back",
      "general-development",
    ]);
  });

  test("scoreRfm quantile mode counts scores at or above highScore as high", () => {
    expect(scoreRfm(handLog(), { asOf: 100, mode: "quantile" }).segment[4]).toBe(
      "general-win-back",
    );
    const low = scoreRfm(handLog(), { asOf: 100, mode: "quantile", highScore: 3 });
    expect(low.segment[4]).toBe("general-development");
    expect(low.segment[0]).toBe("important-value");
  });

  test("scoreRfm thesis mode uses the monthly amount and leaves band gaps unmatched", () => {
    const rfm = scoreRfm(handLog(), { asOf: 100, mode: "thesis" });
    expect(Array.from(rfm.monthlyAmount)).toEqual([500, 0, 3000, 0, 100]);
    expect(rfm.segment).toEqual([
      "important-development",
      "general-development",
      "important-value",
      null,
      "general-value",
    ]);
    expect(rfm.unmatched).toBe(1);
  });

  test("scoreRfm summary shares sum to one with intervals around them", () => {
    const rows = scoreRfm(handLog(), { asOf: 100 }).summary();
    expect(rows.map((r) => r.segment)).toEqual([...RFM_SEGMENTS]);
    expect(rows.reduce((s, r) => s + r.estimate, 0)).toBeCloseTo(1, 12);
    const top = rows[0];
    expect(top.members).toBe(2);
    expect(top.zh).toBe("重要价值用户");
    // Wilson 95% interval for 2 of 5: SciPy 1.17 binomtest(2, 5).proportion_ci("wilson").
    expect(top.lower).toBeCloseTo(0.11762077423264788, 9);
    expect(top.upper).toBeCloseTo(0.7692757187239866, 9);
    expect(top.level).toBe(0.95);
  });

  test("scoreRfm rejects a bad window and a bad mode with the field named", () => {
    expect(() => scoreRfm(handLog(), { window: 0 })).toThrow(/window is 0/);
    // deno-lint-ignore no-explicit-any
    expect(() => scoreRfm(handLog(), { mode: "top" as any })).toThrow(/mode is 'top'/);
    expect(() => scoreRfm(handLog(), { asOf: 1.5 })).toThrow(/asOf is 1.5/);
  });
});

describe("RFM segments and thesis bands", () => {
  test("segmentOfLevels matches the frameworks table for all eight patterns", () => {
    for (const s of RFM_SEGMENTS) {
      const info = RFM_SEGMENT_INFO[s];
      expect(segmentOfLevels(info.r === "high", info.f === "high", info.m === "high")).toBe(s);
    }
  });

  test("matchThesisBand puts boundary values in the documented band", () => {
    const at = (amount: number, recency: number, orders = 1) =>
      matchThesisBand(THESIS_BANDS, amount, recency, orders);
    expect(at(1000, 7)).toBe("important-value");
    expect(at(999.99, 7)).toBe("important-development");
    expect(at(1000, 8)).toBe(null);
    expect(at(500, 8)).toBe("important-retention");
    expect(at(500, 14)).toBe("important-retention");
    expect(at(499, 14)).toBe("important-win-back");
    expect(at(100, 15)).toBe("general-value");
    expect(at(100, 30)).toBe("general-value");
    expect(at(99, 30)).toBe(null);
    expect(at(0, 31, 1)).toBe("general-development");
    expect(at(0, 60, 2)).toBe("general-retention");
    expect(at(0, 61)).toBe(null);
    expect(at(0, 90)).toBe(null);
    expect(at(0, 91)).toBe("general-win-back");
    expect(at(300, 3)).toBe(null);
  });

  test("quintileScores gives everyone the middle score when all values tie", () => {
    expect(Array.from(quintileScores(new Float64Array(10).fill(7)))).toEqual(
      new Array(10).fill(3),
    );
  });
});

describe("migrateRfm", () => {
  test("migrateRfm counts moves between the hand-computed segments", () => {
    const mig = migrateRfm(handLog(), { from: 60, to: 100 });
    const cell = (a: string, b: string) =>
      mig.counts[mig.states.indexOf(a as never)][mig.states.indexOf(b as never)];
    expect(mig.n).toBe(7);
    expect(cell("important-development", "general-win-back")).toBe(1);
    expect(cell("general-win-back", "general-win-back")).toBe(1);
    expect(cell("unscored", "important-value")).toBe(2);
    expect(cell("unscored", "general-win-back")).toBe(1);
    expect(cell("unscored", "unscored")).toBe(2);
    expect(mig.counts.flat().reduce((s, c) => s + c, 0)).toBe(7);
  });

  test("migrateRfm rejects a second day not after the first", () => {
    expect(() => migrateRfm(handLog(), { from: 50, to: 50 })).toThrow(/to is 50/);
  });
});

describe("scoreRfm properties", () => {
  // Integer amounts keep monetary sums exact whatever the event order.
  const arbLog = fc.record({
    count: fc.integer({ min: 1, max: 12 }),
    events: fc.array(
      fc.record({
        member: fc.nat(),
        day: fc.integer({ min: 0, max: 200 }),
        amount: fc.integer({ min: 0, max: 500 }),
        join: fc.boolean(),
      }),
      { minLength: 1, maxLength: 60 },
    ),
    seed: fc.nat(),
  });

  test("scoreRfm scores and segments do not change when members and events are reordered", () => {
    fc.assert(
      fc.property(arbLog, fc.constantFrom("quantile", "mean", "median", "thesis"), (g, mode) => {
        const events = g.events.map((e) => ({ ...e, member: e.member % g.count }));
        const perm = shuffled(Array.from({ length: g.count }, (_, i) => i), g.seed);
        const a = buildLog(events, g.count, (m) => m);
        const b = buildLog(shuffled(events, g.seed + 1), g.count, (m) => perm[m]);
        if (!events.some((e) => !e.join && e.day <= 150)) return;
        const options = { asOf: 150, window: 90, mode: mode as "median" };
        const ra = scoreRfm(a, options);
        const rb = scoreRfm(b, options);
        const rowB = new Map(Array.from(rb.member, (m, i) => [m, i]));
        expect(ra.n).toBe(rb.n);
        for (let i = 0; i < ra.n; i++) {
          const j = rowB.get(perm[ra.member[i]])!;
          expect([rb.scores.recency[j], rb.scores.frequency[j], rb.scores.monetary[j]])
            .toEqual([ra.scores.recency[i], ra.scores.frequency[i], ra.scores.monetary[i]]);
          expect(rb.segment[j]).toBe(ra.segment[i]);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

function buildLog(
  events: readonly { member: number; day: number; amount: number; join: boolean }[],
  count: number,
  relabel: (m: number) => number,
): EventLog {
  const b = new EventLogBuilder();
  for (const e of events) {
    b.push(relabel(e.member), e.day, e.join ? EventCode.join : EventCode.order, e.amount, -1);
  }
  return b.build({ count, ids: null, attributes: {} });
}

/** Fisher–Yates with a small LCG so the shuffle is fixed by the seed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = (seed * 2654435761) >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
