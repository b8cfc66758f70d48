/**
 * The error an experiment raises when it cannot be used: every problem found, each with
 * the path of the field (`arms[1].set`) and a message stating the value and what was
 * expected, prefixed by the file it came from.
 *
 * @module
 */
import { formatScenarioIssue, type ScenarioIssue } from "../sim/scenario_error.ts";

/** One problem in an experiment: a dotted path ("" is the whole file) and a message. */
export type ExperimentIssue = ScenarioIssue;

/**
 * An experiment that failed to parse or validate; its message lists every issue.
 *
 * @example
 * ```ts
 * import { ExperimentError } from "./experiment_error.ts";
 * const error = new ExperimentError([{ path: "duration", message: "required" }], "aa.yaml");
 * if (!error.message.endsWith("aa.yaml: duration: required")) throw new Error("unexpected");
 * ```
 */
export class ExperimentError extends Error {
  override name = "ExperimentError";
  readonly issues: readonly ExperimentIssue[];
  readonly source?: string;

  constructor(issues: readonly ExperimentIssue[], source?: string) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    const where = source === undefined ? "" : ` in ${source}`;
    super(
      [
        `Cannot use experiment: ${count}${where}`,
        ...issues.map((i) => formatScenarioIssue(i, source)),
      ].join("\n"),
    );
    this.issues = Object.freeze(issues.map((i) => Object.freeze({ ...i })));
    if (source !== undefined) this.source = source;
  }
}
