import { describe, expect, test } from "vitest";
import {
  countRepeatPurchases,
  expectRepeatPurchases,
  trackRepeatPurchases,
} from "../../calibration/mod.ts";
import { fitBgNbd, summarizeTransactions, WEEK } from "../../models/clv/mod.ts";
import { CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, cdnowOrders } from "./_cdnow.ts";

const orders = cdnowOrders();
const split = {
  unit: WEEK,
  calibrationEnd: CDNOW_CALIBRATION_END,
  observationEnd: CDNOW_OBSERVATION_END,
};

describe("countRepeatPurchases", () => {
  test("counts purchase days after the first, merging same-day orders, for the cohort only", () => {
    const counts = countRepeatPurchases({
      member: ["a", "a", "a", "a", "b", "b", "c", "c"],
      day: [0, 2, 2, 8, 3, 5, 9, 10],
    }, { unit: WEEK, calibrationEnd: 6, observationEnd: 13 });
    // a: days 2 and 8; b: day 5; c first buys on day 9, after the calibration end.
    expect(counts.members).toBe(2);
    expect(Array.from(counts.cumulative)).toEqual([2, 3]);
    expect(Array.from(counts.firstDays)).toEqual([0, 3]);
    expect(Array.from(counts.lastDays)).toEqual([6, 13]);
  });

  test("the last period ends at the observation end", () => {
    const counts = countRepeatPurchases({ member: [1, 1], day: [0, 9] }, {
      unit: WEEK,
      calibrationEnd: 3,
      observationEnd: 9,
    });
    expect(Array.from(counts.lastDays)).toEqual([6, 9]);
    expect(counts.cumulative[1]).toBe(1);
  });

  test("CDNOW: 2,457 repeat purchases by week 39 and 4,339 by week 78, as the summaries count", () => {
    const counts = countRepeatPurchases(orders, split);
    const summary = summarizeTransactions(orders, {
      calibrationEnd: CDNOW_CALIBRATION_END,
      observationEnd: CDNOW_OBSERVATION_END,
      unit: WEEK,
    });
    let calibration = 0, holdout = 0;
    summary.frequency.forEach((x, i) => {
      calibration += x;
      holdout += summary.holdoutFrequency[i];
    });
    expect(counts.lastDays.length).toBe(78);
    expect(counts.cumulative[38]).toBe(calibration);
    expect(calibration).toBe(2457); // the sum of x in cdnow_customers_summary.csv
    expect(counts.cumulative[77]).toBe(calibration + holdout);
    expect(counts.cumulative[77]).toBe(4339);
  });

  test("countRepeatPurchases names a day that is not a whole day ≥ 0", () => {
    expect(() => countRepeatPurchases({ member: [1], day: [-2] }, split))
      .toThrow("Cannot track repeat purchases: day at row 0 is -2; expected a whole day ≥ 0");
  });
});

describe("expectRepeatPurchases and trackRepeatPurchases", () => {
  const model = fitBgNbd(summarizeTransactions(orders, {
    calibrationEnd: CDNOW_CALIBRATION_END,
    unit: WEEK,
  }));

  test("the expectation is Σ E[X(t)] over the cohort, t from each first purchase", () => {
    const counts = countRepeatPurchases(orders, split);
    const expected = expectRepeatPurchases(model, counts, WEEK);
    const firsts = new Map<number, number>();
    orders.member.forEach((m, i) =>
      firsts.set(m, Math.min(firsts.get(m) ?? Infinity, orders.day[i]))
    );
    let direct = 0;
    for (const first of firsts.values()) direct += model.expectedPurchases((545 - first) / 7);
    expect(expected[77]).toBeCloseTo(direct, 8);
  });

  test("BG/NBD tracks CDNOW's cumulative repeat purchases within 5% in every holdout week", () => {
    // FHL (2005), fig. 2: the BG/NBD forecast follows the holdout closely, a little below.
    const tracking = trackRepeatPurchases(orders, model, split);
    expect(tracking.model).toBe("BG/NBD");
    const holdout = tracking.rows.filter((r) => r.holdout);
    expect(holdout.length).toBe(39);
    expect(holdout[0].period).toBe(40);
    for (const row of holdout) {
      expect(Math.abs(row.expected! / row.actual - 1)).toBeLessThan(0.05);
      expect(row.simulated).toBeNull();
    }
  });
});
