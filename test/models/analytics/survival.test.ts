import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parseTableCsv } from "../../../log/mod.ts";
import { exponential, rootSeed, streamSeed, Xoshiro128 } from "../../../random/mod.ts";
import {
  fitConstantHazard,
  fitKaplanMeier,
  logRankTest,
} from "../../../models/analytics/survival.ts";

const data = (path: string) => new URL(`../../../../shared/data/${path}`, import.meta.url);

async function glioma(group: string) {
  const { table } = parseTableCsv(await Deno.readFile(data("survival_reference/g3.csv")));
  const keep = table.text("group").map((g) => g === group);
  const time = table.number("time").filter((_, i) => keep[i]);
  const event = table.text("event").filter((_, i) => keep[i]).map((e) => e === "True");
  return { time, event };
}

describe("fitKaplanMeier on the grade-3 glioma data (g3.csv)", () => {
  // Estimates: lifelines tests/test_estimation.py (checked there against R survfit).
  // Intervals: the same lifelines test (4 decimals) and SciPy 1.17
  // scipy.stats.ecdf(...).sf.confidence_interval(method="log-log") (full precision).
  test("control group matches lifelines / R survfit with log-log intervals", async () => {
    const { time, event } = await glioma("Control");
    const fit = fitKaplanMeier(time, event);
    const reference = [
      [9, 0.8333333333, 0.27312285, 0.97471243],
      [19, 0.6666666667, 0.19461664, 0.90443416],
      [32, 0.5, 0.11094826, 0.80370924],
      [34, 0.3333333333, 0.04608224, 0.67556436],
    ];
    for (const [t, s, lo, hi] of reference) {
      const point = fit.survivalAt(t);
      expect(point.estimate).toBeCloseTo(s, 8);
      expect(point.lower).toBeCloseTo(lo, 7);
      expect(point.upper).toBeCloseTo(hi, 7);
    }
    expect(fit.n).toBe(6);
    expect(fit.events).toBe(4);
    expect(fit.confidenceLevel).toBe(0.95);
    // lifelines convention: first time with S <= 0.5; CI where the bands cross 0.5
    // (R survfit reports 0.95LCL 9, UCL NA for this group)
    expect(fit.median).toEqual({ estimate: 32, lower: 9, upper: Infinity });
  });

  test("RIT group matches lifelines S(25)=0.909, S(53)=0.779 and SciPy intervals", async () => {
    const { time, event } = await glioma("RIT");
    const fit = fitKaplanMeier(time, event, { label: "RIT" });
    expect(fit.survivalAt(25).estimate).toBeCloseTo(0.90909091, 7);
    expect(fit.survivalAt(53).estimate).toBeCloseTo(0.77922078, 7);
    expect(fit.survivalAt(53).lower).toBeCloseTo(0.35439952, 7);
    expect(fit.survivalAt(53).upper).toBeCloseTo(0.9417728, 7);
    expect(fit.survivalAt(24.9)).toEqual({ time: 24.9, estimate: 1, lower: 1, upper: 1 });
    expect(fit.median.estimate).toBe(Infinity);
    expect(fit.label).toBe("RIT");
  });

  test("the table has at-risk, event and censored counts per distinct time", async () => {
    const { time, event } = await glioma("Control");
    const fit = fitKaplanMeier(time, event);
    expect(fit.table.map((r) => [r.time, r.atRisk, r.events, r.censored])).toEqual([
      [9, 6, 1, 0],
      [19, 5, 1, 0],
      [32, 4, 1, 0],
      [34, 3, 1, 0],
      [48, 2, 0, 1],
      [50, 1, 0, 1],
    ]);
    expect(fit.atRisk([0, 33, 60])).toEqual([
      { time: 0, atRisk: 6, censored: 0, events: 0 },
      { time: 33, atRisk: 3, censored: 0, events: 3 },
      { time: 60, atRisk: 0, censored: 2, events: 4 },
    ]);
    const rows = fit.summary();
    expect(rows.at(-1)).toEqual({
      name: "median",
      estimate: 32,
      lower: 9,
      upper: Infinity,
      level: 0.95,
    });
  });
});

describe("fitKaplanMeier invariants", () => {
  test("weights reproduce the fit on expanded rows", () => {
    const expanded = fitKaplanMeier([1, 1, 1, 2, 3, 3], [1, 1, 0, 1, 0, 0]);
    const weighted = fitKaplanMeier([1, 1, 2, 3], [1, 0, 1, 0], { weights: [2, 1, 1, 2] });
    expect(weighted.table).toEqual(expanded.table);
  });

  test("the curve never rises and the interval always contains it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), {
          minLength: 1,
          maxLength: 60,
        }),
        (rows) => {
          const fit = fitKaplanMeier(rows.map((r) => r[0]), rows.map((r) => r[1]));
          let previous = 1;
          for (const r of fit.table) {
            expect(r.estimate).toBeLessThanOrEqual(previous);
            previous = r.estimate;
            if (r.estimate > 0) {
              expect(r.lower).toBeLessThanOrEqual(r.estimate + 1e-12);
              expect(r.upper).toBeGreaterThanOrEqual(r.estimate - 1e-12);
            }
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  test("bad input is rejected with the row and value", () => {
    expect(() => fitKaplanMeier([1, -3], [1, 0])).toThrow(
      "Cannot fit Kaplan-Meier: duration at row 1 is -3, expected ≥ 0",
    );
    expect(() => fitKaplanMeier([1, 2], [1])).toThrow(RangeError);
    expect(() => fitKaplanMeier([1], [1], { alpha: 2 })).toThrow("alpha is 2");
  });
});

describe("logRankTest", () => {
  test("two glioma groups match SciPy 1.17 scipy.stats.logrank (chi2 = z^2 = 6.0629)", async () => {
    const control = await glioma("Control"), rit = await glioma("RIT");
    const result = logRankTest([
      { label: "Control", durations: control.time, eventObserved: control.event },
      { label: "RIT", durations: rit.time, eventObserved: rit.event },
    ]);
    expect(result.statistic).toBeCloseTo(6.062887815982785, 9);
    expect(result.pValue).toBeCloseTo(0.013805175857343768, 9);
    expect(result.df).toBe(1);
    expect(result.groups.map((g) => g.observed)).toEqual([4, 2]);
  });

  test("three Telco contract groups match an independent NumPy k-group computation", async () => {
    const path = data("telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv");
    const { table } = parseTableCsv(await Deno.readFile(path));
    const tenure = table.number("tenure");
    const churn = table.text("Churn").map((c) => c === "Yes");
    const contract = table.text("Contract");
    const groups = ["Month-to-month", "One year", "Two year"].map((label) => ({
      label,
      durations: tenure.filter((_, i) => contract[i] === label),
      eventObserved: churn.filter((_, i) => contract[i] === label),
    }));
    const result = logRankTest(groups);
    // NumPy: (O-E)[:-1] @ solve(V[:-1,:-1], (O-E)[:-1]), hypergeometric V (script in report)
    expect(result.statistic).toBeCloseTo(2352.8725382593384, 6);
    expect(result.df).toBe(2);
    expect(result.groups[0].expected).toBeCloseTo(708.44559551, 6);
    expect(result.groups[2].observed).toBe(48);
  });

  test("a failed test throws instead of returning p = 1", () => {
    expect(() =>
      logRankTest([
        { label: "a", durations: [1, 2], eventObserved: [0, 0] },
        { label: "b", durations: [1, 2], eventObserved: [0, 0] },
      ])
    ).toThrow("no events in any group");
    expect(() => logRankTest([{ label: "a", durations: [1], eventObserved: [1] }])).toThrow(
      "1 group(s), expected at least 2",
    );
  });
});

describe("simulated constant daily hazard with censoring at a horizon", () => {
  // durations ~ geometric(h) on 1, 2, ...: T = ceil(E / -log(1 - h)), E ~ Exp(1),
  // so P(T > t) = (1 - h)^t; censored at the horizon.
  function simulate(h: number, horizon: number, n: number, seed: number) {
    const rng = Xoshiro128.from(streamSeed(rootSeed(seed), 0));
    const rate = -Math.log(1 - h);
    const durations = new Float64Array(n);
    const observed = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t = Math.max(1, Math.ceil(exponential(rng) / rate));
      durations[i] = Math.min(t, horizon);
      observed[i] = t <= horizon ? 1 : 0;
    }
    return { durations, observed };
  }

  test("Kaplan-Meier intervals cover (1 - h)^t and the hazard estimate recovers h", () => {
    const h = 0.02, horizon = 90;
    const { durations, observed } = simulate(h, horizon, 5_000, 2024);
    const km = fitKaplanMeier(durations, observed);
    for (const t of [7, 14, 30, 60, 90]) {
      const point = km.survivalAt(t);
      expect(point.lower).toBeLessThanOrEqual((1 - h) ** t);
      expect(point.upper).toBeGreaterThanOrEqual((1 - h) ** t);
    }
    const hazard = fitConstantHazard(durations, observed);
    expect(hazard.hazard.lower).toBeLessThanOrEqual(h);
    expect(hazard.hazard.upper).toBeGreaterThanOrEqual(h);
    expect(Math.abs(hazard.hazard.estimate - h)).toBeLessThan(0.002);
    expect(hazard.survivalAt(30).estimate).toBeCloseTo((1 - hazard.hazard.estimate) ** 30, 12);
  });

  test("the 95% hazard interval covers h in about 95% of 400 seeded replications", () => {
    let covered = 0;
    for (let r = 0; r < 400; r++) {
      const { durations, observed } = simulate(0.05, 30, 300, 1000 + r);
      const fit = fitConstantHazard(durations, observed);
      if (fit.hazard.lower <= 0.05 && 0.05 <= fit.hazard.upper) covered++;
    }
    // binomial(400, 0.95) has sd 4.4: 360..399 is a ±4 sd band
    expect(covered).toBeGreaterThanOrEqual(360);
    expect(covered).toBeLessThanOrEqual(399);
  });

  test("fitConstantHazard refuses data without events", () => {
    expect(() => fitConstantHazard([5, 6], [0, 0])).toThrow("no events");
  });
});
