import * as Plot from "@observablehq/plot";
import { describe, expect, test } from "vitest";
import {
  chart,
  type Displayable,
  JUPYTER_DISPLAY,
  markdown,
  show,
  summaryTable,
  table,
} from "../../notebooks/_display.ts";
import { renderPlot } from "../../report/render.ts";

describe("chart", () => {
  test("chart displays the themed SVG renderPlot draws, titled in its plain-text form", () => {
    const options = { title: "Orders per day", marks: [Plot.lineY([3, 5, 4])] };
    const shown = chart(options);
    expect(shown.svg).toBe(renderPlot(options));
    expect(shown[JUPYTER_DISPLAY]()).toEqual({
      "image/svg+xml": shown.svg,
      "text/plain": "[chart: Orders per day]",
    });
  });

  test("chart uses the symbol the Deno kernel looks for", () => {
    expect(JUPYTER_DISPLAY).toBe(Symbol.for("Jupyter.display"));
  });
});

describe("table and summaryTable", () => {
  test("table displays escaped, formatted HTML", () => {
    const shown = table([{ segment: "重要价值用户 <VIP>", share: 0.123 }], [
      { value: "segment", label: "Segment" },
      { value: "share", label: "Share", format: "percent" },
    ], { caption: "Segments" });
    const bundle = shown[JUPYTER_DISPLAY]();
    expect(bundle["text/html"]).toBe(shown.html);
    expect(shown.html).toContain("重要价值用户 &lt;VIP&gt;");
    expect(shown.html).toContain("12.3%");
    expect(bundle["text/plain"]).toBe("[table: Segments]");
  });

  test("summaryTable names the level in the headers and shows a missing bound as a dash", () => {
    const html = summaryTable([
      { name: "share:a", estimate: 0.25, lower: 0.2, upper: 0.31, level: 0.9 },
      { name: "given", estimate: 4, lower: NaN, upper: NaN, level: 0.9 },
    ], { format: "percent" }).html;
    expect(html).toContain("90% lower");
    expect(html).toContain("25.0%");
    expect(html.match(/—/g)).toHaveLength(2);
  });

  test("summaryTable refuses rows of different confidence levels", () => {
    expect(() =>
      summaryTable([
        { name: "a", estimate: 1, lower: 0, upper: 2, level: 0.95 },
        { name: "b", estimate: 1, lower: 0, upper: 2, level: 0.9 },
      ])
    ).toThrow("row 'b' has level 0.9, expected 0.95");
  });
});

describe("markdown", () => {
  test("markdown displays its text as Markdown, with the same text as plain text", () => {
    const note = markdown("**Best window: 14 days**, net value 394,496");
    expect(note[JUPYTER_DISPLAY]()).toEqual({
      "text/markdown": "**Best window: 14 days**, net value 394,496",
      "text/plain": "**Best window: 14 days**, net value 394,496",
    });
  });
});

describe("show", () => {
  test("show sends each output's bundle to the kernel in order, raw", async () => {
    const sent: { bundle: unknown; options: unknown }[] = [];
    // Deno.jupyter exists only inside the kernel; its setter lets a test stand in for it.
    (Deno as unknown as { jupyter: unknown }).jupyter = {
      display: (bundle: unknown, options: unknown) => {
        sent.push({ bundle, options });
        return Promise.resolve();
      },
    };
    const outputs: Displayable[] = [
      chart({ title: "first", marks: [Plot.dot([1])] }),
      table([{ n: 1 }], [{ value: "n", label: "N" }]),
      markdown("done"),
    ];
    await show(...outputs);
    expect(sent.map((s) => s.bundle)).toEqual(outputs.map((o) => o[JUPYTER_DISPLAY]()));
    expect(sent.every((s) => (s.options as { raw: boolean }).raw)).toBe(true);
  });
});
