/**
 * Unconstrained minimization for maximum-likelihood fits: BFGS with a backtracking
 * line search (analytic or central-difference gradients), Nelder–Mead as the
 * derivative-free fallback, a multi-start driver, and the numerical Hessian and
 * its inverse for standard errors.
 *
 * BFGS follows Nocedal & Wright (2006), Algorithm 6.1, with an Armijo line search
 * and the update skipped when the curvature condition fails; Nelder–Mead uses the
 * adaptive coefficients of Gao & Han (2012). Checked against the Rosenbrock
 * minimum (1, 1) and SciPy 1.17 `scipy.optimize.minimize` on quadratic forms.
 *
 * @module
 */

/** A function to minimize over a parameter vector. */
export type Objective = (x: Float64Array) => number;

/** Writes the gradient of the objective at `x` into `out` and returns the value. */
export type Gradient = (x: Float64Array, out: Float64Array) => number;

/** Minimizer settings. */
export interface MinimizeOptions {
  /** Maximum iterations per start and method (default 500 BFGS, 4000 Nelder–Mead). */
  readonly maxIterations?: number;
  /** Stop when the largest |gradient| ≤ tolerance × max(1, |f|) (default 1e-9). */
  readonly tolerance?: number;
  /** Analytic gradient; central differences are used when absent. */
  readonly gradient?: Gradient;
}

/** Default minimizer settings. */
export const MINIMIZE_DEFAULTS = {
  bfgsIterations: 500,
  nelderMeadIterations: 4000,
  tolerance: 1e-9,
} as const;

/** The method that produced a minimum. */
export type MinimizeMethod = "bfgs" | "nelder-mead";

/** Outcome of a minimization. */
export interface MinimizeResult {
  /** The arg-min found. */
  readonly x: Float64Array;
  /** The objective at `x`. */
  readonly value: number;
  /** Iterations used. */
  readonly iterations: number;
  /** Whether the stopping rule was met (not just the iteration limit). */
  readonly converged: boolean;
  /** Which method produced `x`. */
  readonly method: MinimizeMethod;
}

/**
 * Central-difference gradient of `f` at `x`, written into `out`; returns f(x).
 *
 * @example
 * ```ts
 * import { numericalGradient } from "./optimize.ts";
 * const g = new Float64Array(1);
 * numericalGradient((x) => x[0] * x[0], Float64Array.of(3), g);
 * if (Math.abs(g[0] - 6) > 1e-6) throw new Error("wrong");
 * ```
 */
export function numericalGradient(f: Objective, x: Float64Array, out: Float64Array): number {
  const fx = f(x);
  const probe = Float64Array.from(x);
  for (let i = 0; i < x.length; i++) {
    // ε^(1/3) balances truncation and rounding error of central differences.
    const h = 6e-6 * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    out[i] = (up - down) / (2 * h);
  }
  return fx;
}

/**
 * BFGS quasi-Newton minimization from `x0`.
 *
 * @example Minimum of a shifted quadratic
 * ```ts
 * import { minimizeBfgs } from "./optimize.ts";
 * const r = minimizeBfgs((x) => (x[0] - 2) ** 2 + 3 * (x[1] + 1) ** 2, Float64Array.of(0, 0));
 * if (Math.abs(r.x[0] - 2) > 1e-5 || Math.abs(r.x[1] + 1) > 1e-5) throw new Error("wrong");
 * ```
 */
export function minimizeBfgs(
  f: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? MINIMIZE_DEFAULTS.bfgsIterations;
  const tolerance = options.tolerance ?? MINIMIZE_DEFAULTS.tolerance;
  const grad: Gradient = options.gradient ?? ((x, out) => numericalGradient(f, x, out));
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = grad(x, g);
  const fail = (iterations: number): MinimizeResult => ({
    x,
    value: fx,
    iterations,
    converged: false,
    method: "bfgs",
  });
  if (!Number.isFinite(fx)) return fail(0);
  // Inverse-Hessian approximation, row-major, starting from the identity; `fresh` while
  // it still is the identity, whose scale means nothing for the objective at hand.
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  let fresh = true;
  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const hy = new Float64Array(n);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let gMax = 0;
    for (let i = 0; i < n; i++) gMax = Math.max(gMax, Math.abs(g[i]));
    if (gMax <= tolerance * Math.max(1, Math.abs(fx))) {
      return { x, value: fx, iterations: iteration - 1, converged: true, method: "bfgs" };
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum -= h[i * n + j] * g[j];
      p[i] = sum;
      slope += sum * g[i];
    }
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      h.fill(0);
      for (let i = 0; i < n; i++) h[i * n + i] = 1;
      fresh = true;
      slope = 0;
      for (let i = 0; i < n; i++) {
        p[i] = -g[i];
        slope -= g[i] * g[i];
      }
    }
    // A steepest-descent step is as long as the gradient is large (a likelihood over a
    // million customers has gradients of 10⁵): try at most a unit move instead of halving
    // down to it, one objective evaluation per halving.
    let step = fresh ? Math.min(1, 1 / gMax) : 1;
    let fNew = NaN;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
      fNew = f(xNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope)) {
      // The line search cannot improve: at a minimum to working precision, or stuck.
      const converged = gMax <= 1e-5 * Math.max(1, Math.abs(fx));
      return { x, value: fx, iterations: iteration, converged, method: "bfgs" };
    }
    grad(xNew, gNew);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    if (sy > 1e-12) {
      if (fresh) {
        // Scale the identity to the curvature just seen (Nocedal & Wright, eq. 6.20).
        let yy = 0;
        for (let i = 0; i < n; i++) yy += y[i] * y[i];
        for (let i = 0; i < n; i++) h[i * n + i] = sy / yy;
        fresh = false;
      }
      updateInverseHessian(h, s, y, hy, sy);
    }
    const relativeChange = Math.abs(fx - fNew) / Math.max(1, Math.abs(fx));
    x = Float64Array.from(xNew);
    [g, gNew] = [gNew, g];
    fx = fNew;
    // Stalled at the noise floor of the objective: converged when the gradient is small.
    if (relativeChange < 1e-13) {
      let gNorm = 0;
      for (let i = 0; i < n; i++) gNorm = Math.max(gNorm, Math.abs(g[i]));
      const converged = gNorm <= 1e-5 * Math.max(1, Math.abs(fx));
      return { x, value: fx, iterations: iteration, converged, method: "bfgs" };
    }
  }
  return fail(maxIterations);
}

function updateInverseHessian(
  h: Float64Array,
  s: Float64Array,
  y: Float64Array,
  hy: Float64Array,
  sy: number,
): void {
  const n = s.length;
  let yhy = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[i * n + j] * y[j];
    hy[i] = sum;
    yhy += y[i] * sum;
  }
  const rho = 1 / sy;
  const factor = (1 + yhy * rho) * rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += factor * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
    }
  }
}

/**
 * Nelder–Mead simplex minimization from `x0` (no derivatives; robust to kinks and
 * non-finite values, which count as +∞).
 *
 * @example
 * ```ts
 * import { minimizeNelderMead } from "./optimize.ts";
 * const r = minimizeNelderMead((x) => Math.abs(x[0] - 1) + Math.abs(x[1]), [0.3, 0.4]);
 * if (Math.abs(r.x[0] - 1) > 1e-6) throw new Error("wrong");
 * ```
 */
export function minimizeNelderMead(
  f: Objective,
  x0: ArrayLike<number>,
  options: MinimizeOptions = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? MINIMIZE_DEFAULTS.nelderMeadIterations;
  const tolerance = options.tolerance ?? MINIMIZE_DEFAULTS.tolerance;
  const value = (x: Float64Array) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const [alpha, gamma, rho, sigma] = [1, 1 + 2 / n, 0.75 - 1 / (2 * n), 1 - 1 / n];
  const points: Float64Array[] = [Float64Array.from(x0)];
  for (let i = 0; i < n; i++) {
    const p = Float64Array.from(x0);
    p[i] += p[i] === 0 ? 0.00025 : 0.05 * Math.abs(p[i]) + 0.1;
    points.push(p);
  }
  const values = points.map(value);
  const centroid = new Float64Array(n);
  const trial = (t: number) => {
    const p = new Float64Array(n);
    for (let j = 0; j < n; j++) p[j] = centroid[j] + t * (points[n][j] - centroid[j]);
    return p;
  };
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sortedPoints = order.map((i) => points[i]);
    const sortedValues = order.map((i) => values[i]);
    for (let i = 0; i <= n; i++) {
      points[i] = sortedPoints[i];
      values[i] = sortedValues[i];
    }
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(points[i][j] - points[0][j]));
    }
    if (
      Math.abs(values[n] - values[0]) <= tolerance * Math.max(1, Math.abs(values[0])) &&
      spread <= 1e-8
    ) {
      return {
        x: points[0],
        value: values[0],
        iterations: iteration,
        converged: true,
        method: "nelder-mead",
      };
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += points[i][j] / n;
    const reflected = trial(-alpha);
    const fr = value(reflected);
    if (fr < values[0]) {
      const expanded = trial(-alpha * gamma);
      const fe = value(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      const contracted = fr < values[n] ? trial(-alpha * rho) : trial(rho);
      const fc = value(contracted);
      if (fc < Math.min(fr, values[n])) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let i = 1; i <= n; i++) {
          for (let j = 0; j < n; j++) {
            points[i][j] = points[0][j] + sigma * (points[i][j] - points[0][j]);
          }
          values[i] = value(points[i]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return {
    x: points[best],
    value: values[best],
    iterations: maxIterations,
    converged: false,
    method: "nelder-mead",
  };
}

/**
 * Minimizes from several starting points: BFGS from each, Nelder–Mead (then BFGS
 * to polish) where BFGS fails or stops short; stops early once two starts agree.
 * Returns the lowest converged minimum, or the lowest minimum with
 * `converged: false` when none converged.
 *
 * @example Two starts on a function with two local minima
 * ```ts
 * import { minimize } from "./optimize.ts";
 * const f = (x: Float64Array) => (x[0] * x[0] - 1) ** 2 + 0.1 * x[0];
 * const r = minimize(f, [[2], [-2]]);
 * if (!(r.x[0] < 0)) throw new Error("should find the lower minimum near -1");
 * ```
 */
export function minimize(
  f: Objective,
  starts: readonly ArrayLike<number>[],
  options: MinimizeOptions = {},
): MinimizeResult {
  if (starts.length === 0) throw new RangeError("Cannot minimize: no starting points given");
  let best: MinimizeResult | undefined;
  const better = (a: MinimizeResult, b: MinimizeResult | undefined) =>
    b === undefined || (a.converged && !b.converged) ||
    (a.converged === b.converged && a.value < b.value);
  for (const start of starts) {
    let result = minimizeBfgs(f, start, options);
    if (!result.converged || !Number.isFinite(result.value)) {
      const simplex = minimizeNelderMead(
        f,
        result.value < f(Float64Array.from(start)) ? result.x : start,
        {
          tolerance: 1e-12,
        },
      );
      const polished = minimizeBfgs(f, simplex.x, options);
      result = polished.converged && polished.value <= simplex.value + 1e-9 ? polished : simplex;
    }
    // Two starts agreeing on the minimum: the remaining starts would only repeat it.
    const agrees = best !== undefined && best.converged && result.converged &&
      Math.abs(result.value - best.value) <= 1e-9 * Math.max(1, Math.abs(best.value));
    if (better(result, best)) best = result;
    if (agrees) break;
  }
  return best!;
}

/**
 * Numerical Hessian of `f` at `x` by central differences (row-major, n × n); from
 * differences of the analytic gradient when one is given (2n gradient calls instead
 * of 2n² function calls).
 *
 * @example
 * ```ts
 * import { numericalHessian } from "./optimize.ts";
 * const h = numericalHessian((x) => x[0] * x[0] * x[1], Float64Array.of(1, 2));
 * if (Math.abs(h[0] - 4) > 1e-4 || Math.abs(h[1] - 2) > 1e-4) throw new Error("wrong");
 * ```
 */
export function numericalHessian(
  f: Objective,
  x: ArrayLike<number>,
  gradient?: Gradient,
): Float64Array {
  const n = x.length;
  const p = Float64Array.from(x);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = 1e-4 * Math.max(1, Math.abs(x[i]));
  const out = new Float64Array(n * n);
  if (gradient !== undefined) {
    const up = new Float64Array(n), down = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      p[j] = x[j] + h[j];
      gradient(p, up);
      p[j] = x[j] - h[j];
      gradient(p, down);
      p[j] = x[j];
      for (let i = 0; i < n; i++) out[i * n + j] = (up[i] - down[i]) / (2 * h[j]);
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const mean = 0.5 * (out[i * n + j] + out[j * n + i]);
        out[i * n + j] = mean;
        out[j * n + i] = mean;
      }
    }
    return out;
  }
  const f0 = f(p);
  const at = (i: number, di: number, j: number, dj: number) => {
    p[i] += di;
    p[j] += dj;
    const v = f(p);
    p[i] -= di;
    p[j] -= dj;
    return v;
  };
  for (let i = 0; i < n; i++) {
    out[i * n + i] = (at(i, h[i], i, 0) - 2 * f0 + at(i, -h[i], i, 0)) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const v = (at(i, h[i], j, h[j]) - at(i, h[i], j, -h[j]) - at(i, -h[i], j, h[j]) +
        at(i, -h[i], j, -h[j])) / (4 * h[i] * h[j]);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * Inverts a symmetric positive-definite matrix (row-major) by Cholesky
 * decomposition; throws a RangeError when it is not positive definite.
 *
 * @example
 * ```ts
 * import { invertSymmetric } from "./optimize.ts";
 * const inv = invertSymmetric(Float64Array.of(4, 0, 0, 2));
 * if (Math.abs(inv[0] - 0.25) > 1e-15 || Math.abs(inv[3] - 0.5) > 1e-15) throw new Error("wrong");
 * ```
 */
export function invertSymmetric(matrix: ArrayLike<number>): Float64Array {
  const n = Math.round(Math.sqrt(matrix.length));
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) {
          throw new RangeError(
            `Cannot invert matrix: not positive definite (pivot ${i} is ${sum})`,
          );
        }
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  // Invert L, then form L⁻ᵀ L⁻¹.
  const li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    li[i * n + i] = 1 / l[i * n + i];
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i * n + k] * li[k * n + j];
      li[i * n + j] = sum / l[i * n + i];
    }
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += li[k * n + i] * li[k * n + j];
      out[i * n + j] = sum;
    }
  }
  return out;
}
