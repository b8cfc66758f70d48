import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { parse } from "yaml";
import { parseScenario, validateScenario } from "../../sim/validate.ts";
import { ScenarioError } from "../../sim/scenario_error.ts";

const presetUrl = new URL("../../data/scenarios/default.yaml", import.meta.url);
const preset: Record<string, unknown> = parse(await Deno.readTextFile(presetUrl));

// deno-lint-ignore no-explicit-any
type Draft = any;

/** The default preset, changed by `edit`, validated: its issues as `path: message` lines. */
function issues(edit: (draft: Draft) => void): string[] {
  const draft = structuredClone(preset);
  edit(draft);
  const result = validateScenario(draft);
  return result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe("parseScenario schema issues", () => {
  test("parseScenario reports too big and too small numbers with the value", () => {
    expect(issues((d) => {
      d.stages.active.hazard.value = 1.3;
      d.population.initial = -2;
      d.stages.mature.hazard = { type: "weibull", shape: 0, scale: 10 };
    })).toEqual([
      "stages.active.hazard.value: must be ≤ 1, got 1.3",
      "stages.mature.hazard.shape: must be > 0, got 0",
      "population.initial: must be ≥ 0, got -2",
    ]);
  });

  test("parseScenario reports wrong types, missing fields and empty lists", () => {
    expect(issues((d) => {
      d.horizon = "abc";
      delete d.initialStage;
      d.rules[1].orders = 2.5;
      d.attributes.tier = [];
      d.seed = 1.5;
    })).toEqual([
      "seed: expected integer or string, got number 1.5",
      "horizon: expected number, got string 'abc'",
      "initialStage: required",
      "rules[1].orders: expected integer, got number 2.5",
      "attributes.tier: must have at least 1 item, got 0",
    ]);
  });

  test("parseScenario names unknown keys with the keys expected there", () => {
    expect(issues((d) => {
      d.stages.active.hazrd = 1;
      d.referral.invites.x = 2;
    })).toEqual([
      "stages.active.hazrd: unknown key (expected one of label, churned, terminal, hazard, " +
      "orders, reactivation)",
      "referral.invites.x: unknown key (expected one of type, mean)",
    ]);
  });

  test("parseScenario reports bad discriminators, enum values, names and keys", () => {
    expect(issues((d) => {
      d.name = "a b";
      d.stages.new.hazard = { type: "const", value: 0.1 };
      d.rules[0] = { from: ["new"], to: "active" };
      d.channels[0].arrivals = "x";
      d.stages["1bad"] = {};
    })).toEqual([
      "name: must be a name of letters, digits and _ (not starting with a digit), got 'a b'",
      "stages.new.hazard.type: expected one of constant | weibull | piecewise, got 'const'",
      "stages.1bad: key must be a name of letters, digits and _ (not starting with a digit)",
      "rules[0].on: required (one of order | frequency | inactivity | tenure)",
      "channels[0].arrivals: expected one of fixed | poisson, got 'x'",
    ]);
  });

  test("parseScenario rejects input that is not a mapping", () => {
    expect(validateScenario([1, 2])).toEqual({
      ok: false,
      issues: [{ path: "", message: "expected a mapping of scenario fields, got array" }],
    });
  });
});

describe("parseScenario stage checks", () => {
  test("parseScenario requires exactly one churned stage", () => {
    expect(issues((d) => delete d.stages.churned.churned)).toContain(
      "stages: no stage has churned: true; exactly one stage must be the churned stage",
    );
    expect(issues((d) => d.stages.at_risk.churned = true)).toContain(
      "stages: 2 stages have churned: true (at_risk, churned); exactly one must",
    );
  });

  test("parseScenario checks the initial stage", () => {
    expect(issues((d) => d.initialStage = "fresh")).toEqual([
      "initialStage: unknown stage 'fresh' (stages: new, active, mature, at_risk, " +
      "reactivated, churned)",
    ]);
    expect(issues((d) => d.initialStage = "churned")).toContain(
      "initialStage: must not be the churned stage 'churned'",
    );
  });

  test("parseScenario names undeclared stages in rules, reactivation and referral", () => {
    expect(issues((d) => {
      d.rules[2].to = "matur";
      d.rules[0].from[1] = "risk";
      d.stages.churned.reactivation.to = "back";
      d.referral.invites = { type: "per_active_day", rate: 0.01, stages: ["active", "mature2"] };
    })).toEqual([
      "stages.churned.reactivation.to: unknown stage 'back' (stages: new, active, mature, " +
      "at_risk, reactivated, churned)",
      "rules[0].from[1]: unknown stage 'risk' (stages: new, active, mature, at_risk, " +
      "reactivated, churned)",
      "rules[2].to: unknown stage 'matur' (stages: new, active, mature, at_risk, reactivated, " +
      "churned)",
      "referral.invites.stages[1]: unknown stage 'mature2' (stages: new, active, mature, " +
      "at_risk, reactivated, churned)",
    ]);
  });

  test("parseScenario keeps the churned stage an absorbing stage left only by reactivation", () => {
    expect(issues((d) => {
      d.stages.churned.hazard = { type: "constant", value: 0.1 };
      d.stages.churned.orders = { type: "probability", value: 0.1 };
      d.stages.active.reactivation = { value: 0.1, to: "new" };
      d.rules.push({ on: "tenure", from: ["churned"], to: "new", days: 30 });
      d.rules.push({ on: "order", from: ["mature"], to: "churned" });
    })).toEqual([
      "stages.active.reactivation: only the churned stage 'churned' can have reactivation",
      "stages.churned.hazard: the churned stage cannot have a churn hazard",
      "stages.churned.orders: the churned stage cannot have orders",
      "rules[4].from[0]: must not leave the churned stage 'churned' (reactivation is its only " +
      "way out)",
      "rules[5].to: must not target the churned stage 'churned' (hazards do)",
    ]);
  });

  test("parseScenario allows one rule of each kind per stage and names both rules", () => {
    expect(issues((d) => {
      d.rules.push({ on: "inactivity", from: ["reactivated"], to: "at_risk", days: 40 });
      d.rules.push({ on: "order", from: ["mature"], to: "mature" });
    })).toEqual([
      "rules[4]: a second inactivity rule from stage 'reactivated' (rules[2] is the first); " +
      "at most one rule of each kind may leave a stage",
      "rules[5].from[0]: moves stage 'mature' to itself",
    ]);
  });

  test("parseScenario requires piecewise hazards to start at 0 and increase", () => {
    expect(issues((d) => {
      d.stages.new.hazard = {
        type: "piecewise",
        pieces: [{ from: 2, value: 0.1 }, { from: 7, value: 0.05 }, { from: 7, value: 0.01 }],
      };
    })).toEqual([
      "stages.new.hazard.pieces[0].from: must be 0 (the first piece starts at tenure 0), got 2",
      "stages.new.hazard.pieces[2].from: must be greater than pieces[1].from (7), got 7",
    ]);
  });

  test("parseScenario reports stages no path reaches", () => {
    expect(issues((d) => d.stages.vip = { hazard: { type: "constant", value: 0.01 } })).toEqual([
      "stages.vip: unreachable from the initial stage 'new' (no rule, hazard or reactivation " +
      "leads to it)",
    ]);
    // Without reactivation nothing leads to the reactivated stage.
    expect(issues((d) => d.stages.churned.reactivation.value = 0)).toEqual([
      "stages.reactivated: unreachable from the initial stage 'new' (no rule, hazard or " +
      "reactivation leads to it)",
    ]);
  });

  test("parseScenario reports live stages with no way out unless terminal", () => {
    const noExit = (d: Draft) => {
      d.stages.mature.hazard.value = 0;
      d.rules.pop();
      d.shocks = [];
    };
    expect(issues(noExit)).toEqual([
      "stages.mature: has no way out (no churn hazard and no rule leaves it); add one or mark " +
      "it terminal: true",
    ]);
    expect(issues((d) => {
      noExit(d);
      d.stages.mature.terminal = true;
    })).toEqual([]);
    // A shock or an order drop-out is a way out too.
    expect(issues((d) => {
      d.stages.mature.hazard.value = 0;
      d.rules.pop();
    })).toEqual([]);
    expect(issues((d) => {
      noExit(d);
      d.purchases.dropout = { type: "probability", value: 0.01 };
    })).toEqual([]);
  });
});

describe("parseScenario population checks", () => {
  test("parseScenario checks channel names, volumes, CAC and windows", () => {
    expect(issues((d) => {
      d.channels[1].name = "organic";
      d.channels[2].daily = 5;
      delete d.channels[0].daily;
      d.channels.push({ name: "initial", daily: 1, cac: 1 });
      d.channels.push({ name: "referral", budget: 100, cac: 0, from: 20, until: 20 });
    })).toEqual([
      "channels[0]: needs exactly one of daily, budget or schedule, got none",
      "channels[1].name: duplicate channel name 'organic' (channels[0])",
      "channels[2]: needs exactly one of daily, budget or schedule, got 2",
      "channels[3].name: 'initial' is already population.channel",
      "channels[4].name: 'referral' is already referral.channel (default referral)",
      "channels[4].cac: must be > 0 when budget is set (joins per day = budget / cac), got 0",
      "channels[4].until: must be > from (20), got 20",
    ]);
    expect(issues((d) => d.referral.channel = "initial")).toEqual([
      "referral.channel: 'initial' is both population.channel and referral.channel",
      "effects.hazard.channel.referral: unknown channel 'referral' (channels: initial, organic, " +
      "paid_search, paid_social, initial)",
    ]);
  });

  test("parseScenario checks mixes against the declared attributes", () => {
    expect(issues((d) => {
      d.population.mix.tiers = { a: 1 };
      d.channels[0].mix.tier = { "199": 0, "299": 0 };
      d.referral.mix = { tier: { "399": 0 } };
    })).toEqual([
      "population.mix.tiers: unknown attribute 'tiers' (attributes: tier)",
      "channels[0].mix.tier.299: unknown value '299' of attribute 'tier' (values: 199, 399)",
      "channels[0].mix.tier: weights must sum to more than 0",
      "referral.mix.tier: weights must sum to more than 0",
    ]);
  });

  test("parseScenario checks effects by attribute and by channel", () => {
    expect(issues((d) => {
      d.effects.hazard.channel.tv = 1.2;
      d.effects.orders.region = { north: 1.1 };
      d.effects.orders.tier["599"] = 2;
    })).toEqual([
      "effects.hazard.channel.tv: unknown channel 'tv' (channels: initial, organic, " +
      "paid_search, paid_social, referral)",
      "effects.orders.tier.599: unknown value '599' of attribute 'tier' (values: 199, 399)",
      "effects.orders.region: unknown attribute 'region' (attributes: tier, channel)",
    ]);
  });

  test("parseScenario checks shocks against the organization, horizon and attributes", () => {
    expect(issues((d) => {
      d.shocks[0].mentor = 14;
      d.shocks.push({ type: "churn_wave", day: 365, share: 0.1, where: { tier: "x", city: "a" } });
    })).toEqual([
      "shocks[0].mentor: must be < 14 (80 groups / 6 per mentor = 14 mentors, numbered from " +
      "0), got 14",
      "shocks[1].day: must be < horizon (365), got 365",
      "shocks[1].where.tier: unknown value 'x' of attribute 'tier' (values: 199, 399)",
      "shocks[1].where.city: unknown attribute 'city' (attributes: tier)",
    ]);
    expect(issues((d) => delete d.organization)).toEqual([
      "shocks[0]: mentor_leaves needs an organization (groups, groupsPerMentor)",
    ]);
  });

  test("parseScenario enforces the limits on stages, attributes and values", () => {
    expect(issues((d) => {
      for (let i = 0; i < 30; i++) {
        d.stages[`s${i}`] = { hazard: { type: "constant", value: 0.1 } };
        d.rules.push({ on: "tenure", from: [i === 0 ? "new" : `s${i - 1}`], to: `s${i}`, days: 1 });
      }
    })).toEqual(["stages: has 36 stages; at most 32 are allowed"]);
    expect(issues((d) => {
      for (let i = 0; i < 8; i++) d.attributes[`a${i}`] = ["x"];
      d.attributes.tier = ["199", "399", ...Array.from({ length: 254 }, (_, i) => `t${i}`)];
      d.attributes.tier[5] = "199";
      d.effects.orders.tier.t300 = 1;
      d.attributes.channel = ["web"];
    })).toEqual([
      "attributes: has 10 attributes; at most 8 are allowed",
      "attributes.tier: has 256 values; at most 255 are allowed",
      "attributes.tier[5]: duplicate value '199' (also at [0])",
      "attributes.channel: 'channel' is reserved: effects use it for acquisition channels",
      "effects.orders.tier.t300: unknown value 't300' of attribute 'tier' (values: 199, 399, t0, " +
      "t1, t2, 199, t4, t5, t6, t7, … (256 in all))",
    ]);
  });
});

describe("parseScenario", () => {
  test("parseScenario returns the scenario with defaults filled in", () => {
    const scenario = parseScenario(preset);
    expect(scenario.channels[0]).toMatchObject({ arrivals: "fixed", from: 0 });
    expect(scenario.referral?.channel).toBe("referral");
    expect(scenario.population.channel).toBe("initial");
  });

  test("parseScenario throws a ScenarioError listing every issue on its own line", () => {
    const draft = structuredClone(preset) as Draft;
    draft.horizon = 0;
    draft.population.initial = -1;
    expect(() => parseScenario(draft)).toThrow(ScenarioError);
    try {
      parseScenario(draft);
    } catch (error) {
      expect((error as Error).message).toBe(
        "Cannot use scenario: 2 problems\n" +
          "horizon: must be ≥ 1, got 0\n" +
          "population.initial: must be ≥ 0, got -1",
      );
    }
  });

  test("parseScenario on random mutations of the default preset parses or throws ScenarioError", () => {
    const paths = leafPaths(preset);
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom("new", "churned", "tier", "199", "organic", "constant", -1, 0, 1, 1e9),
      fc.constant(undefined),
    );
    const mutation = fc.tuple(fc.constantFrom(...paths), value);
    let parsed = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const draft = structuredClone(preset) as Draft;
        for (const [path, replacement] of mutations) setPath(draft, path, replacement);
        try {
          parseScenario(draft);
          parsed++;
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20240601, numRuns: 2000 },
    );
    expect(parsed).toBeGreaterThan(0);
  });
});

/** Every path to a value and to each object or array on the way, as key lists. */
function leafPaths(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (typeof value !== "object" || value === null) return [prefix];
  const children = Object.entries(value).flatMap(([key, child]) =>
    leafPaths(child, [...prefix, Array.isArray(value) ? Number(key) : key])
  );
  return prefix.length === 0 ? children : [prefix, ...children];
}

function setPath(root: Draft, path: PropertyKey[], replacement: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) return;
    node = node[key];
  }
  if (replacement === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = replacement;
}
