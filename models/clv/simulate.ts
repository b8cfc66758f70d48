/**
 * Draws customer histories from known BG/NBD and Gamma-Gamma parameters, for
 * ground-truth recovery tests and benchmarks: per customer a purchase rate
 * λ ~ gamma(r, α), a drop-out probability p ~ beta(a, b), exponential
 * inter-purchase times, a drop-out chance p after each repeat purchase, and
 * transaction values gamma(p, ν) with ν ~ gamma(q, γ).
 *
 * @module
 */
import { beta, exponential, gamma, type Rng } from "../../random/mod.ts";

/** True parameters to simulate from. */
export interface BgNbdTruth {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
  /** Gamma-Gamma spend parameters; omit for counts only. */
  readonly spend?: { readonly p: number; readonly q: number; readonly gamma: number };
}

/** Options of {@link simulateBgNbd}. */
export interface SimulateBgNbdOptions {
  /** Number of customers. */
  readonly customers: number;
  /** Observation length T of each customer, or a function drawing it. */
  readonly T: number | ((rng: Rng) => number);
  /** Record times on a grid of this step (e.g. 1/7 week for daily logs); 0 = exact. */
  readonly grid?: number;
}

/** Simulated recency/frequency/monetary data. */
export interface SimulatedCustomers {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Mean repeat-transaction value (0 when x = 0); all 0 without spend parameters. */
  readonly monetary: Float64Array;
}

/**
 * Simulates BG/NBD customers (and Gamma-Gamma spend) from known parameters.
 *
 * @example
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { simulateBgNbd } from "./simulate.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const s = simulateBgNbd(rng, { r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, { customers: 10, T: 39 });
 * if (s.frequency.length !== 10) throw new Error("unexpected");
 * ```
 */
export function simulateBgNbd(
  rng: Rng,
  truth: BgNbdTruth,
  options: SimulateBgNbdOptions,
): SimulatedCustomers {
  const { customers, grid = 0 } = options;
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const T = new Float64Array(customers);
  const monetary = new Float64Array(customers);
  const snap = (t: number) => grid > 0 ? Math.floor(t / grid) * grid : t;
  for (let i = 0; i < customers; i++) {
    const length = snap(typeof options.T === "number" ? options.T : options.T(rng));
    const rate = gamma(rng, truth.r) / truth.alpha;
    const dropOut = beta(rng, truth.a, truth.b);
    let t = 0, x = 0, last = 0;
    for (;;) {
      t += exponential(rng) / rate;
      if (!(t <= length)) break;
      x++;
      last = t;
      if (rng.next() < dropOut) break;
    }
    frequency[i] = x;
    recency[i] = x > 0 ? snap(last) : 0;
    T[i] = length;
    if (truth.spend !== undefined && x > 0) {
      const scale = gamma(rng, truth.spend.q) / truth.spend.gamma;
      let sum = 0;
      for (let k = 0; k < x; k++) sum += gamma(rng, truth.spend.p) / scale;
      monetary[i] = sum / x;
    }
  }
  return { frequency, recency, T, monetary };
}
