import { describe, expect, test } from "vitest";
import { compareScenarios, runWhatIfPair } from "../../experiments/mod.ts";
import { applyOverrides } from "../../sim/overrides.ts";
import { parseScenario } from "../../sim/validate.ts";
import { REFERRAL } from "./_fixtures.ts";

const base = parseScenario(REFERRAL);

describe("what-ifs (paired replications)", () => {
  test("a higher invite conversion grows members and K; the interval excludes no change", async () => {
    const changed = applyOverrides(base, ["referral.conversion=0.5"]);
    const result = await compareScenarios(base, changed, {
      replications: 12,
      seed: 3,
      metrics: ["members", "k_factor", "orders", "revenue"],
    });
    const by = (m: string) => result.metrics.find((x) => x.metric === m)!;
    for (const m of ["members", "k_factor", "revenue"]) {
      expect(by(m).difference!.lower, m).toBeGreaterThan(0);
      expect(by(m).relative!.estimate, m).toBeCloseTo(by(m).changed / by(m).base - 1, 10);
    }
    expect(result.pairs.map((p) => p.seed)).toEqual(
      Array.from({ length: 12 }, (_, r) => `3/${r}`),
    );
    // Initial members' own lives are identical in both runs of a pair: the members
    // difference is exactly the extra referred members (and theirs).
    const pair = result.pairs[0];
    expect(pair.changed[0]).toBeGreaterThan(pair.base[0]);
  });

  test("pairing: the same seed makes a change that touches nothing differ by exactly 0", async () => {
    const same = await runWhatIfPair({ base, changed: base, seed: 1, metrics: ["orders"] }, 0);
    expect(same.changed).toEqual(same.base);
    const result = await compareScenarios(base, base, { replications: 3, metrics: ["orders"] });
    expect(result.metrics[0]).toMatchObject({ difference: null, failure: "zero-variance" });
  });

  test("rejects unknown metrics, a changed horizon and too few pairs, naming them", async () => {
    await expect(compareScenarios(base, base, { metrics: ["revenu"] }))
      .rejects.toThrow(/metrics\[0\] is 'revenu'/);
    await expect(compareScenarios(base, { ...base, horizon: 90 }))
      .rejects.toThrow(/moves the horizon from 60 to 90/);
    await expect(compareScenarios(base, base, { replications: 1 }))
      .rejects.toThrow(/replications is 1/);
  });
});
