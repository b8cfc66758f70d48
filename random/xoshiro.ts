/**
 * xoshiro128** — a small, fast, seedable 32-bit generator (Blackman & Vigna 2018).
 *
 * One generator per stream; seed it from {@link streamSeed} so that streams derived
 * from the same root and keys are identical on every machine and in every worker.
 *
 * @module
 */

/** Generator interface every sampler in this project takes. */
export interface Rng {
  /** A uniform draw in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

/**
 * xoshiro128** generator.
 *
 * @example Two generators with the same seed agree
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * const a = new Xoshiro128(1, 2, 3, 4);
 * const b = new Xoshiro128(1, 2, 3, 4);
 * if (a.next() !== b.next()) throw new Error("streams differ");
 * ```
 */
export class Xoshiro128 implements Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Creates a generator from four 32-bit words, not all zero. */
  constructor(a: number, b: number, c: number, d: number) {
    if ((a | b | c | d) === 0) {
      throw new RangeError("Cannot seed xoshiro128**: all four words are 0");
    }
    this.#a = a | 0;
    this.#b = b | 0;
    this.#c = c | 0;
    this.#d = d | 0;
  }

  /** Creates a generator from a 4-word seed such as {@link streamSeed} returns. */
  static from(seed: Uint32Array): Xoshiro128 {
    return new Xoshiro128(seed[0], seed[1], seed[2], seed[3]);
  }

  nextUint32(): number {
    const r = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9);
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return r >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Mixes a 32-bit value (the splitmix32 / murmur3 finaliser): a bijection with good
 * avalanche, used to derive independent stream seeds from keys.
 *
 * @example
 * ```ts
 * import { mix32 } from "./xoshiro.ts";
 * if (mix32(1) === mix32(2)) throw new Error("collision");
 * ```
 */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * Derives the 128-bit seed of the stream identified by `keys` under a root seed.
 *
 * The same root and keys always give the same stream; different keys give
 * statistically independent streams. Keys are 32-bit integers (e.g. a member's
 * stable id split into words, or a replication number).
 *
 * @example Per-member streams do not depend on processing order
 * ```ts
 * import { streamSeed, Xoshiro128 } from "./xoshiro.ts";
 * const root = new Uint32Array([1, 2, 3, 4]);
 * const a = Xoshiro128.from(streamSeed(root, 7, 0)).next();
 * const b = Xoshiro128.from(streamSeed(root, 7, 0)).next();
 * if (a !== b) throw new Error("not reproducible");
 * ```
 */
export function streamSeed(root: Uint32Array, ...keys: number[]): Uint32Array {
  let h0 = root[0], h1 = root[1], h2 = root[2], h3 = root[3];
  for (const key of keys) {
    h0 = mix32(h0 ^ mix32(key + 0x9e3779b9));
    h1 = mix32(h1 ^ h0 ^ 0x85ebca6b);
    h2 = mix32(h2 ^ h1 ^ 0xc2b2ae35);
    h3 = mix32(h3 ^ h2 ^ 0x27d4eb2f);
  }
  const out = new Uint32Array([mix32(h0 + 1), mix32(h1 + 2), mix32(h2 + 3), mix32(h3 + 4)]);
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1;
  return out;
}
