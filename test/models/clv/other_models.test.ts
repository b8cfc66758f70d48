import { describe, expect, test } from "vitest";
import {
  fitBgBb,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  fitSbg,
} from "../../../models/clv/mod.ts";
import { readCdnowSummary, readCsv } from "./_cdnow.ts";

const cdnow = readCdnowSummary();

describe("fitParetoNbd on CDNOW", () => {
  const fit = fitParetoNbd(cdnow);
  test("fitParetoNbd reproduces Fader, Hardie & Lee's estimates to 3 significant figures", () => {
    // FHL (2005) Pareto/NBD note: r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
    expect(fit.params.r).toBeCloseTo(0.553, 3);
    expect(fit.params.alpha).toBeCloseTo(10.58, 1);
    expect(fit.params.s).toBeCloseTo(0.606, 3);
    expect(fit.params.beta).toBeCloseTo(11.67, 1);
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 1);
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
  test("MBG/NBD does not assume customers without repeat purchases are alive", () => {
    expect(fit.probabilityAlive(0, 0, 38)).toBeLessThan(1);
  });
});

describe("fitGammaGamma on CDNOW", () => {
  const rows = readCsv("cdnow/cdnow_customers_summary_with_transactions.csv");
  const fit = fitGammaGamma({ frequency: rows.map((r) => r[1]), monetary: rows.map((r) => r[4]) });
  test("fitGammaGamma reproduces Fader & Hardie's p, q, γ", () => {
    // Fader & Hardie (2013), "The Gamma-Gamma model of monetary value": 6.25, 3.74, 15.44.
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    expect(fit.n).toBe(946);
  });
  test("expectedSpend shrinks a customer's mean towards the population mean", () => {
    const mean = fit.populationMeanSpend;
    const high = fit.expectedSpend(2, 3 * mean);
    expect(high).toBeGreaterThan(mean);
    expect(high).toBeLessThan(3 * mean);
    expect(fit.expectedSpend(50, 3 * mean)).toBeGreaterThan(high);
  });
  test("fitGammaGamma names a NaN amount", () => {
    expect(() => fitGammaGamma({ frequency: [1, 2, 1], monetary: [3, NaN, 4] }))
      .toThrow("Cannot fit Gamma-Gamma: monetary at row 1 is NaN");
  });
});

describe("fitSbg (Fader & Hardie 2007)", () => {
  test("fitSbg reproduces the regular and high-end estimates", () => {
    const regular = fitSbg([1000, 631, 468, 382, 326, 289, 262, 241]);
    expect(regular.params.alpha).toBeCloseTo(0.704, 3);
    expect(regular.params.beta).toBeCloseTo(1.182, 3);
    const highEnd = fitSbg([1000, 869, 743, 653, 593, 551, 517, 491]);
    expect(highEnd.params.alpha).toBeCloseTo(0.668, 3);
    expect(highEnd.params.beta).toBeCloseTo(3.806, 2);
  });
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
  test("fitBgBb reproduces the published estimates", () => {
    expect(fit.params.alpha).toBeCloseTo(1.204, 3);
    expect(fit.params.beta).toBeCloseTo(0.750, 3);
    expect(fit.params.gamma).toBeCloseTo(0.657, 3);
    expect(fit.params.delta).toBeCloseTo(2.783, 2);
    expect(fit.n).toBe(11104);
  });
  test("BG/BB P(X(n) = x) sums to 1 with mean E[X(n)]", () => {
    let total = 0, mean = 0;
    for (let x = 0; x <= 6; x++) {
      const p = fit.probabilityOfPurchases(x, 6);
      total += p;
      mean += x * p;
    }
    expect(total).toBeCloseTo(1, 12);
    expect(mean).toBeCloseTo(fit.expectedPurchases(6), 10);
  });
  test("BG/BB conditional expectation of a new donor equals the unconditional one", () => {
    // With no opportunities yet (n = 0) the history carries no information.
    expect(fit.conditionalExpectedPurchases(5, 0, 0, 0)).toBeCloseTo(fit.expectedPurchases(5), 10);
  });
});
