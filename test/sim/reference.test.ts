import { expect, test } from "vitest";
import { loadScenario } from "../../io/scenario_file.ts";
import { simulate } from "../../sim/run.ts";
import { REFERENCE_EXPECTATIONS } from "../../cli/bench.ts";

// ../shared/bench/ref-lifecycle-v1.md: at N0 = 1M the mean over 5 seeds lands within 0.5%
// of the exact expectations (seed-to-seed spread ≈ 0.1%).
test("ref-lifecycle-v1 reproduces the exact expectations at N0 = 1M (mean of 5 seeds, 0.5%)", async () => {
  const scenario = await loadScenario("ref-lifecycle-v1");
  const n0 = 1_000_000;
  let revenue = 0, ratio = 0, churnedShare = 0, memberDays = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const run = await simulate(scenario, { members: n0, seed });
    revenue += run.totals.revenue / n0 / 5;
    ratio += run.totals.members / n0 / 5;
    churnedShare += run.totals.churned / run.totals.members / 5;
    memberDays += run.totals.memberDays / n0 / 5;
  }
  const within = (value: number, exact: number, tolerance: number) =>
    expect(Math.abs(value / exact - 1)).toBeLessThan(tolerance);
  within(revenue, REFERENCE_EXPECTATIONS.revenuePerMember, 0.005);
  within(ratio, REFERENCE_EXPECTATIONS.membersRatio, 0.005);
  within(churnedShare, REFERENCE_EXPECTATIONS.churnedShare, 0.005);
  within(memberDays, REFERENCE_EXPECTATIONS.memberDaysPerMember, 0.005);
});
