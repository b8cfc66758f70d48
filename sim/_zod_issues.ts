/**
 * Rewrites zod's issues into scenario issues: a dotted path and a message that states the
 * value found and what was expected (`must be ≤ 1, got 1.3`, `unknown key (expected one of
 * …)`), instead of zod's generic wording.
 *
 * @module
 */
import { z } from "zod";
import type { ScenarioIssue } from "./scenario_error.ts";
import { formatScenarioPath } from "./scenario_path.ts";
import { childSchema, isPlainObject, unwrapSchema } from "./_schema_walk.ts";

/**
 * Rewrites the issues of `schema.safeParse(input, { reportInput: true })`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { rewriteZodIssues } from "./_zod_issues.ts";
 * const schema = z.strictObject({ p: z.number().max(1) });
 * const input = { p: 1.3 };
 * const issues = rewriteZodIssues(schema.safeParse(input, { reportInput: true }).error!.issues, schema, input);
 * if (issues[0].message !== "must be ≤ 1, got 1.3") throw new Error("unexpected");
 * ```
 */
export function rewriteZodIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: z.ZodType,
  input: unknown,
): ScenarioIssue[] {
  return issues.flatMap((issue) => rewriteIssue(issue, schema, input));
}

function rewriteIssue(issue: z.core.$ZodIssue, schema: z.ZodType, root: unknown): ScenarioIssue[] {
  const path = formatScenarioPath(issue.path);
  const got = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_type":
      if (got === undefined) return [{ path, message: "required" }];
      if (issue.path.length === 0) {
        return [{
          path,
          message: `expected a mapping of scenario fields, got ${describeValue(got)}`,
        }];
      }
      return [{ path, message: `expected ${typeName(issue.expected)}, got ${describeValue(got)}` }];
    case "too_big":
    case "too_small":
      return [{ path, message: boundMessage(issue, got) }];
    case "invalid_value":
      return [{ path, message: `expected one of ${listOptions(issue.values)}, got ${show(got)}` }];
    case "unrecognized_keys": {
      const expected = objectKeysAt(schema, issue.path, root);
      const hint = expected.length === 0 ? "" : ` (expected one of ${expected.join(", ")})`;
      return issue.keys.map((key) => ({
        path: formatScenarioPath([...issue.path, key]),
        message: `unknown key${hint}`,
      }));
    }
    case "invalid_union":
      return [{ path, message: unionMessage(issue, got) }];
    case "invalid_key": {
      const reason = issue.issues[0]?.message ?? "invalid key";
      return [{ path, message: `key ${reason}` }];
    }
    case "invalid_format":
      return [{ path, message: `${issue.message}, got ${show(got)}` }];
    default:
      return [{ path, message: issue.message }];
  }
}

function boundMessage(
  issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall,
  got: unknown,
): string {
  const big = issue.code === "too_big";
  const limit = big
    ? (issue as z.core.$ZodIssueTooBig).maximum
    : (issue as z.core.$ZodIssueTooSmall).minimum;
  if (issue.origin === "array" || issue.origin === "string" || issue.origin === "set") {
    const unit = issue.origin === "string" ? "character" : "item";
    const size = Array.isArray(got) || typeof got === "string" ? got.length : undefined;
    const plural = Number(limit) === 1 ? unit : `${unit}s`;
    const found = size === undefined ? "" : `, got ${size}`;
    return `must have ${big ? "at most" : "at least"} ${limit} ${plural}${found}`;
  }
  const operator = big ? (issue.inclusive ? "≤" : "<") : (issue.inclusive ? "≥" : ">");
  return `must be ${operator} ${limit}, got ${show(got)}`;
}

function unionMessage(issue: z.core.$ZodIssueInvalidUnion, got: unknown): string {
  if (issue.discriminator !== undefined && "options" in issue && issue.options !== undefined) {
    const options = issue.options.map(String).join(" | ");
    const value = isPlainObject(got) ? got[issue.discriminator] : undefined;
    if (value === undefined) return `required (one of ${options})`;
    return `expected one of ${options}, got ${show(value)}`;
  }
  // A plain union (the seed: integer or string): name what each branch expected.
  const expected = issue.errors.flatMap((branch) =>
    branch.length === 1 && branch[0].code === "invalid_type" ? [typeName(branch[0].expected)] : []
  );
  if (expected.length === issue.errors.length && expected.length > 0) {
    return `expected ${expected.join(" or ")}, got ${describeValue(got)}`;
  }
  return `${issue.message}, got ${describeValue(got)}`;
}

/** The keys the strict object at `path` accepts, found by walking the schema with the input. */
function objectKeysAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  let node: z.ZodType | undefined = unwrapSchema(schema, root);
  let value: unknown = root;
  for (const segment of path) {
    if (node === undefined) return [];
    value = isPlainObject(value) || Array.isArray(value)
      ? (value as Record<PropertyKey, unknown>)[segment]
      : undefined;
    const child = childSchema(node, segment);
    node = child === undefined ? undefined : unwrapSchema(child, value);
  }
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function typeName(expected: string): string {
  return expected === "int" ? "integer" : expected;
}

function listOptions(values: readonly unknown[]): string {
  return values.map(String).join(" | ");
}

function show(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : describeValue(value).replace(/^number /, "");
}

/**
 * Describes a value for a message: `string 'abc'`, `number 2.5`, `null`, `array`, `object`.
 *
 * @example
 * ```ts
 * import { describeValue } from "./_zod_issues.ts";
 * if (describeValue("abc") !== "string 'abc'") throw new Error("unexpected");
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") {
    return `string '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
}
