/**
 * Runs a scenario: compiles it, checks the memory it would need, simulates fixed-size
 * blocks of roots in this thread or in workers, and merges the blocks in order into a
 * {@link RunResult}. Blocks are the same whatever the number of workers and every
 * member draws from its own stream, so results are byte-identical for any `workers`.
 *
 * @module
 */
import { rootSeed } from "../random/seed.ts";
import { type BlockColumns, BlockRecorder, type RecordOptions } from "./block_recorder.ts";
import { simulateBlock } from "./engine.ts";
import { compilePlan, type Plan } from "./plan.ts";
import type { Scenario } from "./scenario.ts";
import type { RunResult } from "./run_result.ts";
import { buildRunResult } from "./run_merge.ts";
import { simulateDayStepped } from "./day_stepped.ts";
import { type Arm, type ArmAssignment, type ArmPlans, compileArms } from "./arms.ts";

/** Roots per block: fixed, so that block contents never depend on the worker count. */
export const BLOCK_ROOTS = 4096;
/** Block requests each worker holds at once. */
const BLOCKS_IN_FLIGHT = 2;

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number | string;
  /** Overrides `population.initial`. */
  readonly members?: number;
  /** Overrides the horizon in days. */
  readonly days?: number;
  /** Worker threads; default every core. 1 runs in the calling thread. */
  readonly workers?: number;
  /** Per-member outputs to keep; default neither (aggregates only). */
  readonly record?: Partial<RecordOptions>;
  /** `event` (default): event-driven; `day`: the day-stepped reference definition. */
  readonly engine?: "event" | "day";
  /** Bytes the run may use for member rows and events; a bigger run is refused. */
  readonly memoryBudget?: number;
  /** Called after each block with roots done and total roots. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Experiment arms: each member behaves by its arm's scenario (see `arms.ts`). */
  readonly arms?: readonly Arm[];
  /** How members are assigned to arms; default `member`. */
  readonly assignment?: ArmAssignment;
}

/**
 * Simulates a scenario.
 *
 * @example Simulate a small scenario in this thread
 * ```ts
 * import { simulate } from "./run.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 30, initialStage: "new",
 *   stages: { new: { hazard: { type: "constant", value: 0.1 } }, churned: { churned: true } },
 *   population: { initial: 100 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const run = await simulate(scenario, { workers: 1 });
 * if (run.totals.members !== 100) throw new Error("unexpected");
 * ```
 */
export async function simulate(
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<RunResult> {
  const effective = applyRunOptions(scenario, options);
  const seed = effective.seed;
  const root = rootSeed(seed);
  const events = options.record?.events ?? false;
  // An event log needs the member table for its members' attributes.
  const armMetrics = options.record?.armMetrics;
  const record: RecordOptions = {
    members: (options.record?.members ?? false) || events,
    events,
    ...(armMetrics ? { armMetrics } : {}),
  };
  const started = performance.now();
  const plan = compilePlan(effective, root);
  if (options.memoryBudget !== undefined && (record.members || record.events)) {
    checkMemory(plan, root, record, options.memoryBudget);
  }
  const engine = options.engine ?? "event";
  // Arms get the run's overrides too (seed, members, days) so they keep the base's shape.
  const armList = (options.arms ?? []).map((a) => ({
    ...a,
    scenario: applyRunOptions(a.scenario, options),
  }));
  const assignment = armList.length > 0 ? options.assignment ?? "member" : null;
  const arms = armList.length > 0 ? compileArms(plan, armList, assignment ?? "member", root) : null;
  const armNames = arms?.names ?? [];
  if (engine === "day") {
    if (arms || armMetrics) {
      throw new RangeError(
        "Cannot simulate arms or arm metrics with the day-stepped engine: use engine 'event'",
      );
    }
    const recorder = simulateDayStepped(plan, root, record);
    const simulated = performance.now();
    return buildRunResult({
      scenario: effective,
      plan,
      engine,
      workers: 1,
      recorders: [recorder],
      blocks: [recorder.takeColumns()],
      record,
      timings: { startup: 0, simulation: (simulated - started) / 1000, merge: 0 },
      arms: armNames,
      assignment,
      policyNames: plan.policies.names,
    });
  }
  const blocks = Math.ceil(plan.totalRoots / BLOCK_ROOTS);
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), blocks));
  const outcome = workers === 1
    ? runInThread(plan, arms, root, record, blocks, options.onProgress)
    : await runInWorkers(
      {
        kind: "init",
        scenario: effective,
        record,
        arms: armList,
        assignment: assignment ?? "member",
      },
      plan,
      blocks,
      workers,
      options.onProgress,
    );
  const merging = performance.now();
  const result = buildRunResult({
    scenario: effective,
    plan,
    engine,
    workers,
    recorders: outcome.recorders,
    blocks: outcome.blocks,
    record,
    timings: {
      startup: outcome.startup / 1000,
      simulation: (outcome.simulated - outcome.simulationStart) / 1000,
      merge: 0,
    },
    arms: armNames,
    assignment,
    policyNames: arms?.policyNames ?? plan.policies.names,
  });
  const merged = performance.now();
  return { ...result, timings: { ...result.timings, merge: (merged - merging) / 1000 } };
}

/** The scenario with the run's overrides (seed, members, days) applied. */
export function applyRunOptions(scenario: Scenario, options: SimulateOptions): Scenario {
  return {
    ...scenario,
    seed: options.seed ?? scenario.seed,
    horizon: options.days ?? scenario.horizon,
    population: {
      ...scenario.population,
      initial: options.members ?? scenario.population.initial,
    },
  };
}

function defaultWorkers(): number {
  return typeof navigator !== "undefined" && navigator.hardwareConcurrency > 0
    ? navigator.hardwareConcurrency
    : 1;
}

interface Outcome {
  recorders: BlockRecorder[];
  blocks: BlockColumns[];
  startup: number;
  simulationStart: number;
  simulated: number;
}

function runInThread(
  plan: Plan,
  arms: ArmPlans | null,
  root: Uint32Array,
  record: RecordOptions,
  blocks: number,
  onProgress?: (done: number, total: number) => void,
): Outcome {
  const start = performance.now();
  const recorder = new BlockRecorder(plan, record);
  const columns: BlockColumns[] = [];
  for (let b = 0; b < blocks; b++) {
    const first = b * BLOCK_ROOTS;
    const end = Math.min(plan.totalRoots, first + BLOCK_ROOTS);
    simulateBlock(plan, root, first, end, recorder, arms);
    columns.push(recorder.takeColumns());
    onProgress?.(end, plan.totalRoots);
  }
  return {
    recorders: [recorder],
    blocks: columns,
    startup: 0,
    simulationStart: start,
    simulated: performance.now(),
  };
}

/** Messages between the run and its workers. */
export type WorkerRequest =
  | InitRequest
  | { kind: "block"; block: number }
  | { kind: "finish" };

/** The request that sets a worker up for a run. */
export interface InitRequest {
  readonly kind: "init";
  readonly scenario: Scenario;
  readonly record: RecordOptions;
  readonly arms: readonly Arm[];
  readonly assignment: ArmAssignment;
}

/** Replies of a worker. */
export type WorkerReply =
  | { kind: "ready" }
  | { kind: "block"; block: number; columns: BlockColumns }
  | { kind: "aggregates"; recorder: AggregateArrays };

/** The aggregate arrays of a worker's recorder, as sent back to the run. */
export type AggregateArrays = Pick<
  BlockRecorder,
  | "stageDiff"
  | "joins"
  | "churns"
  | "reactivations"
  | "orders"
  | "revenueCents"
  | "invites"
  | "conversions"
  | "tenureChurned"
  | "tenureCensored"
  | "memberDays"
  | "referred"
  | "cycleDays"
  | "policyAlerts"
  | "policyActions"
  | "policyRefused"
  | "policyRecalled"
  | "policyLost"
  | "policyCostCents"
  | "armMetricSums"
>;

async function runInWorkers(
  init: InitRequest,
  plan: Plan,
  blocks: number,
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Outcome> {
  const startupStart = performance.now();
  const url = new URL("./worker.ts", import.meta.url).href;
  const workers = Array.from({ length: count }, () => new Worker(url, { type: "module" }));
  try {
    const replies = workers.map(() => new ReplyQueue());
    workers.forEach((worker, i) => {
      worker.onmessage = (e: MessageEvent<WorkerReply>) => replies[i].put(e.data);
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        replies[i].fail(new Error(`Simulation worker failed: ${e.message}`));
      };
      worker.postMessage(init satisfies WorkerRequest);
    });
    await Promise.all(replies.map((r) => r.take()));
    const simulationStart = performance.now();
    const columns: BlockColumns[] = new Array(blocks);
    let next = 0, rootsDone = 0;
    await Promise.all(workers.map(async (worker, i) => {
      // Two blocks in flight per worker, so a worker never idles through the round trip
      // of a reply and the next request.
      let inFlight = 0;
      const send = () => {
        if (next >= blocks) return;
        worker.postMessage({ kind: "block", block: next++ } satisfies WorkerRequest);
        inFlight++;
      };
      for (let k = 0; k < BLOCKS_IN_FLIGHT; k++) send();
      while (inFlight > 0) {
        const reply = await replies[i].take();
        inFlight--;
        if (reply.kind !== "block") throw new Error(`Unexpected worker reply '${reply.kind}'`);
        columns[reply.block] = reply.columns;
        const block = reply.block;
        rootsDone += Math.min(plan.totalRoots, (block + 1) * BLOCK_ROOTS) - block * BLOCK_ROOTS;
        onProgress?.(rootsDone, plan.totalRoots);
        send();
      }
    }));
    const aggregates = await Promise.all(workers.map(async (worker, i) => {
      worker.postMessage({ kind: "finish" } satisfies WorkerRequest);
      const reply = await replies[i].take();
      if (reply.kind !== "aggregates") throw new Error(`Unexpected worker reply '${reply.kind}'`);
      return reply.recorder as BlockRecorder;
    }));
    return {
      recorders: aggregates,
      blocks: columns,
      startup: simulationStart - startupStart,
      simulationStart,
      simulated: performance.now(),
    };
  } finally {
    for (const worker of workers) worker.terminate();
  }
}

/** A one-consumer queue of worker replies. */
class ReplyQueue {
  #items: WorkerReply[] = [];
  #waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null;
  #error: Error | null = null;

  put(item: WorkerReply): void {
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = null;
      w.resolve(item);
    } else this.#items.push(item);
  }

  fail(error: Error): void {
    this.#error = error;
    if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = null;
      w.reject(error);
    }
  }

  take(): Promise<WorkerReply> {
    if (this.#error) return Promise.reject(this.#error);
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve, reject) => this.#waiting = { resolve, reject });
  }
}

/** Bytes per member row and per event kept in memory (columns, and a merged copy). */
const MEMBER_BYTES = 2 * (4 + 4 + 1 + 4 + 4 + 4 + 1 + 4 + 8 + 4);
const EVENT_BYTES = 2 * (4 + 4 + 1 + 8 + 2);
/** Roots simulated by the pilot that estimates a run's size. */
const PILOT_ROOTS = 2000;

/**
 * Estimates members and events from a pilot over evenly spread roots and refuses the
 * run, before allocating, when it would need more than `budget` bytes.
 */
function checkMemory(plan: Plan, root: Uint32Array, record: RecordOptions, budget: number): void {
  const estimate = estimateRunSize(plan, root);
  const bytes = (record.members ? estimate.members * (MEMBER_BYTES + plan.attributes.length) : 0) +
    (record.events ? estimate.events * EVENT_BYTES : 0);
  if (bytes > budget) {
    const gb = (x: number) => `${(x / 2 ** 30).toFixed(1)} GB`;
    throw new RangeError(
      `Cannot simulate: the run would need about ${gb(bytes)} for ~${
        Math.round(estimate.members).toLocaleString("en-US")
      } members${
        record.events ? ` and ~${Math.round(estimate.events).toLocaleString("en-US")} events` : ""
      }, more than the ${gb(budget)} available; lower --members or --days${
        record.events ? ", or drop --events" : ""
      }`,
    );
  }
}

/** Expected members and events of a run, from a pilot over a sample of its roots. */
export function estimateRunSize(
  plan: Plan,
  root: Uint32Array,
): { members: number; events: number } {
  const step = Math.max(1, Math.floor(plan.totalRoots / PILOT_ROOTS));
  const recorder = new BlockRecorder(plan, { members: false, events: false });
  let roots = 0;
  for (let r = 0; r < plan.totalRoots; r += step) {
    simulateBlock(plan, root, r, r + 1, recorder);
    roots++;
  }
  if (roots === 0) return { members: 0, events: 0 };
  const sum = (a: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  };
  const members = recorder.rows;
  const events = members + sum(recorder.orders) + sum(recorder.invites) + sum(recorder.churns) +
    sum(recorder.reactivations) + recorder.stageChanges;
  const scale = plan.totalRoots / roots;
  return { members: members * scale, events: events * scale };
}
