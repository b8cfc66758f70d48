/**
 * Arm metrics after a run: the sums of every block and worker added up, groups folded
 * into cluster sums, and running totals over days, so the statistics at a look on day
 * k (data of days 0..k−1) are one slice.
 *
 * @module
 */
import {
  type ArmMetricsOptions,
  type ArmMetricsSums,
  armMetricVariables,
  ProductIncrements,
} from "./arm_metrics.ts";

/** Running per-arm sums of a run's member metrics (see `arm_metrics.ts`). */
export interface ArmMetricsTable {
  readonly options: ArmMetricsOptions;
  readonly horizon: number;
  /** Variable names, in index order. */
  readonly variables: readonly string[];
  /** Sums per arm and day: the variables, then the products in `options.pairs` order. */
  readonly width: number;
  /** Totals over members through each day: `member[(arm·T + day)·width + s]`. */
  readonly member: Float64Array;
  /** Totals over clusters (groups or referral trees); empty without clusters. */
  readonly cluster: Float64Array;
  /** Clusters started through each day, per arm: `units[arm·T + day]`. */
  readonly units: Float64Array;
}

/**
 * Adds the sums of several recorders (blocks run in different workers) in order.
 *
 * @example
 * ```ts
 * import { ArmMetricsRecorder } from "./arm_metrics.ts";
 * import { mergeArmMetrics } from "./arm_metrics_table.ts";
 * const options = {
 *   arms: 1, costCents: [[0, 0]], retentionDays: [], activationDays: [], preDays: 0,
 *   pairs: [], clusters: "none", groups: 0,
 * } as const;
 * const a = new ArmMetricsRecorder(options, 5), b = new ArmMetricsRecorder(options, 5);
 * for (const r of [a, b]) {
 *   r.begin(0, 0, 0);
 *   r.end(0, 0, 0, -1, 0, -1, 0, 0, 0);
 * }
 * if (mergeArmMetrics([a.sums, b.sums]).member[0] !== 2) throw new Error("unexpected");
 * ```
 */
export function mergeArmMetrics(parts: readonly ArmMetricsSums[]): ArmMetricsSums {
  if (parts.length === 0) throw new RangeError("Cannot merge arm metrics: no parts");
  const [first, ...rest] = parts;
  const add = (pick: (s: ArmMetricsSums) => Float64Array) => {
    const out = pick(first).slice();
    for (const part of rest) {
      const a = pick(part);
      for (let i = 0; i < out.length; i++) out[i] += a[i];
    }
    return out;
  };
  const groupArm = first.groupArm.slice();
  for (const part of rest) {
    part.groupArm.forEach((arm, g) => {
      if (groupArm[g] < 0) groupArm[g] = arm;
    });
  }
  return {
    ...first,
    member: add((s) => s.member),
    cluster: add((s) => s.cluster),
    units: add((s) => s.units),
    groupIncrements: add((s) => s.groupIncrements),
    groupArm,
  };
}

/**
 * Folds groups into cluster sums and turns per-day increments into running totals.
 *
 * @example
 * ```ts
 * import { ArmMetricsRecorder } from "./arm_metrics.ts";
 * import { finishArmMetrics } from "./arm_metrics_table.ts";
 * const r = new ArmMetricsRecorder({
 *   arms: 1, costCents: [[0, 0]], retentionDays: [], activationDays: [], preDays: 0,
 *   pairs: [], clusters: "none", groups: 0,
 * }, 5);
 * r.begin(0, 0, 0);
 * r.order(0, 3, 250);
 * r.end(0, 0, 0, -1, 0, -1, 0, 1, 250);
 * const table = finishArmMetrics(r.sums);
 * if (table.member[2 * table.width + 1] !== 0 || table.member[3 * table.width + 1] !== 1) {
 *   throw new Error("the order counts from day 3");
 * }
 * ```
 */
export function finishArmMetrics(sums: ArmMetricsSums): ArmMetricsTable {
  const { options, horizon: T, variables: V } = sums;
  const width = V + options.pairs.length;
  const cluster = sums.cluster.slice();
  const units = sums.units.slice();
  if (options.clusters === "group") foldGroups(sums, cluster, units, width);
  const running = (a: Float64Array, columns: number) => {
    for (let arm = 0; arm < options.arms; arm++) {
      for (let d = 1; d < T; d++) {
        const at = (arm * T + d) * columns, before = at - columns;
        for (let s = 0; s < columns; s++) a[at + s] += a[before + s];
      }
    }
    return a;
  };
  return {
    options,
    horizon: T,
    variables: armMetricVariables(options),
    width,
    member: running(sums.member.slice(), width),
    cluster: options.clusters === "none" ? cluster : running(cluster, width),
    units: options.clusters === "none" ? units : running(units, 1),
  };
}

/**
 * The index of the product of variables `a` and `b` among a table's sums, or -1 when it
 * was not collected.
 *
 * @example
 * ```ts
 * import { productIndex } from "./arm_metrics_table.ts";
 * const table = { variables: ["members", "orders"], options: { pairs: [[1, 1]] } } as const;
 * if (productIndex(table, 1, 1) !== 2) throw new Error("unexpected");
 * ```
 */
export function productIndex(
  table: Pick<ArmMetricsTable, "variables"> & {
    readonly options: Pick<ArmMetricsOptions, "pairs">;
  },
  a: number,
  b: number,
): number {
  const i = table.options.pairs.findIndex(([x, y]) => (x === a && y === b) || (x === b && y === a));
  return i < 0 ? -1 : table.variables.length + i;
}

/** Adds each group, day by day, to the cluster sums of its arm (products by increments). */
function foldGroups(
  sums: ArmMetricsSums,
  cluster: Float64Array,
  units: Float64Array,
  width: number,
): void {
  const { options, horizon: T, variables: V, groupIncrements: inc } = sums;
  const products = new ProductIncrements(V, options.pairs);
  for (let g = 0; g < options.groups; g++) {
    const arm = sums.groupArm[g];
    if (arm < 0) continue;
    products.reset();
    let started = false;
    for (let d = 0; d < T; d++) {
      const from = (g * T + d) * V, at = (arm * T + d) * width;
      if (!started && inc[from] > 0) {
        units[arm * T + d]++;
        started = true;
      }
      for (let v = 0; v < V; v++) {
        const x = inc[from + v];
        if (x !== 0) products.add(cluster, at, v, x);
      }
    }
  }
}
