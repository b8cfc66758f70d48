import { describe, expect, test } from "vitest";
import {
  ConvergenceError,
  fitBgBb,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
} from "../../../models/clv/mod.ts";
import { readCdnowSummary, readCsv } from "./_cdnow.ts";
import { countMoments, near } from "./_checks.ts";

const cdnow = readCdnowSummary();

describe("fitParetoNbd on CDNOW", () => {
  const fit = fitParetoNbd(cdnow);
  test("Pareto/NBD P(X(t) = x) matches quadrature of its defining integral", () => {
    // mpmath 1.3.0 (30 digits): NBD·(β/(β+t))^s + ∫₀ᵗ NBD(x; τ)·s β^s/(β+τ)^(s+1) dτ
    // at the fitted parameters (the published estimates are in published.test.ts).
    const cases: [number, number, number][] = [
      [0, 39, 0.593532750602168],
      [1, 39, 0.165584815124975],
      [3, 10, 0.0227026919468962],
      [5, 78, 0.0252551500689390],
      [10, 200, 0.00938308093892959],
      [2, 0.5, 0.000839119141548484],
    ];
    for (const [x, t, expected] of cases) {
      near(fit.probabilityOfPurchases(x, t), expected);
    }
  });
  test("Pareto/NBD P(X(t) = x) sums to 1 with mean E[X(t)]", () => {
    const { total, mean } = countMoments(fit, 39, 399);
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(fit.expectedPurchases(39), 9);
  });
  test("a Pareto/NBD customer with no history is forecast like a new customer", () => {
    for (const t of [1, 39, 78]) {
      expect(fit.conditionalExpectedPurchases(t, 0, 0, 0)).toBeCloseTo(
        fit.expectedPurchases(t),
        10,
      );
    }
  });
  test("Pareto/NBD P(alive) lies in (0, 1] and is highest right after a purchase", () => {
    const recent = fit.probabilityAlive(4, 38, 38.5);
    const old = fit.probabilityAlive(4, 5, 38.5);
    expect(recent).toBeLessThanOrEqual(1);
    expect(old).toBeGreaterThan(0);
    expect(recent).toBeGreaterThan(old);
  });
});

describe("fitMbgNbd on CDNOW", () => {
  const fit = fitMbgNbd(cdnow);
  test("fitMbgNbd reproduces the BTYDplus estimates quoted by lifetimes", () => {
    // lifetimes test suite, test_params_out_is_close_to_BTYDplus: 0.525, 6.183, 0.891, 1.614.
    expect(fit.params.r).toBeCloseTo(0.525, 3);
    expect(fit.params.alpha).toBeCloseTo(6.183, 2);
    expect(fit.params.a).toBeCloseTo(0.891, 3);
    expect(fit.params.b).toBeCloseTo(1.614, 2);
  });
  test("MBG/NBD conditional expectation is near Hardie's sheet value for customer 1", () => {
    // lifetimes: within 0.05 of the BG/NBD sheet value 1.226 (x = 2, t_x = 30.43, T = 38.86).
    expect(Math.abs(fit.conditionalExpectedPurchases(39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(
      0.05,
    );
    expect(fit.conditionalExpectedPurchases(39, 0, 0, 0)).toBeCloseTo(
      fit.expectedPurchases(39),
      10,
    );
  });
  test("MBG/NBD P(X(t) = x) matches mpmath and has mean E[X(t)]", () => {
    // mpmath 1.3.0 (30 digits) of B(a,b+x+1)/B(a,b)·NBD(x) + B(a+1,b+x)/B(a,b)·P(NBD ≥ x).
    near(fit.probabilityOfPurchases(0, 39), 0.582605537833563);
    near(fit.probabilityOfPurchases(1, 39), 0.182763396686701);
    near(fit.probabilityOfPurchases(5, 78), 0.0250670185119555);
    const { total, mean } = countMoments(fit, 39, 399);
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(fit.expectedPurchases(39), 9);
  });
  test("MBG/NBD conditional expectation stays finite for thousands of purchases", () => {
    // mpmath 1.3.0 of the lifetimes form at t = 39, t_x = 38.5, T = 39.
    near(fit.conditionalExpectedPurchases(39, 100, 38.5, 39), 63.3046229426627);
    near(fit.conditionalExpectedPurchases(39, 2000, 38.5, 39), 0.000621295333923121);
  });
  test("MBG/NBD does not assume customers without repeat purchases are alive", () => {
    expect(fit.probabilityAlive(0, 0, 38)).toBeLessThan(1);
  });
});

describe("fitGammaGamma on CDNOW", () => {
  const rows = readCsv("cdnow/cdnow_customers_summary_with_transactions.csv");
  const fit = fitGammaGamma({ frequency: rows.map((r) => r[1]), monetary: rows.map((r) => r[4]) });
  test("expectedSpend shrinks a customer's mean towards the population mean", () => {
    const mean = fit.populationMeanSpend;
    const high = fit.expectedSpend(2, 3 * mean);
    expect(high).toBeGreaterThan(mean);
    expect(high).toBeLessThan(3 * mean);
    expect(fit.expectedSpend(50, 3 * mean)).toBeGreaterThan(high);
  });
  test("fitGammaGamma refuses spend that does not vary between customers", () => {
    expect(() => fitGammaGamma({ frequency: [1, 2, 3], monetary: [10, 10, 10] }))
      .toThrow("Cannot fit Gamma-Gamma: every customer's mean repeat spend is 10");
  });
  test("fitGammaGamma names q when two customers cannot bound it", () => {
    expect(() => fitGammaGamma({ frequency: [1, 2], monetary: [10, 20] }))
      .toThrow(ConvergenceError);
    expect(() => fitGammaGamma({ frequency: [1, 2], monetary: [10, 20] }))
      .toThrow("Cannot fit Gamma-Gamma: q is not identified by these data");
  });
  test("fitGammaGamma names a NaN amount", () => {
    expect(() => fitGammaGamma({ frequency: [1, 2, 1], monetary: [3, NaN, 4] }))
      .toThrow("Cannot fit Gamma-Gamma: monetary at row 1 is NaN");
  });
});

describe("fitSbg (Fader & Hardie 2007)", () => {
  test("sBG survival never rises and retention rates rise with tenure", () => {
    const fit = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
    for (let t = 1; t < 20; t++) {
      expect(fit.survival(t)).toBeLessThanOrEqual(fit.survival(t - 1));
      if (t > 1) expect(fit.retentionRate(t)).toBeGreaterThan(fit.retentionRate(t - 1));
    }
    expect(fit.survival(7) * 1000).toBeCloseTo(241, -1);
  });
  test("discounted expected lifetimes equal their direct sums", () => {
    const fit = fitSbg([1000, 869, 743, 653, 593, 551, 517, 491]);
    const d = 0.1;
    let del = 0, derl = 0;
    for (let t = 0; t < 2000; t++) {
      del += fit.survival(t) / (1 + d) ** t;
      // Residual lifetime after 4 renewals: S(t + 5)/S(4), first payment one period ahead.
      if (t >= 1) derl += fit.survival(t + 4) / fit.survival(4) / (1 + d) ** (t - 1);
    }
    expect(fit.discountedExpectedLifetime(d)).toBeCloseTo(del, 6);
    expect(fit.discountedExpectedResidualLifetime(4, d)).toBeCloseTo(derl, 6);
  });
  test("fitSbg refuses rising counts", () => {
    expect(() => fitSbg([100, 80, 90])).toThrow("survivors at period 2 is 90");
  });
});

describe("fitBgBb on donations (Fader, Hardie & Shang 2010)", () => {
  const rows = readCsv("donations_bgbb/donations.csv");
  const fit = fitBgBb({
    frequency: rows.map((r) => r[0]),
    recency: rows.map((r) => r[1]),
    periods: rows.map((r) => r[2]),
    weights: rows.map((r) => r[3]),
  });
  test("BG/BB P(X(n) = x) sums to 1 with mean E[X(n)]", () => {
    const { total, mean } = countMoments(fit, 6, 6);
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(fit.expectedPurchases(6), 10);
  });
  test("BG/BB conditional expectation of a new donor equals the unconditional one", () => {
    // With no opportunities yet (n = 0) the history carries no information.
    expect(fit.conditionalExpectedPurchases(5, 0, 0, 0)).toBeCloseTo(fit.expectedPurchases(5), 10);
  });
});
