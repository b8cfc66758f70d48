import { describe, expect, test } from "vitest";
import {
  binomialBand,
  compareMeans,
  type Look,
  mixingVarianceForHorizon,
  type SampleStats,
  summarizeSample,
  testSequentially,
} from "../../../models/stats/mod.ts";
import { normal, streamSeed, Xoshiro128 } from "../../../random/mod.ts";

describe("testSequentially", () => {
  // Reference: the mSPRT formulas of Johari et al. (2022) evaluated in Python for one look
  // with θ̂ = 0.5, V = 0.02 (two arms of 100 units with variance 1) and
  // ρ² = 0.001587230920347513 (gbstats' tuning for 5,000 units at α = 0.05): r = ρ²N =
  // 0.317446, ln Λ = −½ ln(1 + r) + rθ̂²/(2V(1 + r)) = 1.3681, half-width 0.72124, which
  // equals the Waudby-Smith et al. (2023) asymptotic confidence sequence as gbstats writes
  // it, σ̂·√(2(Nρ² + 1)/(N²ρ²) · ln(√(Nρ² + 1)/α)) with σ̂² = N·V = 4.
  test("matches the normal-mixture likelihood ratio and confidence sequence at one look", () => {
    const arm = (mean: number): SampleStats => ({
      n: 100,
      sum: 100 * mean,
      sumSquares: 100 * mean ** 2 + 99,
    });
    const r = testSequentially([{ control: arm(1), treatment: arm(1.5) }]);
    if (!r.ok) throw new Error(r.message);
    const look = r.looks[0];
    expect(r.mixingVariance).toBeCloseTo(0.001587230920347513, 15);
    expect(look.estimate).toBeCloseTo(0.5, 12);
    expect(look.se).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(look.logLikelihoodRatio).toBeCloseTo(1.3681256268343285, 12);
    expect(look.pValue).toBeCloseTo(Math.exp(-1.3681256268343285), 12);
    expect(look.upper - look.estimate).toBeCloseTo(0.7212432556988847, 12);
    expect(r.stoppedAt).toBeNull();
    // The fixed-horizon test at this single look would reject (z = 3.54).
    const fixed = compareMeans(arm(1), arm(1.5));
    expect(fixed.ok && fixed.pValue < 0.001).toBe(true);
  });

  test("p-values never rise and intervals never widen across looks", () => {
    const rng = new Xoshiro128(3, 1, 4, 1);
    const looks: Look[] = [];
    const c: number[] = [], t: number[] = [];
    for (let day = 0; day < 15; day++) {
      for (let i = 0; i < 50; i++) c.push(normal(rng)), t.push(normal(rng) + 0.05);
      looks.push({ control: summarizeSample(c), treatment: summarizeSample(t) });
    }
    const r = testSequentially(looks);
    if (!r.ok) throw new Error(r.message);
    for (let k = 1; k < r.looks.length; k++) {
      expect(r.looks[k].pValue).toBeLessThanOrEqual(r.looks[k - 1].pValue);
      expect(r.looks[k].lower).toBeGreaterThanOrEqual(r.looks[k - 1].lower);
      expect(r.looks[k].upper).toBeLessThanOrEqual(r.looks[k - 1].upper);
    }
    // Each look's own interval is centred on its estimate and contains the intersection.
    for (const look of r.looks) {
      expect((look.lookLower + look.lookUpper) / 2).toBeCloseTo(look.estimate, 12);
      expect(look.lookLower).toBeLessThanOrEqual(look.lower);
      expect(look.lookUpper).toBeGreaterThanOrEqual(look.upper);
    }
    expect(r.summary()).toHaveLength(15);
  });

  test("fails at the first look that is too small and rejects shrinking counts", () => {
    const one = summarizeSample([1]), two = summarizeSample([1, 2]);
    expect(testSequentially([{ control: one, treatment: two }])).toMatchObject({
      ok: false,
      code: "too-few-units",
    });
    const three = summarizeSample([1, 2, 3]);
    expect(() =>
      testSequentially([{ control: three, treatment: three }, { control: two, treatment: three }])
    ).toThrow(/looks\[1\]\.control\.n is 2, fewer than 3/);
  });

  // Simulation (seed 508): 2,000 A/A replications, 10 daily batches of 100 normal members
  // per arm. A fixed-horizon Welch test read at every look rejects at least once in about
  // 14.2% of replications with 5 equally spaced looks and 19.3% with 10 (Armitage,
  // McPherson & Rowe 1969, Table 2; the 99% binomial band around each), while the mSPRT
  // tuned for the final size stays at or below α = 0.05 (plus the band's upper edge).
  test("peeking inflates the fixed-horizon false-positive rate; the mSPRT stays at α", () => {
    const replications = 2000, days = 10, perDay = 100;
    let peek5 = 0, peek10 = 0, sequential = 0;
    const rho2 = mixingVarianceForHorizon(2 * days * perDay, 0.05);
    for (let rep = 0; rep < replications; rep++) {
      const rng = Xoshiro128.from(streamSeed(new Uint32Array([508, 0, 0, 0]), rep));
      const looks: Look[] = [];
      let c = { n: 0, sum: 0, sumSquares: 0 }, t = { n: 0, sum: 0, sumSquares: 0 };
      for (let day = 0; day < days; day++) {
        for (let i = 0; i < perDay; i++) {
          const x = normal(rng), y = normal(rng);
          c = { n: c.n + 1, sum: c.sum + x, sumSquares: c.sumSquares + x * x };
          t = { n: t.n + 1, sum: t.sum + y, sumSquares: t.sumSquares + y * y };
        }
        looks.push({ control: c, treatment: t });
      }
      const significant = looks.map((look) => {
        const r = compareMeans(look.control, look.treatment);
        if (!r.ok) throw new Error(r.message);
        return r.pValue < 0.05;
      });
      if (significant.some((s) => s)) peek10++;
      if (significant.some((s, k) => s && k % 2 === 1)) peek5++;
      const r = testSequentially(looks, { mixingVariance: rho2 });
      if (!r.ok) throw new Error(r.message);
      if (r.stoppedAt !== null) sequential++;
    }
    const [lo5, hi5] = binomialBand(replications, 0.142);
    expect(peek5 / replications).toBeGreaterThanOrEqual(lo5);
    expect(peek5 / replications).toBeLessThanOrEqual(hi5);
    const [lo10, hi10] = binomialBand(replications, 0.193);
    expect(peek10 / replications).toBeGreaterThanOrEqual(lo10);
    expect(peek10 / replications).toBeLessThanOrEqual(hi10);
    expect(sequential / replications).toBeLessThanOrEqual(binomialBand(replications, 0.05)[1]);
  });

  test("stops early on a real effect", () => {
    const rng = new Xoshiro128(2, 7, 1, 8);
    const looks: Look[] = [];
    const c: number[] = [], t: number[] = [];
    for (let day = 0; day < 20; day++) {
      for (let i = 0; i < 100; i++) c.push(normal(rng)), t.push(normal(rng) + 0.3);
      looks.push({ control: summarizeSample(c), treatment: summarizeSample(t) });
    }
    const r = testSequentially(looks, { mixingVariance: mixingVarianceForHorizon(4000, 0.05) });
    if (!r.ok) throw new Error(r.message);
    expect(r.stoppedAt).not.toBeNull();
    expect(r.stoppedAt!).toBeLessThan(20);
    expect(r.looks[19].lower).toBeGreaterThan(0);
  });
});
