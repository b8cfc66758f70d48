import { describe, expect, test } from "vitest";
import {
  plotPrecisionRecall,
  plotWarningWindows,
  renderWarningCurve,
  renderWarningWindows,
} from "../../../report/charts/warning_windows.ts";
import { renderPlot } from "../../../report/render.ts";

const e = (estimate: number) => ({ estimate, lower: estimate - 0.05, upper: estimate + 0.05 });
const rows = [14, 3, 30].map((window, i) => ({
  window,
  precision: e(0.2 + 0.2 * i),
  recall: e(0.9 - 0.3 * i),
  netValue: e([300, -50, 100][i]),
}));

/** The data of a chart's mark (Plot keeps it on the mark). */
function markData(chart: ReturnType<typeof plotWarningWindows>, index: number) {
  return (chart.marks![index] as unknown as { data: Record<string, unknown>[] }).data;
}

describe("plotWarningWindows", () => {
  test("plotWarningWindows orders windows and marks the best net value in the title", () => {
    const chart = plotWarningWindows(rows, { measure: "net-value", level: 0.95 });
    expect(chart.title).toBe("Net value by warning window (best: 14 days)");
    expect(chart.subtitle).toContain("95% intervals");
    expect(markData(chart, 1).map((r) => r.window)).toEqual([3, 14, 30]);
    const rates = plotWarningWindows(rows);
    expect(markData(rates, 1).map((r) => [r.window, r.series])).toEqual([
      [3, "precision"],
      [3, "recall"],
      [14, "precision"],
      [14, "recall"],
      [30, "precision"],
      [30, "recall"],
    ]);
  });

  test("plotWarningWindows refuses no rows, a repeated window and a missing net value", () => {
    expect(() => plotWarningWindows([])).toThrow("rows is empty");
    expect(() => plotWarningWindows([rows[0], rows[0]])).toThrow("window 14 appears twice");
    const { netValue: _, ...bare } = rows[0];
    expect(() => plotWarningWindows([bare], { measure: "net-value" })).toThrow(
      "Cannot plot net value: window 14 has no netValue; compute it for every window",
    );
  });

  test("renderWarningWindows stacks net value above precision and recall in one SVG", () => {
    const svg = renderWarningWindows(rows, { level: 0.95 });
    expect(svg.startsWith("<svg")).toBe(true);
    const total = Number(/^<svg [^>]*?height="([\d.]+)"/.exec(svg)![1]);
    const panels = [...svg.matchAll(/<svg y="([\d.]+)" xmlns="[^"]+" [^>]*?height="([\d.]+)"/g)]
      .map((m) => [Number(m[1]), Number(m[2])]);
    expect(panels.length).toBe(2);
    expect(panels[1][0]).toBe(panels[0][1]);
    expect(total).toBeCloseTo(panels[0][1] + panels[1][1], 6);
    expect(svg.indexOf("Net value by warning window")).toBeLessThan(
      svg.indexOf("Precision and recall by warning window"),
    );
    const withoutValue = renderWarningWindows(rows.map(({ netValue: _, ...r }) => r));
    expect(withoutValue).not.toContain("Net value");
  });
});

describe("plotPrecisionRecall and renderWarningCurve", () => {
  test("plotPrecisionRecall joins the points by parameter value and leaves out undefined ones", () => {
    const chart = plotPrecisionRecall([
      { value: 0.5, precision: 0.6, recall: 0.3 },
      { value: 0.1, precision: 0.2, recall: 0.9 },
      { value: 0.9, precision: NaN, recall: 0 },
    ], { parameter: "threshold" });
    expect(markData(chart, 0).map((r) => r.value)).toEqual([0.1, 0.5]);
    expect(chart.subtitle).toContain("One point per threshold");
    expect(() => plotPrecisionRecall([{ value: 1, precision: NaN, recall: 0.5 }])).toThrow(
      "no point has both",
    );
    expect(renderPlot(chart)).toContain("Recall (%)");
  });

  test("renderWarningCurve draws the curve above the rates by the named parameter", () => {
    const svg = renderWarningCurve(rows.map(({ netValue: _, ...r }) => r), {
      parameter: "P(alive) threshold",
    });
    expect(svg.indexOf("Precision–recall curve")).toBeLessThan(
      svg.indexOf("Precision and recall by P(alive) threshold"),
    );
  });
});
