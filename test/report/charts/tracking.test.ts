import { describe, expect, test } from "vitest";
import { plotConditionalExpectations, plotTracking, renderPlot } from "../../../report/mod.ts";
import type { RepeatTracking } from "../../../calibration/mod.ts";

const WEEK = { name: "week", days: 7 };

/** Four weeks, the holdout from week 3, with a model and 10 replications. */
const tracking: RepeatTracking = {
  unit: WEEK,
  calibrationEnd: 13,
  observationEnd: 27,
  members: 1200,
  model: "BG/NBD",
  level: 0.9,
  replications: 10,
  rows: [1, 2, 3, 4].map((period) => ({
    period,
    lastDay: period * 7 - 1,
    holdout: period > 2,
    actual: 10 * period,
    expected: 9 * period,
    simulated: 9.5 * period,
    lower: 8 * period,
    upper: 11 * period,
  })),
};

/** The data of a chart's mark (Plot keeps it on the mark). */
function markData(
  chart: ReturnType<typeof plotTracking>,
  index: number,
): Record<string, unknown>[] {
  return (chart.marks![index] as unknown as { data: Record<string, unknown>[] }).data;
}

describe("plotTracking", () => {
  test("plotTracking draws the band, the calibration end, the simulated mean, model and actual", () => {
    const chart = plotTracking(tracking);
    expect(chart.color!.domain).toEqual(["actual", "BG/NBD", "simulated"]);
    expect(chart.subtitle).toContain("calibration period (week 2)");
    expect(chart.subtitle).toContain("mean of 10 replications, 90% of them in the band");
    expect(markData(chart, 0)[3]).toMatchObject({ period: 4, lower: 32, upper: 44 });
    expect(renderPlot(chart)).toContain(
      "Cumulative repeat purchases: actual vs BG/NBD and simulated",
    );
  });

  test("plotTracking per week draws differences and no band", () => {
    const chart = plotTracking(tracking, { measure: "incremental" });
    expect(chart.title).toBe("Repeat purchases per week: actual vs BG/NBD and simulated");
    expect(chart.subtitle).not.toContain("band");
    const actual = markData(chart, chart.marks!.length - 2);
    expect(actual.map((d) => d.actual)).toEqual([10, 10, 10, 10]);
  });

  test("plotTracking without simulations compares actual with the model only", () => {
    const chart = plotTracking({ ...tracking, replications: 0, level: null });
    expect(chart.color!.domain).toEqual(["actual", "BG/NBD"]);
    expect(chart.subtitle).not.toContain("simulated");
  });
});

describe("plotConditionalExpectations", () => {
  test("plotConditionalExpectations keeps the groups in order and skips a group never simulated", () => {
    const chart = plotConditionalExpectations([
      {
        frequency: "0",
        members: 10,
        actual: 0.2,
        expected: 0.25,
        simulatedMembers: 11,
        simulated: 0.24,
        lower: 0.1,
        upper: 0.4,
      },
      {
        frequency: "1+",
        members: 2,
        actual: 1.1,
        expected: 1,
        simulatedMembers: 0,
        simulated: NaN,
        lower: NaN,
        upper: NaN,
      },
    ], { holdout: "39 weeks", level: 0.9 });
    expect((chart.x as { domain: string[] }).domain).toEqual(["0", "1+"]);
    expect(markData(chart, 0).length).toBe(1); // one band
    expect(markData(chart, 1).length).toBe(5); // no simulated point for "1+"
    expect(chart.subtitle).toContain("90%");
    expect(renderPlot(chart)).toContain("39 weeks");
  });
});
