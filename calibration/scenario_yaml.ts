/**
 * Scenario files as people read them: YAML with a comment header (where the numbers came
 * from), and long number lists (a join schedule of hundreds of days) written as flow
 * sequences wrapped to the line width instead of one line per number.
 *
 * @module
 */
import { Document, isScalar, visit } from "yaml";
import type { ScenarioInput } from "../sim/scenario.ts";

/** Options of {@link formatScenarioYaml}. */
export interface ScenarioYamlOptions {
  /** Comment lines written above the scenario (without `#`). */
  readonly comments?: readonly string[];
  /** Line width for wrapping (default 100, the project's format width). */
  readonly lineWidth?: number;
}

/** Defaults of {@link ScenarioYamlOptions}. */
export const SCENARIO_YAML_DEFAULTS = { lineWidth: 100 } as const;

/**
 * Writes a scenario as YAML text that `parseScenarioText` reads back unchanged.
 *
 * @example
 * ```ts
 * import { formatScenarioYaml } from "./scenario_yaml.ts";
 * import { parseScenarioText } from "../sim/scenario_text.ts";
 * const text = formatScenarioYaml({
 *   name: "s", horizon: 400, initialStage: "active",
 *   stages: { active: { orders: { type: "rate", value: 0.01 } }, churned: { churned: true } },
 *   population: { initial: 0 },
 *   purchases: { spend: { type: "fixed", value: 1 }, dropout: { type: "beta", a: 1, b: 3 } },
 *   channels: [{ name: "first", schedule: Array.from({ length: 300 }, (_, d) => d % 5), cac: 0 }],
 * }, { comments: ["made by hand"] });
 * if (!text.startsWith("# made by hand\n")) throw new Error("unexpected");
 * if (parseScenarioText(text).channels[0].schedule?.length !== 300) throw new Error("unexpected");
 * ```
 */
export function formatScenarioYaml(
  input: ScenarioInput,
  options: ScenarioYamlOptions = {},
): string {
  const lineWidth = options.lineWidth ?? SCENARIO_YAML_DEFAULTS.lineWidth;
  const doc = new Document(input);
  const lists: number[][] = [];
  // Long number lists become placeholders, replaced by wrapped flow sequences below.
  visit(doc, {
    Seq(_, node) {
      if (node.items.length <= 12) return;
      if (!node.items.every((item) => isScalar(item) && typeof item.value === "number")) return;
      lists.push(node.items.map((item) => (isScalar(item) ? Number(item.value) : NaN)));
      return doc.createNode(`__list_${lists.length - 1}__`);
    },
  });
  const comments = options.comments ?? [];
  if (comments.length > 0) doc.commentBefore = comments.map((line) => ` ${line}`).join("\n");
  let text = doc.toString({ lineWidth });
  lists.forEach((values, i) => {
    text = text.replace(new RegExp(`^( *)(.*)__list_${i}__$`, "m"), (_, indent: string, head) => {
      const continuation = `${indent}  `;
      const lines: string[] = [];
      let line = `${indent}${head}[`;
      values.forEach((value, k) => {
        const item = `${value}${k < values.length - 1 ? "," : "]"}`;
        if (line.length + 1 + item.length > lineWidth && !line.endsWith("[")) {
          lines.push(line);
          line = `${continuation}${item}`;
        } else {
          line += line.endsWith("[") ? item : ` ${item}`;
        }
      });
      lines.push(line);
      return lines.join("\n");
    });
  });
  return text;
}
