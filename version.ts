/**
 * The version recorded in every output, kept equal to deno.json's (a test checks it).
 *
 * @module
 */

/** Lifecycle Lab's version. */
export const VERSION = "0.1.0";
