/**
 * Seeded randomness: the xoshiro128** generator, per-stream seed derivation and
 * samplers. Every random function takes its generator as an argument; there is no
 * global generator.
 *
 * @example
 * ```ts
 * import { gamma, rootSeed, streamSeed, Xoshiro128 } from "./mod.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(42), 0));
 * if (!(gamma(rng, 2) > 0)) throw new Error("unexpected");
 * ```
 *
 * @module
 */
export * from "./xoshiro.ts";
export * from "./seed.ts";
export * from "./samplers.ts";
export * from "./ziggurat.ts";
