import { describe, expect, test } from "vitest";
import { DAY, summarizeTransactions, WEEK } from "../../../models/clv/mod.ts";
import { CALIBRATION_END, dayOf, readCdnowSample, readCsv } from "./_cdnow.ts";

describe("summarizeTransactions", () => {
  test("rebuilds cdnow_customers_summary.csv from CDNOW_sample.txt row by row", () => {
    const summary = summarizeTransactions(readCdnowSample(), {
      calibrationEnd: CALIBRATION_END,
      unit: WEEK,
    });
    const published = readCsv("cdnow/cdnow_customers_summary.csv");
    const withSpend = readCsv("cdnow/cdnow_customers_summary_with_transactions.csv");
    expect(summary.ids.length).toBe(2357);
    const row = new Map(summary.ids.map((id, i) => [id, i]));
    let mismatches = 0;
    for (let k = 0; k < published.length; k++) {
      const [id, x, tx, T] = published[k];
      const i = row.get(id)!;
      // The published files round recency and T (weeks) and zbar (dollars) to 2
      // decimals; zbar's half-cent cases were rounded by other arithmetic, hence ±0.005.
      const round = (v: number) => Math.round(v * 100) / 100;
      if (
        summary.frequency[i] !== x || round(summary.recency[i]) !== tx ||
        round(summary.T[i]) !== T || Math.abs(summary.monetary![i] - withSpend[k][4]) > 0.0051
      ) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  test("summarizeTransactions merges same-day orders and splits at the calibration end", () => {
    const s = summarizeTransactions(
      {
        member: ["a", "a", "a", "a", "a", "b", "c"],
        day: [0, 3, 3, 10, 12, 5, 11],
        amount: [5, 1, 2, 4, 6, 9, 7],
      },
      { calibrationEnd: 10, unit: DAY, observationEnd: 20 },
    );
    expect(s.ids).toEqual(["a", "b"]); // c first buys after the calibration end
    expect(Array.from(s.frequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([10, 0]);
    expect(Array.from(s.T)).toEqual([10, 5]);
    expect(Array.from(s.monetary!)).toEqual([3.5, 0]);
    expect(Array.from(s.holdoutFrequency)).toEqual([1, 0]);
    expect(s.holdoutDuration).toBe(10);
  });

  test("summarizeTransactions states times in the unit the caller gives", () => {
    const month = { name: "month", days: 30.4375 };
    const s = summarizeTransactions({ member: [1, 1], day: [0, 61] }, {
      calibrationEnd: dayOf("19700401") - dayOf("19700101"),
      unit: month,
    });
    expect(s.recency[0]).toBeCloseTo(61 / 30.4375, 12);
    expect(s.monetary).toBeNull();
  });

  test("summarizeTransactions names the row of a NaN amount", () => {
    expect(() =>
      summarizeTransactions({ member: [1, 2], day: [0, 1], amount: [3, NaN] }, {
        calibrationEnd: 5,
        unit: DAY,
      })
    ).toThrow("Cannot summarize transactions: amount at row 1 is NaN");
  });
});
