/**
 * Per-arm sufficient statistics of member metrics, collected while the engine runs, so
 * an experiment never needs member rows or an event log: for each arm and day, the
 * increments of Σ v and Σ v·w over members (and over clusters: groups or referral
 * trees) of a fixed set of per-member variables (orders, revenue, activation, churns,
 * referral, acquisition and campaign cost, warning-policy cost, windowed retention and
 * activation, pre/post-period orders and revenue). Summed over days up to a look they
 * are the n, Σ and Σ of squares and cross-products the tests of `models/stats` take, at
 * any look, at a cost proportional to events.
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
  /**
   * Collect for one look, at the horizon: every increment counts on the last day, and a
   * streamed member's products are formed once, from its final values, rather than at
   * each event (buffered members' increments still add up one by one, all on the last
   * day). Sums read at the horizon are the same; earlier days are not collected.
   * Default false.
   */
  readonly finalOnly?: boolean;
}

/** Fixed variable indices of {@link armMetricVariables}. */
export const VAR_MEMBERS = 0, VAR_ORDERS = 1, VAR_REVENUE = 2, VAR_ACTIVE = 3, VAR_CHURNS = 4;
/** Fixed variable indices of {@link armMetricVariables}. */
export const VAR_REFERRED = 5, VAR_COST = 6, VAR_NEW = 7, VAR_INITIAL = 8, VAR_POLICY = 9;

/**
 * The names of the variables collected under `options`, in index order: the fixed
 * ones (`cost_cents` is acquisition and referral-campaign cost at join, `policy_cents`
 * the warning policies' actions and discounts), then `retention_d<w>.eligible` / `.kept`
 * per window, `activation_d<w>.eligible`
 * / `.done`, and with a pre-period `pre.orders`, `pre.revenue_cents`, `post.orders`,
 * `post.revenue_cents` (initial members only). Money is in cents.
 *
 * @example
 * ```ts
 * import { armMetricVariables } from "./arm_metrics.ts";
 * const names = armMetricVariables({ retentionDays: [30], activationDays: [], preDays: 0 });
 * if (names[10] !== "retention_d30.eligible") throw new Error("unexpected");
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
    "policy_cents",
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
 * Adds one unit's increments (a member's, a tree's, a group's) to rows of sums with the
 * products they change, by the rule in the module comment: δ on v adds δ·w to Σ v·w
 * and 2δv + δ² to Σ v², w and v being the unit's values so far. Shared by
 * {@link ArmMetricsRecorder} and the fold of groups into cluster sums.
 *
 * @example Σ v² of one unit whose v grows by 2, then by 3
 * ```ts
 * import { ProductIncrements } from "./arm_metrics.ts";
 * const products = new ProductIncrements(1, [[0, 0]]);
 * const row = new Float64Array(2); // Σ v, Σ v²
 * products.add(row, 0, 0, 2);
 * products.add(row, 0, 0, 3);
 * if (row[0] !== 5 || row[1] !== 25) throw new Error("unexpected");
 * ```
 */
export class ProductIncrements {
  /** The current unit's values so far. */
  readonly #current: Float64Array;
  /**
   * Products by variable, flattened: variable v's products are entries
   * #start[v] .. #start[v + 1] − 1 of #sum (their index in a row of sums: V + pair) and
   * #other (the other variable).
   */
  readonly #start: Int32Array;
  readonly #sum: Int32Array;
  readonly #other: Int32Array;
  /** The pairs, as two columns of variable indices. */
  readonly #pairA: Int32Array;
  readonly #pairB: Int32Array;
  /**
   * The products an order changes (it adds 1 to orders and its amount to revenue at once),
   * for {@link addOrder}: their index in a row of sums, how the increment is formed
   * (ORDER_SQUARE…REVENUE_TIMES) and the other variable of the last two kinds.
   */
  readonly #orderSum: Int32Array;
  readonly #orderKind: Int32Array;
  readonly #orderOther: Int32Array;

  /** `pairs` are pairs of variable indices 0..variables−1 (see {@link armMetricVariables}). */
  constructor(variables: number, pairs: readonly (readonly [number, number])[]) {
    const start: number[] = [], sum: number[] = [], other: number[] = [];
    for (let v = 0; v < variables; v++) {
      start.push(sum.length);
      pairs.forEach(([a, b], i) => {
        if (a === v || b === v) {
          sum.push(variables + i);
          other.push(a === v ? b : a);
        }
      });
    }
    start.push(sum.length);
    this.#start = Int32Array.from(start);
    this.#sum = Int32Array.from(sum);
    this.#other = Int32Array.from(other);
    this.#pairA = Int32Array.from(pairs, ([a]) => a);
    this.#pairB = Int32Array.from(pairs, ([, b]) => b);
    this.#current = new Float64Array(variables);
    const orderSum: number[] = [], orderKind: number[] = [], orderOther: number[] = [];
    const isOrder = (v: number) => v === VAR_ORDERS || v === VAR_REVENUE;
    pairs.forEach(([a, b], i) => {
      if (!isOrder(a) && !isOrder(b)) return;
      const [v, w] = isOrder(a) ? [a, b] : [b, a];
      orderSum.push(variables + i);
      orderOther.push(w);
      orderKind.push(
        v === w
          ? (v === VAR_ORDERS ? ORDER_SQUARE : REVENUE_SQUARE)
          : isOrder(w)
          ? ORDERS_REVENUE
          : v === VAR_ORDERS
          ? ORDERS_TIMES
          : REVENUE_TIMES,
      );
    });
    this.#orderSum = Int32Array.from(orderSum);
    this.#orderKind = Int32Array.from(orderKind);
    this.#orderOther = Int32Array.from(orderOther);
  }

  /** Starts a new unit: its values are 0. */
  reset(): void {
    // A loop, not fill(): this runs once per member, on a short array.
    const current = this.#current;
    for (let v = 0; v < current.length; v++) current[v] = 0;
  }

  /** Adds `x` to variable `v` in the row of sums at `at` of `target`, and to its products. */
  add(target: Float64Array, at: number, v: number, x: number): void {
    const current = this.#current, sum = this.#sum, other = this.#other;
    target[at + v] += x;
    const end = this.#start[v + 1];
    for (let k = this.#start[v]; k < end; k++) {
      const w = other[k];
      target[at + sum[k]] += w === v ? x * (2 * current[v] + x) : x * current[w];
    }
    current[v] += x;
  }

  /**
   * An order of `cents`: {@link add} of 1 to orders and of `cents` to revenue at once, in one
   * pass over the products either changes (the engine's most frequent increment).
   */
  addOrder(target: Float64Array, at: number, cents: number): void {
    const current = this.#current, sum = this.#orderSum, kind = this.#orderKind;
    const other = this.#orderOther;
    const o = current[VAR_ORDERS], r = current[VAR_REVENUE];
    target[at + VAR_ORDERS] += 1;
    target[at + VAR_REVENUE] += cents;
    for (let k = 0; k < sum.length; k++) {
      const how = kind[k];
      target[at + sum[k]] += how === ORDER_SQUARE
        ? 2 * o + 1
        : how === REVENUE_SQUARE
        ? cents * (2 * r + cents)
        : how === ORDERS_REVENUE
        ? o * cents + r + cents
        : how === ORDERS_TIMES
        ? current[other[k]]
        : cents * current[other[k]];
    }
    current[VAR_ORDERS] = o + 1;
    current[VAR_REVENUE] = r + cents;
  }

  /** Adds `x` to the current unit's variable `v` alone; {@link fold} adds it to sums later. */
  note(v: number, x: number): void {
    this.#current[v] += x;
  }

  /** Adds the current unit's values, and their products, to the row of sums at `at`. */
  fold(target: Float64Array, at: number): void {
    const current = this.#current, a = this.#pairA, b = this.#pairB, V = current.length;
    // Most of a member's variables stay 0 (no policy cost, no churn): skip their adds.
    for (let v = 0; v < V; v++) {
      const x = current[v];
      if (x !== 0) target[at + v] += x;
    }
    for (let k = 0; k < a.length; k++) {
      const x = current[a[k]];
      if (x !== 0) target[at + V + k] += x * current[b[k]];
    }
  }
}

// How an order changes a product Σ v·w (o, r: orders and revenue before it; c: its cents).
/** (o + 1)² − o². */
const ORDER_SQUARE = 0;
/** (r + c)² − r². */
const REVENUE_SQUARE = 1;
/** (o + 1)(r + c) − o·r. */
const ORDERS_REVENUE = 2;
/** w, for orders × another variable w. */
const ORDERS_TIMES = 3;
/** c·w, for revenue × another variable w. */
const REVENUE_TIMES = 4;

/**
 * Collects arm metrics from the recorder's hooks. One member's events arrive between
 * its `begin` and `end` in day order (the event-driven engine simulates whole lives),
 * and a referral tree's members come one after another, root first.
 *
 * Member sums are kept as the events arrive when the member's arm is known at `begin`
 * (the engine passes it) and no product involves a window variable: join-time variables
 * are added at `begin`, each event's increment and its products at once (a life's
 * events come in day order), and window variables, which enter no product, at `end`.
 * Otherwise a member's increments are buffered in day order, its join-time and window
 * increments merged in at `end`. Trees (whose members interleave in time) are sorted
 * once, when complete. When only the horizon is collected (`finalOnly`), a streamed
 * member's values are noted as they come and folded into the last day's sums at `end`,
 * and buffered increments all count on the last day.
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
 * recorder.end(0, 0, 0, -1, 0, -1, 0, 2, 800);
 * const S = recorder.sums.variables + 1;
 * if (recorder.sums.member[4 * S + S - 1] !== 3) throw new Error("2² − 1² on day 4");
 * ```
 */
export class ArmMetricsRecorder {
  readonly sums: ArmMetricsSums;
  readonly #options: ArmMetricsOptions;
  readonly #horizon: number;
  readonly #S: number;
  readonly #products: ProductIncrements;
  /** The member sums (`sums.member`), held directly for the hot path. */
  readonly #member: Float64Array;
  /** Whether member sums may be kept as events arrive (no product of a window variable). */
  readonly #streamable: boolean;
  /** {@link ArmMetricsOptions.finalOnly}: all increments on the last day. */
  readonly #final: boolean;
  /**
   * Only the horizon is collected, members are streamed (no clusters, no product of a
   * window variable) and nothing depends on an order's day (no activation window, no
   * pre-period): a member's orders and revenue are its totals, given to {@link end}, and
   * its order events are not needed.
   */
  readonly ordersAtEnd: boolean;
  /** This member's sums are kept as its events arrive (arm known at begin). */
  #streaming = false;
  /** Day of the streaming member's latest event. */
  #lastDay = 0;
  /** Start of the current member's arm in the member sums: arm · horizon. */
  #armBase = 0;
  /** Windows by length: [days, variable of `.eligible`, 0 retention / 1 activation]. */
  readonly #windows: Int32Array;
  #row = -1;
  #channel = 0;
  #firstOrder = -1;
  // Life increments (day, variable, delta): this member's from #memberStart, and in tree
  // mode the tree's earlier members before it.
  #count = 0;
  #day = new Int32Array(256);
  #variable = new Int32Array(256);
  #delta = new Float64Array(256);
  #memberStart = 0;
  /** A life increment arrived before an earlier one's day: sort the member before use. */
  #unsorted = false;
  #treeArm = -1;
  // This member's join-time and window increments, in day order.
  #extraCount = 0;
  readonly #extraDay: Int32Array;
  readonly #extraVariable: Int32Array;
  readonly #extraDelta: Float64Array;
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
    for (
      const [field, days] of [
        ["retentionDays", options.retentionDays],
        ["activationDays", options.activationDays],
      ] as const
    ) {
      days.forEach((w, i) => {
        if (!(Number.isInteger(w) && w >= 1)) {
          throw new RangeError(
            `Cannot collect arm metrics: ${field}[${i}] is ${w}; expected a whole number of days ≥ 1`,
          );
        }
      });
    }
    this.#options = options;
    this.#horizon = horizon;
    this.#S = V + options.pairs.length;
    const cells = options.arms * horizon * this.#S;
    this.#products = new ProductIncrements(V, options.pairs);
    const windows: [number, number, number][] = [];
    let v = VAR_POLICY + 1;
    for (const w of options.retentionDays) windows.push([w, v, 0]), v += 2;
    for (const w of options.activationDays) windows.push([w, v, 1]), v += 2;
    windows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.#windows = Int32Array.from(windows.flat());
    const extra = 4 + 2 * windows.length;
    this.#extraDay = new Int32Array(extra);
    this.#extraVariable = new Int32Array(extra);
    this.#extraDelta = new Float64Array(extra);
    this.#pre = options.preDays > 0 ? V - 4 : -1;
    const firstWindow = VAR_POLICY + 1, endWindows = firstWindow + 2 * windows.length;
    this.#final = options.finalOnly === true;
    this.#streamable = options.clusters === "none" &&
      options.pairs.every(([a, b]) =>
        !(a >= firstWindow && a < endWindows) && !(b >= firstWindow && b < endWindows)
      );
    // Buffered members (clusters, window products) need their order events.
    this.ordersAtEnd = this.#final && this.#streamable && options.activationDays.length === 0 &&
      options.preDays === 0;
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
    this.#member = this.sums.member;
  }

  /**
   * A member joins on `day` through `channel`; its events follow until {@link end}.
   * Giving its `arm` here (the engine does) lets member sums be kept as events arrive.
   */
  begin(row: number, day: number, channel: number, arm = -1): void {
    if (arm < 0 && this.ordersAtEnd) {
      throw new RangeError(
        "Cannot collect arm metrics: with members' totals taken at their end, begin needs " +
          "each member's arm",
      );
    }
    this.#row = row;
    this.#channel = channel;
    this.#firstOrder = -1;
    this.#unsorted = false;
    this.#streaming = this.#streamable && arm >= 0;
    if (this.#streaming) {
      this.#armBase = arm * this.#horizon;
      this.#lastDay = day;
      this.#products.reset();
      this.#extraCount = 0;
      this.#record(day, VAR_MEMBERS, 1);
      this.#joinTime(day, channel, arm);
      for (let e = 0; e < this.#extraCount; e++) {
        this.#record(this.#extraDay[e], this.#extraVariable[e], this.#extraDelta[e]);
      }
      return;
    }
    // A referral tree's members come one after another: keep them until the tree is done.
    if (this.#options.clusters !== "tree") this.#count = 0;
    this.#memberStart = this.#count;
    this.#push(day, VAR_MEMBERS, 1);
  }

  /** The member orders `cents` on `day` (ignored for streamed members when {@link ordersAtEnd}). */
  order(row: number, day: number, cents: number): void {
    if (this.#streaming) {
      // The hottest hook: inside the engine's loop every call here costs, so orders and
      // revenue go in together rather than through #record.
      if (row !== this.#row || day < this.#lastDay) this.#arrive(row, day);
      this.#lastDay = day;
      if (this.ordersAtEnd) return;
      const products = this.#products;
      if (this.#final) {
        products.note(VAR_ORDERS, 1);
        products.note(VAR_REVENUE, cents);
      } else products.addOrder(this.#member, (this.#armBase + day) * this.#S, cents);
    } else {
      this.#arrive(row, day);
      this.#push(day, VAR_ORDERS, 1);
      this.#push(day, VAR_REVENUE, cents);
    }
    if (this.#firstOrder < 0) {
      this.#firstOrder = day;
      this.#record(day, VAR_ACTIVE, 1);
    }
    if (this.#pre >= 0 && this.#channel === 0) {
      const base = this.#pre + (day < this.#options.preDays ? 0 : 2);
      this.#record(day, base, 1);
      this.#record(day, base + 1, cents);
    }
  }

  /** The member churns on `day`. */
  churn(row: number, day: number): void {
    this.#arrive(row, day);
    this.#record(day, VAR_CHURNS, 1);
  }

  /** A warning policy spends `cents` on the member on `day` (an action, a touch, a discount). */
  cost(row: number, day: number, cents: number): void {
    this.#arrive(row, day);
    if (cents !== 0) this.#record(day, VAR_POLICY, cents);
  }

  /**
   * The member's life is over: adds its join-time and window variables, then its sums.
   * `orders` and `revenueCents` are its totals, which count instead of its order events
   * when {@link ordersAtEnd}.
   */
  end(
    row: number,
    joinDay: number,
    channel: number,
    group: number,
    generation: number,
    firstChurn: number,
    arm: number,
    orders: number,
    revenueCents: number,
  ): void {
    this.#check(row);
    if (this.#streaming) {
      // Window variables enter no product here: their sums can be added late.
      this.#extraCount = 0;
      this.#windowIncrements(joinDay, firstChurn);
      const S = this.#S, member = this.#member, base = this.#armBase;
      if (this.#final) {
        const products = this.#products;
        if (this.ordersAtEnd) {
          products.note(VAR_ORDERS, orders);
          products.note(VAR_REVENUE, revenueCents);
          if (orders > 0) products.note(VAR_ACTIVE, 1);
        }
        for (let e = 0; e < this.#extraCount; e++) {
          products.note(this.#extraVariable[e], this.#extraDelta[e]);
        }
        products.fold(member, (base + this.#horizon - 1) * S);
      } else {
        for (let e = 0; e < this.#extraCount; e++) {
          member[(base + this.#extraDay[e]) * S + this.#extraVariable[e]] += this.#extraDelta[e];
        }
      }
      this.#row = -1;
      return;
    }
    const o = this.#options;
    this.#extraCount = 0;
    this.#joinTime(joinDay, channel, arm);
    this.#windowIncrements(joinDay, firstChurn);
    if (this.#unsorted) this.#sort(this.#memberStart, this.#count);
    this.#apply(this.sums.member, arm, this.#memberStart, this.#count, this.#extraCount);
    if (o.clusters === "group" && group >= 0) this.#addToGroup(group, arm);
    if (o.clusters === "tree") {
      for (let e = 0; e < this.#extraCount; e++) {
        this.#push(this.#extraDay[e], this.#extraVariable[e], this.#extraDelta[e]);
      }
      if (generation === 0) {
        // A root: the tree before it is complete; this member starts the next one.
        this.#foldTree(this.#memberStart);
        this.#treeArm = arm;
      }
    }
    this.#row = -1;
  }

  /** The block is over: its last referral tree is complete. */
  endBlock(): void {
    if (this.#options.clusters === "tree") this.#foldTree(this.#count);
  }

  /** Extra increments of the variables fixed at join: referred, cost, new or initial. */
  #joinTime(joinDay: number, channel: number, arm: number): void {
    const costs = this.#options.costCents[arm];
    if (channel === costs.length - 1 && channel > 0) this.#addExtra(joinDay, VAR_REFERRED, 1);
    if (costs[channel] !== 0) this.#addExtra(joinDay, VAR_COST, costs[channel]);
    this.#addExtra(joinDay, channel !== 0 ? VAR_NEW : VAR_INITIAL, 1);
  }

  /** Extra increments of the windows that close before the horizon, in day order. */
  #windowIncrements(joinDay: number, firstChurn: number): void {
    const windows = this.#windows, T = this.#horizon;
    for (let k = 0; k < windows.length; k += 3) {
      const w = windows[k], v = windows[k + 1];
      const known = joinDay + w - 1;
      if (known >= T) break;
      this.#addExtra(known, v, 1);
      const done = windows[k + 2] === 0
        ? firstChurn < 0 || firstChurn - joinDay >= w
        : this.#firstOrder >= 0 && this.#firstOrder - joinDay < w;
      if (done) this.#addExtra(known, v + 1, 1);
    }
  }

  /** An event of member `row` on `day`: checks that it belongs and, streaming, its day order. */
  #arrive(row: number, day: number): void {
    this.#check(row);
    if (!this.#streaming) return;
    if (day < this.#lastDay) {
      throw new Error(
        `Cannot collect arm metrics: member row ${row} has an event on day ${day} after ` +
          `one on day ${this.#lastDay}; a life's events must come in day order`,
      );
    }
    this.#lastDay = day;
  }

  /**
   * An increment of the current member: kept at once when streaming (noted for the fold
   * at its end when only the horizon is collected), else buffered.
   */
  #record(day: number, variable: number, delta: number): void {
    if (!this.#streaming) this.#push(day, variable, delta);
    else if (this.#final) this.#products.note(variable, delta);
    else this.#add(day, variable, delta);
  }

  /** Adds an increment and its products to the member sums (events in day order). */
  #add(day: number, v: number, x: number): void {
    this.#products.add(this.#member, (this.#armBase + day) * this.#S, v, x);
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
    if (this.#final) day = this.#horizon - 1;
    if (this.#count === this.#day.length) this.#grow();
    const i = this.#count++;
    if (i > this.#memberStart && day < this.#day[i - 1]) this.#unsorted = true;
    this.#day[i] = day;
    this.#variable[i] = variable;
    this.#delta[i] = delta;
  }

  #addExtra(day: number, variable: number, delta: number): void {
    if (this.#final) day = this.#horizon - 1;
    const e = this.#extraCount++;
    this.#extraDay[e] = day;
    this.#extraVariable[e] = variable;
    this.#extraDelta[e] = delta;
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

  /**
   * Adds one unit's increments to `target` for `arm`: life increments [from, to) and the
   * first `extras` extra increments, both in day order, merged by day.
   */
  #apply(target: Float64Array, arm: number, from: number, to: number, extras: number): void {
    const S = this.#S, base = arm * this.#horizon, products = this.#products;
    const day = this.#day, variable = this.#variable, delta = this.#delta;
    const extraDay = this.#extraDay, extraVariable = this.#extraVariable;
    const extraDelta = this.#extraDelta;
    products.reset();
    let i = from, e = 0;
    while (i < to || e < extras) {
      let d: number, v: number, x: number;
      if (e >= extras || (i < to && day[i] <= extraDay[e])) {
        d = day[i];
        v = variable[i];
        x = delta[i];
        i++;
      } else {
        d = extraDay[e];
        v = extraVariable[e];
        x = extraDelta[e];
        e++;
      }
      products.add(target, (base + d) * S, v, x);
    }
  }

  #addToGroup(group: number, arm: number): void {
    const V = this.sums.variables, T = this.#horizon, inc = this.sums.groupIncrements;
    if (this.sums.groupArm[group] < 0) this.sums.groupArm[group] = arm;
    for (let i = this.#memberStart; i < this.#count; i++) {
      inc[(group * T + this.#day[i]) * V + this.#variable[i]] += this.#delta[i];
    }
    for (let e = 0; e < this.#extraCount; e++) {
      inc[(group * T + this.#extraDay[e]) * V + this.#extraVariable[e]] += this.#extraDelta[e];
    }
  }

  /** Folds the tree held in [0, end) into the cluster sums and keeps [end, count). */
  #foldTree(end: number): void {
    if (end > 0 && this.#treeArm >= 0) {
      this.#sortTree(end);
      this.sums.units[this.#treeArm * this.#horizon + this.#day[0]]++;
      this.#apply(this.sums.cluster, this.#treeArm, 0, end, 0);
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
