/**
 * Root seeds: turns a scenario's seed (a number or a string) into the 128-bit root
 * every stream of a run is derived from.
 *
 * @module
 */
import seedrandom from "seedrandom";

/**
 * Derives the 128-bit root of a run from its seed, with seedrandom's Alea.
 *
 * @example
 * ```ts
 * import { rootSeed } from "./seed.ts";
 * const a = rootSeed(42), b = rootSeed("42");
 * if (a.join() !== b.join()) throw new Error("number and string seeds differ");
 * ```
 */
export function rootSeed(seed: number | string): Uint32Array {
  const alea = seedrandom.alea(String(seed));
  const out = new Uint32Array(4);
  for (let i = 0; i < 4; i++) out[i] = alea.int32() >>> 0;
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1;
  return out;
}
