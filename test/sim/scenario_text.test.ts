import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parseScenarioText } from "../../sim/scenario_text.ts";
import { ScenarioError, type ScenarioIssue } from "../../sim/scenario_error.ts";

const presetUrl = new URL("../../data/scenarios/default.yaml", import.meta.url);
const preset = await Deno.readTextFile(presetUrl);

/** The issues of scenario text, or [] when it parses. */
function issuesOf(text: string, options = {}): ScenarioIssue[] {
  try {
    parseScenarioText(text, { source: "default.yaml", ...options });
    return [];
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return [...error.issues];
  }
}

/** The 1-based line where `needle` first occurs in `text` (a leading newline is skipped). */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle) + (needle.startsWith("\n") ? 1 : 0);
  return text.slice(0, at).split("\n").length;
}

describe("parseScenarioText", () => {
  test("parseScenarioText reads the default preset", () => {
    const scenario = parseScenarioText(preset, { source: "default.yaml" });
    expect(scenario.name).toBe("default");
    expect(Object.keys(scenario.stages)).toHaveLength(6);
  });

  test("parseScenarioText gives every issue the line of its field, in document order", () => {
    const text = preset
      .replace("hazard: { type: constant, value: 0.003 }", "hazard: { type: constant, value: 1.3 }")
      .replace("hazard: { type: constant, value: 0.001 }", "hazrd: 1")
      .replace("  initial: 20000", "  initial: -2");
    const issues = issuesOf(text);
    expect(issues).toEqual([
      {
        path: "stages.active.hazard.value",
        message: "must be ≤ 1, got 1.3",
        line: lineOf(text, "value: 1.3"),
      },
      {
        path: "stages.mature.hazrd",
        message: "unknown key (expected one of label, churned, terminal, hazard, orders, " +
          "reactivation)",
        line: lineOf(text, "hazrd"),
      },
      { path: "population.initial", message: "must be ≥ 0, got -2", line: lineOf(text, "-2") },
    ]);
  });

  test("parseScenarioText puts file and line in front of each message line", () => {
    const text = preset.replace("value: 0.003", "value: 1.3");
    expect(() => parseScenarioText(text, { source: "default.yaml" })).toThrow(
      `Cannot use scenario: 1 problem in default.yaml\n` +
        `default.yaml:${lineOf(text, "1.3")}: stages.active.hazard.value: must be ≤ 1, got 1.3`,
    );
  });

  test("parseScenarioText locates semantic issues in rule lists", () => {
    const text = preset.replace("to: at_risk, days: 14", "to: matur, days: 14");
    expect(issuesOf(text)).toEqual([{
      path: "rules[2].to",
      message: "unknown stage 'matur' (stages: new, active, mature, at_risk, reactivated, churned)",
      line: lineOf(text, "to: matur,"),
    }]);
  });

  test("parseScenarioText places a missing field at its parent's line", () => {
    const text = preset.replace("  conversion: 0.25\n", "");
    expect(issuesOf(text)).toEqual([
      { path: "referral.conversion", message: "required", line: lineOf(text, "\nreferral:") },
    ]);
  });

  test("parseScenarioText reports YAML syntax errors with their line", () => {
    expect(issuesOf("name: x\nhorizon: [1, 2\nseed: 3\n")).toEqual([{
      path: "",
      message: "YAML syntax: Flow sequence in block collection must be sufficiently indented " +
        "and end with a ]",
      line: 3,
    }]);
    const twice = `${preset}\nname: again\n`;
    expect(issuesOf(twice)).toEqual([
      { path: "", message: "YAML syntax: Map keys must be unique", line: lineOf(twice, "again") },
    ]);
    expect(issuesOf("name: *missing\n")).toEqual([{
      path: "",
      message: "YAML: Unresolved alias (the anchor must be set before the alias): missing",
    }]);
  });

  test("parseScenarioText reads JSON strictly when the format is json", () => {
    const json = '{\n  "name": "x",\n  "horizon": 0,\n}';
    expect(issuesOf(json, { format: "json" })).toEqual([{
      path: "",
      message: "JSON syntax: Expected double-quoted property name in JSON at position 33 " +
        "(line 4 column 1)",
      line: 4,
    }]);
    expect(issuesOf('{\n  "name": "x",\n  "name": "y"\n}', { format: "json" })).toEqual([
      { path: "", message: "JSON: keys must be unique", line: 3 },
    ]);
    const valid = '{\n  "name": "x",\n  "horizon": 0\n}';
    expect(issuesOf(valid, { format: "json" })).toContainEqual({
      path: "horizon",
      message: "must be ≥ 1, got 0",
      line: 3,
    });
  });

  test("parseScenarioText names the override behind an issue instead of a line", () => {
    const issues = issuesOf(preset, { overrides: ["stages.new.hazard.value=2"] });
    expect(issues).toEqual([{
      path: "stages.new.hazard.value",
      message: "must be ≤ 1, got 2 (from override 'stages.new.hazard.value=2')",
    }]);
  });

  test("parseScenarioText applies overrides before validating", () => {
    const scenario = parseScenarioText(preset, { overrides: ["population.initial=5000"] });
    expect(scenario.population.initial).toBe(5000);
  });

  test("parseScenarioText on random edits of the preset text parses or throws ScenarioError", () => {
    const edit = fc.record({
      at: fc.nat({ max: preset.length }),
      cut: fc.nat({ max: 8 }),
      insert: fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom(":", "- ", "{", "]", "\n  ", "&a ", "*a", "'", "#", "\t", "0.5", "x"),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = preset;
        for (const { at, cut, insert } of edits) {
          text = text.slice(0, at) + insert + text.slice(at + cut);
        }
        try {
          parseScenarioText(text, { source: "default.yaml" });
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          for (const issue of error.issues) {
            if (issue.line !== undefined) expect(issue.line).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
