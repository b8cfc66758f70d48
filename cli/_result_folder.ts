/**
 * Private helpers of the commands that replicate runs into a result folder (`lab
 * experiment`, `lab compare`): the default number of worker threads, and writing the
 * folder, where a folder that cannot be written is reported rather than a crash.
 *
 * @module
 */

/**
 * The default of `--workers`: every core (1 when the count is unknown).
 *
 * @example
 * ```ts
 * import { defaultWorkers } from "./_result_folder.ts";
 * if (!(defaultWorkers() >= 1)) throw new Error("unexpected");
 * ```
 */
export function defaultWorkers(): number {
  return navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;
}

/**
 * Runs `write`, which writes the result folder `out`. A folder that cannot be written
 * (no permission, a missing parent) is not a bug: the error is printed naming the folder
 * and the result is null, for the command to exit with code 1.
 *
 * @example
 * ```ts
 * import { writeOrReport } from "./_result_folder.ts";
 * const manifest = await writeOrReport("out", () => Promise.resolve({ files: [] }));
 * if (manifest === null) throw new Error("unexpected");
 * ```
 */
export async function writeOrReport<M>(out: string, write: () => Promise<M>): Promise<M | null> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Deno.errors.PermissionDenied || error instanceof Deno.errors.NotFound) {
      console.error(`error: Cannot write result folder ${out}: ${error.message}`);
      return null;
    }
    throw error;
  }
}
