import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderRunReport } from "../../report/mod.ts";
import type { RunResult } from "../../sim/run_result.ts";
import { checkPage, HAS_CHROMIUM, ON_CI, SKIP_REASON } from "./_chromium.ts";
import { handBuiltRun } from "./_fixture.ts";

const CHARTS = ["stages", "survival", "revenue", "orders", "joins", "referral"];

let run: RunResult;
let html: string;
beforeAll(async () => {
  run = await handBuiltRun();
  html = renderRunReport(run);
});

describe("renderRunReport", () => {
  test("renderRunReport names the scenario, seed and version in the title block", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<h1>Run report: default</h1>");
    expect(html).toContain("<b>seed</b> 7");
    expect(html).toContain("<b>version</b> 0.1.0");
    expect(html).toContain("Membership business, tiers 199 and 399");
  });

  test("renderRunReport is self-contained: no scripts, links or external addresses", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
    // The only address is the SVG namespace, which browsers never fetch.
    const addresses = new Set(html.match(/https?:\/\/[^"'\s)]+/g));
    expect([...addresses]).toEqual(["http://www.w3.org/2000/svg"]);
  });

  test("renderRunReport has one captioned figure with an svg per chart", () => {
    const ids = [...html.matchAll(/<figure class="chart" id="chart-([a-z]+)"><svg/g)].map((m) =>
      m[1]
    );
    expect(ids).toEqual(CHARTS);
    expect(html.match(/<figcaption>/g)).toHaveLength(CHARTS.length);
  });

  test("renderRunReport totals table shows churned share, ARPU and member-days per second", () => {
    const t = run.totals;
    const row = (name: string) => html.match(new RegExp(`${name}</th><td class="num">([^<]*)`))![1];
    expect(row("Members")).toBe(t.members.toLocaleString("en-US"));
    expect(row("Churned share")).toBe(`${(100 * t.churned / t.members).toFixed(1)}%`);
    expect(row("ARPU")).toBe((t.revenue / t.members).toFixed(2));
    expect(row("K-factor")).toBe(t.kFactor.toFixed(3));
    expect(row("Cycle time")).toBe(`${t.cycleTime.toFixed(1)} days`);
    expect(row("Member-days/s")).toBe(Math.round(t.memberDays / 0.5).toLocaleString("en-US"));
  });

  test("renderRunReport says n/a for a cycle time without referrals, never a number", () => {
    const none = renderRunReport({ ...run, totals: { ...run.totals, cycleTime: NaN } });
    expect(none).toContain('Cycle time</th><td class="num">n/a (no referrals)');
    expect(none).toContain("no cycle time (no referrals)");
    expect(none).not.toContain("NaN");
  });

  test("renderRunReport escapes markup in the scenario description", () => {
    const scenario = { ...run.scenario, description: "K <1 & growing" };
    expect(renderRunReport({ ...run, scenario })).toContain("K &lt;1 &amp; growing");
  });

  test("renderRunReport gives the same page for the same run", () => {
    expect(renderRunReport(run)).toBe(html);
  });
});

describe.skipIf(!HAS_CHROMIUM)("renderRunReport in headless Chromium", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await Deno.makeTempDir({ prefix: "lab-report-" });
  });
  afterAll(async () => {
    await Deno.remove(dir, { recursive: true });
  });

  test("every chart draws marks, and the page logs no errors and makes no requests", async () => {
    const path = `${dir}/report.html`;
    await Deno.writeTextFile(path, html);
    const page = await checkPage(path);
    expect(page.figures.map((f) => f.id)).toEqual(CHARTS.map((c) => `chart-${c}`));
    for (const figure of page.figures) {
      expect(figure.svgs, figure.id).toBe(1);
      expect(figure.drawn, `${figure.id} marks ${figure.marks}`).toBeGreaterThan(0);
    }
    expect(page.xml).toEqual(CHARTS.map(() => "ok"));
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
  });
});

if (!HAS_CHROMIUM) console.warn(`Skipping browser tests: ${SKIP_REASON}`);

describe.runIf(!HAS_CHROMIUM && ON_CI)("Chromium on CI", () => {
  test("chromium is installed when CI=true", () => {
    throw new Error(`Cannot run browser tests on CI: ${SKIP_REASON}`);
  });
});
