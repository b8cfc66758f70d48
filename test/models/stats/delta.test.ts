import { describe, expect, test } from "vitest";
import {
  compareMeanFunction,
  compareRatios,
  type MeanFunction,
  summarizeJoint,
  summarizeMoments,
} from "../../../models/stats/mod.ts";

const ratio: MeanFunction = {
  value: (m) => m[0] / m[1],
  gradient: (m, out) => {
    out[0] = 1 / m[1];
    out[1] = -m[0] / (m[1] * m[1]);
  },
};

const revenue = [[10, 25, 0, 40, 12, 0, 33, 18], [30, 20, 15, 45, 0, 26, 38, 9, 22]];
const orders = [[1, 2, 0, 2, 1, 1, 3, 1], [2, 1, 1, 2, 1, 2, 3, 1, 1]];

describe("compareMeanFunction", () => {
  test("reduces to the ratio delta method for f = mean(y) / mean(x)", () => {
    for (const scale of ["absolute", "relative"] as const) {
      const general = compareMeanFunction(
        summarizeMoments([revenue[0], orders[0]]),
        summarizeMoments([revenue[1], orders[1]]),
        ratio,
        { scale },
      );
      const direct = compareRatios(
        summarizeJoint(revenue[0], orders[0]),
        summarizeJoint(revenue[1], orders[1]),
        { scale },
      );
      if (!general.ok || !direct.ok) throw new Error("unexpected failure");
      expect(general.estimate).toBeCloseTo(direct.estimate, 12);
      expect(general.se).toBeCloseTo(direct.se, 12);
    }
  });

  test("fails with zero-denominator when f is not finite in an arm", () => {
    const zero = summarizeMoments([[1, 2], [0, 0]]);
    expect(compareMeanFunction(zero, zero, ratio)).toMatchObject({
      ok: false,
      code: "zero-denominator",
    });
  });
});
