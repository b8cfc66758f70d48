/**
 * Private: the value lists of `lab warn` options (`--windows 3..30`, `--thresholds
 * 0.1..0.9:0.2`, `--margins 0,2,5`): ranges, stepped ranges and single values separated
 * by commas, returned sorted and without repeats.
 *
 * @module
 */
import { UsageError } from "./command.ts";

/** What values an option takes. */
export interface ValueRules {
  /** Whole numbers only. */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
}

/**
 * Parses a value list: `a..b` (step 1), `a..b:s` (step s), single values, joined by commas.
 *
 * @example
 * ```ts
 * import { parseValues } from "./_warn_values.ts";
 * const w = parseValues("3..9:3,14,7", "windows", { integer: true, min: 1 });
 * if (w.join() !== "3,6,7,9,14") throw new Error(w.join());
 * const t = parseValues("0.1..0.5:0.2", "thresholds", { min: 0, max: 1 });
 * if (t.join() !== "0.1,0.3,0.5") throw new Error(t.join());
 * ```
 */
export function parseValues(spec: string, option: string, rules: ValueRules = {}): number[] {
  const fail = (why: string): never => {
    throw new UsageError(
      `--${option}: ${why} in '${spec}'; expected values, ranges a..b or a..b:step, ` +
        "separated by commas (e.g. 3..30, 3..30:3 or 7,14,30)",
    );
  };
  const number = (text: string): number => {
    const x = Number(text);
    if (text.trim() === "" || !Number.isFinite(x)) fail(`'${text}' is not a number`);
    return x;
  };
  const out = new Set<number>();
  for (const part of spec.split(",").map((p) => p.trim())) {
    if (part === "") fail("an empty value");
    const range = /^([^.:]+(?:\.\d+)?)\.\.([^:]+)(?::(.+))?$/.exec(part);
    if (range === null) {
      out.add(number(part));
      continue;
    }
    const from = number(range[1]), to = number(range[2]);
    const step = range[3] === undefined ? 1 : number(range[3]);
    if (!(step > 0)) fail(`step ${step} is not positive`);
    if (to < from) fail(`range ${part} runs backwards`);
    // Counted in steps from `from`, rounded, so 0.1 + 0.2 lands on 0.3.
    for (let k = 0; from + k * step <= to + step * 1e-9; k++) {
      out.add(Number((from + k * step).toPrecision(12)));
    }
  }
  const values = [...out].sort((a, b) => a - b);
  for (const x of values) {
    if (rules.integer && !Number.isInteger(x)) fail(`${x} is not a whole number`);
    if (rules.min !== undefined && x < rules.min) fail(`${x} is below ${rules.min}`);
    if (rules.max !== undefined && x > rules.max) fail(`${x} is above ${rules.max}`);
  }
  return values;
}
