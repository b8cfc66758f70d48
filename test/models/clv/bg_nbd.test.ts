import { describe, expect, test } from "vitest";
import { ConvergenceError, fitBgNbd } from "../../../models/clv/mod.ts";
import { readCdnowSummary } from "./_cdnow.ts";

const cdnow = readCdnowSummary();
const fit = fitBgNbd(cdnow);

describe("fitBgNbd on CDNOW (Fader, Hardie & Lee 2005)", () => {
  test("fitBgNbd reproduces the published parameters and log-likelihood to 3 significant figures", () => {
    // FHL (2005), section 5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    expect(fit.params.r).toBeCloseTo(0.243, 3);
    expect(fit.params.alpha).toBeCloseTo(4.414, 2);
    expect(fit.params.a).toBeCloseTo(0.793, 3);
    expect(fit.params.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(fit.n).toBe(2357);
    expect(fit.model).toBe("BG/NBD");
  });

  test("fitBgNbd standard errors match an independent SciPy computation", () => {
    // SciPy 1.17 / NumPy: central-difference Hessian on the natural scale of an
    // independent NumPy BG/NBD log-likelihood at its Nelder–Mead optimum, inverted:
    // se = 0.012557, 0.37822, 0.18572, 0.70534.
    expect(fit.se.r).toBeCloseTo(0.012557, 4);
    expect(fit.se.alpha).toBeCloseTo(0.37822, 3);
    expect(fit.se.a).toBeCloseTo(0.18572, 3);
    expect(fit.se.b).toBeCloseTo(0.70534, 2);
  });

  test("summary rows hold estimate, se and an interval around the estimate", () => {
    const rows = fit.summary();
    expect(rows.map((r) => r.parameter)).toEqual(["r", "alpha", "a", "b"]);
    for (const row of rows) {
      expect(row.level).toBe(0.95);
      expect(row.lower).toBeLessThan(row.estimate);
      expect(row.upper).toBeGreaterThan(row.estimate);
    }
    expect(Object.isFrozen(fit.params)).toBe(true);
  });

  test("expectedPurchases matches Hardie's BG/NBD spreadsheet", () => {
    // Hardie's BG/NBD Excel sheet (as quoted in lifetimes' tests), 4 decimals.
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(fit.expectedPurchases(t)).toBeCloseTo(expected[i], 3));
  });

  test("expectedPurchases stays accurate over long horizons where 2F1's argument nears 1", () => {
    // SciPy 1.17 scipy.special.hyp2f1 in FHL eq. 9 at the fitted parameters.
    expect(fit.expectedPurchases(1000)).toBeCloseTo(6.573095590344821, 9);
    expect(fit.expectedPurchases(1e5)).toBeCloseTo(29.590147580406317, 9);
  });

  test("conditionalExpectedPurchases matches Hardie's sheet for customer 1", () => {
    // x = 2, t_x = 30.43, T = 38.86, next 39 weeks: 1.226 (FHL 2005, section 5).
    expect(fit.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  test("a customer with no history is forecast like a new customer", () => {
    for (const t of [1, 10, 39, 200]) {
      expect(fit.conditionalExpectedPurchases(t, 0, 0, 0)).toBeCloseTo(
        fit.expectedPurchases(t),
        10,
      );
    }
  });

  test("probabilityOfPurchases sums to 1 and its mean is expectedPurchases", () => {
    let total = 0, mean = 0;
    for (let n = 0; n < 300; n++) {
      const p = fit.probabilityOfPurchases(n, 39);
      total += p;
      mean += n * p;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(mean).toBeCloseTo(fit.expectedPurchases(39), 8);
  });

  test("probabilityAlive is 1 without repeat purchases and falls with time since the last", () => {
    expect(fit.probabilityAlive(0, 0, 38)).toBe(1);
    let previous = 1;
    for (const T of [10, 20, 30, 40]) {
      const p = fit.probabilityAlive(3, 10, T);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
  });
});

describe("fitBgNbd input checks", () => {
  test("fitBgNbd refuses data where every frequency is 0", () => {
    expect(() => fitBgNbd({ frequency: [0, 0, 0], recency: [0, 0, 0], T: [5, 6, 7] }))
      .toThrow("Cannot fit BG/NBD: every customer has frequency 0");
  });
  test("fitBgNbd refuses a single customer", () => {
    expect(() => fitBgNbd({ frequency: [2], recency: [3], T: [5] }))
      .toThrow("needs at least 2 customers");
  });
  test("fitBgNbd names a NaN or inconsistent row", () => {
    expect(() => fitBgNbd({ frequency: [1, 2], recency: [NaN, 1], T: [5, 6] }))
      .toThrow("recency at row 0 is NaN");
    expect(() => fitBgNbd({ frequency: [1, 2], recency: [1, 9], T: [5, 6] }))
      .toThrow("recency at row 1 is 9; expected a number in [0, T = 6]");
  });
  test("fitBgNbd throws a ConvergenceError when a small sample cannot identify the parameters", () => {
    // Eight customers: the drop-out parameters run off to the boundary.
    expect(() =>
      fitBgNbd({
        frequency: [0, 1, 2, 0, 5, 1, 0, 3],
        recency: [0, 10, 20, 0, 30, 4, 0, 25],
        T: [40, 38, 36, 30, 39, 20, 35, 33],
      })
    ).toThrow(ConvergenceError);
  });
  test("weights give the same fit as repeated rows", () => {
    const weighted = fitBgNbd({
      frequency: [0, 1, 3, 2],
      recency: [0, 4, 20, 8],
      T: [30, 30, 30, 25],
      weights: [5, 3, 2, 2],
    });
    const repeated = fitBgNbd({
      frequency: [0, 0, 0, 0, 0, 1, 1, 1, 3, 3, 2, 2],
      recency: [0, 0, 0, 0, 0, 4, 4, 4, 20, 20, 8, 8],
      T: [30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 25, 25],
    });
    expect(weighted.logLikelihood).toBeCloseTo(repeated.logLikelihood, 8);
    expect(weighted.n).toBe(12);
  });
});
