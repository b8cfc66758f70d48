/**
 * Private: escaping text for HTML and SVG markup.
 *
 * @module
 */

/**
 * Escapes text for use in element content and double-quoted attributes (HTML and XML).
 *
 * @example
 * ```ts
 * import { escapeMarkup } from "./_escape.ts";
 * if (escapeMarkup('a<b & "c"') !== "a&lt;b &amp; &quot;c&quot;") throw new Error();
 * ```
 */
export function escapeMarkup(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
