/**
 * Group health, the thesis early-warning model (seed 001; frameworks.md §4): each group's
 * activity in a 30-day period (share of its members who ordered) against the benchmark by
 * membership tier and tenure month, its output (GMV per active member) against an output
 * benchmark, and a grade.
 *
 * Grades: activity is excellent when more than 5 points above benchmark, good at 2–5
 * points, pass at 0–2, fail below; output is excellent when more than 10% above its
 * benchmark, good at 5–10%, pass at 0–5%, fail below (or when nobody ordered). The group's
 * grade is the lower of the two, because the thesis asks for both ("activity >5 points
 * above and output >10% above"): high activity cannot make up for low output or the other
 * way round. Gaps are rounded to 1e-9 before comparing, so 45% − 40% counts as exactly 5
 * points. Checked on constructed groups in test/models/analytics/group_health.test.ts.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { checkDay, checkLevel } from "./_checks.ts";
import { type SummaryRow, wilsonInterval } from "./_interval.ts";
import { acquisitionDays, attributeLabels, lastDay } from "./_members.ts";

/**
 * Expected activity (share 0–1) by tier: entries for tenure months 1..12, then one for
 * every month after 12.
 */
export interface ActivityBenchmark {
  /** Thirteen shares per tier label. */
  readonly tiers: Readonly<Record<string, readonly number[]>>;
}

/**
 * The seed 001 benchmark table (frameworks.md §4) for the 399 and 199 membership tiers.
 * The same table is in `data/benchmarks/group_activity.json`.
 *
 * @example
 * ```ts
 * import { GROUP_ACTIVITY_BENCHMARK } from "./group_health.ts";
 * if (GROUP_ACTIVITY_BENCHMARK.tiers["399"][1] !== 0.65) throw new Error("unexpected");
 * ```
 */
export const GROUP_ACTIVITY_BENCHMARK: ActivityBenchmark = {
  tiers: {
    "399": [0.40, 0.65, 0.65, 0.58, 0.55, 0.52, 0.51, 0.50, 0.48, 0.46, 0.44, 0.42, 0.40],
    "199": [0.40, 0.57, 0.55, 0.50, 0.48, 0.46, 0.44, 0.42, 0.41, 0.39, 0.38, 0.37, 0.36],
  },
};

/** A health grade. */
export type GroupGrade = "excellent" | "good" | "pass" | "fail";

/** Grades from worst to best. */
export const GROUP_GRADES: readonly GroupGrade[] = ["fail", "pass", "good", "excellent"];

/** Options of {@link gradeGroupHealth}. */
export interface GroupHealthOptions {
  /** Last day of the graded period. Default: the last day in the log. */
  readonly asOf?: number;
  /** Period and tenure-month length in days. Default 30 (the thesis' 30-day period). */
  readonly periodDays?: number;
  /** Activity benchmark. Default {@link GROUP_ACTIVITY_BENCHMARK}. */
  readonly benchmark?: ActivityBenchmark;
  /** Member attribute holding the tier. Default `tier`. */
  readonly tierAttribute?: string;
  /** Member attribute holding the group. Default `group`. */
  readonly groupAttribute?: string;
  /**
   * Expected GMV per active member by tier. Default: the pooled GMV per active member of
   * all groups of that tier in the same period.
   */
  readonly outputBenchmark?: Readonly<Record<string, number>>;
  /** Confidence level of the activity intervals. Default 0.95. */
  readonly level?: number;
}

/**
 * Defaults of {@link gradeGroupHealth}.
 *
 * @example
 * ```ts
 * import { GROUP_HEALTH_DEFAULTS } from "./group_health.ts";
 * if (GROUP_HEALTH_DEFAULTS.periodDays !== 30) throw new Error("unexpected");
 * ```
 */
export const GROUP_HEALTH_DEFAULTS = {
  periodDays: 30,
  benchmark: GROUP_ACTIVITY_BENCHMARK,
  tierAttribute: "tier",
  groupAttribute: "group",
  level: 0.95,
} as const;

/** One group's health in the period. */
export interface GroupHealthRow {
  /** Group label. */
  readonly group: string;
  /** Tier label, or `mixed` when members have several. */
  readonly tier: string;
  /** Members acquired by the period end who had not churned by its first day. */
  readonly members: number;
  /** Members with an order in the period. */
  readonly active: number;
  /** active / members. */
  readonly activity: number;
  /** Member-averaged benchmark activity for the members' tiers and tenure months. */
  readonly benchmark: number;
  /** (activity − benchmark) in percentage points. */
  readonly activityGap: number;
  /** Orders in the period. */
  readonly orders: number;
  /** Order amount in the period. */
  readonly gmv: number;
  /** gmv / active; NaN when nobody ordered. */
  readonly outputPerActive: number;
  /** Member-averaged output benchmark. */
  readonly outputBenchmark: number;
  /** outputPerActive / outputBenchmark − 1. */
  readonly outputGap: number;
  /** orders / active, the repurchase frequency of active members. */
  readonly ordersPerActive: number;
  /** Grade of activity alone. */
  readonly activityGrade: GroupGrade;
  /** Grade of output alone. */
  readonly outputGrade: GroupGrade;
  /** The lower of the two. */
  readonly grade: GroupGrade;
}

/** The grades of every group in one period. */
export interface GroupHealth {
  /** Model name. */
  readonly model: "group-health";
  /** Groups graded. */
  readonly n: number;
  /** Confidence level of the activity intervals. */
  readonly level: number;
  /** Last day of the period. */
  readonly asOf: number;
  /** Period length in days. */
  readonly periodDays: number;
  /** One row per group, in label order. */
  readonly groups: readonly GroupHealthRow[];
  /** Acquired members without a group or tier label, not graded. */
  readonly ungrouped: number;
  /** Members who churned on or before the period's first day and had not come back. */
  readonly left: number;
  /** Activity of each group with a Wilson interval. */
  summary(): (SummaryRow & { readonly group: string; readonly grade: GroupGrade })[];
}

/**
 * Grades activity (gap in points) and output (relative gap) and combines them.
 *
 * @example
 * ```ts
 * import { gradeGroup } from "./group_health.ts";
 * const g = gradeGroup(6, 0.07);
 * if (g.activity !== "excellent" || g.output !== "good" || g.grade !== "good") throw new Error();
 * ```
 */
export function gradeGroup(
  activityGap: number,
  outputGap: number,
): { activity: GroupGrade; output: GroupGrade; grade: GroupGrade } {
  const a = level(activityGap, 5, 2);
  const o = level(outputGap, 0.10, 0.05);
  return {
    activity: GROUP_GRADES[a],
    output: GROUP_GRADES[o],
    grade: GROUP_GRADES[Math.min(a, o)],
  };
}

/**
 * Grades every group of a log in the period (asOf − periodDays, asOf].
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { gradeGroupHealth } from "./group_health.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.order, 100, -1);
 * b.push(1, 25, EventCode.order, 100, -1);
 * const attributes = {
 *   tier: { codes: new Int32Array(4), labels: ["399"] },
 *   group: { codes: new Int32Array(4), labels: ["g1"] },
 * };
 * const health = gradeGroupHealth(b.build({ count: 4, ids: null, attributes }), { asOf: 29 });
 * if (health.groups[0].activity !== 0.5 || health.groups[0].grade !== "pass") throw new Error();
 * ```
 */
export function gradeGroupHealth(log: EventLog, options: GroupHealthOptions = {}): GroupHealth {
  const action = "grade group health";
  const o = { ...GROUP_HEALTH_DEFAULTS, ...options };
  const asOf = options.asOf ?? lastDay(log, action);
  checkDay(action, "asOf", asOf);
  if (!(Number.isInteger(o.periodDays) && o.periodDays > 0)) {
    throw new RangeError(
      `Cannot ${action}: periodDays is ${o.periodDays}, expected a positive integer`,
    );
  }
  checkLevel(action, o.level);
  checkBenchmark(o.benchmark);
  const tiers = attributeLabels(log.members, o.tierAttribute, action, "");
  const groups = attributeLabels(log.members, o.groupAttribute, action, "");
  const acquired = acquisitionDays(log);
  const start = asOf - o.periodDays;
  const orders = new Int32Array(log.members.count);
  const gmv = new Float64Array(log.members.count);
  // A member who churned on or before the period's first day (and did not come back by
  // then) has left the group: the thesis grades the members a group still has.
  // (An order on a churn day came before the churn, as in the simulator.)
  const lastChurn = new Float64Array(log.members.count).fill(-Infinity);
  const lastBack = new Float64Array(log.members.count).fill(-Infinity);
  for (let i = 0; i < log.length; i++) {
    const d = log.day[i];
    const type = log.type[i];
    const m = log.member[i];
    if (d <= start) {
      if (type === EventCode.churn && d > lastChurn[m]) lastChurn[m] = d;
      if ((type === EventCode.reactivate || type === EventCode.order) && d > lastBack[m]) {
        lastBack[m] = d;
      }
    }
    if (type !== EventCode.order || d <= start || d > asOf) continue;
    orders[log.member[i]]++;
    if (!Number.isNaN(log.amount[i])) gmv[log.member[i]] += log.amount[i];
  }
  const byGroup = new Map<string, number[]>();
  let ungrouped = 0, left = 0;
  for (let m = 0; m < log.members.count; m++) {
    if (!(acquired[m] <= asOf)) continue;
    if (lastChurn[m] > -Infinity && lastChurn[m] >= lastBack[m]) {
      left++;
      continue;
    }
    if (tiers[m] === "" || groups[m] === "") {
      ungrouped++;
      continue;
    }
    const table = o.benchmark.tiers[tiers[m]];
    if (table === undefined) {
      const known = Object.keys(o.benchmark.tiers).join(", ");
      throw new RangeError(
        `Cannot ${action}: member ${m} has tier '${
          tiers[m]
        }', which the benchmark lacks (tiers: ${known})`,
      );
    }
    const list = byGroup.get(groups[m]) ?? [];
    list.push(m);
    byGroup.set(groups[m], list);
  }
  const outputBench = o.outputBenchmark ?? pooledOutput(tiers, orders, gmv, acquired, asOf);
  const rows: GroupHealthRow[] = [...byGroup.keys()].sort().map((group) => {
    const members = byGroup.get(group)!;
    let active = 0, orderCount = 0, amount = 0, bench = 0, outBench = 0;
    for (const m of members) {
      const month = Math.floor((asOf - acquired[m]) / o.periodDays) + 1;
      bench += o.benchmark.tiers[tiers[m]][Math.min(month, 13) - 1];
      const expected = outputBench[tiers[m]];
      if (expected === undefined) {
        throw new RangeError(
          `Cannot ${action}: outputBenchmark has no value for tier '${tiers[m]}'`,
        );
      }
      outBench += expected;
      if (orders[m] > 0) active++;
      orderCount += orders[m];
      amount += gmv[m];
    }
    const activity = active / members.length;
    const benchmark = bench / members.length;
    const outputPerActive = active > 0 ? amount / active : NaN;
    const outputBenchmark = outBench / members.length;
    const activityGap = 100 * (activity - benchmark);
    const outputGap = outputPerActive / outputBenchmark - 1;
    const graded = gradeGroup(activityGap, outputGap);
    const tierSet = new Set(members.map((m) => tiers[m]));
    return {
      group,
      tier: tierSet.size === 1 ? tiers[members[0]] : "mixed",
      members: members.length,
      active,
      activity,
      benchmark,
      activityGap,
      orders: orderCount,
      gmv: amount,
      outputPerActive,
      outputBenchmark,
      outputGap,
      ordersPerActive: active > 0 ? orderCount / active : NaN,
      activityGrade: graded.activity,
      outputGrade: graded.output,
      grade: graded.grade,
    };
  });
  const conf = o.level;
  return Object.freeze({
    model: "group-health" as const,
    n: rows.length,
    level: conf,
    asOf,
    periodDays: o.periodDays,
    groups: Object.freeze(rows.map((r) => Object.freeze(r))),
    ungrouped,
    left,
    summary: () =>
      rows.map((r) => {
        const [lower, upper] = wilsonInterval(r.active, r.members, conf);
        return {
          name: `activity:${r.group}`,
          estimate: r.activity,
          lower,
          upper,
          level: conf,
          group: r.group,
          grade: r.grade,
        };
      }),
  });
}

/**
 * Checks an analyst's benchmark table (e.g. parsed from JSON) and returns it typed.
 *
 * @example
 * ```ts
 * import { parseActivityBenchmark } from "./group_health.ts";
 * const b = parseActivityBenchmark({ tiers: { gold: new Array(13).fill(0.5) } });
 * if (b.tiers.gold[12] !== 0.5) throw new Error("unexpected");
 * ```
 */
export function parseActivityBenchmark(value: unknown): ActivityBenchmark {
  const tiers = (value as { tiers?: unknown } | null)?.tiers;
  if (typeof tiers !== "object" || tiers === null || Array.isArray(tiers)) {
    throw new TypeError(
      "Cannot read benchmark: expected an object { tiers: { <tier>: [13 shares] } }",
    );
  }
  const out: Record<string, readonly number[]> = {};
  for (const [tier, shares] of Object.entries(tiers)) {
    if (!Array.isArray(shares) || shares.some((s) => typeof s !== "number")) {
      throw new TypeError(`Cannot read benchmark: tier '${tier}' is not an array of numbers`);
    }
    out[tier] = [...shares];
  }
  const benchmark = { tiers: out };
  checkBenchmark(benchmark);
  return benchmark;
}

function checkBenchmark(benchmark: ActivityBenchmark): void {
  for (const [tier, shares] of Object.entries(benchmark.tiers)) {
    if (shares.length !== 13) {
      throw new RangeError(
        `Cannot read benchmark: tier '${tier}' has ${shares.length} entries, expected 13 (months 1–12 and >12)`,
      );
    }
    const bad = shares.findIndex((s) => !(s >= 0 && s <= 1));
    if (bad >= 0) {
      throw new RangeError(
        `Cannot read benchmark: tier '${tier}' month ${bad + 1} is ${
          shares[bad]
        }, expected a share in [0, 1]`,
      );
    }
  }
}

function level(gap: number, excellent: number, good: number): number {
  if (Number.isNaN(gap)) return 0;
  const g = Math.round(gap * 1e9) / 1e9;
  return g > excellent ? 3 : g >= good ? 2 : g >= 0 ? 1 : 0;
}

/** Pooled GMV per active member by tier, over members acquired by `asOf`. */
function pooledOutput(
  tiers: readonly string[],
  orders: Int32Array,
  gmv: Float64Array,
  acquired: Float64Array,
  asOf: number,
): Record<string, number> {
  const sum: Record<string, number> = {};
  const active: Record<string, number> = {};
  for (let m = 0; m < tiers.length; m++) {
    if (tiers[m] === "" || !(acquired[m] <= asOf) || orders[m] === 0) continue;
    sum[tiers[m]] = (sum[tiers[m]] ?? 0) + gmv[m];
    active[tiers[m]] = (active[tiers[m]] ?? 0) + 1;
  }
  const out: Record<string, number> = {};
  for (const tier of new Set(tiers)) out[tier] = active[tier] ? sum[tier] / active[tier] : NaN;
  return out;
}
