import { describe, expect, test } from "vitest";
import { rootSeed, streamSeed, Xoshiro128 } from "../../../random/mod.ts";
import { fitBgNbd, fitGammaGamma, simulateBgNbd } from "../../../models/clv/mod.ts";

// Ground truth near the CDNOW estimates; 8,000 customers observed 26–39 weeks.
const TRUTH = { r: 0.5, alpha: 6, a: 0.8, b: 2.5, spend: { p: 6, q: 4, gamma: 15 } };

describe("ground-truth recovery (simulation, seed 2024, 8,000 customers)", () => {
  const rng = Xoshiro128.from(streamSeed(rootSeed(2024), 3));
  const data = simulateBgNbd(rng, TRUTH, { customers: 8000, T: (g) => 26 + 13 * g.next() });

  test("fitBgNbd's 95% intervals contain the true r, α, a and b", () => {
    const fit = fitBgNbd(data);
    for (const row of fit.summary()) {
      const truth = TRUTH[row.parameter as "r" | "alpha" | "a" | "b"];
      expect(row.lower).toBeLessThan(truth);
      expect(row.upper).toBeGreaterThan(truth);
    }
  });

  test("fitGammaGamma's 95% intervals contain the true p, q and γ", () => {
    const fit = fitGammaGamma(data);
    for (const row of fit.summary()) {
      const truth = TRUTH.spend[row.parameter as "p" | "q" | "gamma"];
      expect(row.lower).toBeLessThan(truth);
      expect(row.upper).toBeGreaterThan(truth);
    }
  });

  test("fitBgNbd's 95% intervals cover the truth in about 95% of 60 simulated data sets", () => {
    // Seeds streamSeed(rootSeed(99), k), k = 0..59, 2,000 customers each. Measured:
    // r 55, α 56, a 58, b 55 of 60. The bound 52/60 is the 1% lower tail of
    // binomial(60, 0.95), so a real undercoverage would show.
    const cover: Record<string, number> = { r: 0, alpha: 0, a: 0, b: 0 };
    const truth = TRUTH as unknown as Record<string, number>;
    for (let k = 0; k < 60; k++) {
      const rng = Xoshiro128.from(streamSeed(rootSeed(99), k));
      const sample = simulateBgNbd(rng, TRUTH, { customers: 2000, T: (g) => 26 + 13 * g.next() });
      for (const row of fitBgNbd(sample).summary()) {
        if (row.lower < truth[row.parameter] && truth[row.parameter] < row.upper) {
          cover[row.parameter]++;
        }
      }
    }
    for (const name of ["r", "alpha", "a", "b"]) expect(cover[name]).toBeGreaterThanOrEqual(52);
  });

  test("recording times on a daily grid changes the estimates only slightly", () => {
    const exact = fitBgNbd(data);
    const daily = fitBgNbd(
      simulateBgNbd(Xoshiro128.from(streamSeed(rootSeed(2024), 3)), TRUTH, {
        customers: 8000,
        T: (g) => 26 + 13 * g.next(),
        grid: 1 / 7,
      }),
    );
    expect(Math.abs(daily.params.r / exact.params.r - 1)).toBeLessThan(0.05);
  });
});
