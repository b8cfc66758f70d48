/**
 * Merging options over their defaults for the warning models. An option given as
 * `undefined` (as a command line passes an option it did not get) keeps its default
 * rather than replacing it.
 *
 * @module
 */

/**
 * The defaults with every option that is not `undefined` laid over them.
 *
 * @example
 * ```ts
 * import { withDefaults } from "./_defaults.ts";
 * const o = withDefaults({ target: "all", margin: 0 }, { target: undefined, margin: 5 });
 * if (o.target !== "all" || o.margin !== 5) throw new Error("unexpected");
 * ```
 */
export function withDefaults<D extends object, O extends object>(
  defaults: D,
  options: O,
): D & O {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) merged[key] = value;
  }
  return merged as D & O;
}
