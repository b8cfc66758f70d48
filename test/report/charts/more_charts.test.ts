import { describe, expect, test } from "vitest";
import {
  dailyMeasure,
  funnelStepName,
  membersByDay,
  plotDailyComparison,
  plotFunnel,
  plotSurvivalCurves,
  plotViralGrowth,
  renderPlot,
  seriesColors,
  THEME,
} from "../../../report/mod.ts";
import { EventCode, EventLogBuilder } from "../../../log/event_log.ts";
import { computeFunnel, type FunnelCell } from "../../../models/analytics/funnel.ts";
import { fitKaplanMeier } from "../../../models/analytics/survival.ts";
import type { RunResult } from "../../../sim/run_result.ts";
import { handBuiltRun } from "../_fixture.ts";

/** The inside of the first `<g aria-label="…">` of an SVG (Plot does not nest mark groups). */
function group(svg: string, label: string): string | undefined {
  const match = new RegExp(`<g [^>]*aria-label="${label}"[^>]*>([\\s\\S]*?)</g>`).exec(svg);
  return match?.[1];
}

/** The text content of every `<text>` in a piece of SVG, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

/** Attributes of every `<tag>` in a piece of SVG, in document order. */
function elements(svg: string, tag: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${tag}( [^>]*)?/?>`, "g"))].map((m) =>
    Object.fromEntries([...(m[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]))
  );
}

/** The points of an SVG path made of M/L commands (a lone point ends in Z). */
function points(d: string): [number, number][] {
  return d.replace(/^M/, "").replace(/Z$/, "").split("L").map((p) => {
    const [x, y] = p.split(",").map(Number);
    return [x, y];
  });
}

/** The data of a chart's mark (Plot keeps it on the mark). */
function markData(chart: { marks?: unknown[] }, index: number): Record<string, unknown>[] {
  return (chart.marks![index] as { data: Record<string, unknown>[] }).data;
}

// ---------------------------------------------------------------------------------------------
// Funnel

/**
 * Four members of channel "paid" joining on day 0: three order on day 2 (activated), member 0
 * orders again on day 8 (D7) and invites on day 9 (referral), member 1 orders on day 35 (D30).
 */
function paidFunnel() {
  const b = new EventLogBuilder();
  for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
  for (let m = 0; m < 3; m++) b.push(m, 2, EventCode.order, 10, -1);
  b.push(0, 8, EventCode.order, 10, -1);
  b.push(0, 9, EventCode.invite, NaN, -1);
  b.push(1, 35, EventCode.order, 10, -1);
  const log = b.build({
    count: 4,
    ids: null,
    attributes: { channel: { codes: new Int32Array(4), labels: ["paid"] } },
  });
  return computeFunnel(log, { asOf: 90 });
}

/** A hand-made cell with the given steps. */
function cell(steps: FunnelCell["steps"]): FunnelCell {
  return {
    cohort: "day 0",
    channel: "organic",
    acquired: steps[0]?.count ?? 0,
    steps,
    arpu: [],
    monthlyArpu: [],
    invitesPerMember: null,
    k: null,
    inviteConversion: null,
    cycleDays: null,
  };
}

describe("funnelStepName", () => {
  test("funnelStepName names the AARRR stages and keeps the retention window", () => {
    expect(funnelStepName("acquired")).toBe("Acquisition 获取");
    expect(funnelStepName("activated")).toBe("Activation 激活");
    expect(funnelStepName("referral")).toBe("Referral 推荐");
    expect(funnelStepName("retained:D7")).toBe("Retention 留存 D7");
    expect(funnelStepName("retained:week 2")).toBe("Retention 留存 week 2");
    expect(funnelStepName("revenue")).toBe("revenue");
  });
});

describe("plotFunnel", () => {
  test("plotFunnel draws one bar per step, top to bottom in funnel order, sized by members", () => {
    const funnel = paidFunnel();
    const paid = funnel.cells.find((c) => c.cohort === "day 0" && c.channel === "paid")!;
    const chart = plotFunnel(paid, { level: funnel.level });
    expect(chart.title).toBe("AARRR funnel (day 0, paid)");
    expect(chart.subtitle).toContain("with its interval (95%)");
    expect(chart.height).toBe(60 + 36 * 5);
    const svg = renderPlot(chart);
    expect(svg).toContain(">AARRR funnel (day 0, paid)</text>");
    expect(texts(group(svg, "y-axis tick label")!)).toEqual([
      "Acquisition 获取",
      "Activation 激活",
      "Retention 留存 D7",
      "Retention 留存 D30",
      "Referral 推荐",
    ]);
    const bars = elements(group(svg, "bar")!, "rect");
    expect(bars).toHaveLength(5);
    expect(svg).toContain(`fill="${THEME.accent}" aria-label="bar"`);
    const ys = bars.map((b) => Number(b.y));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    const widths = bars.map((b) => Number(b.width));
    // 4, 3, 1, 1, 1 members; the x domain ends at the largest count.
    expect(widths.map((w) => w / widths[0])).toEqual([1, 0.75, 0.25, 0.25, 0.25]);
    expect(texts(group(svg, "x-axis label")!)).toEqual(["Members →"]);
  });

  test("plotFunnel labels each bar with its members, conversion, interval and base", () => {
    const funnel = paidFunnel();
    const paid = funnel.cells.find((c) => c.cohort === "day 0" && c.channel === "paid")!;
    const labels = texts(group(renderPlot(plotFunnel(paid)), "text")!);
    expect(labels).toEqual([
      "4 members",
      "3 · 75.0% [30.1%, 95.4%] of 4",
      "1 · 33.3% [6.1%, 79.2%] of 3",
      "1 · 33.3% [6.1%, 79.2%] of 3",
      "1 · 33.3% [6.1%, 79.2%] of 3",
    ]);
  });

  test("plotFunnel shows a base smaller than the parent count when a window has not elapsed", () => {
    // Member 1 joins on day 60: activated is measured over member 0 only by day 70.
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.join, NaN, -1);
    b.push(0, 1, EventCode.order, 10, -1);
    b.push(1, 60, EventCode.join, NaN, -1);
    const funnel = computeFunnel(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 70 });
    const total = funnel.cells.at(-1)!;
    const labels = texts(group(renderPlot(plotFunnel(total)), "text")!);
    expect(labels[0]).toBe("2 members");
    expect(labels[1]).toMatch(/^1 · 100\.0% \[[\d.]+%, 100\.0%\] of 1$/);
  });

  test("plotFunnel writes no rate for a step whose window has elapsed for no one", () => {
    // Both members join on day 0; by day 5 no one's D7 or D30 window has elapsed.
    const b = new EventLogBuilder();
    b.push(0, 0, EventCode.join, NaN, -1);
    b.push(1, 0, EventCode.join, NaN, -1);
    b.push(0, 1, EventCode.order, 10, -1);
    b.push(0, 2, EventCode.invite, NaN, -1);
    const funnel = computeFunnel(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 5 });
    const labels = texts(group(renderPlot(plotFunnel(funnel.cells.at(-1)!)), "text")!);
    const unelapsed = labels.filter((l) => l.includes(" of 0"));
    expect(unelapsed.length).toBeGreaterThan(0);
    for (const label of unelapsed) {
      expect(label).toMatch(/^\d+ · — of 0 \(window not yet elapsed\)$/);
    }
    expect(labels.join("\n")).not.toContain("NaN");
  });

  test("plotFunnel writes large counts with thousands separators and takes a custom title", () => {
    const steps = [
      {
        step: "acquired",
        parent: null,
        base: 12345,
        count: 12345,
        conversion: 1,
        lower: 1,
        upper: 1,
      },
      {
        step: "activated",
        parent: "acquired",
        base: 12345,
        count: 2469,
        conversion: 0.2,
        lower: 0.193,
        upper: 0.207,
      },
    ];
    const chart = plotFunnel(cell(steps), { title: "Organic <Q1> & more" });
    expect(chart.subtitle).not.toContain("%)"); // no level given
    const svg = renderPlot(chart);
    expect(svg).toContain(">Organic &lt;Q1&gt; &amp; more</text>");
    expect(svg).not.toContain("<Q1>");
    expect(texts(group(svg, "text")!)).toEqual([
      "12,345 members",
      "2,469 · 20.0% [19.3%, 20.7%] of 12,345",
    ]);
  });

  test("plotFunnel of a single empty step is a valid chart with one zero-width bar", () => {
    const steps = [
      {
        step: "acquired",
        parent: null,
        base: 0,
        count: 0,
        conversion: NaN,
        lower: NaN,
        upper: NaN,
      },
    ];
    const chart = plotFunnel(cell(steps));
    expect(chart.x!.domain).toEqual([0, 1]);
    const svg = renderPlot(chart);
    expect(svg.startsWith("<svg")).toBe(true);
    const bars = elements(group(svg, "bar")!, "rect");
    expect(bars).toHaveLength(1);
    expect(Number(bars[0].width)).toBe(0);
    expect(texts(group(svg, "text")!)).toEqual(["0 members"]);
  });

  test("plotFunnel writes an unknown step name as it is, escaped", () => {
    const steps = [
      { step: "acquired", parent: null, base: 5, count: 5, conversion: 1, lower: 1, upper: 1 },
      {
        step: "paid <trial> & up",
        parent: "acquired",
        base: 5,
        count: 2,
        conversion: 0.4,
        lower: 0.1,
        upper: 0.8,
      },
    ];
    const svg = renderPlot(plotFunnel(cell(steps)));
    expect(texts(group(svg, "y-axis tick label")!)).toEqual([
      "Acquisition 获取",
      "paid &lt;trial&gt; &amp; up",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Viral growth

/** A run with only what membersByDay reads. */
function joinsRun(
  channels: string[],
  initial: number,
  joins: number[][],
): RunResult {
  return {
    channels,
    scenario: { population: { channel: "initial" } },
    totals: { initial },
    daily: { joins: joins.map((j) => Int32Array.from(j)) },
  } as unknown as RunResult;
}

describe("membersByDay", () => {
  test("membersByDay adds every later join to the initial members, whatever the channel order", () => {
    const run = joinsRun(["organic", "initial", "referral"], 10, [[2, 0, 1], [10, 0, 0], [
      0,
      3,
      0,
    ]]);
    expect(Array.from(membersByDay(run))).toEqual([12, 15, 16]);
  });

  test("membersByDay counts initial members once whether or not day 0 lists them", () => {
    const listed = joinsRun(["initial", "referral"], 10, [[10, 0], [0, 3]]);
    const unlisted = joinsRun(["initial", "referral"], 10, [[0, 0], [0, 3]]);
    expect(Array.from(membersByDay(listed))).toEqual([10, 13]);
    expect(Array.from(membersByDay(unlisted))).toEqual([10, 13]);
  });

  test("membersByDay of a run without days is empty, and plotViralGrowth refuses it", () => {
    const members = membersByDay(joinsRun(["initial"], 10, []));
    expect(members).toHaveLength(0);
    expect(() => plotViralGrowth({ members, n0: 10, k: 0.3, cycleDays: 5 })).toThrow(
      "Cannot plot viral growth: 0 days, n0 10, k 0.3 and cycle time 5",
    );
  });

  test("membersByDay of a whole run ends at the run's members ever present", async () => {
    const run = await handBuiltRun(200, 30);
    const members = membersByDay(run);
    expect(members).toHaveLength(30);
    expect(members.at(-1)).toBe(run.totals.members);
    const chart = plotViralGrowth({
      members,
      n0: run.totals.initial,
      k: run.totals.kFactor,
      cycleDays: run.totals.cycleTime,
    });
    const svg = renderPlot(chart);
    expect(elements(group(svg, "line")!, "path")).toHaveLength(2);
    expect(svg).toContain(`Skok, K ${run.totals.kFactor.toFixed(3)}, cycle`);
  });
});

describe("plotViralGrowth", () => {
  const growth = { members: [100, 120, 135, 150], n0: 100, k: 0.5, cycleDays: 2 };

  test("plotViralGrowth draws the run and Skok's curve as two lines under a dashed ceiling", () => {
    const chart = plotViralGrowth(growth);
    expect(chart.title).toBe("Viral growth: simulated vs Skok's closed form");
    expect(chart.subtitle).toBe(
      "Members ever joined from 100 seed members; dashed: ceiling 200 = N0 / (1 − K)",
    );
    expect(chart.color!.domain).toEqual(["simulated run", "Skok, K 0.500, cycle 2.0 d"]);
    expect(chart.color!.range).toEqual([THEME.ink, THEME.channels.referral]);
    const rows = markData(chart, 1) as { day: number; value: number; series: string }[];
    const skok = rows.filter((r) => r.series !== "simulated run").map((r) => r.value);
    // N(t) = 100·(0.5^(t/2 + 1) − 1)/(0.5 − 1): 100, 129.29, 150, 164.64.
    [100, 200 * (1 - Math.SQRT1_2 / 2), 150, 200 * (1 - 0.5 ** 2.5)].forEach((v, i) =>
      expect(skok[i]).toBeCloseTo(v, 9)
    );
    expect(rows.filter((r) => r.series === "simulated run").map((r) => r.value)).toEqual(
      growth.members,
    );

    const svg = renderPlot(chart);
    expect(texts(group(svg, "legend")!)).toEqual(["simulated run", "Skok, K 0.500, cycle 2.0 d"]);
    const lines = elements(group(svg, "line")!, "path");
    expect(lines.map((l) => l.stroke)).toEqual([THEME.ink, THEME.channels.referral]);
    const [run, closed] = lines.map((l) => points(l.d));
    expect(run).toHaveLength(4);
    expect(closed).toHaveLength(4);
    expect(closed[0]).toEqual(run[0]); // both start at N0
    expect(closed[3][1]).toBeLessThan(run[3][1]); // the closed form is above the run on day 3
    const ceiling = elements(group(svg, "rule")!, "line");
    expect(ceiling).toHaveLength(1);
    expect(svg).toContain('stroke-dasharray="4,3"');
    // The ceiling (200) is above both curves: smaller y in SVG.
    expect(Number(ceiling[0].y1)).toBeLessThan(Math.min(...closed.map((p) => p[1])));
    expect(texts(group(svg, "y-axis label")!)).toEqual(["↑ Members ever joined"]);
    expect(texts(group(svg, "x-axis label")!)).toEqual(["Day of run →"]);
  });

  test("plotViralGrowth with K ≥ 1 draws no ceiling and says the curve is unbounded", () => {
    for (const k of [1, 1.2]) {
      const chart = plotViralGrowth({ ...growth, k }, { title: "K of one or more" });
      expect(chart.title).toBe("K of one or more");
      expect(chart.subtitle).toContain("K ≥ 1: no ceiling");
      expect(chart.marks).toHaveLength(1);
      const svg = renderPlot(chart);
      expect(svg).not.toContain('aria-label="rule"');
      expect(elements(group(svg, "line")!, "path")).toHaveLength(2);
    }
    // K = 1 exactly: N(t) = N0·(t/ct + 1), one seed generation per cycle.
    const linear = markData(plotViralGrowth({ ...growth, k: 1 }), 0)
      .filter((r) => r.series !== "simulated run").map((r) => r.value);
    expect(linear).toEqual([100, 150, 200, 250]);
  });

  test("plotViralGrowth of a single day is a valid chart with one point per line", () => {
    const svg = renderPlot(plotViralGrowth({ members: [5], n0: 5, k: 0.2, cycleDays: 3 }));
    const lines = elements(group(svg, "line")!, "path");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(points(line.d)).toHaveLength(1);
    expect(svg).toContain("ceiling 6 = N0 / (1 − K)");
  });

  test("plotViralGrowth names the input that cannot give a curve", () => {
    const expected = "expected at least one day, n0 > 0, k ≥ 0 and a cycle time > 0";
    expect(() => plotViralGrowth({ ...growth, n0: 0 })).toThrow("n0 0");
    expect(() => plotViralGrowth({ ...growth, k: -0.1 })).toThrow("k -0.1");
    expect(() => plotViralGrowth({ ...growth, k: NaN })).toThrow("k NaN");
    expect(() => plotViralGrowth({ ...growth, cycleDays: 0 })).toThrow(expected);
    expect(() => plotViralGrowth({ ...growth, cycleDays: NaN })).toThrow(
      "cycle time NaN; expected",
    );
    expect(() => plotViralGrowth({ ...growth, cycleDays: NaN })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Daily comparison

/** A run with only revenue and orders (orders = revenue / 5). */
function salesRun(revenue: number[]): RunResult {
  return {
    daily: {
      revenue: Float64Array.from(revenue),
      orders: Int32Array.from(revenue, (r) => r / 5),
    },
  } as unknown as RunResult;
}

/** Stages new, active (not in the scenario) and churned over three days. */
const liveRun = {
  stages: ["new", "active", "churned"],
  scenario: { stages: { new: {}, churned: { churned: true } } },
  daily: {
    stageCounts: [Int32Array.of(10, 6, 3), Int32Array.of(0, 3, 4), Int32Array.of(0, 1, 3)],
  },
} as unknown as RunResult;

describe("dailyMeasure", () => {
  test("dailyMeasure copies revenue and orders and sums the stages not marked churned", () => {
    const run = salesRun([5, 10, 15]);
    const revenue = dailyMeasure(run, "revenue");
    expect(revenue).toBeInstanceOf(Float64Array);
    expect(Array.from(revenue)).toEqual([5, 10, 15]);
    revenue[0] = 99;
    expect(run.daily.revenue[0]).toBe(5); // a copy
    expect(Array.from(dailyMeasure(run, "orders"))).toEqual([1, 2, 3]);
    // A stage the scenario does not describe counts as live.
    expect(Array.from(dailyMeasure(liveRun, "live"))).toEqual([10, 9, 7]);
  });

  test("dailyMeasure of a whole run ends at the run's live members and sums to its orders", async () => {
    const run = await handBuiltRun(200, 30);
    expect(dailyMeasure(run, "live").at(-1)).toBe(run.totals.live);
    expect(dailyMeasure(run, "orders").reduce((s, v) => s + v, 0)).toBe(run.totals.orders);
  });
});

describe("plotDailyComparison", () => {
  test("plotDailyComparison draws one line per run in the series colours with a legend", () => {
    const labels = ["baseline", "a <b> & c"];
    const chart = plotDailyComparison([
      { label: labels[0], result: salesRun(new Array(10).fill(10)) },
      { label: labels[1], result: salesRun([0, 0, 0, 70, 0, 0, 0, 0, 0, 0]) },
    ]);
    expect(chart.title).toBe("Daily revenue by run");
    expect(chart.subtitle).toBe(
      "Centred 7-day mean of each day's value (fewer days at either end), one line per run",
    );
    expect(chart.y!.label).toBe("Revenue per day (currency units)");
    expect(chart.color!.range).toEqual(seriesColors(labels).range);
    const svg = renderPlot(chart);
    expect(texts(group(svg, "legend")!)).toEqual(["baseline", "a &lt;b&gt; &amp; c"]);
    expect(svg).not.toContain("<b>");
    const lines = elements(group(svg, "line")!, "path");
    expect(lines.map((l) => l.stroke)).toEqual(seriesColors(labels).range);
    expect(lines.map((l) => points(l.d).length)).toEqual([10, 10]);
    expect(texts(group(svg, "y-axis label")!)).toEqual(["↑ Revenue per day (currency units)"]);
  });

  test("plotDailyComparison smooths each run on its own with a centred 7-day mean", () => {
    const svg = renderPlot(plotDailyComparison([
      { label: "flat", result: salesRun(new Array(10).fill(10)) },
      { label: "spike", result: salesRun([0, 0, 0, 70, 0, 0, 0, 0, 0, 0]) },
    ]));
    const [flat, spike] = elements(group(svg, "line")!, "path").map((l) => points(l.d));
    const zero = Number(elements(group(svg, "rule")!, "line")[0].y1);
    // The flat run stays flat: the spike run's window does not leak into it.
    expect(new Set(flat.map((p) => p[1])).size).toBe(1);
    // Days 3 to 6 have the spike in their window: 70 / 7 = 10, the flat run's level.
    for (const day of [3, 4, 5, 6]) expect(spike[day][1]).toBeCloseTo(flat[day][1], 2);
    // Days 7 to 9 are past it: zero.
    for (const day of [7, 8, 9]) expect(spike[day][1]).toBeCloseTo(zero, 2);
  });

  test("plotDailyComparison draws live members as they are, without smoothing", () => {
    const chart = plotDailyComparison([{ label: "run", result: liveRun }], {
      measure: "live",
      title: "Live",
    });
    expect(chart.title).toBe("Live");
    expect(chart.subtitle).toContain("Members in every stage but churned");
    expect(markData(chart, 0).map((r) => r.value)).toEqual([10, 9, 7]);
    const svg = renderPlot(chart);
    expect(texts(group(svg, "y-axis label")!)).toEqual(["↑ Members not churned"]);
    const line = points(elements(group(svg, "line")!, "path")[0].d);
    const zero = Number(elements(group(svg, "rule")!, "line")[0].y1);
    const heights = line.map((p) => zero - p[1]);
    expect(heights[1] / heights[0]).toBeCloseTo(0.9, 9);
    expect(heights[2] / heights[0]).toBeCloseTo(0.7, 9);
  });

  test("plotDailyComparison of orders titles the chart by the measure", () => {
    const chart = plotDailyComparison([{ label: "x", result: salesRun([5, 10]) }], {
      measure: "orders",
    });
    expect(chart.title).toBe("Daily orders by run");
    expect(chart.y!.label).toBe("Orders per day");
  });

  test("plotDailyComparison of a one-day run is a valid chart with a one-point line", () => {
    const svg = renderPlot(plotDailyComparison([{ label: "one", result: salesRun([5]) }]));
    expect(svg.startsWith("<svg")).toBe(true);
    const lines = elements(group(svg, "line")!, "path");
    expect(lines).toHaveLength(1);
    expect(points(lines[0].d)).toHaveLength(1);
  });

  test("plotDailyComparison refuses no runs and a repeated label", () => {
    expect(() => plotDailyComparison([])).toThrow(
      "Cannot compare runs: runs is empty, expected at least one",
    );
    const run = salesRun([1, 2]);
    expect(() =>
      plotDailyComparison([
        { label: "a", result: run },
        { label: "b", result: run },
        { label: "a", result: run },
      ])
    ).toThrow("Cannot compare runs: label 'a' is used twice");
  });
});

// ---------------------------------------------------------------------------------------------
// Survival curves

/** Events at 3, 8 and 9, one censored at 5: the first step is after tenure 0. */
const late = fitKaplanMeier([3, 5, 8, 9], [1, 0, 1, 1]);
/** One member churns at tenure 0: the curve has a step at 0. */
const early = fitKaplanMeier([0, 3, 4, 9], [1, 1, 1, 0]);

describe("plotSurvivalCurves", () => {
  test("plotSurvivalCurves draws a band and a step line per curve in the series colours", () => {
    const labels = ["baseline", "changed"];
    const chart = plotSurvivalCurves([
      { label: "baseline", curve: late },
      { label: "changed", curve: early },
    ]);
    expect(chart.title).toBe("Member survival by tenure");
    expect(chart.subtitle).toBe(
      "Share of members not yet churned, with pointwise 95% bands (shaded)",
    );
    const svg = renderPlot(chart);
    expect(texts(group(svg, "legend")!)).toEqual(labels);
    const colours = seriesColors(labels).range;
    expect(elements(group(svg, "area")!, "path").map((p) => p.fill)).toEqual(colours);
    const lines = elements(group(svg, "line")!, "path");
    expect(lines.map((p) => p.stroke)).toEqual(colours);
    // Step-after: each step adds a horizontal then a vertical segment, so the points come
    // in pairs with the same x (baseline: 0, 3, 5, 8, 9; changed: 0, 3, 4, 9).
    expect(points(lines[0].d)).toHaveLength(2 * 5 - 1);
    expect(points(lines[1].d)).toHaveLength(2 * 4 - 1);
    expect(texts(group(svg, "y-axis label")!)).toEqual(["↑ Still live (%)"]);
    expect(texts(group(svg, "y-axis tick label")!).at(-1)).toBe("100");
    expect(texts(group(svg, "x-axis label")!)).toEqual(["Tenure (days since joining) →"]);
  });

  test("plotSurvivalCurves starts a curve at everyone live only when it has no step at 0", () => {
    const rows = markData(
      plotSurvivalCurves([
        { label: "late", curve: late },
        { label: "early", curve: early },
      ]),
      1,
    ) as { series: string; time: number; estimate: number }[];
    const late0 = rows.filter((r) => r.series === "late");
    const early0 = rows.filter((r) => r.series === "early");
    expect(late0[0]).toEqual({ series: "late", time: 0, estimate: 1, lower: 1, upper: 1 });
    expect(late0.map((r) => r.time)).toEqual([0, 3, 5, 8, 9]);
    expect(early0.map((r) => r.time)).toEqual([0, 3, 4, 9]);
    expect(early0[0].estimate).toBe(0.75);
  });

  test("plotSurvivalCurves drops the steps after maxTime and draws each curve up to it", () => {
    const chart = plotSurvivalCurves([
      { label: "late", curve: late },
      { label: "early", curve: early },
    ], { maxTime: 5, title: "First five days" });
    expect(chart.title).toBe("First five days");
    const rows = markData(chart, 0) as { series: string; time: number; estimate: number }[];
    expect(rows.map((r) => [r.series, r.time])).toEqual([
      ["late", 0],
      ["late", 3],
      ["late", 5],
      ["early", 0],
      ["early", 3],
      ["early", 4],
      ["early", 5],
    ]);
    // The early curve's step at 9 is past maxTime: its value from tenure 4 holds to 5.
    expect(rows[6].estimate).toBe(rows[5].estimate);
  });

  test("plotSurvivalCurves of one curve with no events is a flat line at 100%", () => {
    const svg = renderPlot(plotSurvivalCurves([
      { label: "all censored", curve: fitKaplanMeier([2, 4], [0, 0], { alpha: 0.1 }) },
    ]));
    expect(svg).toContain("pointwise 90% bands");
    const line = points(elements(group(svg, "line")!, "path")[0].d);
    const top = elements(group(svg, "y-axis tick")!, "path").map((p) =>
      Number(/translate\([\d.]+,([\d.]+)\)/.exec(p.transform)![1])
    );
    expect(new Set(line.map((p) => p[1]))).toEqual(new Set([Math.min(...top)]));
  });

  test("plotSurvivalCurves refuses no curves, a repeated label and mixed confidence levels", () => {
    expect(() => plotSurvivalCurves([])).toThrow(
      "Cannot plot survival curves: curves is empty, expected at least one",
    );
    expect(() => plotSurvivalCurves([{ label: "a", curve: late }, { label: "a", curve: early }]))
      .toThrow("Cannot plot survival curves: label 'a' is used twice");
    const at90 = fitKaplanMeier([3, 5], [1, 1], { alpha: 0.1 });
    expect(() =>
      plotSurvivalCurves([{ label: "baseline", curve: late }, { label: "t90", curve: at90 }])
    ).toThrow("Cannot plot survival curves: 't90' has level 0.9, expected 0.95 like 'baseline'");
  });
});
