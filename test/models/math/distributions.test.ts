import { describe, expect, test } from "vitest";
import {
  betaIncomplete,
  chiSquareSf,
  digamma,
  gammaP,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "../../../models/math/mod.ts";

// Reference values from SciPy 1.17 (scipy.special / scipy.stats), which agree with R's.
describe("special functions", () => {
  test("logGamma matches gammaln", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 13);
    expect(logGamma(10.3)).toBeCloseTo(13.482036786138359, 12);
    expect(logGamma(1e-3)).toBeCloseTo(6.907178885383853, 12);
  });
  test("digamma matches digamma", () => {
    expect(digamma(0.3)).toBeCloseTo(-3.502524222200133, 12);
    expect(digamma(12.5)).toBeCloseTo(2.4851956512749123, 12);
  });
  test("incomplete gamma and beta match gammainc and betainc", () => {
    expect(gammaP(2.5, 1.7)).toBeCloseTo(0.36143007689620493, 13);
    expect(betaIncomplete(0.4, 2.5, 3.5)).toBeCloseTo(0.4869041915261176, 12);
  });
});

describe("distribution functions", () => {
  test("normalCdf and normalQuantile are inverse and match SciPy", () => {
    expect(normalCdf(-2.5)).toBeCloseTo(0.006209665325776132, 15);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    for (const p of [1e-10, 0.01, 0.3, 0.5, 0.77, 0.999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
    }
  });
  test("studentT matches SciPy t", () => {
    expect(studentTCdf(-2.1, 7.5)).toBeCloseTo(0.035618535729039044, 12);
    expect(studentTQuantile(0.95, 3)).toBeCloseTo(2.353363434801823, 9);
  });
  test("studentTQuantile inverts studentTCdf from one degree of freedom to Welch-sized ones", () => {
    // Closed forms: df = 1 is Cauchy, tan(π(p − ½)); df = 2 is (2p − 1)·√(2 / (4p(1 − p))).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(Math.tan(Math.PI * 0.475), 9);
    expect(studentTQuantile(0.995, 2)).toBeCloseTo(0.99 * Math.sqrt(2 / (4 * 0.995 * 0.005)), 10);
    for (const df of [1.5, 7.3, 30, 1e3, 5e4]) {
      for (const p of [0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.9995]) {
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 11);
      }
    }
  });
  test("studentTQuantile at 10⁵ degrees of freedom and more follows the expansion in 1/df", () => {
    // The CDF itself is good to about 1e-10 there; the quantile tends to the normal one.
    for (const p of [0.025, 0.3, 0.975]) {
      expect(studentTCdf(studentTQuantile(p, 2e5), 2e5)).toBeCloseTo(p, 9);
      expect(studentTQuantile(p, 1e16)).toBeCloseTo(normalQuantile(p), 14);
    }
    // Both sides of the switch agree.
    expect(studentTQuantile(0.975, 1e5)).toBeCloseTo(studentTQuantile(0.975, 99999), 9);
    expect(studentTQuantile(0.975, 0)).toBeNaN();
    expect(studentTQuantile(0.975, Number.NaN)).toBeNaN();
  });
  test("chiSquareSf matches SciPy chi2.sf", () => {
    expect(chiSquareSf(10, 3)).toBeCloseTo(0.01856613546304325, 13);
    expect(chiSquareSf(0.5, 1)).toBeCloseTo(0.4795001221869535, 13);
  });
});
