/**
 * The experiment metrics, each a ratio of sums over members, Σ y / Σ x, of the
 * per-member variables the engine collects (`sim/arm_metrics.ts`):
 *
 * | metric | y | x | kind |
 * | --- | --- | --- | --- |
 * | activation | has ordered | members | proportion |
 * | activation_dN | first order before tenure N | members with N days observed | proportion |
 * | retention_dN | no churn before tenure N | members with N days observed | proportion |
 * | orders | orders | members | mean |
 * | arpu | revenue | members | mean |
 * | ltv | revenue | churns | ratio: LT × ARPU = (revenue per member-day) / (churns per member-day) |
 * | k_factor | joined by referral | members | proportion (referred per member, as the run's K) |
 * | cac | acquisition + referral-campaign cost | new members | ratio |
 * | ltv_cac | LTV / CAC | | function of four means |
 * | cost | acquisition + campaign + warning-policy cost | members | mean |
 * | net_value | revenue − cost | members | mean |
 *
 * Money is in the scenario's currency (collected in cents). Values are cumulative up
 * to the look.
 *
 * @module
 */
import type { ArmMetricsOptions } from "../sim/arm_metrics.ts";
import { type ArmMetricsTable, productIndex } from "../sim/arm_metrics_table.ts";

/** How a metric is tested. */
export type MetricKind = "proportion" | "mean" | "ratio" | "ltv_cac";

/** A metric: Σ (numerator terms) / Σ denominator over members. */
export interface MetricDefinition {
  readonly name: string;
  /** Readable label, e.g. "D30 retention". */
  readonly label: string;
  readonly kind: MetricKind;
  /** Numerator: variable names and coefficients (money from cents: 0.01). */
  readonly numerator: readonly (readonly [string, number])[];
  /** Denominator variable. */
  readonly denominator: string;
}

/** The variables of LTV/CAC, in the order of its function: revenue, churns, cost, new. */
export const LTV_CAC_VARIABLES = ["revenue_cents", "churns", "cost_cents", "new"] as const;

/**
 * The definition of a metric by name (`retention_d30`, `arpu`, …).
 *
 * @example
 * ```ts
 * import { defineMetric } from "./metrics.ts";
 * if (defineMetric("retention_d30").denominator !== "retention_d30.eligible") throw new Error("");
 * ```
 */
export function defineMetric(name: string): MetricDefinition {
  const windowed = /^(retention|activation)_d(\d+)$/.exec(name);
  if (windowed) {
    const [, what, days] = windowed;
    return {
      name,
      label: what === "retention" ? `D${days} retention` : `activation within ${days} days`,
      kind: "proportion",
      numerator: [[`${name}.${what === "retention" ? "kept" : "done"}`, 1]],
      denominator: `${name}.eligible`,
    };
  }
  const fixed: Record<string, Omit<MetricDefinition, "name">> = {
    activation: {
      label: "activation",
      kind: "proportion",
      numerator: [["active", 1]],
      denominator: "members",
    },
    orders: {
      label: "orders per member",
      kind: "mean",
      numerator: [["orders", 1]],
      denominator: "members",
    },
    arpu: {
      label: "ARPU",
      kind: "mean",
      numerator: [["revenue_cents", 0.01]],
      denominator: "members",
    },
    ltv: {
      label: "LTV (LT × ARPU)",
      kind: "ratio",
      numerator: [["revenue_cents", 0.01]],
      denominator: "churns",
    },
    k_factor: {
      label: "K-factor",
      kind: "proportion",
      numerator: [["referred", 1]],
      denominator: "members",
    },
    cac: { label: "CAC", kind: "ratio", numerator: [["cost_cents", 0.01]], denominator: "new" },
    ltv_cac: { label: "LTV/CAC", kind: "ltv_cac", numerator: [], denominator: "members" },
    cost: {
      label: "cost per member",
      kind: "mean",
      numerator: [["cost_cents", 0.01], ["policy_cents", 0.01]],
      denominator: "members",
    },
    net_value: {
      label: "net value per member",
      kind: "mean",
      numerator: [["revenue_cents", 0.01], ["cost_cents", -0.01], ["policy_cents", -0.01]],
      denominator: "members",
    },
  };
  const definition = fixed[name];
  if (definition === undefined) {
    throw new RangeError(
      `Cannot define metric '${name}': expected one of ${Object.keys(fixed).join(", ")}, ` +
        "activation_d<N> or retention_d<N>",
    );
  }
  return { name, ...definition };
}

/** CUPED metrics: the experiment-period variable and its pre-period covariate, per unit of money. */
export const CUPED_VARIABLES: Readonly<
  Record<"orders" | "arpu", readonly [string, string, number]>
> = {
  orders: ["post.orders", "pre.orders", 1],
  arpu: ["post.revenue_cents", "pre.revenue_cents", 0.01],
};

/**
 * The products of variables a metric's test needs: at member level a mean needs Σy²,
 * a ratio Σy², Σx², Σxy; with clusters every metric is a ratio of cluster totals.
 *
 * @example
 * ```ts
 * import { defineMetric, metricPairs } from "./metrics.ts";
 * const pairs = metricPairs(defineMetric("ltv"), false);
 * if (pairs.length !== 3) throw new Error("unexpected");
 * ```
 */
export function metricPairs(metric: MetricDefinition, clustered: boolean): [string, string][] {
  if (metric.kind === "ltv_cac") {
    const v = LTV_CAC_VARIABLES;
    return v.flatMap((a, i) => v.slice(i).map((b) => [a, b] as [string, string]));
  }
  const y = metric.numerator.map(([name]) => name);
  const pairs: [string, string][] = [];
  if (metric.kind === "proportion" && !clustered) return pairs;
  for (let i = 0; i < y.length; i++) for (let j = i; j < y.length; j++) pairs.push([y[i], y[j]]);
  if (metric.kind === "ratio" || clustered) {
    for (const a of y) pairs.push([a, metric.denominator]);
    pairs.push([metric.denominator, metric.denominator]);
  }
  return pairs;
}

/** Sums of one arm at one look, read from a table: Σ v and Σ v·w by variable name. */
export interface LookSums {
  /** Units: members (member level) or clusters. */
  readonly units: number;
  sum(variable: string): number;
  product(a: string, b: string): number;
}

/**
 * The sums of `arm` at the look on `day` (data of days 0..day−1), over members or over
 * clusters. Throws when a product the caller needs was not collected.
 *
 * @example
 * ```ts
 * import { lookSums } from "./metrics.ts";
 * const table = {
 *   options: { arms: 1, pairs: [[1, 1]] }, horizon: 1, variables: ["members", "orders"],
 *   width: 3, member: new Float64Array([4, 6, 14]), cluster: new Float64Array(0),
 *   units: new Float64Array(0),
 * };
 * const s = lookSums(table as never, 0, 1, false);
 * if (s.product("orders", "orders") !== 14 || s.units !== 4) throw new Error("unexpected");
 * ```
 */
export function lookSums(
  table: ArmMetricsTable,
  arm: number,
  day: number,
  clustered: boolean,
): LookSums {
  const T = table.horizon;
  if (!(day >= 1 && day <= T)) {
    throw new RangeError(`Cannot read look sums: day is ${day}; expected 1..${T}`);
  }
  if (table.options.finalOnly === true && day !== T) {
    throw new RangeError(
      `Cannot read look sums: day is ${day}, but only the horizon (day ${T}) was collected`,
    );
  }
  const values = clustered ? table.cluster : table.member;
  const at = (arm * T + day - 1) * table.width;
  const index = (name: string) => {
    const i = table.variables.indexOf(name);
    if (i < 0) throw new RangeError(`Cannot read look sums: no variable '${name}' was collected`);
    return i;
  };
  const sum = (name: string) => values[at + index(name)];
  return {
    units: clustered ? table.units[arm * T + day - 1] : sum("members"),
    sum,
    product(a, b) {
      const p = productIndex(table, index(a), index(b));
      if (p < 0) {
        throw new RangeError(`Cannot read look sums: product ${a} × ${b} was not collected`);
      }
      return values[at + p];
    },
  };
}

/**
 * Σ y of a linear combination y = Σ c_i v_i (no products needed).
 *
 * @example
 * ```ts
 * import { combineSum } from "./metrics.ts";
 * const s = { units: 2, sum: () => 3, product: () => NaN };
 * if (combineSum(s, [["a", 2], ["b", -1]]) !== 3) throw new Error("unexpected");
 * ```
 */
export function combineSum(s: LookSums, terms: readonly (readonly [string, number])[]): number {
  let sum = 0;
  for (const [a, ca] of terms) sum += ca * s.sum(a);
  return sum;
}

/**
 * Σ y, Σ y² and (with `with_`) Σ y·x of a linear combination y = Σ c_i v_i.
 *
 * @example
 * ```ts
 * import { combine } from "./metrics.ts";
 * const s = { units: 2, sum: () => 3, product: () => 5 };
 * const y = combine(s, [["a", 2]], "members");
 * if (y.sum !== 6 || y.sumSquares !== 20 || y.sumProducts !== 10) throw new Error("unexpected");
 * ```
 */
export function combine(
  s: LookSums,
  terms: readonly (readonly [string, number])[],
  with_?: string,
): { sum: number; sumSquares: number; sumProducts: number } {
  let sumSquares = 0, sumProducts = 0;
  for (const [a, ca] of terms) {
    for (const [b, cb] of terms) sumSquares += ca * cb * s.product(a, b);
    if (with_ !== undefined) sumProducts += ca * s.product(a, with_);
  }
  return { sum: combineSum(s, terms), sumSquares, sumProducts };
}

/**
 * A metric's value Σ y / Σ x from an arm's sums (LTV/CAC: (revenue/churns) / (cost/new)).
 *
 * @example
 * ```ts
 * import { defineMetric, metricValue } from "./metrics.ts";
 * const s = { units: 4, sum: (v: string) => (v === "members" ? 4 : 6), product: () => 0 };
 * if (metricValue(defineMetric("orders"), s) !== 1.5) throw new Error("unexpected");
 * ```
 */
export function metricValue(metric: MetricDefinition, s: LookSums): number {
  if (metric.kind === "ltv_cac") {
    const [r, ch, c, n] = LTV_CAC_VARIABLES.map((v) => s.sum(v));
    return (r / ch) / (c / n);
  }
  return combineSum(s, metric.numerator) / s.sum(metric.denominator);
}

/**
 * The variables a set of metrics reads, for `ArmMetricsOptions`: windows and pairs.
 *
 * @example
 * ```ts
 * import { collectedFor, defineMetric } from "./metrics.ts";
 * const c = collectedFor([defineMetric("retention_d30"), defineMetric("orders")], false, 0);
 * if (c.retentionDays[0] !== 30 || c.pairs.length !== 1) throw new Error("unexpected");
 * ```
 */
export function collectedFor(
  metrics: readonly MetricDefinition[],
  clustered: boolean,
  preDays: number,
): Pick<ArmMetricsOptions, "retentionDays" | "activationDays"> & {
  readonly pairs: readonly [string, string][];
} {
  const windows = (what: string) =>
    metrics.flatMap((m) => {
      const match = new RegExp(`^${what}_d(\\d+)$`).exec(m.name);
      return match ? [Number(match[1])] : [];
    });
  const pairs = new Map<string, [string, string]>();
  for (const metric of metrics) {
    for (const [a, b] of metricPairs(metric, clustered)) {
      const key = [a, b].sort().join("×");
      if (!pairs.has(key)) pairs.set(key, [a, b]);
    }
  }
  if (preDays > 0) {
    for (const [post, pre] of Object.values(CUPED_VARIABLES)) {
      for (const pair of [[post, post], [pre, pre], [post, pre]] as [string, string][]) {
        pairs.set(pair.join("×"), pair);
      }
    }
  }
  return {
    retentionDays: [...new Set(windows("retention"))],
    activationDays: [...new Set(windows("activation"))],
    pairs: [...pairs.values()],
  };
}
