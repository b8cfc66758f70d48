import * as Plot from "@observablehq/plot";
import { describe, expect, test } from "vitest";
import { renderPlot } from "../../report/render.ts";
import { THEME } from "../../report/theme.ts";

const rows = [
  { day: 0, stage: "new", members: 5 },
  { day: 1, stage: "new", members: 4 },
  { day: 0, stage: "churned", members: 0 },
  { day: 1, stage: "churned", members: 1 },
];

describe("renderPlot", () => {
  test("renderPlot returns one standalone svg in the theme's font", () => {
    const svg = renderPlot({ marks: [Plot.lineY([1, 3, 2])] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).toContain(`width="${THEME.width}"`);
    expect(svg).toContain(`font-family="${THEME.fontFamily.replaceAll('"', "&quot;")}"`);
    expect(svg).not.toMatch(/<figure|<div|<span/);
  });

  test("renderPlot draws the title, subtitle and colour legend inside the svg", () => {
    const svg = renderPlot({
      title: "Members <by> stage",
      subtitle: "stacked",
      color: { domain: ["new", "churned"], range: ["#4269d0", "#9498a0"], legend: true },
      marks: [Plot.areaY(rows, { x: "day", y: "members", fill: "stage" })],
    });
    expect(svg).toContain('aria-label="Members &lt;by&gt; stage"');
    expect(svg).toContain(">Members &lt;by&gt; stage</text>");
    expect(svg).toContain(">stacked</text>");
    const legend = svg.match(/<g aria-label="legend">(.*?)<\/g>/)![1];
    expect(legend.match(/<rect/g)).toHaveLength(2);
    expect(legend).toContain('fill="#9498a0"');
    expect(legend).toContain(">churned</text>");
  });

  test("renderPlot makes the svg taller by the header so the plot is not overlapped", () => {
    const plain = renderPlot({ marks: [Plot.lineY([1, 2])] });
    const titled = renderPlot({ title: "t", marks: [Plot.lineY([1, 2])] });
    const height = (svg: string) => Number(svg.match(/^<svg[^>]* height="(\d+(\.\d+)?)"/)![1]);
    expect(height(titled)).toBeGreaterThan(height(plain));
    expect(titled).toMatch(/<svg[^>]*y="\d+(\.\d+)?"[^>]*class="plot-/);
  });

  test("renderPlot wraps a long legend over several rows", () => {
    const domain = Array.from({ length: 12 }, (_, i) => `a fairly long stage name ${i}`);
    const svg = renderPlot({
      color: { domain, legend: true },
      marks: [Plot.dot(domain, { x: (_, i) => i, fill: (d) => d })],
    });
    const ys = new Set(
      [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="12"/g)].map((m) => m[1]),
    );
    expect(ys.size).toBeGreaterThan(1);
  });

  test("renderPlot wraps a long subtitle over several lines, keeping every word", () => {
    const subtitle = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const svg = renderPlot({ title: "t", subtitle, marks: [Plot.lineY([1, 2])] });
    const header = svg.match(/<g aria-label="chart header">(.*?)<\/g>/)![1];
    const lines = [...header.matchAll(/<text [^>]*fill="#57606a">([^<]*)<\/text>/g)].map((m) =>
      m[1]
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe(subtitle);
  });

  test("renderPlot refuses legends it cannot draw in the svg", () => {
    expect(() =>
      renderPlot({
        symbol: { legend: true },
        marks: [Plot.dot(rows, { x: "day", symbol: "stage" })],
      })
    ).toThrow("Cannot render chart: Plot returned a <figure>, expected an <svg>");
    expect(() =>
      renderPlot({
        color: { legend: true },
        marks: [Plot.dot(rows, { x: "day", fill: "members" })],
      })
    ).toThrow("Cannot draw legend: colour scale is linear, expected an ordinal scale");
  });
});
