import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { UsageError } from "../../cli/command.ts";
import { REGISTRY } from "../../cli/registry.ts";
import { DEMO_DEFAULTS, demoCommand, type DemoSummary } from "../../cli/demo.ts";
import { checkPage, HAS_CHROMIUM, ON_CI, SKIP_REASON } from "../report/_chromium.ts";

/** Runs `lab demo` with argv and returns its exit code and what it printed. */
async function runDemo(argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...args) => {
    lines.push(args.join(" "));
  });
  try {
    return { code: await demoCommand.run(argv), out: lines.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

let dir: string;
let summary: DemoSummary;
beforeAll(async () => {
  dir = await Deno.makeTempDir({ prefix: "lab-demo-" });
  const { code, out } = await runDemo(["--members", "2000", "--seed", "7", "--out", dir, "--json"]);
  expect(code).toBe(0);
  summary = JSON.parse(out);
});
afterAll(async () => {
  await Deno.remove(dir, { recursive: true });
});

describe("lab demo", () => {
  test("demo is registered and its help lists every option with an example", async () => {
    expect(await REGISTRY.find((entry) => entry.name === "demo")!.load()).toBe(demoCommand);
    for (const option of ["--seed", "--members", "--out", "--json", "Example:"]) {
      expect(demoCommand.help).toContain(option);
    }
    expect(demoCommand.help).toContain(DEMO_DEFAULTS.out);
  });

  test("demo runs the default scenario with the given seed and members", () => {
    expect(summary.scenario).toBe("default");
    expect(summary.seed).toBe(7);
    expect(summary.totals.initial).toBe(2000);
    expect(summary.report).toBe(`${dir}/report.html`);
  });

  test("demo writes the run folder and report.html, with no temporary files left", async () => {
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    expect(names.sort()).toEqual([
      "daily.csv",
      "manifest.json",
      "members.csv",
      "report.html",
      "tenure.csv",
    ]);
    const html = await Deno.readTextFile(summary.report);
    expect(html).toContain("<h1>Run report: default</h1>");
    expect(html).toContain("<b>seed</b> 7");
  });

  test("demo prints where the report is without --json", async () => {
    const { code, out } = await runDemo(["--members", "300", "--out", dir]);
    expect(code).toBe(0);
    expect(out).toContain(`Report:     ${dir}/report.html`);
  });

  test("demo rejects arguments and bad option values with a usage error", async () => {
    await expect(demoCommand.run(["default"])).rejects.toThrow(UsageError);
    await expect(demoCommand.run(["--members", "many"])).rejects.toThrow(
      "--members: expected an integer, got 'many'",
    );
  });
});

describe.skipIf(!HAS_CHROMIUM)("lab demo report in headless Chromium", () => {
  test("every chart of the demo report draws marks and the console shows no errors", async () => {
    await runDemo(["--members", "2000", "--seed", "7", "--out", dir, "--json"]);
    const page = await checkPage(summary.report);
    expect(page.figures).toHaveLength(6);
    for (const figure of page.figures) {
      expect(figure.svgs, figure.id).toBe(1);
      expect(figure.drawn, `${figure.id} marks ${figure.marks}`).toBeGreaterThan(0);
    }
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
  });
});

if (!HAS_CHROMIUM) console.warn(`Skipping the demo browser test: ${SKIP_REASON}`);

describe.runIf(!HAS_CHROMIUM && ON_CI)("lab demo report on CI", () => {
  test("chromium is installed when CI=true", () => {
    throw new Error(`Cannot run the demo browser test on CI: ${SKIP_REASON}`);
  });
});
