import { describe, expect, test } from "vitest";
import { calibrateScenario, trackRepeatPurchases, validateHoldout } from "../../calibration/mod.ts";
import { WEEK } from "../../models/clv/mod.ts";
import { CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, cdnowOrders } from "./_cdnow.ts";

const orders = cdnowOrders();
const split = { calibrationEnd: CDNOW_CALIBRATION_END, observationEnd: CDNOW_OBSERVATION_END };
const { scenario } = calibrateScenario(orders, { calibrationEnd: CDNOW_CALIBRATION_END });
// 40 replications, seeds 1.1 .. 1.40: about 0.3 s.
const result = await validateHoldout(scenario, orders, { ...split, replications: 40 });

describe("validateHoldout: the CDNOW scenario against CDNOW's holdout (weeks 40–78)", () => {
  test("tracks the 78 weeks: 2,457 repeat purchases by week 39, 4,339 by week 78", () => {
    const rows = result.tracking.rows;
    expect(rows.length).toBe(78);
    expect(rows[38]).toMatchObject({ period: 39, lastDay: 272, holdout: false, actual: 2457 });
    expect(rows[39].holdout).toBe(true);
    expect(rows[77]).toMatchObject({ period: 78, lastDay: 545, actual: 4339 });
    expect(result.holdoutPeriods).toBe(39);
    expect(result.holdoutLength).toBe(39);
    expect(result.tracking.replications).toBe(40);
  });

  test("the expected column is BG/NBD's closed form fitted to the calibration period", () => {
    const closed = trackRepeatPurchases(orders, result.model, { ...split, unit: WEEK });
    closed.rows.forEach((row, i) => expect(result.tracking.rows[i].expected).toBe(row.expected));
    expect(result.model.params.r).toBeCloseTo(0.243, 3);
  });

  test("the simulated mean follows BG/NBD's closed form within 3% from week 13 on", () => {
    // Purchase days are daily coins in the simulator, which loses about λ/2 of a Poisson
    // count per day (below 1% here); the rest is the spread of 40 replications.
    for (const row of result.tracking.rows.slice(12)) {
      expect(Math.abs(row.simulated! / row.expected! - 1)).toBeLessThan(0.03);
      expect(row.lower!).toBeLessThanOrEqual(row.simulated!);
      expect(row.upper!).toBeGreaterThanOrEqual(row.simulated!);
    }
  });

  test("CDNOW's cumulative repeat purchases stay inside the 95% band in the holdout", () => {
    // Measured: 39 of 39 weeks; the band covers a fresh cohort's spread.
    expect(result.periodsInBand).toBeGreaterThanOrEqual(35);
    expect(result.mape.simulated).toBeLessThan(0.05);
    expect(result.mape.expected).toBeLessThan(0.05);
  });

  test("holdout purchases: 1,882 actual, BG/NBD's conditional expectations summed", () => {
    const h = result.holdoutPurchases;
    expect(h.actual).toBe(1882);
    let sum = 0;
    result.members.expected.forEach((v) => sum += v);
    expect(h.expected).toBeCloseTo(sum, 8);
    expect(h.lower).toBeLessThanOrEqual(h.simulated);
    expect(h.simulated).toBeLessThanOrEqual(h.upper);
    expect(result.cohort).toEqual({ actual: 2357, simulated: 2357 });
  });

  test("conditional rows group the 2,357 members by calibration frequency 0..6 and 7+", () => {
    const rows = result.conditional;
    expect(rows.map((r) => r.frequency)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(rows.reduce((s, r) => s + r.members, 0)).toBe(2357);
    expect(rows[0].members).toBe(1411);
    expect(rows[0].actual).toBeCloseTo(334 / 1411, 12);
    // Means rise with past frequency, in the log, the model and the simulations.
    for (let g = 1; g < rows.length; g++) {
      expect(rows[g].expected).toBeGreaterThan(rows[g - 1].expected);
      expect(rows[g].simulated).toBeGreaterThan(rows[g - 1].simulated);
    }
    expect(rows[7].simulated).toBeGreaterThan(4);
  });

  test("per-member rows hold the history, P(alive), the forecast and the holdout count", () => {
    const m = result.members;
    expect(m.ids.length).toBe(2357);
    const first = m.ids.indexOf(1); // sample id 0001: x = 2, t_x = 30.43, T = 38.86 weeks
    expect(m.frequency[first]).toBe(2);
    expect(m.expected[first]).toBeCloseTo(1.226, 2); // Hardie's sheet, 39 weeks ahead
    for (const p of m.alive) expect(p >= 0 && p <= 1).toBe(true);
  });

  test("the same seed gives the same replications", async () => {
    const again = await validateHoldout(scenario, orders, { ...split, replications: 3, seed: 5 });
    const twice = await validateHoldout(scenario, orders, { ...split, replications: 3, seed: 5 });
    expect(twice.tracking.rows).toEqual(again.tracking.rows);
    expect(again.seed).toBe(5);
  });

  test("validateHoldout needs a holdout after the calibration end", async () => {
    await expect(validateHoldout(scenario, orders, { calibrationEnd: 272, observationEnd: 272 }))
      .rejects.toThrow("Cannot validate: observationEnd is 272; expected a whole day after the");
    await expect(validateHoldout(scenario, orders, { ...split, replications: 0 }))
      .rejects.toThrow("Cannot validate: replications is 0");
  });
});
