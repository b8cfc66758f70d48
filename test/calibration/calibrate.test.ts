import { describe, expect, test } from "vitest";
import {
  bgNbdScenario,
  calibrateScenario,
  fitAcquisition,
  formatScenarioYaml,
} from "../../calibration/mod.ts";
import { parseScenario } from "../../sim/validate.ts";
import { parseScenarioText } from "../../sim/scenario_text.ts";
import { WEEK } from "../../models/clv/mod.ts";
import { CDNOW_CALIBRATION_END, cdnowOrders } from "./_cdnow.ts";

const orders = cdnowOrders();
const calibration = calibrateScenario(orders, {
  calibrationEnd: CDNOW_CALIBRATION_END,
  origin: "1997-01-01",
  source: "CDNOW_sample.txt",
  name: "cdnow",
});

describe("calibrateScenario on CDNOW", () => {
  test("calibrateScenario fits BG/NBD and Gamma-Gamma as FHL (2005) published them", () => {
    const { r, alpha, a, b } = calibration.purchases.params;
    expect(r).toBeCloseTo(0.243, 3);
    expect(alpha).toBeCloseTo(4.41, 2);
    expect(a).toBeCloseTo(0.793, 3);
    expect(b).toBeCloseTo(2.43, 2);
    expect(calibration.spend!.params.p).toBeCloseTo(6.25, 2);
    expect(calibration.purchases.unit).toEqual(WEEK);
    expect(calibration.warnings).toEqual([]);
  });

  test("the scenario's daily rate, heterogeneity and drop-out are BG/NBD's in days", () => {
    const { r, alpha, a, b } = calibration.purchases.params;
    const scenario = calibration.scenario;
    const orders = scenario.stages.active.orders!;
    expect(orders.type).toBe("rate");
    // Member rates gamma(r, α·7 days): mean r/(7α) per day, multiplier gamma(r, r).
    expect(Math.abs(orders.value / (r / (7 * alpha)) - 1)).toBeLessThan(1e-5);
    expect(Math.abs(scenario.purchases.heterogeneity!.shape / r - 1)).toBeLessThan(1e-5);
    expect(scenario.purchases.dropout).toEqual({
      type: "beta",
      a: Number(a.toPrecision(6)),
      b: Number(b.toPrecision(6)),
    });
    expect(scenario.purchases.spend.type).toBe("gamma_gamma");
    expect(scenario.stages.churned.churned).toBe(true);
  });

  test("acquisition follows the first purchases: 2,357 joins over 84 days from day 0", () => {
    const channel = calibration.scenario.channels[0];
    expect(calibration.firstDay).toBe(0);
    expect(channel.orderOnJoin).toBe(true);
    expect(channel.schedule!.length).toBe(84); // 1997-01-01..1997-03-25
    expect(channel.schedule!.reduce((s, n) => s + n, 0)).toBe(2357);
    expect(calibration.scenario.horizon).toBe(546); // to 1998-06-30, the log's last day
    expect(calibration.scenario.description).toContain("Day 0 is 1997-01-01");
  });

  test("poisson acquisition spreads the same members over the same days at a constant rate", () => {
    const poisson = calibrateScenario(orders, {
      calibrationEnd: CDNOW_CALIBRATION_END,
      acquisition: "poisson",
      horizon: 400,
    });
    const channel = poisson.scenario.channels[0];
    expect(channel.arrivals).toBe("poisson");
    expect(channel.daily).toBeCloseTo(2357 / 84, 4);
    expect(channel.until).toBe(84);
    expect(poisson.scenario.horizon).toBe(400);
  });

  test("a log without amounts gives a fixed spend of 0 and says so", () => {
    const counts = calibrateScenario({ member: orders.member, day: orders.day }, {
      calibrationEnd: CDNOW_CALIBRATION_END,
    });
    expect(counts.spend).toBeNull();
    expect(counts.scenario.purchases.spend).toEqual({ type: "fixed", value: 0 });
    expect(counts.warnings[0]).toContain("no amounts");
  });

  test("members whose repeat purchases average 0 are left out of the spend fit, with a warning", () => {
    const amount = orders.amount.map((v, i) => (orders.member[i] === 1 ? 0 : v));
    const free = calibrateScenario({ ...orders, amount }, {
      calibrationEnd: CDNOW_CALIBRATION_END,
    });
    expect(free.warnings[0]).toMatch(/^1 members with repeat purchases of mean value ≤ 0/);
    expect(free.spend!.n).toBe(945);
  });

  test("calibrateScenario refuses a calibration end before the first purchase", () => {
    expect(() => calibrateScenario(orders, { calibrationEnd: -1 }))
      .toThrow(
        "Cannot calibrate: no member made a first purchase on or before the calibration end",
      );
  });
});

describe("formatScenarioYaml", () => {
  test("the YAML reads back as the same scenario, with the comments on top", () => {
    const text = formatScenarioYaml(calibration.input, { comments: ["from CDNOW", "day 0"] });
    expect(text.startsWith("# from CDNOW\n# day 0\n")).toBe(true);
    expect(parseScenarioText(text, { source: "cdnow.yaml" })).toEqual(calibration.scenario);
  });

  test("long number lists are wrapped flow sequences within the line width", () => {
    const text = formatScenarioYaml(calibration.input);
    const lines = text.split("\n");
    expect(lines.some((line) => /^ {4}schedule: \[\d+, \d+/.test(line))).toBe(true);
    for (const line of lines.filter((l) => /\d+,/.test(l))) {
      expect(line.length).toBeLessThanOrEqual(100);
    }
  });
});

describe("fitAcquisition and bgNbdScenario", () => {
  test("fitAcquisition counts joins per day from the first and ignores later first purchases", () => {
    const fit = fitAcquisition([5, 7, 5, 9, 30], { calibrationEnd: 10 });
    expect(fit).toEqual({
      mode: "schedule",
      firstDay: 5,
      lastDay: 9,
      members: 4,
      schedule: [2, 0, 1, 0, 1],
      daily: 4 / 5,
    });
  });

  test("fitAcquisition names a day that is not whole", () => {
    expect(() => fitAcquisition([1, 2.5], { calibrationEnd: 10 }))
      .toThrow("Cannot fit acquisition: first-purchase day at row 1 is 2.5; expected a whole day");
  });

  test("bgNbdScenario refuses a parameter that is not positive", () => {
    const acquisition = fitAcquisition([0], { calibrationEnd: 1 });
    expect(() =>
      bgNbdScenario({
        name: "x",
        horizon: 10,
        unit: WEEK,
        purchases: { r: 0.5, alpha: 6, a: 0, b: 2 },
        spend: { type: "fixed", value: 1 },
        acquisition,
      })
    ).toThrow("Cannot build a BG/NBD scenario: a is 0; expected a finite number > 0");
  });

  test("bgNbdScenario states α per day for a month of a stated length", () => {
    const acquisition = fitAcquisition([0], { calibrationEnd: 1 });
    const scenario = parseScenario(bgNbdScenario({
      name: "monthly",
      horizon: 10,
      unit: { name: "month", days: 30.4375 },
      purchases: { r: 1, alpha: 2, a: 1, b: 3 },
      spend: { type: "fixed", value: 1 },
      acquisition,
    }));
    expect(scenario.stages.active.orders!.value).toBeCloseTo(1 / (2 * 30.4375), 8);
  });
});
