import { beforeAll, describe, expect, test } from "vitest";
import {
  plotJoins,
  plotReferrals,
  plotSales,
  plotStageCounts,
  plotSurvival,
  renderPlot,
  runningKFactor,
  stageColors,
} from "../../../report/mod.ts";
import { fitKaplanMeier } from "../../../models/analytics/survival.ts";
import type { RunResult } from "../../../sim/run_result.ts";
import { handBuiltRun } from "../_fixture.ts";

let run: RunResult;
beforeAll(async () => {
  run = await handBuiltRun();
});

/** The data of a chart's first mark (Plot keeps it on the mark). */
function markData(chart: ReturnType<typeof plotStageCounts>, index = 0): Record<string, unknown>[] {
  return (chart.marks![index] as unknown as { data: Record<string, unknown>[] }).data;
}

describe("plotStageCounts", () => {
  test("plotStageCounts stacks churned members last and labels stages", () => {
    const chart = plotStageCounts(run);
    const domain = chart.color!.domain as string[];
    expect(domain.at(-1)).toBe("流失期 churned");
    expect(domain[0]).toBe("新用户 new");
    expect(chart.color!.range).toEqual(stageColors([...run.stages]).range);
  });

  test("plotStageCounts rows add up to the members present each day", () => {
    const rows = markData(plotStageCounts(run)) as { day: number; value: number }[];
    const perDay = new Float64Array(run.horizon);
    for (const row of rows) perDay[row.day] += row.value;
    const joined = run.daily.joins.reduce(
      (sum, j) => sum.map((s, d) => s + j[d]),
      new Float64Array(run.horizon),
    );
    let present = 0;
    perDay.forEach((total, day) => {
      present += joined[day];
      expect(total).toBe(present);
    });
  });
});

describe("plotSurvival", () => {
  test("plotSurvival starts the curve at tenure 0 with everyone live", () => {
    const chart = plotSurvival(fitKaplanMeier([3, 5, 8], [1, 0, 1]));
    expect(markData(chart)[0]).toEqual({ time: 0, estimate: 1, lower: 1, upper: 1 });
    expect(chart.subtitle).toContain("95% band");
  });
});

describe("plotSales", () => {
  test("plotSales draws the chosen measure with its unit on the y axis", () => {
    const revenue = plotSales(run, { measure: "revenue" });
    expect(revenue.y!.label).toBe("Revenue per day (currency units)");
    expect(markData(revenue).map((r) => r.value)).toEqual(Array.from(run.daily.revenue));
    expect(plotSales(run, { measure: "orders" }).title).toBe("Daily orders");
  });
});

describe("plotJoins", () => {
  test("plotJoins leaves out the initial population and keeps referral last", () => {
    const chart = plotJoins(run);
    expect(chart.color!.domain).toEqual(["organic", "paid_search", "paid_social", "referral"]);
    const rows = markData(chart) as { value: number }[];
    const shown = rows.reduce((s, r) => s + r.value, 0);
    expect(shown).toBe(run.totals.acquired + run.totals.referred);
  });
});

describe("runningKFactor and plotReferrals", () => {
  test("runningKFactor ends at the run's realised K-factor", () => {
    const k = runningKFactor(run);
    expect(k).toHaveLength(run.horizon);
    expect(k.at(-1)).toBeCloseTo(run.totals.kFactor, 12);
    expect(k[0]).toBe(0);
  });

  test("runningKFactor counts initial members once whether or not day 0 lists them", () => {
    const joins = run.daily.joins.map((j, c) => c === 0 ? new Int32Array(j.length) : j);
    const k = runningKFactor({ ...run, daily: { ...run.daily, joins } });
    expect(Array.from(k)).toEqual(Array.from(runningKFactor(run)));
  });

  test("plotReferrals puts the realised K and cycle time in the title", () => {
    const title = plotReferrals(run).title!;
    expect(title).toBe(
      `Realised K-factor ${run.totals.kFactor.toFixed(3)}, cycle time ${
        run.totals.cycleTime.toFixed(1)
      } days`,
    );
  });

  test("every demo chart renders to an svg with its title", () => {
    const charts = [
      plotStageCounts(run),
      plotSurvival(fitKaplanMeier([1, 2, 2, 4], [1, 1, 0, 1])),
      plotSales(run, { measure: "revenue" }),
      plotJoins(run),
      plotReferrals(run),
    ];
    for (const chart of charts) {
      const svg = renderPlot(chart);
      expect(svg).toContain(`>${chart.title!}</text>`);
      expect(svg).toMatch(/aria-label="(area|line)"/);
    }
  });
});
