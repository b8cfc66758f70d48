/**
 * Survival of members until churn: the Kaplan–Meier estimator with Greenwood variance
 * and log-log ("exponential Greenwood") pointwise intervals, the median and its
 * interval (Brookmeyer–Crowley by inverting the band, as R `survfit` and lifelines),
 * the k-group log-rank test, and a constant-hazard fit for the simulated-truth check.
 *
 * Checked against lifelines' tests on the grade-3 glioma data (`g3.csv`, which
 * lifelines checks against R `survfit`), and SciPy 1.17 `scipy.stats.ecdf` /
 * `scipy.stats.logrank`; see `test/models/analytics/survival.test.ts`.
 *
 * @module
 */
import { chiSquareSf, normalQuantile } from "../math/mod.ts";
import type { SummaryRow } from "./_interval.ts";

/** Options of {@link fitKaplanMeier}. */
export interface KaplanMeierOptions {
  /** 1 − confidence level of the intervals. Default 0.05. */
  readonly alpha?: number;
  /** Row weights (counts of identical members in aggregated data). Default all 1. */
  readonly weights?: ArrayLike<number>;
  /** Name of the curve (a group). Default `KM`. */
  readonly label?: string;
}

/** Defaults of {@link KaplanMeierOptions}. */
export const DEFAULT_KAPLAN_MEIER_OPTIONS = { alpha: 0.05, label: "KM" } as const;

/** A survival estimate at a time, with its interval. */
export interface SurvivalPoint {
  readonly time: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/** One distinct observed time of a Kaplan–Meier table. */
export interface SurvivalTableRow extends SurvivalPoint {
  /** Weight at risk just before `time`. */
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
}

/** At-risk counts at a chosen time, as printed under survival plots (lifelines' convention). */
export interface AtRiskRow {
  readonly time: number;
  /** Still at risk after `time` (duration > time). */
  readonly atRisk: number;
  /** Censored up to and including `time`. */
  readonly censored: number;
  /** Events up to and including `time`. */
  readonly events: number;
}

/** A capability: reading a survival curve at any time. */
export interface SurvivalCurve {
  /** S(t) with its interval: the step value at the last observed time ≤ t (1 before any). */
  survivalAt(t: number): SurvivalPoint;
}

/** A fitted Kaplan–Meier curve. */
export interface KaplanMeierFit extends SurvivalCurve {
  readonly model: "kaplan-meier";
  readonly label: string;
  /** Total weight (members). */
  readonly n: number;
  /** Total event weight. */
  readonly events: number;
  readonly confidenceLevel: number;
  /** One row per distinct observed time, ascending. */
  readonly table: readonly SurvivalTableRow[];
  /** First time S ≤ 0.5 and its interval; Infinity when the curve never gets there. */
  readonly median: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** At-risk, censored and event counts at the given times. */
  atRisk(times: readonly number[]): AtRiskRow[];
  /** S(t) at each observed time and the median, as summary rows. */
  summary(): SummaryRow[];
}

/**
 * Fits the Kaplan–Meier estimator S(t) = Π_{t_i ≤ t} (1 − d_i / n_i).
 *
 * Intervals: Var[log S] by Greenwood, Σ d/(n(n−d)); bounds exp(−exp(log(−log S) ± z·σ/log S))
 * (R `survfit(conf.type = "log-log")`, lifelines default). They are [1, 1] before the
 * first event and NaN where S = 0 (undefined, as R's NA).
 *
 * @example Control group of the grade-3 glioma data
 * ```ts
 * import { fitKaplanMeier } from "./survival.ts";
 * const fit = fitKaplanMeier([34, 32, 9, 19, 50, 48], [1, 1, 1, 1, 0, 0]);
 * if (Math.abs(fit.survivalAt(19).estimate - 0.6667) > 1e-4) throw new Error("unexpected");
 * if (fit.median.estimate !== 32) throw new Error("unexpected");
 * ```
 */
export function fitKaplanMeier(
  durations: ArrayLike<number>,
  eventObserved: ArrayLike<number | boolean>,
  options: KaplanMeierOptions = {},
): KaplanMeierFit {
  const o = { ...DEFAULT_KAPLAN_MEIER_OPTIONS, ...options };
  checkAlpha("fit Kaplan-Meier", o.alpha);
  const rows = aggregate("fit Kaplan-Meier", durations, eventObserved, o.weights);
  const z = normalQuantile(1 - o.alpha / 2);
  let atRisk = rows.total, s = 1, greenwood = 0;
  const table: SurvivalTableRow[] = [];
  for (const { time, events, censored } of rows.times) {
    if (events > 0) {
      s *= 1 - events / atRisk;
      greenwood += atRisk > events ? events / (atRisk * (atRisk - events)) : Infinity;
    }
    const [lower, upper] = logLogInterval(s, greenwood, z);
    table.push({ time, atRisk, events, censored, estimate: s, lower, upper });
    atRisk -= events + censored;
  }
  const level = 1 - o.alpha;
  const first = (below: (r: SurvivalTableRow) => boolean) =>
    table.find((r) => r.estimate === 0 || below(r))?.time ?? Infinity;
  const median = {
    estimate: first((r) => r.estimate <= 0.5),
    lower: first((r) => r.lower <= 0.5),
    upper: first((r) => r.upper <= 0.5),
  };
  const survivalAt = (t: number): SurvivalPoint => {
    let lo = 0, hi = table.length; // first row with time > t
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid].time <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return { time: t, estimate: 1, lower: 1, upper: 1 };
    const r = table[lo - 1];
    return { time: t, estimate: r.estimate, lower: r.lower, upper: r.upper };
  };
  return Object.freeze({
    model: "kaplan-meier" as const,
    label: o.label,
    n: rows.total,
    events: rows.events,
    confidenceLevel: level,
    table: Object.freeze(table),
    median: Object.freeze(median),
    survivalAt,
    atRisk(times: readonly number[]): AtRiskRow[] {
      return times.map((time) => {
        let removed = 0, censored = 0, events = 0;
        for (const r of table) {
          if (r.time > time) break;
          removed += r.events + r.censored;
          censored += r.censored;
          events += r.events;
        }
        return { time, atRisk: rows.total - removed, censored, events };
      });
    },
    summary(): SummaryRow[] {
      const curve = table.map((r) => ({
        name: `survival:${r.time}`,
        estimate: r.estimate,
        lower: r.lower,
        upper: r.upper,
        level,
      }));
      return [...curve, { name: "median", ...median, level }];
    },
  });
}

function logLogInterval(s: number, greenwood: number, z: number): [number, number] {
  if (s === 1) return [1, 1];
  if (s === 0 || !Number.isFinite(greenwood)) return [NaN, NaN];
  const v = Math.log(s), shift = (z * Math.sqrt(greenwood)) / v;
  return [
    Math.exp(-Math.exp(Math.log(-v) - shift)),
    Math.exp(-Math.exp(Math.log(-v) + shift)),
  ];
}

/** Weighted events and censorings at each distinct time, ascending. */
interface Aggregated {
  readonly total: number;
  readonly events: number;
  readonly times: { time: number; events: number; censored: number }[];
}

function aggregate(
  action: string,
  durations: ArrayLike<number>,
  eventObserved: ArrayLike<number | boolean>,
  weights: ArrayLike<number> | undefined,
): Aggregated {
  const n = durations.length;
  if (eventObserved.length !== n || (weights !== undefined && weights.length !== n)) {
    throw new RangeError(
      `Cannot ${action}: ${n} durations but ${eventObserved.length} event flags` +
        (weights === undefined ? "" : ` and ${weights.length} weights`),
    );
  }
  if (n === 0) throw new RangeError(`Cannot ${action}: no durations`);
  for (let i = 0; i < n; i++) {
    const d = durations[i], w = weights?.[i] ?? 1;
    if (!Number.isFinite(d) || d < 0) {
      throw new RangeError(`Cannot ${action}: duration at row ${i} is ${d}, expected ≥ 0`);
    }
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`Cannot ${action}: weight at row ${i} is ${w}, expected ≥ 0`);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => durations[a] - durations[b]);
  const times: Aggregated["times"] = [];
  let total = 0, events = 0;
  for (const i of order) {
    const w = weights?.[i] ?? 1, event = Boolean(eventObserved[i]);
    let last = times[times.length - 1];
    if (last === undefined || last.time !== durations[i]) {
      last = { time: durations[i], events: 0, censored: 0 };
      times.push(last);
    }
    if (event) last.events += w;
    else last.censored += w;
    total += w;
    if (event) events += w;
  }
  return { total, events, times };
}

function checkAlpha(action: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`Cannot ${action}: alpha is ${alpha}, expected a value in (0, 1)`);
  }
}

/** One group of a {@link logRankTest}. */
export interface SurvivalGroup {
  readonly label: string;
  readonly durations: ArrayLike<number>;
  readonly eventObserved: ArrayLike<number | boolean>;
  readonly weights?: ArrayLike<number>;
}

/** Result of a log-rank test. */
export interface LogRankResult {
  readonly model: "log-rank";
  /** Chi-square statistic (O − E)ᵀ V⁻¹ (O − E) over the first k − 1 groups. */
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Observed and expected events per group. */
  readonly groups: readonly { label: string; observed: number; expected: number }[];
}

/**
 * The k-group log-rank test of equal survival (Mantel–Haenszel weights, hypergeometric
 * variance; R `survdiff(rho = 0)`, SciPy `logrank`, lifelines `multivariate_logrank_test`).
 *
 * @example
 * ```ts
 * import { logRankTest } from "./survival.ts";
 * const r = logRankTest([
 *   { label: "a", durations: [1, 2, 3, 4], eventObserved: [1, 1, 1, 1] },
 *   { label: "b", durations: [5, 6, 7, 8], eventObserved: [1, 1, 1, 0] },
 * ]);
 * if (!(r.pValue < 0.05) || r.df !== 1) throw new Error("unexpected");
 * ```
 */
export function logRankTest(groups: readonly SurvivalGroup[]): LogRankResult {
  const action = "run log-rank test";
  const k = groups.length;
  if (k < 2) throw new RangeError(`Cannot ${action}: ${k} group(s), expected at least 2`);
  const tables = groups.map((g) =>
    aggregate(`${action} (group '${g.label}')`, g.durations, g.eventObserved, g.weights)
  );
  const all = [...new Set(tables.flatMap((t) => t.times.map((r) => r.time)))].sort((a, b) => a - b);
  const atRisk = tables.map((t) => t.total);
  const cursor = new Array<number>(k).fill(0);
  const observed = new Array<number>(k).fill(0), expected = new Array<number>(k).fill(0);
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const time of all) {
    const d = new Array<number>(k).fill(0), removed = new Array<number>(k).fill(0);
    tables.forEach((t, j) => {
      const row = t.times[cursor[j]];
      if (row !== undefined && row.time === time) {
        d[j] = row.events;
        removed[j] = row.events + row.censored;
        cursor[j]++;
      }
    });
    const nTotal = atRisk.reduce((a, b) => a + b, 0), dTotal = d.reduce((a, b) => a + b, 0);
    if (dTotal > 0) {
      const factor = nTotal > 1
        ? (dTotal * (nTotal - dTotal)) / (nTotal * nTotal * (nTotal - 1))
        : 0;
      for (let a = 0; a < k; a++) {
        observed[a] += d[a];
        expected[a] += (atRisk[a] * dTotal) / nTotal;
        for (let b = 0; b < k; b++) {
          v[a][b] += factor * atRisk[a] * ((a === b ? nTotal : 0) - atRisk[b]);
        }
      }
    }
    for (let j = 0; j < k; j++) atRisk[j] -= removed[j];
  }
  if (observed.every((x) => x === 0)) {
    throw new RangeError(`Cannot ${action}: no events in any group`);
  }
  const diff = observed.slice(0, k - 1).map((x, j) => x - expected[j]);
  const solved = solve(v.slice(0, k - 1).map((row) => row.slice(0, k - 1)), diff);
  if (solved === null) {
    throw new RangeError(
      `Cannot ${action}: the variance matrix is singular (a group has no one at risk at event times)`,
    );
  }
  const statistic = diff.reduce((acc, x, j) => acc + x * solved[j], 0);
  return Object.freeze({
    model: "log-rank" as const,
    statistic,
    df: k - 1,
    pValue: chiSquareSf(statistic, k - 1),
    groups: groups.map((g, j) => ({
      label: g.label,
      observed: observed[j],
      expected: expected[j],
    })),
  });
}

/** Solves A x = b by Gaussian elimination with partial pivoting; null when A is singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length, m = a.map((row, i) => [...row, b[i]]);
  const scale = Math.max(...m.flat().map(Math.abs), 1);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (Math.abs(m[p][c]) <= 1e-12 * scale) return null;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let j = c; j <= n; j++) m[r][j] -= f * m[c][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let acc = m[r][n];
    for (let j = r + 1; j < n; j++) acc -= m[r][j] * x[j];
    x[r] = acc / m[r][r];
  }
  return x;
}

/** Time scale of a constant hazard: per-period probability, or a continuous rate. */
export type HazardScale = "discrete" | "continuous";

/** Options of {@link fitConstantHazard}. */
export interface ConstantHazardOptions {
  /** 1 − confidence level. Default 0.05. */
  readonly alpha?: number;
  /** Row weights. Default all 1. */
  readonly weights?: ArrayLike<number>;
  /** `discrete` (default): durations count periods at risk including the event period. */
  readonly scale?: HazardScale;
}

/** Defaults of {@link ConstantHazardOptions}. */
export const DEFAULT_CONSTANT_HAZARD_OPTIONS = { alpha: 0.05, scale: "discrete" } as const;

/** A fitted constant hazard. */
export interface ConstantHazardFit extends SurvivalCurve {
  readonly model: "constant-hazard";
  readonly scale: HazardScale;
  readonly n: number;
  readonly events: number;
  /** Total time at risk, Σ duration. */
  readonly exposure: number;
  readonly confidenceLevel: number;
  readonly hazard: {
    readonly estimate: number;
    readonly se: number;
    readonly lower: number;
    readonly upper: number;
  };
  summary(): SummaryRow[];
}

/**
 * Fits a constant hazard by maximum likelihood: h = events / exposure. Discrete scale
 * (geometric durations): se(log h) = √((1 − h)/d), S(t) = (1 − h)^t; continuous
 * (exponential): se(log λ) = 1/√d, S(t) = e^(−λt). Intervals are Wald on the log scale.
 * Throws when there are no events (the hazard has no log-scale interval).
 *
 * @example
 * ```ts
 * import { fitConstantHazard } from "./survival.ts";
 * const fit = fitConstantHazard([10, 10, 5, 15], [1, 0, 1, 0]);
 * if (fit.hazard.estimate !== 0.05) throw new Error("unexpected");
 * ```
 */
export function fitConstantHazard(
  durations: ArrayLike<number>,
  eventObserved: ArrayLike<number | boolean>,
  options: ConstantHazardOptions = {},
): ConstantHazardFit {
  const o = { ...DEFAULT_CONSTANT_HAZARD_OPTIONS, ...options };
  const action = "fit constant hazard";
  checkAlpha(action, o.alpha);
  const rows = aggregate(action, durations, eventObserved, o.weights);
  const exposure = rows.times.reduce((acc, r) => acc + r.time * (r.events + r.censored), 0);
  if (rows.events === 0) {
    throw new RangeError(`Cannot ${action}: no events, the hazard is not estimable`);
  }
  const h = rows.events / exposure;
  if (o.scale === "discrete" && h > 1) {
    throw new RangeError(`Cannot ${action}: ${rows.events} events in ${exposure} periods at risk`);
  }
  const seLog = o.scale === "discrete"
    ? Math.sqrt((1 - h) / rows.events)
    : 1 / Math.sqrt(rows.events);
  const z = normalQuantile(1 - o.alpha / 2);
  const hazard = {
    estimate: h,
    se: h * seLog,
    lower: h * Math.exp(-z * seLog),
    upper: Math.min(o.scale === "discrete" ? 1 : Infinity, h * Math.exp(z * seLog)),
  };
  const survival = (rate: number, t: number) =>
    o.scale === "discrete" ? Math.pow(1 - rate, t) : Math.exp(-rate * t);
  const level = 1 - o.alpha;
  return Object.freeze({
    model: "constant-hazard" as const,
    scale: o.scale,
    n: rows.total,
    events: rows.events,
    exposure,
    confidenceLevel: level,
    hazard: Object.freeze(hazard),
    survivalAt: (t: number): SurvivalPoint => ({
      time: t,
      estimate: survival(h, t),
      lower: survival(hazard.upper, t),
      upper: survival(hazard.lower, t),
    }),
    summary: (): SummaryRow[] => [{ name: "hazard", ...hazard, level }],
  });
}
