/**
 * Walking the scenario's zod schema alongside a value: which schema applies at a path,
 * picking a discriminated union's branch by the value's tag. Issue messages use it to list
 * the keys an object accepts; overrides use it to reject paths the schema does not have.
 *
 * @module
 */
import { z } from "zod";

/**
 * Strips optional and default wrappers; for a discriminated union returns the branch the
 * value's tag selects, or undefined when the tag matches none.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { unwrapSchema } from "./_schema_walk.ts";
 * if (!(unwrapSchema(z.number().optional(), 1) instanceof z.ZodNumber)) throw new Error("no");
 * ```
 */
export function unwrapSchema(node: z.ZodType, value: unknown): z.ZodType | undefined {
  let current: z.ZodType = node;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType;
  }
  if (!(current instanceof z.ZodDiscriminatedUnion)) return current;
  const key = current.def.discriminator;
  const tag = isPlainObject(value) ? value[key] : undefined;
  return unionBranches(current).find((branch) => {
    const literal = branch.shape[key];
    return literal instanceof z.ZodLiteral && literal.values.has(tag as z.core.util.Literal);
  });
}

/**
 * The object branches of a discriminated union (every branch of the scenario's unions is
 * a strict object).
 *
 * @example
 * ```ts
 * import { unionBranches } from "./_schema_walk.ts";
 * import { HazardSchema } from "./scenario.ts";
 * if (unionBranches(HazardSchema).length !== 3) throw new Error("unexpected");
 * ```
 */
export function unionBranches(union: z.ZodDiscriminatedUnion): z.ZodObject[] {
  return (union.options as z.ZodType[]).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
}

/**
 * The schema of the child at `segment` of an (unwrapped) object, record or array schema;
 * undefined when the schema has no such child.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { childSchema } from "./_schema_walk.ts";
 * const point = z.object({ x: z.number() });
 * if (childSchema(point, "y") !== undefined) throw new Error("unexpected");
 * ```
 */
export function childSchema(node: z.ZodType, segment: PropertyKey): z.ZodType | undefined {
  if (node instanceof z.ZodObject) {
    return Object.hasOwn(node.shape, segment)
      ? node.shape[String(segment)] as z.ZodType
      : undefined;
  }
  if (node instanceof z.ZodRecord) return node.valueType as z.ZodType;
  if (node instanceof z.ZodArray && typeof segment === "number") return node.element as z.ZodType;
  return undefined;
}

/**
 * True for a non-null, non-array object.
 *
 * @example
 * ```ts
 * import { isPlainObject } from "./_schema_walk.ts";
 * if (isPlainObject([]) || !isPlainObject({})) throw new Error("unexpected");
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
