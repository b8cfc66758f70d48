import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { formatScenarioPath, parseScenarioPath } from "../../sim/scenario_path.ts";

describe("formatScenarioPath and parseScenarioPath", () => {
  test("formatScenarioPath writes dotted keys with [i] indices", () => {
    expect(formatScenarioPath(["rules", 2, "from", 0])).toBe("rules[2].from[0]");
    expect(formatScenarioPath(["population", "mix", "tier", "199"])).toBe(
      "population.mix.tier.199",
    );
    expect(formatScenarioPath(["mix", "a.b"])).toBe('mix["a.b"]');
    expect(formatScenarioPath([])).toBe("");
  });

  test("parseScenarioPath rejects text that is not a path, naming the position", () => {
    expect(() => parseScenarioPath("rules[x].to")).toThrow(
      "Cannot read path 'rules[x].to': unexpected '[' at character 6",
    );
    expect(() => parseScenarioPath("a..b")).toThrow(SyntaxError);
  });

  test("parseScenarioPath inverts formatScenarioPath", () => {
    const segment = fc.oneof(fc.nat({ max: 99 }), fc.string({ minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), (path) => {
        expect(parseScenarioPath(formatScenarioPath(path))).toEqual(path);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
