import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { applyOverrides, overrideScenarioInput, parseOverride } from "../../sim/overrides.ts";
import { ScenarioError } from "../../sim/scenario_error.ts";

const presetUrl = new URL("../../data/scenarios/default.yaml", import.meta.url);
const preset: Record<string, unknown> = parse(await Deno.readTextFile(presetUrl));

/** The issues (`path: message`) of overriding the preset, or [] when it works. */
function overrideIssues(assignments: string[]): string[] {
  try {
    applyOverrides(preset, assignments);
    return [];
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe("applyOverrides", () => {
  test("applyOverrides sets numbers, names and flow values, then validates", () => {
    const scenario = applyOverrides(preset, [
      "referral.conversion=0.3",
      "population.initial=5000",
      "stages.new.hazard.value=0.02",
      "channels[2].arrivals=fixed",
      "rules[0].from=[new]",
      "stages.mature.hazard={type: weibull, shape: 0.8, scale: 400}",
      "population.mix.tier.399=0.5",
    ]);
    expect(scenario.referral?.conversion).toBe(0.3);
    expect(scenario.population.initial).toBe(5000);
    expect(scenario.stages.new.hazard).toEqual({ type: "constant", value: 0.02 });
    expect(scenario.channels[2].arrivals).toBe("fixed");
    expect(scenario.rules[0].from).toEqual(["new"]);
    expect(scenario.stages.mature.hazard).toEqual({ type: "weibull", shape: 0.8, scale: 400 });
    expect(scenario.population.mix.tier).toEqual({ "199": 0.7, "399": 0.5 });
  });

  test("applyOverrides leaves its input unchanged", () => {
    const before = structuredClone(preset);
    applyOverrides(preset, ["population.initial=5", "stages.new.hazard.value=0.5"]);
    expect(preset).toEqual(before);
  });

  test("applyOverrides creates missing optional objects and appends list items", () => {
    const { input } = overrideScenarioInput(preset, [
      "purchases.dropout.type=probability",
      "purchases.dropout.value=0.01",
      "shocks[1]={type: churn_wave, day: 10, share: 0.1}",
    ]);
    const scenario = applyOverrides(input, []);
    expect(scenario.purchases.dropout).toEqual({ type: "probability", value: 0.01 });
    expect(scenario.shocks[1]).toEqual({ type: "churn_wave", day: 10, share: 0.1, where: {} });
  });

  test("applyOverrides names unknown paths and malformed overrides", () => {
    expect(overrideIssues([
      "referral.conversoin=0.3",
      "stages.nw.hazard.value=0.1",
      "stages.new.hazard.shape=2",
      "channels[5].daily=3",
      "horizon.days=3",
      "initial",
      "rules.0.to=active",
    ])).toEqual([
      "referral.conversoin: cannot apply override 'referral.conversoin=0.3': unknown key " +
      "(expected one of invites, conversion, delay, channel, cost, mix, inheritGroup)",
      "stages.nw: cannot apply override 'stages.nw.hazard.value=0.1': stages has no entry 'nw' " +
      "(entries: new, active, mature, at_risk, reactivated, churned)",
      "stages.new.hazard.shape: cannot apply override 'stages.new.hazard.shape=2': unknown key " +
      "(expected one of type, value)",
      "channels[5]: cannot apply override 'channels[5].daily=3': index 5 is out of range " +
      "(channels has 3 items)",
      "horizon: cannot apply override 'horizon.days=3': horizon is a number, not an object",
      ": Cannot read override 'initial': expected path=value",
      "rules.0: cannot apply override 'rules.0.to=active': rules is a list; use an index, e.g. " +
      "rules[0]",
    ]);
  });

  test("applyOverrides reports invalid values with the validation message", () => {
    expect(overrideIssues(["stages.new.hazard.value=1.3", "horizon=abc"])).toEqual([
      "horizon: expected number, got string 'abc'",
      "stages.new.hazard.value: must be ≤ 1, got 1.3",
    ]);
  });
});

describe("parseOverride", () => {
  test("parseOverride reads the value as YAML and normalises the path", () => {
    expect(parseOverride("rules[0].from=[new, at_risk]")).toEqual({
      text: "rules[0].from=[new, at_risk]",
      path: "rules[0].from",
      value: ["new", "at_risk"],
    });
    expect(parseOverride("seed=abc").value).toBe("abc");
    expect(parseOverride("population.mix.tier.199='0.5'").value).toBe("0.5");
    expect(parseOverride("description=a=b").value).toBe("a=b");
  });
});
