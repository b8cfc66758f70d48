/**
 * Per-arm sufficient statistics of member metrics, collected while the engine runs, so
 * an experiment never needs member rows or an event log: for each arm and day, the
 * increments of Σ v and Σ v·w over members (and over clusters: groups or referral
 * trees) of a fixed set of per-member variables (orders, revenue, activation, churns,
 * referral, cost, windowed retention and activation, pre/post-period orders and
 * revenue). Summed over days up to a look they are the n, Σ and Σ of squares and
 * cross-products the tests of `models/stats` take, at any look, at a cost
 * proportional to events.
 *
 * A product Σ v·w is kept by increments: when v changes by δ on day e, Σ v·w gains
 * δ·w(e) (w before the day's other changes; 2δv + δ² for v·v), which is exact whatever
 * the order of changes within a day. Variables are integers (money in cents), so sums
 * are exact below 2⁵³ and add up in any order: results do not depend on workers.
 *
 * @module
 */

/** Which per-member variables and products to collect. Plain data: it travels to workers. */
export interface ArmMetricsOptions {
  /** Arms of the run (1 without arms). */
  readonly arms: number;
  /** Cost of a member in cents by arm and channel (acquisition CAC; referral: campaign cost). */
  readonly costCents: readonly (readonly number[])[];
  /** Retention windows w in days: kept = no churn before tenure w, known at join + w. */
  readonly retentionDays: readonly number[];
  /** Activation windows w in days: a first order before tenure w, known at join + w. */
  readonly activationDays: readonly number[];
  /** Pre-period length P: initial members' orders and revenue before and from day P (0: none). */
  readonly preDays: number;
  /** Products to keep, as pairs of variable indices (see {@link armMetricVariables}). */
  readonly pairs: readonly (readonly [number, number])[];
  /** Clusters to sum members into besides members themselves. */
  readonly clusters: "none" | "group" | "tree";
  /** Groups of the scenario (cluster sums by group). */
  readonly groups: number;
}

/** Fixed variable indices of {@link armMetricVariables}. */
export const VAR_MEMBERS = 0, VAR_ORDERS = 1, VAR_REVENUE = 2, VAR_ACTIVE = 3, VAR_CHURNS = 4;
/** Fixed variable indices of {@link armMetricVariables}. */
export const VAR_REFERRED = 5, VAR_COST = 6, VAR_NEW = 7, VAR_INITIAL = 8;

/**
 * The names of the variables collected under `options`, in index order: the fixed
 * ones, then `retention_d<w>.eligible` / `.kept` per window, `activation_d<w>.eligible`
 * / `.done`, and with a pre-period `pre.orders`, `pre.revenue_cents`, `post.orders`,
 * `post.revenue_cents` (initial members only). Money is in cents.
 *
 * @example
 * ```ts
 * import { armMetricVariables } from "./arm_metrics.ts";
 * const names = armMetricVariables({ retentionDays: [30], activationDays: [], preDays: 0 });
 * if (names[9] !== "retention_d30.eligible") throw new Error("unexpected");
 * ```
 */
export function armMetricVariables(
  options: Pick<ArmMetricsOptions, "retentionDays" | "activationDays" | "preDays">,
): readonly string[] {
  const names = [
    "members",
    "orders",
    "revenue_cents",
    "active",
    "churns",
    "referred",
    "cost_cents",
    "new",
    "initial",
  ];
  for (const w of options.retentionDays) {
    names.push(`retention_d${w}.eligible`, `retention_d${w}.kept`);
  }
  for (const w of options.activationDays) {
    names.push(`activation_d${w}.eligible`, `activation_d${w}.done`);
  }
  if (options.preDays > 0) {
    names.push("pre.orders", "pre.revenue_cents", "post.orders", "post.revenue_cents");
  }
  return names;
}

/**
 * Collected sums, summable over blocks and workers. `member` and `cluster` hold, per
 * arm and day, increments of the S = V + pairs sums (`[(arm·T + day)·S + s]`: the V
 * variable sums, then the products in `options.pairs` order); `units` the increments
 * of clusters started (a tree at its root's join, a group at its first member's).
 * Groups are folded into `cluster` only once every worker's increments are in: see
 * {@link finishArmMetrics}.
 */
export interface ArmMetricsSums {
  readonly options: ArmMetricsOptions;
  readonly horizon: number;
  readonly variables: number;
  readonly member: Float64Array;
  readonly cluster: Float64Array;
  readonly units: Float64Array;
  /** Per group and day, increments of each variable: `[(g·T + day)·V + v]`. */
  readonly groupIncrements: Float64Array;
  /** Per group, the arm of its members (-1: none seen). */
  readonly groupArm: Int32Array;
}

/**
 * Collects arm metrics from the recorder's hooks. One member's events arrive between
 * its `begin` and `end` (the event-driven engine simulates whole lives), and a referral
 * tree's members come one after another, root first.
 *
 * @example
 * ```ts
 * import { ArmMetricsRecorder } from "./arm_metrics.ts";
 * const recorder = new ArmMetricsRecorder({
 *   arms: 1, costCents: [[0, 0]], retentionDays: [], activationDays: [], preDays: 0,
 *   pairs: [[1, 1]], clusters: "none", groups: 0,
 * }, 10);
 * recorder.begin(0, 0, 0);
 * recorder.order(0, 2, 500);
 * recorder.order(0, 4, 300);
 * recorder.end(0, 0, 0, -1, 0, -1, 0);
 * const S = recorder.sums.variables + 1;
 * if (recorder.sums.member[4 * S + 9] !== 3) throw new Error("2² − 1² on day 4");
 * ```
 */
export class ArmMetricsRecorder {
  readonly sums: ArmMetricsSums;
  readonly #options: ArmMetricsOptions;
  readonly #horizon: number;
  readonly #S: number;
  /** Per variable: its products as (sum index, other variable) pairs, flattened. */
  readonly #pairsOf: Int32Array[];
  readonly #current: Float64Array;
  #row = -1;
  #channel = 0;
  #orders = 0;
  #firstOrder = -1;
  // This member's increments (day, variable, delta), then the tree's.
  #count = 0;
  #day = new Int32Array(256);
  #variable = new Int32Array(256);
  #delta = new Float64Array(256);
  /** Where the current member's increments start (after its tree's earlier members). */
  #memberStart = 0;
  #treeArm = -1;
  /** Index of `pre.orders`, or -1 without a pre-period. */
  readonly #pre: number;

  constructor(options: ArmMetricsOptions, horizon: number) {
    const V = armMetricVariables(options).length;
    options.pairs.forEach(([a, b], i) => {
      if (!(a >= 0 && a < V && b >= 0 && b < V)) {
        throw new RangeError(
          `Cannot collect arm metrics: pairs[${i}] is [${a}, ${b}]; expected variables 0..${V - 1}`,
        );
      }
    });
    if (options.costCents.length !== options.arms) {
      throw new RangeError(
        `Cannot collect arm metrics: costCents has ${options.costCents.length} arms, expected ${options.arms}`,
      );
    }
    this.#options = options;
    this.#horizon = horizon;
    this.#S = V + options.pairs.length;
    const cells = options.arms * horizon * this.#S;
    this.#pairsOf = Array.from({ length: V }, (_, v) => {
      const out: number[] = [];
      options.pairs.forEach(([a, b], i) => {
        if (a === v) out.push(V + i, b);
        else if (b === v) out.push(V + i, a);
      });
      return Int32Array.from(out);
    });
    this.#current = new Float64Array(V);
    this.#pre = options.preDays > 0 ? V - 4 : -1;
    const groups = options.clusters === "group" ? options.groups : 0;
    this.sums = {
      options,
      horizon,
      variables: V,
      member: new Float64Array(cells),
      cluster: new Float64Array(options.clusters === "none" ? 0 : cells),
      units: new Float64Array(options.clusters === "none" ? 0 : options.arms * horizon),
      groupIncrements: new Float64Array(groups * horizon * V),
      groupArm: new Int32Array(groups).fill(-1),
    };
  }

  /** A member joins on `day` through `channel`; its events follow until {@link end}. */
  begin(row: number, day: number, channel: number): void {
    this.#row = row;
    this.#channel = channel;
    this.#orders = 0;
    this.#firstOrder = -1;
    // A referral tree's members come one after another: keep them until the tree is done.
    if (this.#options.clusters !== "tree") this.#count = 0;
    this.#memberStart = this.#count;
    this.#push(day, VAR_MEMBERS, 1);
  }

  /** The member orders `cents` on `day`. */
  order(row: number, day: number, cents: number): void {
    this.#check(row);
    this.#orders++;
    this.#push(day, VAR_ORDERS, 1);
    this.#push(day, VAR_REVENUE, cents);
    if (this.#firstOrder < 0) {
      this.#firstOrder = day;
      this.#push(day, VAR_ACTIVE, 1);
    }
    if (this.#pre >= 0 && this.#channel === 0) {
      const base = this.#pre + (day < this.#options.preDays ? 0 : 2);
      this.#push(day, base, 1);
      this.#push(day, base + 1, cents);
    }
  }

  /** The member churns on `day`. */
  churn(row: number, day: number): void {
    this.#check(row);
    this.#push(day, VAR_CHURNS, 1);
  }

  /** The member's life is over: adds its join-time and window variables, then its sums. */
  end(
    row: number,
    joinDay: number,
    channel: number,
    group: number,
    generation: number,
    firstChurn: number,
    arm: number,
  ): void {
    this.#check(row);
    const o = this.#options, T = this.#horizon;
    const referralChannel = o.costCents[arm].length - 1;
    if (channel === referralChannel && channel > 0) this.#push(joinDay, VAR_REFERRED, 1);
    const cost = o.costCents[arm][channel];
    if (cost !== 0) this.#push(joinDay, VAR_COST, cost);
    if (channel !== 0) this.#push(joinDay, VAR_NEW, 1);
    else this.#push(joinDay, VAR_INITIAL, 1);
    let v = VAR_INITIAL + 1;
    for (const w of o.retentionDays) {
      const known = joinDay + w - 1;
      if (known < T) {
        this.#push(known, v, 1);
        if (firstChurn < 0 || firstChurn - joinDay >= w) this.#push(known, v + 1, 1);
      }
      v += 2;
    }
    for (const w of o.activationDays) {
      const known = joinDay + w - 1;
      if (known < T) {
        this.#push(known, v, 1);
        if (this.#firstOrder >= 0 && this.#firstOrder - joinDay < w) this.#push(known, v + 1, 1);
      }
      v += 2;
    }
    this.#sort(this.#memberStart, this.#count);
    this.#apply(this.sums.member, arm, this.#memberStart, this.#count);
    if (o.clusters === "group" && group >= 0) this.#addToGroup(group, arm);
    if (o.clusters === "tree" && generation === 0) {
      // A root: the tree before it is complete; this member starts the next one.
      this.#foldTree(this.#memberStart);
      this.#treeArm = arm;
    }
    this.#row = -1;
  }

  /** The block is over: its last referral tree is complete. */
  endBlock(): void {
    if (this.#options.clusters === "tree") this.#foldTree(this.#count);
  }

  #check(row: number): void {
    if (row !== this.#row) {
      throw new Error(
        `Cannot collect arm metrics: an event of member row ${row} arrived during row ${this.#row}; ` +
          "arm metrics need the event-driven engine",
      );
    }
  }

  #push(day: number, variable: number, delta: number): void {
    if (this.#count === this.#day.length) this.#grow();
    const i = this.#count++;
    this.#day[i] = day;
    this.#variable[i] = variable;
    this.#delta[i] = delta;
  }

  /** Stable insertion sort of increments [from, to) by day (lives arrive nearly sorted). */
  #sort(from: number, to: number): void {
    const day = this.#day, variable = this.#variable, delta = this.#delta;
    for (let i = from + 1; i < to; i++) {
      const d = day[i];
      if (d >= day[i - 1]) continue;
      const v = variable[i], x = delta[i];
      let j = i - 1;
      while (j >= from && day[j] > d) {
        day[j + 1] = day[j];
        variable[j + 1] = variable[j];
        delta[j + 1] = delta[j];
        j--;
      }
      day[j + 1] = d;
      variable[j + 1] = v;
      delta[j + 1] = x;
    }
  }

  /** Adds one unit's increments [from, to), sorted by day, to `target` for `arm`. */
  #apply(target: Float64Array, arm: number, from: number, to: number): void {
    const S = this.#S, T = this.#horizon, current = this.#current, pairsOf = this.#pairsOf;
    current.fill(0);
    for (let i = from; i < to; i++) {
      const v = this.#variable[i], x = this.#delta[i];
      const at = (arm * T + this.#day[i]) * S;
      target[at + v] += x;
      const pairs = pairsOf[v];
      for (let k = 0; k < pairs.length; k += 2) {
        const other = pairs[k + 1];
        target[at + pairs[k]] += other === v ? x * (2 * current[v] + x) : x * current[other];
      }
      current[v] += x;
    }
  }

  #addToGroup(group: number, arm: number): void {
    const V = this.sums.variables, T = this.#horizon, inc = this.sums.groupIncrements;
    if (this.sums.groupArm[group] < 0) this.sums.groupArm[group] = arm;
    for (let i = this.#memberStart; i < this.#count; i++) {
      inc[(group * T + this.#day[i]) * V + this.#variable[i]] += this.#delta[i];
    }
  }

  /** Folds the tree held in [0, end) into the cluster sums and keeps [end, count). */
  #foldTree(end: number): void {
    if (end > 0 && this.#treeArm >= 0) {
      this.#sortTree(end);
      this.sums.units[this.#treeArm * this.#horizon + this.#day[0]]++;
      this.#apply(this.sums.cluster, this.#treeArm, 0, end);
    }
    const rest = this.#count - end;
    this.#day.copyWithin(0, end, this.#count);
    this.#variable.copyWithin(0, end, this.#count);
    this.#delta.copyWithin(0, end, this.#count);
    this.#count = rest;
    this.#memberStart = 0;
    this.#treeArm = -1;
  }

  /** Sorts a tree's increments by day: insertion sort when small, an index sort otherwise. */
  #sortTree(end: number): void {
    if (end <= 256) {
      this.#sort(0, end);
      return;
    }
    const order = Int32Array.from({ length: end }, (_, i) => i)
      .sort((a, b) => this.#day[a] - this.#day[b] || a - b);
    const day = Int32Array.from(order, (i) => this.#day[i]);
    const variable = Int32Array.from(order, (i) => this.#variable[i]);
    const delta = Float64Array.from(order, (i) => this.#delta[i]);
    this.#day.set(day);
    this.#variable.set(variable);
    this.#delta.set(delta);
  }

  #grow(): void {
    const size = this.#day.length * 2;
    const day = new Int32Array(size), variable = new Int32Array(size);
    const delta = new Float64Array(size);
    day.set(this.#day);
    variable.set(this.#variable);
    delta.set(this.#delta);
    this.#day = day;
    this.#variable = variable;
    this.#delta = delta;
  }
}
