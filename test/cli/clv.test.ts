import { describe, expect, test } from "vitest";
import { clvCommand } from "../../cli/clv.ts";
import { UsageError } from "../../cli/command.ts";
import { capture } from "./_capture.ts";
import { CDNOW_LOG_ARGS, CDNOW_SAMPLE } from "./_cdnow.ts";

const CDNOW_ARGS = [...CDNOW_LOG_ARGS, "--unit", "week"];

describe("lab clv", () => {
  test("clv fit --json prints the BG/NBD fit of the raw CDNOW sample", async () => {
    const { code, out } = await capture(clvCommand, [
      "fit",
      ...CDNOW_ARGS,
      "--model",
      "bgnbd",
      "--json",
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.model).toBe("BG/NBD");
    expect(result.n).toBe(2357);
    // Same published values as from the summary file (FHL 2005), to 3 significant figures.
    expect(result.params.r).toBeCloseTo(0.243, 3);
    expect(result.params.alpha).toBeCloseTo(4.41, 2);
    expect(result.params.a).toBeCloseTo(0.793, 3);
    expect(result.params.b).toBeCloseTo(2.43, 2);
    expect(result.loglik).toBeCloseTo(-9582.4, 1);
    expect(Object.keys(result.se)).toEqual(["r", "alpha", "a", "b"]);
  });

  test("clv fit --model gg fits spend from the amount column", async () => {
    const { out } = await capture(clvCommand, ["fit", ...CDNOW_ARGS, "--model", "gg", "--json"]);
    const result = JSON.parse(out);
    expect(result.n).toBe(946);
    expect(result.params.p).toBeCloseTo(6.25, 2);
    expect(result.params.q).toBeCloseTo(3.74, 2);
  });

  test("clv predict writes one CSV row per member with P(alive), purchases, spend and CLV", async () => {
    const out = await Deno.makeTempFile({ suffix: ".csv" });
    const { code } = await capture(clvCommand, [
      "predict",
      ...CDNOW_ARGS,
      "--horizon",
      "52",
      "--period",
      "4",
      "--discount-rate",
      "0.01",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    const lines = (await Deno.readTextFile(out)).trim().split("\n");
    expect(lines[0]).toBe(
      "member,frequency,recency_weeks,T_weeks,p_alive,expected_purchases,expected_spend,clv",
    );
    expect(lines.length).toBe(2358);
    const first = lines[1].split(",");
    expect(first[0]).toBe("0001");
    expect(Number(first[4])).toBeCloseTo(0.7266, 3); // P(alive) of customer 1 (x = 2)
    for (const line of lines.slice(1)) expect(Number(line.split(",")[7])).toBeGreaterThanOrEqual(0);
    await Deno.remove(out);
  });

  test("clv refuses a month unit without a stated length", async () => {
    await expect(clvCommand.run(["fit", ...CDNOW_ARGS, "--unit", "month"]))
      .rejects.toThrow(UsageError);
    await expect(clvCommand.run(["fit", ...CDNOW_ARGS, "--unit", "month"]))
      .rejects.toThrow("--month-days");
  });

  test("clv refuses an unknown model and a missing sub-command", async () => {
    await expect(clvCommand.run(["fit", ...CDNOW_ARGS, "--model", "xyz"]))
      .rejects.toThrow("--model: expected one of bgnbd, pareto, mbgnbd, gg, bgbb, got 'xyz'");
    await expect(clvCommand.run([CDNOW_SAMPLE])).rejects.toThrow("expected a sub-command");
  });

  test("clv --help text names usage, defaults and an example", () => {
    expect(clvCommand.help).toContain("Usage: deno task lab clv fit");
    expect(clvCommand.help).toContain("(default 0.95)");
    expect(clvCommand.help).toContain("Example:");
  });
});
