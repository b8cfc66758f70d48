/**
 * Atomic file output: write under a temporary name beside the target, then rename,
 * so a reader never sees a partial file under the final name.
 *
 * @module
 */

/**
 * Writes `data` to `path` atomically (temporary file in the same folder, then rename).
 * The temporary file is removed if writing fails.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic.ts";
 * const path = await Deno.makeTempFile();
 * await writeFileAtomic(path, "member,day\n");
 * if ((await Deno.readTextFile(path)) !== "member,day\n") throw new Error("unexpected");
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(temp, data);
    else await Deno.writeFile(temp, data);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/**
 * Streams chunks to `path` atomically: chunks go to a temporary file that is renamed
 * to `path` only after the last chunk is written. For outputs too large to hold as
 * one string (member tables and event logs of millions of rows).
 *
 * @example
 * ```ts
 * import { writeChunksAtomic } from "./atomic.ts";
 * const path = await Deno.makeTempFile();
 * await writeChunksAtomic(path, ["a\n", "b\n"]);
 * if ((await Deno.readTextFile(path)) !== "a\nb\n") throw new Error("unexpected");
 * ```
 */
export async function writeChunksAtomic(
  path: string,
  chunks: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
): Promise<void> {
  const temp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
  const file = await Deno.open(temp, { write: true, create: true, truncate: true });
  const encoder = new TextEncoder();
  try {
    for await (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
    }
    file.close();
    await Deno.rename(temp, path);
  } catch (error) {
    try {
      file.close();
    } catch { /* already closed */ }
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/**
 * Removes a file if it exists (a stale output the new one replaces); other errors throw.
 *
 * @example
 * ```ts
 * import { removeIfPresent } from "./atomic.ts";
 * const path = await Deno.makeTempFile();
 * await removeIfPresent(path);
 * await removeIfPresent(path); // already gone: fine
 * ```
 */
export async function removeIfPresent(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}
