/**
 * Scenario text (YAML or JSON) to a validated scenario. Syntax errors and every validation
 * issue carry the line of the node they are about, found through the YAML document and a
 * line counter, so messages read `default.yaml:14: stages.active.hazard.value: must be ≤ 1,
 * got 1.3`. Issues caused by an override say which override instead of a line.
 *
 * @module
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { Scenario } from "./scenario.ts";
import { ScenarioError, type ScenarioIssue } from "./scenario_error.ts";
import { parseScenarioPath, type PathSegment } from "./scenario_path.ts";
import { overrideScenarioInput, type ScenarioOverride } from "./overrides.ts";
import { validateScenario } from "./validate.ts";

/** Options of {@link parseScenarioText}. */
export interface ScenarioTextOptions {
  /** Syntax of the text; YAML also reads most JSON, "json" insists on strict JSON. */
  readonly format?: "yaml" | "json";
  /** File name or label that prefixes every issue, e.g. `default.yaml`. */
  readonly source?: string;
  /** `path=value` overrides applied before validation (see `applyOverrides`). */
  readonly overrides?: readonly string[];
}

/** Defaults of {@link ScenarioTextOptions}. */
export const SCENARIO_TEXT_DEFAULTS = {
  format: "yaml",
  overrides: [] as readonly string[],
} as const satisfies ScenarioTextOptions;

/**
 * Parses and validates scenario text; throws a {@link ScenarioError} whose issues carry the
 * line of the field they are about.
 *
 * @example
 * ```ts
 * import { parseScenarioText } from "./scenario_text.ts";
 * const url = new URL("../data/scenarios/default.yaml", import.meta.url);
 * const scenario = parseScenarioText(await Deno.readTextFile(url), { source: "default.yaml" });
 * if (scenario.initialStage !== "new") throw new Error("unexpected");
 * ```
 */
export function parseScenarioText(text: string, options: ScenarioTextOptions = {}): Scenario {
  const { format, overrides, source } = { ...SCENARIO_TEXT_DEFAULTS, ...options };
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: true });
  const { input: parsed, issues: syntax } = format === "json"
    ? readJson(text, document)
    : readYaml(document);
  if (syntax.length > 0) throw new ScenarioError(syntax, source);

  let input = parsed;
  let applied: readonly ScenarioOverride[] = [];
  if (overrides.length > 0) {
    try {
      ({ input, overrides: applied } = overrideScenarioInput(input, overrides));
    } catch (error) {
      if (error instanceof ScenarioError) throw new ScenarioError(error.issues, source);
      throw error;
    }
  }
  const result = validateScenario(input);
  if (result.ok) return result.scenario;
  const located = result.issues.map((issue) => locate(issue, document, lineCounter, applied));
  throw new ScenarioError(sortByLine(located), source);
}

function locate(
  issue: ScenarioIssue,
  document: Document,
  lineCounter: LineCounter,
  overrides: readonly ScenarioOverride[],
): ScenarioIssue {
  const override = overrides.findLast((o) =>
    issue.path === o.path || issue.path.startsWith(`${o.path}.`) ||
    issue.path.startsWith(`${o.path}[`)
  );
  if (override !== undefined) {
    return { ...issue, message: `${issue.message} (from override '${override.text}')` };
  }
  const line = lineOfPath(
    document,
    lineCounter,
    issue.path === "" ? [] : parseScenarioPath(issue.path),
  );
  return line === undefined ? issue : { ...issue, line };
}

/**
 * The line of the node at `path`: the key's line for a map entry, the item's line for a
 * list item; for a path that does not exist (a missing field), the line of its deepest
 * existing ancestor.
 */
function lineOfPath(
  document: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
): number | undefined {
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  let node: unknown = document.contents;
  let line = lineAt((node as Node | null)?.range?.[0]);
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((p) =>
        isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment)
      );
      if (pair === undefined) return line;
      line = lineAt((pair.key as Node | null)?.range?.[0]) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      node = node.items[segment];
      line = lineAt((node as Node | null)?.range?.[0]) ?? line;
    } else return line;
  }
  return line;
}

interface ReadText {
  readonly input: unknown;
  readonly issues: ScenarioIssue[];
}

function readYaml(document: Document): ReadText {
  const issues = document.errors.map((error) => ({
    path: "",
    message: `YAML syntax: ${firstLine(error.message)}`,
    line: error.linePos?.[0].line,
  }));
  if (issues.length > 0) return { input: undefined, issues };
  try {
    return { input: document.toJS(), issues };
  } catch (error) {
    // Unresolved or excessive aliases surface only when the document is converted.
    return {
      input: undefined,
      issues: [{ path: "", message: `YAML: ${(error as Error).message}` }],
    };
  }
}

/**
 * Strict JSON: JSON.parse decides what the text means; the YAML document of the same text
 * only gives lines, and reports the duplicate keys JSON.parse would silently accept.
 */
function readJson(text: string, document: Document): ReadText {
  try {
    const input = JSON.parse(text);
    const issues = document.errors.filter((e) => e.code === "DUPLICATE_KEY").map((error) => ({
      path: "",
      message: `JSON: ${firstLine(error.message).replace("Map keys", "keys")}`,
      line: error.linePos?.[0].line,
    }));
    return { input, issues };
  } catch (error) {
    const message = (error as Error).message;
    const match = /\(line (\d+) column \d+\)/.exec(message);
    const issue = { path: "", message: `JSON syntax: ${firstLine(message)}` };
    return {
      input: undefined,
      issues: [match === null ? issue : { ...issue, line: Number(match[1]) }],
    };
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

function sortByLine(issues: ScenarioIssue[]): ScenarioIssue[] {
  const key = (issue: ScenarioIssue) => issue.line ?? Number.POSITIVE_INFINITY;
  return issues.map((issue, i) => ({ issue, i }))
    .sort((a, b) => key(a.issue) - key(b.issue) || a.i - b.i)
    .map(({ issue }) => issue);
}
