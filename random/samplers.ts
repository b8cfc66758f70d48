/**
 * Samplers for the distributions the simulator and the statistics draw from. Each
 * takes the generator first, so randomness is always passed in.
 *
 * @module
 */
import type { Rng } from "./xoshiro.ts";

/**
 * Standard normal draw (Marsaglia's polar method).
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { normal } from "./samplers.ts";
 * const z = normal(new Xoshiro128(1, 2, 3, 4));
 * if (!Number.isFinite(z)) throw new Error("not finite");
 * ```
 */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.next() - 1;
    const v = 2 * rng.next() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt(-2 * Math.log(s) / s);
  }
}

/**
 * Exponential(1) draw, never infinite.
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { exponential } from "./samplers.ts";
 * if (exponential(new Xoshiro128(1, 2, 3, 4)) < 0) throw new Error("negative");
 * ```
 */
export function exponential(rng: Rng): number {
  return -Math.log((rng.nextUint32() + 0.5) / 4294967296);
}

/**
 * Gamma(shape, scale = 1) draw (Marsaglia & Tsang 2000; shape < 1 by boosting).
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { gamma } from "./samplers.ts";
 * if (gamma(new Xoshiro128(1, 2, 3, 4), 0.5) <= 0) throw new Error("not positive");
 * ```
 */
export function gamma(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`Cannot draw gamma: shape must be > 0, got ${shape}`);
  if (shape < 1) {
    const u = (rng.nextUint32() + 0.5) / 4294967296;
    return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number, v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Beta(a, b) draw.
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { beta } from "./samplers.ts";
 * const p = beta(new Xoshiro128(1, 2, 3, 4), 2, 3);
 * if (p <= 0 || p >= 1) throw new Error("out of range");
 * ```
 */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
}

/**
 * Poisson(mean) draw: inversion for small means, the PTRS transformed-rejection
 * method (Hörmann 1993) from mean 10 up.
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { poisson } from "./samplers.ts";
 * if (poisson(new Xoshiro128(1, 2, 3, 4), 0) !== 0) throw new Error("mean 0 must give 0");
 * ```
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0)) throw new RangeError(`Cannot draw Poisson: mean must be ≥ 0, got ${mean}`);
  if (mean === 0) return 0;
  if (mean < 10) {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = rng.next();
    while (u > cdf && p > 0) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
        -mean + k * loglam - logFactorial(k)
    ) return k;
  }
}

function logFactorial(k: number): number {
  let s = 0;
  if (k < 64) {
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  // Stirling series, accurate to ~1e-12 for k ≥ 64.
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) -
    1 / (360 * x * x * x);
}
