import { describe, expect, test } from "vitest";
import { ConvergenceError, fitBgNbd, simulateBgNbd } from "../../../models/clv/mod.ts";
import { rootSeed, streamSeed, Xoshiro128 } from "../../../random/mod.ts";
import { readCdnowSummary } from "./_cdnow.ts";
import { countMoments, near } from "./_checks.ts";

const cdnow = readCdnowSummary();
const fit = fitBgNbd(cdnow);

describe("fitBgNbd on CDNOW (Fader, Hardie & Lee 2005)", () => {
  test("fitBgNbd records the model, the customers and the unit of the data", () => {
    // The published estimates are checked in published.test.ts.
    expect(fit.n).toBe(2357);
    expect(fit.model).toBe("BG/NBD");
    expect(fit.unit).toBeNull(); // plain arrays state no unit; a CustomerSummary does
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
    near(fit.expectedPurchases(1000), 6.573095590344821);
    near(fit.expectedPurchases(1e5), 29.590147580406317);
  });

  test("conditionalExpectedPurchases matches Hardie's sheet for customer 1", () => {
    // x = 2, t_x = 30.43, T = 38.86, next 39 weeks: 1.226 (FHL 2005, section 5).
    expect(fit.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  test("conditionalExpectedPurchases stays finite for customers with thousands of purchases", () => {
    // mpmath 1.3.0 (30 digits) of FHL eq. 10 in its original form at the fitted
    // parameters, t = 39, t_x = 38.5, T = 39.
    near(fit.conditionalExpectedPurchases(39, 2, 38.5, 39), 1.35958362062133);
    near(fit.conditionalExpectedPurchases(39, 100, 38.5, 39), 67.3136882034497);
    near(fit.conditionalExpectedPurchases(39, 2000, 38.5, 39), 0.000299469073363295);
  });

  test("a customer with no history is forecast like a new customer", () => {
    for (const t of [1, 10, 39, 200]) {
      expect(fit.conditionalExpectedPurchases(t, 0, 0, 0)).toBeCloseTo(
        fit.expectedPurchases(t),
        10,
      );
    }
  });

  test("probabilityOfPurchases refuses a count that is not a whole number", () => {
    expect(() => fit.probabilityOfPurchases(1.5, 39)).toThrow(
      "Cannot compute BG/NBD P(X(t) = n): n is 1.5; expected an integer ≥ 0",
    );
    expect(fit.probabilityOfPurchases(0, 0)).toBe(1);
  });

  test("probabilityOfPurchases sums to 1 and its mean is expectedPurchases", () => {
    const { total, mean } = countMoments(fit, 39, 299);
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
  test("fitBgNbd names the parameter that runs off when every customer buys alike", () => {
    // Identical purchase rates: r and α grow without bound along a flat ridge.
    expect(() => fitBgNbd({ frequency: [1, 1, 1, 1], recency: [1, 2, 3, 4], T: [5, 5, 5, 5] }))
      .toThrow(/Cannot fit BG\/NBD: r is not identified by these data/);
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
    // CDNOW's rows grouped by (x, t_x, T) with a count each, against the rows themselves.
    const counts = new Map<string, number>();
    cdnow.frequency.forEach((x, i) => {
      const key = `${x},${cdnow.recency[i]},${cdnow.T[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    const rows = [...counts.keys()].map((key) => key.split(",").map(Number));
    const weighted = fitBgNbd({
      frequency: rows.map((r) => r[0]),
      recency: rows.map((r) => r[1]),
      T: rows.map((r) => r[2]),
      weights: [...counts.values()],
    });
    expect(rows.length).toBeLessThan(2357);
    expect(weighted.logLikelihood).toBeCloseTo(fit.logLikelihood, 8);
    expect(weighted.params.r).toBeCloseTo(fit.params.r, 6);
    expect(weighted.n).toBe(2357);
  });

  test("many distinct histories (exact times): the subsample start reaches the spread starts' optimum", () => {
    // 22,000 customers with times to the last digit: every history is its own row, so the
    // fit starts from a subsample's optimum and reads log(α + T) per row.
    const rng = Xoshiro128.from(streamSeed(rootSeed(11), 0));
    const data = simulateBgNbd(rng, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, {
      customers: 22_000,
      T: (g) => 26 + 13 * g.next(),
    });
    const fast = fitBgNbd(data);
    const spread = fitBgNbd(data, { starts: [[1, 8, 1, 1], [0.3, 3, 0.5, 3]] });
    expect(fast.logLikelihood).toBeCloseTo(spread.logLikelihood, 6);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fast.params[name] / spread.params[name] - 1)).toBeLessThan(1e-5);
    }
  });

  test("repeated rows and weights give the same likelihood when every history is distinct", () => {
    const rng = Xoshiro128.from(streamSeed(rootSeed(12), 0));
    const data = simulateBgNbd(rng, { r: 0.5, alpha: 6, a: 0.8, b: 2.5 }, {
      customers: 3000,
      T: (g) => 26 + 13 * g.next(),
    });
    const twice = (v: Float64Array) => Float64Array.from([...v, ...v]);
    const repeated = fitBgNbd({
      frequency: twice(data.frequency),
      recency: twice(data.recency),
      T: twice(data.T),
    });
    const weighted = fitBgNbd({ ...data, weights: new Float64Array(3000).fill(2) });
    expect(repeated.n).toBe(6000);
    expect(repeated.logLikelihood).toBeCloseTo(weighted.logLikelihood, 6);
  });
});
