import { describe, expect, test } from "vitest";
import { rootSeed, streamSeed, Xoshiro128 } from "../../../random/mod.ts";
import { measureViral, simulateViral, skokMembers } from "../../../models/analytics/viral.ts";

describe("measureViral", () => {
  test("measureViral gives the seed's K 2 for 20 invites per member at 10% conversion", () => {
    // 5 members each send 20 invites; 2 of each member's 20 convert.
    const inviter: number[] = [];
    const converted: boolean[] = [];
    for (let m = 0; m < 5; m++) {
      for (let i = 0; i < 20; i++) {
        inviter.push(m);
        converted.push(i < 2);
      }
    }
    const n = inviter.length;
    const viral = measureViral({
      inviter,
      inviterJoinDay: inviter.map((m) => m),
      inviteDay: inviter.map((m) => m + 4),
      converted,
      inviteeJoinDay: inviter.map((m) => m + 9),
    }, { members: 5 });
    expect(n).toBe(100);
    expect(viral.invitesPerMember).toBe(20);
    expect(viral.conversion).toBe(0.1);
    expect(viral.k).toBe(2);
    expect(viral.cycleDays).toBe(9);
    expect(viral.conversionLagDays).toBe(5);
    // √10 / 5 converted-invite Poisson standard error.
    expect(viral.kSe).toBeCloseTo(Math.sqrt(10) / 5, 12);
    const [k, conversion] = viral.summary();
    expect(k.lower).toBeCloseTo(2 - 1.959963984540054 * Math.sqrt(10) / 5, 9);
    // Wilson 95% for 10 of 100: SciPy 1.17 binomtest(10, 100).proportion_ci("wilson").
    expect(conversion.lower).toBeCloseTo(0.05522913706067508, 9);
    expect(conversion.upper).toBeCloseTo(0.17436566150491345, 9);
  });

  test("measureViral counts members who never invited in the denominator", () => {
    const viral = measureViral({
      inviter: [0, 0],
      inviterJoinDay: [0, 0],
      inviteDay: [1, 2],
      converted: [1, 0],
      inviteeJoinDay: [3, NaN],
    }, { members: 4 });
    expect(viral.k).toBe(0.25);
    expect(viral.invitesPerMember).toBe(0.5);
  });

  test("measureViral rejects arrays of different lengths and too few members", () => {
    const base = { inviter: [0, 1], inviterJoinDay: [0, 0], inviteDay: [0, 0], converted: [0, 0] };
    expect(() => measureViral({ ...base, inviteeJoinDay: [0] }, { members: 2 }))
      .toThrow(/inviteeJoinDay has 1 rows, expected 2/);
    expect(() => measureViral({ ...base, inviteeJoinDay: [0, 0] }, { members: 1 }))
      .toThrow(/fewer than the 2 distinct inviters/);
  });
});

describe("skokMembers and simulateViral", () => {
  test("skokMembers follows the geometric series of generations", () => {
    // K = 2, N0 = 10: after 0, 1, 2 cycles 10, 30, 70 members.
    expect([0, 7, 14].map((t) => skokMembers(10, 2, 7, t))).toEqual([10, 30, 70]);
    // K = 0.5 converges to N0 / (1 − K) = 200.
    expect(skokMembers(100, 0.5, 10, 1e4)).toBeCloseTo(200, 9);
  });

  test("skokMembers is continuous at K = 1 where it becomes N0·(t/ct + 1)", () => {
    expect(skokMembers(10, 1, 5, 20)).toBe(50);
    expect(skokMembers(10, 1 + 1e-7, 5, 20)).toBeCloseTo(50, 4);
    expect(skokMembers(10, 1 - 1e-7, 5, 20)).toBeCloseTo(50, 4);
  });

  test("simulateViral averages to Skok's curve over seeded runs", () => {
    // 2000 runs, N0 = 100, K = 0.8, 5 cycles: expected 100·(0.8^6 − 1)/(0.8 − 1) = 368.928.
    const root = rootSeed(2026);
    const runs = 2000;
    const finals = Array.from(
      { length: runs },
      (_, r) =>
        simulateViral(Xoshiro128.from(streamSeed(root, r)), { n0: 100, k: 0.8, cycles: 5 })[5],
    );
    const mean = finals.reduce((a, b) => a + b, 0) / runs;
    const sd = Math.sqrt(finals.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1));
    const expected = skokMembers(100, 0.8, 1, 5);
    expect(expected).toBeCloseTo(368.928, 9);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * sd / Math.sqrt(runs));
  });

  test("simulateViral starts at N0 and never decreases", () => {
    const curve = simulateViral(Xoshiro128.from(streamSeed(rootSeed(5), 1)), {
      n0: 50,
      k: 1.3,
      cycles: 8,
    });
    expect(curve[0]).toBe(50);
    for (let c = 1; c < curve.length; c++) expect(curve[c]).toBeGreaterThanOrEqual(curve[c - 1]);
  });
});
