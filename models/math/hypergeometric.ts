/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z ≤ 1,
 * as the BG/NBD, MBG/NBD and Pareto/NBD formulas need it.
 *
 * Method: the power series for 0 ≤ z ≤ 0.75; the Pfaff transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)) for z < 0; the 1 − z
 * connection formula (Abramowitz & Stegun 15.3.6) for 0.75 < z < 1 when c − a − b is
 * not an integer; when it is, the series up to z = 0.995 and beyond that the mean of
 * the connection formula at c ± 1e-4 (relative error below 1e-6); Gauss's sum at z = 1.
 * Checked against SciPy 1.17 `scipy.special.hyp2f1`.
 *
 * @module
 */
import { logGamma } from "./special.ts";

const SERIES_LIMIT = 0.75;
const MAX_TERMS = 2_000_000;

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) for z ≤ 1.
 *
 * @example
 * ```ts
 * import { hyp2f1 } from "./hypergeometric.ts";
 * // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z
 * const z = 0.9;
 * if (Math.abs(hyp2f1(1, 1, 2, z) + Math.log(1 - z) / z) > 1e-12) throw new Error("wrong");
 * ```
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (![a, b, c, z].every(Number.isFinite)) {
    throw new RangeError(
      `Cannot evaluate 2F1: arguments must be finite, got (${a}, ${b}, ${c}, ${z})`,
    );
  }
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`Cannot evaluate 2F1: c must not be a non-positive integer, got ${c}`);
  }
  if (z > 1) throw new RangeError(`Cannot evaluate 2F1: z must be ≤ 1, got ${z}`);
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z === 1) return gaussSum(a, b, c);
  if (z < 0) {
    const w = z / (z - 1);
    return Math.pow(1 - z, -a) * hyp2f1(a, c - b, c, w);
  }
  if (z <= SERIES_LIMIT) return series(a, b, c, z);
  if (!isNearInteger(c - a - b)) return connection(a, b, c, z);
  if (z <= 0.995) return series(a, b, c, z);
  // The connection formula is singular at integer c − a − b; the symmetric average
  // around it is accurate to O(h²), a relative error below 1e-6.
  const h = 1e-4;
  return 0.5 * (connection(a, b, c + h, z) + connection(a, b, c - h, z));
}

function isNearInteger(x: number): boolean {
  return Math.abs(x - Math.round(x)) < 1e-6;
}

function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let compensation = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
    // Kahan summation: near z = 1 the series has many terms of similar size.
    const y = term - compensation;
    const t = sum + y;
    compensation = (t - sum) - y;
    sum = t;
    if (term === 0 || (Math.abs(term) < 1e-17 * Math.abs(sum) && n > Math.abs(a * b / c))) {
      return sum;
    }
  }
  throw new RangeError(
    `Cannot evaluate 2F1(${a}, ${b}; ${c}; ${z}): series did not converge in ${MAX_TERMS} terms`,
  );
}

/** sign(Γ(x)) and log|Γ(x)|; sign 0 at the poles, where 1/Γ(x) = 0. */
function signedLogGamma(x: number): [number, number] {
  if (x > 0) return [1, logGamma(x)];
  if (Number.isInteger(x)) return [0, Infinity];
  return [Math.floor(x) % 2 === 0 ? 1 : -1, logGamma(x)];
}

/** Γ(n1)Γ(n2) / (Γ(d1)Γ(d2)), 0 when a denominator gamma has a pole. */
function gammaRatio(n1: number, n2: number, d1: number, d2: number): number {
  const [s1, l1] = signedLogGamma(n1);
  const [s2, l2] = signedLogGamma(n2);
  const [s3, l3] = signedLogGamma(d1);
  const [s4, l4] = signedLogGamma(d2);
  if (s3 === 0 || s4 === 0) return 0;
  return s1 * s2 * s3 * s4 * Math.exp(l1 + l2 - l3 - l4);
}

function connection(a: number, b: number, c: number, z: number): number {
  const w = 1 - z;
  const first = gammaRatio(c, c - a - b, c - a, c - b) * series(a, b, a + b - c + 1, w);
  const second = gammaRatio(c, a + b - c, a, b) * Math.pow(w, c - a - b) *
    series(c - a, c - b, c - a - b + 1, w);
  return first + second;
}

function gaussSum(a: number, b: number, c: number): number {
  if (c - a - b <= 0) {
    throw new RangeError(
      `Cannot evaluate 2F1 at z = 1: needs c − a − b > 0, got ${c - a - b}`,
    );
  }
  return gammaRatio(c, c - a - b, c - a, c - b);
}
