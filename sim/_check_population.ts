/**
 * Semantic checks of who joins a scenario and what happens to them, run after the zod
 * schema has passed: attribute limits, attribute mixes and effects that name declared
 * attributes, values and channels, acquisition channels (unique names, one volume,
 * budget with a positive CAC, a non-empty window) and scheduled shocks.
 *
 * @module
 */
import type { Scenario } from "./scenario.ts";
import type { PathSegment } from "./scenario_path.ts";
import type { Report } from "./_check_stages.ts";
import { listNames } from "./scenario_error.ts";

/** Limits that keep attribute codes in a byte and member tables small. */
const MAX_ATTRIBUTES = 8;
const MAX_VALUES = 255;

type Mix = Record<string, Record<string, number>>;

/**
 * Checks attributes, mixes, channels, effects and shocks; reports every problem found.
 *
 * @example
 * ```ts
 * import { checkPopulation } from "./_check_population.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "new",
 *   stages: { new: {}, churned: { churned: true } },
 *   population: { initial: 1, mix: { tier: { a: 1 } } },
 *   purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const found: string[] = [];
 * checkPopulation(scenario, (path, message) => found.push(`${path.join(".")}: ${message}`));
 * if (found[0] !== "population.mix.tier: unknown attribute 'tier' (no attributes are declared)") {
 *   throw new Error(found[0]);
 * }
 * ```
 */
export function checkPopulation(scenario: Scenario, report: Report): void {
  checkAttributes(scenario, report);
  checkMix(scenario, scenario.population.mix, ["population", "mix"], report);
  checkChannels(scenario, report);
  if (scenario.referral !== undefined) {
    checkMix(scenario, scenario.referral.mix, ["referral", "mix"], report);
  }
  const channels = channelNames(scenario);
  for (const kind of ["hazard", "orders"] as const) {
    checkEffects(scenario, scenario.effects[kind], ["effects", kind], channels, report);
  }
  checkShocks(scenario, report);
}

function checkAttributes(scenario: Scenario, report: Report): void {
  const attributes = Object.entries(scenario.attributes);
  if (attributes.length > MAX_ATTRIBUTES) {
    report(
      ["attributes"],
      `has ${attributes.length} attributes; at most ${MAX_ATTRIBUTES} are allowed`,
    );
  }
  for (const [name, values] of attributes) {
    if (name === "channel") {
      report(
        ["attributes", name],
        "'channel' is reserved: effects use it for acquisition channels",
      );
    }
    if (values.length > MAX_VALUES) {
      report(
        ["attributes", name],
        `has ${values.length} values; at most ${MAX_VALUES} are allowed`,
      );
    }
    values.forEach((value, i) => {
      const first = values.indexOf(value);
      if (first !== i) {
        report(["attributes", name, i], `duplicate value '${value}' (also at [${first}])`);
      }
    });
  }
}

/** A mix names declared attributes and values, and each attribute's weights sum above 0. */
function checkMix(scenario: Scenario, mix: Mix, path: PathSegment[], report: Report): void {
  for (const [attribute, weights] of Object.entries(mix)) {
    if (!checkValues(scenario, attribute, weights, [...path, attribute], report)) continue;
    const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
    if (!(total > 0)) report([...path, attribute], "weights must sum to more than 0");
  }
}

/** Effects name declared attributes (or `channel` with known channel names) and values. */
function checkEffects(
  scenario: Scenario,
  effects: Mix,
  path: PathSegment[],
  channels: readonly string[],
  report: Report,
): void {
  for (const [attribute, multipliers] of Object.entries(effects)) {
    if (attribute !== "channel") {
      checkValues(scenario, attribute, multipliers, [...path, attribute], report, true);
      continue;
    }
    for (const channel of Object.keys(multipliers)) {
      if (!channels.includes(channel)) {
        report(
          [...path, "channel", channel],
          `unknown channel '${channel}' (channels: ${listNames(channels)})`,
        );
      }
    }
  }
}

/** Reports undeclared attribute names and values; false when the attribute is unknown. */
function checkValues(
  scenario: Scenario,
  attribute: string,
  weights: Record<string, unknown>,
  path: PathSegment[],
  report: Report,
  allowChannel = false,
): boolean {
  const values = scenario.attributes[attribute];
  if (!Object.hasOwn(scenario.attributes, attribute)) {
    const declared = Object.keys(scenario.attributes);
    const list = [...declared, ...(allowChannel ? ["channel"] : [])];
    const hint = list.length === 0
      ? "no attributes are declared"
      : `attributes: ${listNames(list)}`;
    report(path, `unknown attribute '${attribute}' (${hint})`);
    return false;
  }
  for (const value of Object.keys(weights)) {
    if (!values.includes(value)) {
      report(
        [...path, value],
        `unknown value '${value}' of attribute '${attribute}' (values: ${listNames(values)})`,
      );
    }
  }
  return true;
}

/** Channel names as the engine labels members: referred members are `referral` by default. */
function channelNames(scenario: Scenario): string[] {
  const referral = scenario.referral?.channel ?? "referral";
  return [scenario.population.channel, ...scenario.channels.map((c) => c.name), referral];
}

function checkChannels(scenario: Scenario, report: Report): void {
  const referral = scenario.referral?.channel ?? "referral";
  if (referral === scenario.population.channel) {
    const path = scenario.referral === undefined
      ? ["population", "channel"]
      : ["referral", "channel"];
    report(path, `'${referral}' is both population.channel and referral.channel`);
  }
  scenario.channels.forEach((channel, i) => {
    const path = ["channels", i];
    const first = scenario.channels.findIndex((c) => c.name === channel.name);
    if (first !== i) {
      report([...path, "name"], `duplicate channel name '${channel.name}' (channels[${first}])`);
    } else if (channel.name === scenario.population.channel) {
      report([...path, "name"], `'${channel.name}' is already population.channel`);
    } else if (channel.name === referral) {
      report([...path, "name"], `'${channel.name}' is already referral.channel (default referral)`);
    }
    const volumes = [channel.daily, channel.budget, channel.schedule]
      .filter((v) => v !== undefined).length;
    if (volumes !== 1) {
      const found = volumes === 0 ? "none" : `${volumes}`;
      report(path, `needs exactly one of daily, budget or schedule, got ${found}`);
    }
    if (channel.budget !== undefined && !(channel.cac > 0)) {
      report(
        [...path, "cac"],
        `must be > 0 when budget is set (joins per day = budget / cac), got ${channel.cac}`,
      );
    }
    if (channel.until !== undefined && channel.until <= channel.from) {
      report([...path, "until"], `must be > from (${channel.from}), got ${channel.until}`);
    }
    checkMix(scenario, channel.mix, [...path, "mix"], report);
  });
}

function checkShocks(scenario: Scenario, report: Report): void {
  scenario.shocks.forEach((shock, i) => {
    const path = ["shocks", i];
    if (shock.day >= scenario.horizon) {
      report([...path, "day"], `must be < horizon (${scenario.horizon}), got ${shock.day}`);
    }
    if (shock.type === "churn_wave") {
      for (const [attribute, value] of Object.entries(shock.where)) {
        const values = scenario.attributes[attribute];
        if (!Object.hasOwn(scenario.attributes, attribute)) {
          checkValues(scenario, attribute, {}, [...path, "where", attribute], report);
        } else if (!values.includes(value)) {
          report(
            [...path, "where", attribute],
            `unknown value '${value}' of attribute '${attribute}' (values: ${listNames(values)})`,
          );
        }
      }
      return;
    }
    const organization = scenario.organization;
    if (organization === undefined) {
      report(path, "mentor_leaves needs an organization (groups, groupsPerMentor)");
      return;
    }
    const mentors = Math.ceil(organization.groups / organization.groupsPerMentor);
    if (shock.mentor >= mentors) {
      report(
        [...path, "mentor"],
        `must be < ${mentors} (${organization.groups} groups / ${organization.groupsPerMentor} ` +
          `per mentor = ${mentors} mentors, numbered from 0), got ${shock.mentor}`,
      );
    }
  });
}
