import { describe, expect, test } from "vitest";
import { computeClv, fitBgNbd, fitGammaGamma } from "../../../models/clv/mod.ts";
import { readCsv } from "./_cdnow.ts";

const rows = readCsv("cdnow/cdnow_customers_summary_with_transactions.csv");
const customers = {
  frequency: rows.map((r) => r[1]),
  recency: rows.map((r) => r[2]),
  T: rows.map((r) => r[3]),
  monetary: rows.map((r) => r[4]),
};
const purchases = fitBgNbd(customers);
const spend = fitGammaGamma(customers);

describe("computeClv", () => {
  test("computeClv without discounting is expected purchases times expected spend", () => {
    const clv = computeClv(purchases, spend, customers, {
      horizon: 52,
      period: 4,
      discountRate: 0,
    });
    for (const i of [0, 1, 5, 100]) {
      const expected = spend.expectedSpend(customers.frequency[i], customers.monetary[i]) *
        purchases.conditionalExpectedPurchases(
          52,
          customers.frequency[i],
          customers.recency[i],
          customers.T[i],
        );
      expect(clv[i]).toBeCloseTo(expected, 9);
    }
  });

  test("computeClv falls as the discount rate rises", () => {
    const low = computeClv(purchases, spend, customers, {
      horizon: 52,
      period: 4,
      discountRate: 0.01,
    });
    const high = computeClv(purchases, spend, customers, {
      horizon: 52,
      period: 4,
      discountRate: 0.05,
    });
    for (let i = 0; i < 50; i++) expect(high[i]).toBeLessThanOrEqual(low[i]);
  });

  test("computeClv refuses a horizon that is not a whole number of periods", () => {
    expect(() =>
      computeClv(purchases, spend, customers, { horizon: 10, period: 4, discountRate: 0 })
    )
      .toThrow("horizon 10 is not a whole number (≥ 1) of periods of 4");
  });
});
