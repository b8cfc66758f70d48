/**
 * Paths into a scenario, written the way issues show them and `--set` takes them:
 * dotted keys with `[i]` for array indices (`rules[2].from[0]`), and `["…"]` for keys that
 * are not plain words (`mix["a.b"]`).
 *
 * @module
 */

/** One step of a path: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Formats a path of keys and indices: `["rules", 2, "to"]` → `rules[2].to`.
 *
 * @example
 * ```ts
 * import { formatScenarioPath } from "./scenario_path.ts";
 * if (formatScenarioPath(["rules", 2, "to"]) !== "rules[2].to") throw new Error("unexpected");
 * ```
 */
export function formatScenarioPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (PLAIN_KEY.test(String(segment))) {
      text += text === "" ? String(segment) : `.${String(segment)}`;
    } else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/**
 * Parses a path written by {@link formatScenarioPath} back into keys and indices.
 * Throws a SyntaxError naming the position when the text is not a path.
 *
 * @example
 * ```ts
 * import { parseScenarioPath } from "./scenario_path.ts";
 * const path = parseScenarioPath("channels[0].mix.tier");
 * if (path.join("/") !== "channels/0/mix/tier") throw new Error("unexpected");
 * ```
 */
export function parseScenarioPath(text: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = text;
  while (rest !== "") {
    const atStart = segments.length === 0;
    const match = (atStart ? FIRST_SEGMENT : NEXT_SEGMENT).exec(rest);
    if (match === null) {
      const position = text.length - rest.length;
      throw new SyntaxError(
        `Cannot read path '${text}': unexpected '${rest[0]}' at character ${position + 1}` +
          ' (expected key.key, key[index] or key["quoted key"])',
      );
    }
    if (match.groups!.index !== undefined) segments.push(Number(match.groups!.index));
    else if (match.groups!.quoted !== undefined) segments.push(JSON.parse(match.groups!.quoted));
    else segments.push(match.groups!.key);
    rest = rest.slice(match[0].length);
  }
  if (segments.length === 0) throw new SyntaxError("Cannot read path '': it is empty");
  return segments;
}

const PLAIN_KEY = /^[^.[\]\s"=]+$/;
const KEY = String.raw`(?<key>[^.[\]\s"=]+)`;
const INDEX = String.raw`\[(?<index>\d+)\]`;
const QUOTED = String.raw`\[(?<quoted>"(?:[^"\\]|\\.)*")\]`;
const FIRST_SEGMENT = new RegExp(`^(?:${KEY}|${INDEX}|${QUOTED})`);
const NEXT_SEGMENT = new RegExp(String.raw`^(?:\.${KEY}|${INDEX}|${QUOTED})`);
