/**
 * Internal: runs numbered tasks in a pool of Web Workers (or in this thread), each
 * worker set up once with the same payload, and returns the results in task order —
 * so results never depend on how many workers ran them.
 *
 * @module
 */

/** Messages to a task worker. */
export type PoolRequest<I> = { kind: "init"; payload: I } | { kind: "task"; index: number };

/** Replies of a task worker. */
export type PoolReply<R> =
  | { kind: "ready" }
  | { kind: "result"; index: number; result: R }
  | { kind: "error"; message: string };

/** What a pool needs: the task function (in-thread) and the worker module that runs it. */
export interface PoolTask<I, R> {
  /** Runs task `index` in this thread. */
  run(payload: I, index: number): Promise<R>;
  /** The worker module (see {@link serveTasks}). */
  readonly workerUrl: URL;
}

/**
 * Runs tasks 0..count−1 and returns their results in order.
 *
 * @param workers 1 runs in this thread; more start that many workers (at most `count`)
 * @example In this thread
 * ```ts
 * import { runPool } from "./_pool.ts";
 * const task = { run: (k: number, i: number) => Promise.resolve(k * i), workerUrl: new URL("x:") };
 * const out = await runPool(task, 10, 3, 1);
 * if (out.join() !== "0,10,20") throw new Error("unexpected");
 * ```
 */
export async function runPool<I, R>(
  task: PoolTask<I, R>,
  payload: I,
  count: number,
  workers: number,
  onResult?: (done: number, total: number) => void,
): Promise<R[]> {
  const results: R[] = new Array(count);
  const size = Math.max(1, Math.min(workers, count));
  if (size === 1) {
    for (let i = 0; i < count; i++) {
      results[i] = await task.run(payload, i);
      onResult?.(i + 1, count);
    }
    return results;
  }
  const pool = Array.from(
    { length: size },
    () => new Worker(task.workerUrl.href, { type: "module" }),
  );
  let next = 0, done = 0;
  try {
    await Promise.all(pool.map((worker) =>
      new Promise<void>((resolve, reject) => {
        const ask = () => {
          if (next >= count) return resolve();
          worker.postMessage({ kind: "task", index: next++ } satisfies PoolRequest<I>);
        };
        worker.onerror = (e: ErrorEvent) => {
          e.preventDefault();
          reject(new Error(`Experiment worker failed: ${e.message}`));
        };
        worker.onmessage = (e: MessageEvent<PoolReply<R>>) => {
          const reply = e.data;
          if (reply.kind === "error") return reject(new Error(reply.message));
          if (reply.kind === "result") {
            results[reply.index] = reply.result;
            onResult?.(++done, count);
          }
          ask();
        };
        worker.postMessage({ kind: "init", payload } satisfies PoolRequest<I>);
      })
    ));
  } finally {
    for (const worker of pool) worker.terminate();
  }
  return results;
}

/**
 * Serves a pool's tasks inside a worker module: `serveTasks(task.run)`.
 *
 * @example A worker module (see `worker.ts`)
 * ```ts ignore
 * import { serveTasks } from "./_pool.ts";
 * import { runReplication } from "./replication.ts";
 * serveTasks(runReplication);
 * ```
 */
export function serveTasks<I, R>(run: (payload: I, index: number) => Promise<R>): void {
  let payload: I | null = null;
  const post = (message: PoolReply<R>) => (self as unknown as Worker).postMessage(message);
  self.onmessage = async (e: MessageEvent<PoolRequest<I>>) => {
    const request = e.data;
    try {
      if (request.kind === "init") {
        payload = request.payload;
        post({ kind: "ready" });
      } else {
        if (payload === null) throw new Error("Experiment worker got a task before init");
        post({ kind: "result", index: request.index, result: await run(payload, request.index) });
      }
    } catch (error) {
      post({
        kind: "error",
        message: error instanceof Error ? error.stack ?? error.message : String(error),
      });
    }
  };
}
