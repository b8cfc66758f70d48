import { describe, expect, test } from "vitest";
import { loadScenario } from "../../io/scenario_file.ts";
import { simulate } from "../../sim/run.ts";
import {
  type ArmMetricsOptions,
  ArmMetricsRecorder,
  armMetricVariables,
  ProductIncrements,
  VAR_ORDERS,
  VAR_POLICY,
  VAR_REVENUE,
} from "../../sim/arm_metrics.ts";
import { PolicySchema } from "../../sim/scenario.ts";
import { finishArmMetrics, productIndex } from "../../sim/arm_metrics_table.ts";
import { compilePlan } from "../../sim/plan.ts";
import { rootSeed } from "../../random/seed.ts";
import { lookSums } from "../../experiments/metrics.ts";

const base = await loadScenario("default", { overrides: ["population.initial=3000"] });
const treatment = await loadScenario("default", {
  overrides: ["population.initial=3000", "referral.conversion=0.6", "referral.cost=12"],
});
const arms = [
  { name: "control", weight: 1, scenario: base },
  { name: "treatment", weight: 1, scenario: treatment },
];
const T = 60;
const cents = (s: typeof base) =>
  Array.from(compilePlan({ ...s, horizon: T }, rootSeed(1)).cac, (c) => Math.round(c * 100));

function options(clusters: ArmMetricsOptions["clusters"]): ArmMetricsOptions {
  const names = armMetricVariables({ retentionDays: [30], activationDays: [7], preDays: 20 });
  const pairs: [number, number][] = [];
  for (let a = 0; a < names.length; a++) for (let b = a; b < names.length; b++) pairs.push([a, b]);
  return {
    arms: 2,
    costCents: [cents(base), cents(treatment)],
    retentionDays: [30],
    activationDays: [7],
    preDays: 20,
    pairs,
    clusters,
    groups: base.organization?.groups ?? 0,
  };
}

describe("arm metrics", () => {
  test("sums at the last day equal sums over the member rows, per arm", async () => {
    const o = options("none");
    const run = await simulate(base, {
      arms,
      workers: 1,
      days: T,
      record: { members: true, armMetrics: o },
    });
    const m = run.members!, table = run.armMetrics!;
    const referral = run.channels.length - 1;
    for (let arm = 0; arm < 2; arm++) {
      const at = (arm * T + T - 1) * table.width;
      let n = 0, orders = 0, orders2 = 0, revenue = 0, revOrders = 0, active = 0, referred = 0;
      let cost = 0, kept = 0, eligible = 0, costRevenue = 0;
      for (let i = 0; i < m.count; i++) {
        if (m.arm[i] !== arm) continue;
        n++;
        orders += m.orders[i];
        orders2 += m.orders[i] ** 2;
        const r = Math.round(m.revenue[i] * 100);
        revenue += r;
        revOrders += r * m.orders[i];
        if (m.orders[i] > 0) active++;
        if (m.channel[i] === referral) referred++;
        const c = o.costCents[arm][m.channel[i]];
        cost += c;
        costRevenue += c * r;
        if (m.joinDay[i] + 30 <= T) {
          eligible++;
          if (m.churnDay[i] < 0 || m.churnDay[i] - m.joinDay[i] >= 30) kept++;
        }
      }
      const s = table.member;
      const v = (name: string) => s[at + table.variables.indexOf(name)];
      expect(v("members")).toBe(n);
      expect(v("orders")).toBe(orders);
      expect(v("revenue_cents")).toBe(revenue);
      expect(v("active")).toBe(active);
      expect(v("referred")).toBe(referred);
      expect(v("cost_cents")).toBe(cost);
      expect(v("retention_d30.eligible")).toBe(eligible);
      expect(v("retention_d30.kept")).toBe(kept);
      expect(s[at + productIndex(table, 1, 1)]).toBe(orders2);
      expect(s[at + productIndex(table, 2, 1)]).toBe(revOrders);
      expect(s[at + productIndex(table, 2, 6)]).toBe(costRevenue);
    }
    expect(table.member[(T - 1) * table.width + 5]).toBeGreaterThan(0);
  });

  test("policy cost is the member rows' cost of actions, touches and discounts, per arm", async () => {
    const policy = {
      name: "coupon",
      trigger: { type: "inactivity", days: 10, stages: ["active"] },
      action: { type: "coupon", cost: 1.5, discount: 0.1, orders: 2, days: 7 },
    } as const;
    const withPolicy = { ...base, policies: [PolicySchema.parse(policy)] };
    const o = { ...options("none"), pairs: [[9, 9]] as [number, number][] };
    const run = await simulate(base, {
      arms: [arms[0], { name: "coupon", weight: 1, scenario: withPolicy }],
      workers: 1,
      days: T,
      record: { members: true, armMetrics: o },
    });
    const m = run.members!, table = run.armMetrics!;
    expect(table.variables[VAR_POLICY]).toBe("policy_cents");
    const cost = [0, 0], squares = [0, 0];
    for (let i = 0; i < m.count; i++) {
      const c = Math.round(m.policyCost[i] * 100);
      cost[m.arm[i]] += c;
      squares[m.arm[i]] += c * c;
    }
    expect(cost[0]).toBe(0);
    expect(cost[1]).toBeGreaterThan(0);
    for (let arm = 0; arm < 2; arm++) {
      const at = (arm * T + T - 1) * table.width;
      expect(table.member[at + VAR_POLICY]).toBe(cost[arm]);
      expect(table.member[at + productIndex(table, VAR_POLICY, VAR_POLICY)]).toBe(squares[arm]);
    }
  });

  test("sums kept as events arrive equal sums buffered until the member's end", () => {
    const o = {
      ...options("none"),
      pairs: options("none").pairs.filter(([a, b]) => a < 10 && b < 10),
    };
    const streamed = new ArmMetricsRecorder(o, T), buffered = new ArmMetricsRecorder(o, T);
    // Member 0 joins on day 3 by channel 1 in arm 1, orders twice, pays a policy, churns.
    for (const [recorder, arm] of [[streamed, 1], [buffered, -1]] as const) {
      recorder.begin(0, 3, 1, arm);
      recorder.order(0, 5, 1200);
      recorder.cost(0, 9, 150);
      recorder.order(0, 40, 800);
      recorder.churn(0, 50);
      recorder.end(0, 3, 1, -1, 0, 50, 1, 2, 2000);
      recorder.begin(1, 0, 0, arm === 1 ? 0 : -1);
      recorder.order(1, 25, 400);
      recorder.end(1, 0, 0, -1, 0, -1, 0, 1, 400);
    }
    expect(streamed.sums.member).toEqual(buffered.sums.member);
    const table = finishArmMetrics(streamed.sums);
    const revenue2 = (day: number) =>
      table.member[(1 * T + day) * table.width + productIndex(table, 2, 2)];
    expect(revenue2(5)).toBe(1200 ** 2);
    expect(revenue2(40)).toBe(2000 ** 2);
    streamed.begin(2, 0, 0, 0);
    streamed.order(2, 9, 100);
    expect(() => streamed.order(2, 8, 100)).toThrow(/day 8 after one on day 9/);
    expect(() => streamed.churn(7, 10)).toThrow(/member row 7 arrived during row 2/);
  });

  test("an order adds what adding its order and its revenue one by one adds", () => {
    // Every pair among six variables, orders and revenue included, squares and cross terms.
    const pairs: [number, number][] = [];
    for (let a = 0; a < 6; a++) for (let b = a; b < 6; b++) pairs.push([a, b]);
    const fused = new ProductIncrements(6, pairs), single = new ProductIncrements(6, pairs);
    const width = 6 + pairs.length;
    const byOrder = new Float64Array(width), byAdd = new Float64Array(width);
    for (const p of [fused, single]) p.add(p === fused ? byOrder : byAdd, 0, 4, 3);
    for (const cents of [1200, 800, 450]) {
      fused.addOrder(byOrder, 0, cents);
      single.add(byAdd, 0, VAR_ORDERS, 1);
      single.add(byAdd, 0, VAR_REVENUE, cents);
      for (const p of [fused, single]) p.add(p === fused ? byOrder : byAdd, 0, 5, 7);
    }
    expect(byOrder).toEqual(byAdd);
    expect(byOrder[6 + pairs.findIndex(([a, b]) => a === 1 && b === 2)]).toBe(3 * 2450);
  });

  test("collecting only the horizon gives the horizon's sums of collecting every day", async () => {
    const streamed = {
      ...options("none"),
      pairs: options("none").pairs.filter(([a, b]) => a < 10 && b < 10),
    };
    // Without activation windows or a pre-period, members' totals replace order events;
    // clustered members are buffered and still need them.
    // (The fixed variables and retention_d30's two come first: indices 0..11.)
    const plain = (o: ArmMetricsOptions): ArmMetricsOptions => ({
      ...o,
      activationDays: [],
      preDays: 0,
      pairs: o.pairs.filter(([a, b]) => a < 12 && b < 12),
    });
    const totals = plain(streamed);
    const withTotals = (o: ArmMetricsOptions) =>
      new ArmMetricsRecorder({ ...o, finalOnly: true }, T).ordersAtEnd;
    expect(withTotals(totals)).toBe(true);
    expect(withTotals(plain(options("tree")))).toBe(false);
    // Totals need each member's arm: a member begun without one is refused, not lost.
    expect(() => new ArmMetricsRecorder({ ...totals, finalOnly: true }, T).begin(0, 0, 0))
      .toThrow(/begin needs each member's arm/);
    for (
      const [o, assignment] of [
        [totals, "member"],
        [streamed, "member"],
        [options("none"), "member"],
        [options("tree"), "tree"],
        [options("group"), "cluster"],
        [plain(options("tree")), "tree"],
        [plain(options("group")), "cluster"],
      ] as const
    ) {
      const collect = (finalOnly: boolean) =>
        simulate(base, {
          arms,
          assignment,
          workers: 1,
          days: T,
          record: { armMetrics: { ...o, finalOnly } },
        });
      const daily = (await collect(false)).armMetrics!, final = (await collect(true)).armMetrics!;
      const last = (a: Float64Array, width: number) =>
        [0, 1].flatMap((arm) => [...a.subarray((arm * T + T - 1) * width, (arm * T + T) * width)]);
      expect(last(final.member, final.width)).toEqual(last(daily.member, daily.width));
      expect(last(final.cluster, final.width)).toEqual(last(daily.cluster, daily.width));
      expect(last(final.units, 1)).toEqual(last(daily.units, 1));
      // Before the horizon nothing is collected, and reading it is refused.
      expect(() => lookSums(final, 0, T - 1, false)).toThrow(/only the horizon \(day 60\)/);
      expect(
        final.member.subarray((T - 2) * final.width, (T - 1) * final.width).every((x) => x === 0),
      )
        .toBe(true);
    }
  });

  test("pre-period and post-period orders of initial members add up to their orders", async () => {
    const run = await simulate(base, {
      arms,
      workers: 1,
      days: T,
      record: { members: true, armMetrics: options("none") },
    });
    const table = run.armMetrics!, m = run.members!;
    const pre = table.variables.indexOf("pre.orders"),
      post = table.variables.indexOf("post.orders");
    let initialOrders = 0;
    for (let i = 0; i < m.count; i++) if (m.channel[i] === 0) initialOrders += m.orders[i];
    const last = (arm: number, v: number) => table.member[(arm * T + T - 1) * table.width + v];
    expect(last(0, pre) + last(0, post) + last(1, pre) + last(1, post)).toBe(initialOrders);
    // Before day 20 nothing is post-period; from day 20 on the pre-period is closed.
    expect(table.member[19 * table.width + post]).toBe(0);
    expect(table.member[19 * table.width + pre]).toBe(last(0, pre));
  });

  test("tree and group sums count clusters and add members up by cluster", async () => {
    for (const [assignment, clusters] of [["tree", "tree"], ["cluster", "group"]] as const) {
      const run = await simulate(base, {
        arms,
        assignment,
        workers: 1,
        days: T,
        record: { members: true, armMetrics: options(clusters) },
      });
      const table = run.armMetrics!, m = run.members!;
      const size = new Map<number, number>(), arm = new Map<number, number>();
      for (let i = 0; i < m.count; i++) {
        let key = m.group[i];
        if (clusters === "tree") {
          key = i;
          while (m.referrer[key] >= 0) key = m.referrer[key];
        }
        size.set(key, (size.get(key) ?? 0) + 1);
        arm.set(key, m.arm[i]);
      }
      for (let a = 0; a < 2; a++) {
        const keys = [...size.keys()].filter((k) => arm.get(k) === a);
        const at = (a * T + T - 1) * table.width;
        expect(table.units[a * T + T - 1]).toBe(keys.length);
        expect(table.cluster[at]).toBe(keys.reduce((s, k) => s + size.get(k)!, 0));
        expect(table.cluster[at + productIndex(table, 0, 0)])
          .toBe(keys.reduce((s, k) => s + size.get(k)! ** 2, 0));
      }
    }
  });

  test("sums are identical whatever the number of workers", async () => {
    const run = (workers: number) =>
      simulate(base, {
        arms,
        assignment: "tree",
        workers,
        days: T,
        members: 12000,
        record: { armMetrics: options("tree") },
      });
    const [one, two] = [await run(1), await run(2)];
    expect(two.workers).toBe(2);
    expect(two.armMetrics!.member).toEqual(one.armMetrics!.member);
    expect(two.armMetrics!.cluster).toEqual(one.armMetrics!.cluster);
  });
});
