/**
 * Ziggurat samplers for the exponential and normal distributions (Marsaglia & Tsang
 * 2000): about 99% of draws take one 32-bit integer, a table look-up and a multiply,
 * with no logarithm — the simulator's clocks draw one exponential per event.
 *
 * @module
 */
import type { Rng } from "./xoshiro.ts";

const EXP_K = new Float64Array(256);
const EXP_W = new Float64Array(256);
const EXP_F = new Float64Array(256);
const NORM_K = new Float64Array(128);
const NORM_W = new Float64Array(128);
const NORM_F = new Float64Array(128);

{
  const m2 = 4294967296;
  let de = 7.697117470131487, te = de;
  const ve = 3.949659822581572e-3;
  const q = ve / Math.exp(-de);
  EXP_K[0] = (de / q) * m2;
  EXP_K[1] = 0;
  EXP_W[0] = q / m2;
  EXP_W[255] = de / m2;
  EXP_F[0] = 1;
  EXP_F[255] = Math.exp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(ve / de + Math.exp(-de));
    EXP_K[i + 1] = (de / te) * m2;
    te = de;
    EXP_F[i] = Math.exp(-de);
    EXP_W[i] = de / m2;
  }
  const m1 = 2147483648;
  let dn = 3.442619855899, tn = dn;
  const vn = 9.91256303526217e-3;
  const qn = vn / Math.exp(-0.5 * dn * dn);
  NORM_K[0] = (dn / qn) * m1;
  NORM_K[1] = 0;
  NORM_W[0] = qn / m1;
  NORM_W[127] = dn / m1;
  NORM_F[0] = 1;
  NORM_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    NORM_K[i + 1] = (dn / tn) * m1;
    tn = dn;
    NORM_F[i] = Math.exp(-0.5 * dn * dn);
    NORM_W[i] = dn / m1;
  }
}

/**
 * Exponential(1) draw by the ziggurat method.
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { exponentialZiggurat } from "./ziggurat.ts";
 * if (!(exponentialZiggurat(new Xoshiro128(1, 2, 3, 4)) >= 0)) throw new Error("negative");
 * ```
 */
export function exponentialZiggurat(rng: Rng): number {
  // The fast path alone, so that callers in hot loops inline it; the tail is out of line.
  const j = rng.nextUint32();
  const i = j & 255;
  return j < EXP_K[i] ? j * EXP_W[i] : exponentialTail(rng, j, i);
}

/** The rest of {@link exponentialZiggurat} when the first integer `j` missed its strip's core. */
function exponentialTail(rng: Rng, j: number, i: number): number {
  for (;;) {
    if (i === 0) return 7.697117470131487 - Math.log(1 - rng.next());
    const x = j * EXP_W[i];
    if (EXP_F[i] + rng.next() * (EXP_F[i - 1] - EXP_F[i]) < Math.exp(-x)) return x;
    j = rng.nextUint32();
    i = j & 255;
    if (j < EXP_K[i]) return j * EXP_W[i];
  }
}

/**
 * Standard normal draw by the ziggurat method.
 *
 * @example
 * ```ts
 * import { Xoshiro128 } from "./xoshiro.ts";
 * import { normalZiggurat } from "./ziggurat.ts";
 * if (!Number.isFinite(normalZiggurat(new Xoshiro128(1, 2, 3, 4)))) throw new Error("bad");
 * ```
 */
export function normalZiggurat(rng: Rng): number {
  const h = rng.nextUint32() | 0;
  const i = h & 127;
  return Math.abs(h) < NORM_K[i] ? h * NORM_W[i] : normalTail(rng, h, i);
}

/** The rest of {@link normalZiggurat} when the first integer `h` missed its strip's core. */
function normalTail(rng: Rng, h: number, i: number): number {
  for (;;) {
    if (i === 0) {
      // The base strip: sample the tail beyond r (Marsaglia 1964).
      let x: number, y: number;
      do {
        x = -Math.log(1 - rng.next()) * 0.2904764;
        y = -Math.log(1 - rng.next());
      } while (y + y < x * x);
      return h > 0 ? 3.442619855899 + x : -3.442619855899 - x;
    }
    const x = h * NORM_W[i];
    if (NORM_F[i] + rng.next() * (NORM_F[i - 1] - NORM_F[i]) < Math.exp(-0.5 * x * x)) return x;
    h = rng.nextUint32() | 0;
    i = h & 127;
    if (Math.abs(h) < NORM_K[i]) return h * NORM_W[i];
  }
}
