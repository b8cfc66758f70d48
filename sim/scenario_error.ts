/**
 * The error a scenario raises when it cannot be used: every problem found, each with the
 * dotted path of the field (`rules[2].to`), a message stating the value and what was
 * expected, and the line in the scenario file when the scenario came from text.
 *
 * @module
 */

/** One problem in a scenario. */
export interface ScenarioIssue {
  /** Dotted path with `[i]` for array indices, e.g. `stages.active.hazard.value`; "" is the root. */
  readonly path: string;
  /** What is wrong: the value found and what was expected. */
  readonly message: string;
  /** 1-based line in the scenario text, when known. */
  readonly line?: number;
}

/**
 * A scenario that failed to parse or validate. Its message lists every issue on its own
 * line, as `source:line: path: message` (source and line when known).
 *
 * @example
 * ```ts
 * import { ScenarioError } from "./scenario_error.ts";
 * const error = new ScenarioError([{ path: "horizon", message: "required", line: 3 }], "a.yaml");
 * if (!error.message.endsWith("a.yaml:3: horizon: required")) throw new Error("unexpected");
 * ```
 */
export class ScenarioError extends Error {
  override name = "ScenarioError";
  /** Every problem found, in document order where known. */
  readonly issues: readonly ScenarioIssue[];
  /** File name or label of the scenario text, when it came from one. */
  readonly source?: string;

  constructor(issues: readonly ScenarioIssue[], source?: string) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    const where = source === undefined ? "" : ` in ${source}`;
    const lines = issues.map((issue) => formatScenarioIssue(issue, source));
    super([`Cannot use scenario: ${count}${where}`, ...lines].join("\n"));
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
    if (source !== undefined) this.source = source;
  }
}

/**
 * Formats one issue as `source:line: path: message`, leaving out what is unknown (an issue
 * about the whole text, such as a syntax error, has the empty path).
 *
 * @example
 * ```ts
 * import { formatScenarioIssue } from "./scenario_error.ts";
 * const text = formatScenarioIssue({ path: "seed", message: "required" });
 * if (text !== "seed: required") throw new Error("unexpected");
 * ```
 */
export function formatScenarioIssue(issue: ScenarioIssue, source?: string): string {
  const location = source === undefined
    ? (issue.line === undefined ? "" : `line ${issue.line}: `)
    : (issue.line === undefined ? `${source}: ` : `${source}:${issue.line}: `);
  return `${location}${issue.path === "" ? "" : `${issue.path}: `}${issue.message}`;
}

/**
 * Lists names for a message, shortened past 12: `a, b, c` or `v0, v1, …, v9, … (256 in all)`.
 *
 * @example
 * ```ts
 * import { listNames } from "./scenario_error.ts";
 * if (listNames(["new", "active"]) !== "new, active") throw new Error("unexpected");
 * ```
 */
export function listNames(names: readonly string[]): string {
  if (names.length <= 12) return names.join(", ");
  return `${names.slice(0, 10).join(", ")}, … (${names.length} in all)`;
}
