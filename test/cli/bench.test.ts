import { afterEach, describe, expect, test, vi } from "vitest";
import { benchCommand } from "../../cli/bench.ts";

async function capture(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(" "));
  });
  const code = await benchCommand.run(argv);
  return { code, lines };
}

describe("lab bench", () => {
  afterEach(() => vi.restoreAllMocks());

  test("prints one summary line per run, last, in the reference format", async () => {
    const { code, lines } = await capture(["--members", "3000", "--seeds", "2", "--workers", "1"]);
    expect(code).toBe(0);
    const summary = lines.slice(-2);
    for (const line of summary) {
      expect(line).toMatch(
        /^peer=lifecycle-lab n0=3000 member_days=\d+ sim_seconds=[\d.]+ mdps=\d+ revenue_per_member=[\d.]+ members_ratio=[\d.]+ churned_share=[\d.]+$/,
      );
    }
    expect(summary[0]).not.toBe(summary[1]);
    expect(lines.some((l) => l.startsWith("# revenue_per_member: mean"))).toBe(true);
  });

  test("reports member-days per initial member near the exact 165.231", async () => {
    const { lines } = await capture(["--members", "20000", "--workers", "1", "--json"]);
    const [run] = JSON.parse(lines.join("\n"));
    expect(run.memberDays / 20000).toBeGreaterThan(163);
    expect(run.memberDays / 20000).toBeLessThan(167.5);
  });
});
