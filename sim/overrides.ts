/**
 * Overrides of scenario fields from the command line (`lab sim --set
 * referral.conversion=0.3`): a path as issues show it, `=`, and a YAML scalar or flow
 * value (`0.3`, `poisson`, `[new, active]`, `{type: constant, value: 0.02}`). Paths the
 * schema does not have are errors that name them, before anything is validated.
 *
 * @module
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { type Scenario, ScenarioSchema } from "./scenario.ts";
import { ScenarioError, type ScenarioIssue } from "./scenario_error.ts";
import { formatScenarioPath, parseScenarioPath, type PathSegment } from "./scenario_path.ts";
import { parseScenario } from "./validate.ts";
import { childSchema, isPlainObject, unionBranches, unwrapSchema } from "./_schema_walk.ts";

/** One parsed `path=value` override. */
export interface ScenarioOverride {
  /** The assignment as written, e.g. `referral.conversion=0.3`. */
  readonly text: string;
  /** The path as issues show it, e.g. `referral.conversion`. */
  readonly path: string;
  /** The value, parsed as YAML. */
  readonly value: unknown;
}

/**
 * Applies `path=value` overrides to a scenario object (parsed YAML or JSON), then
 * validates it. Throws a {@link ScenarioError} naming the override when a path is not in
 * the schema, and naming the field when the result is not a valid scenario.
 *
 * @example
 * ```ts
 * import { applyOverrides } from "./overrides.ts";
 * import { parse } from "yaml";
 * const text = await Deno.readTextFile(new URL("../data/scenarios/default.yaml", import.meta.url));
 * const scenario = applyOverrides(parse(text), ["population.initial=5000"]);
 * if (scenario.population.initial !== 5000) throw new Error("unexpected");
 * ```
 */
export function applyOverrides(input: unknown, assignments: readonly string[]): Scenario {
  return parseScenario(overrideScenarioInput(input, assignments).input);
}

/**
 * Applies `path=value` overrides to a copy of a scenario object without validating the
 * result; returns the copy and the parsed overrides. The input is not modified.
 *
 * @example
 * ```ts
 * import { overrideScenarioInput } from "./overrides.ts";
 * const { input } = overrideScenarioInput({ horizon: 30 }, ["horizon=90"]);
 * if ((input as { horizon: number }).horizon !== 90) throw new Error("unexpected");
 * ```
 */
export function overrideScenarioInput(
  input: unknown,
  assignments: readonly string[],
): { readonly input: unknown; readonly overrides: readonly ScenarioOverride[] } {
  if (!isPlainObject(input)) {
    throw new ScenarioError([{ path: "", message: "Cannot apply overrides: not an object" }]);
  }
  const copy = structuredClone(input);
  const overrides: ScenarioOverride[] = [];
  const issues: ScenarioIssue[] = [];
  for (const text of assignments) {
    try {
      const override = parseOverride(text);
      setAtPath(copy, parseScenarioPath(override.path), override);
      overrides.push(override);
    } catch (error) {
      if (!(error instanceof OverrideIssue)) throw error;
      issues.push({ path: error.path, message: error.message });
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return { input: copy, overrides };
}

/**
 * Parses one `path=value` override; the value is read as a YAML scalar or flow value.
 *
 * @example
 * ```ts
 * import { parseOverride } from "./overrides.ts";
 * const override = parseOverride("rules[0].from=[new, at_risk]");
 * if (override.path !== "rules[0].from") throw new Error("unexpected");
 * ```
 */
export function parseOverride(text: string): ScenarioOverride {
  const equals = text.indexOf("=");
  if (equals <= 0) {
    throw new OverrideIssue("", `Cannot read override '${text}': expected path=value`);
  }
  const pathText = text.slice(0, equals).trim();
  let path: string;
  try {
    path = formatScenarioPath(parseScenarioPath(pathText));
  } catch (error) {
    throw new OverrideIssue("", `Cannot read override '${text}': ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseYaml(text.slice(equals + 1));
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    throw new OverrideIssue(path, `override '${text}': value is not YAML (${reason})`);
  }
  return Object.freeze({ text, path, value });
}

/** A problem with one override, collected into the ScenarioError. */
class OverrideIssue extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** Sets the value at `segments`, creating missing objects the schema allows on the way. */
function setAtPath(
  root: Record<string, unknown>,
  segments: readonly PathSegment[],
  override: ScenarioOverride,
): void {
  let container: Record<PropertyKey, unknown> | unknown[] = root;
  let schema: z.ZodType = ScenarioSchema;
  segments.forEach((segment, i) => {
    const here = formatScenarioPath(segments.slice(0, i));
    const fail = (reason: string): never => {
      throw new OverrideIssue(
        formatScenarioPath(segments.slice(0, i + 1)),
        `cannot apply override '${override.text}': ${reason}`,
      );
    };
    const node = unwrapOrBranchWith(schema, container, segment);
    const child = node === undefined ? undefined : childSchema(node, segment);
    if (node === undefined || child === undefined) {
      if (node instanceof z.ZodArray) fail(`${here} is a list; use an index, e.g. ${here}[0]`);
      if (typeof segment === "number") fail(`${here || "scenario"} is not a list`);
      const keys = node instanceof z.ZodObject ? ` (expected one of ${keysOf(node)})` : "";
      fail(`unknown key${keys}`);
    }
    const last = i === segments.length - 1;
    if (Array.isArray(container)) {
      const index = segment as number;
      if (index > container.length || (index === container.length && !last)) {
        fail(`index ${index} is out of range (${here} has ${container.length} items)`);
      }
    } else if (typeof segment === "number") fail(`${here || "scenario"} is not a list`);
    const existing = (container as Record<PropertyKey, unknown>)[segment];
    if (last) {
      (container as Record<PropertyKey, unknown>)[segment] = structuredClone(override.value);
      return;
    }
    const next = unwrapSchema(child!, existing);
    if (existing === undefined || existing === null) {
      // A missing stage is a typo, not a new stage: new entries must be set whole.
      if (node instanceof z.ZodRecord && next instanceof z.ZodObject) {
        const names = Object.keys(container).join(", ");
        fail(`${here} has no entry '${String(segment)}' (entries: ${names})`);
      }
      (container as Record<PropertyKey, unknown>)[segment] = next instanceof z.ZodArray ? [] : {};
    } else if (typeof existing !== "object") {
      fail(
        `${formatScenarioPath(segments.slice(0, i + 1))} is a ${typeof existing}, not an object`,
      );
    }
    container = (container as Record<PropertyKey, unknown>)[segment] as typeof container;
    schema = child!;
  });
}

/** The object schema at a value; for a union whose tag is unset, the branch having `key`. */
function unwrapOrBranchWith(
  schema: z.ZodType,
  value: unknown,
  key: PathSegment,
): z.ZodType | undefined {
  const node = unwrapSchema(schema, value);
  if (node !== undefined) return node;
  let union: z.ZodType = schema;
  while (union instanceof z.ZodOptional || union instanceof z.ZodDefault) {
    union = union.unwrap() as z.ZodType;
  }
  if (!(union instanceof z.ZodDiscriminatedUnion)) return undefined;
  return unionBranches(union).find((branch) => Object.hasOwn(branch.shape, key));
}

function keysOf(node: z.ZodObject): string {
  return Object.keys(node.shape).join(", ");
}
