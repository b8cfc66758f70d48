/**
 * A simulation worker: compiles the scenario it is given, then simulates the blocks
 * the run sends, one at a time, keeping aggregates until it is told to finish.
 * Uses only the Web Worker API, so it runs in Deno and in browsers alike.
 *
 * @module
 */
import { rootSeed } from "../random/seed.ts";
import { BlockRecorder } from "./block_recorder.ts";
import { simulateBlock } from "./engine.ts";
import { compilePlan, type Plan } from "./plan.ts";
import { type ArmPlans, compileArms } from "./arms.ts";
import { BLOCK_ROOTS, type WorkerReply, type WorkerRequest } from "./run.ts";

let plan: Plan | null = null;
let root: Uint32Array = new Uint32Array(4);
let recorder: BlockRecorder | null = null;
let arms: ArmPlans | null = null;

function reply(message: WorkerReply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const request = e.data;
  if (request.kind === "init") {
    root = rootSeed(request.scenario.seed);
    plan = compilePlan(request.scenario, root);
    recorder = new BlockRecorder(plan, request.record);
    arms = request.arms.length > 0
      ? compileArms(plan, request.arms, request.assignment, root)
      : null;
    reply({ kind: "ready" });
  } else if (request.kind === "block") {
    if (plan === null || recorder === null) throw new Error("Worker received a block before init");
    const first = request.block * BLOCK_ROOTS;
    simulateBlock(
      plan,
      root,
      first,
      Math.min(plan.totalRoots, first + BLOCK_ROOTS),
      recorder,
      arms,
    );
    const columns = recorder.takeColumns();
    const buffers = Object.values(columns)
      .filter((v): v is ArrayBufferView => ArrayBuffer.isView(v))
      .map((v) => v.buffer as ArrayBuffer);
    reply({ kind: "block", block: request.block, columns }, buffers);
  } else {
    if (recorder === null) throw new Error("Worker asked to finish before init");
    const r = recorder;
    reply({
      kind: "aggregates",
      recorder: {
        stageDiff: r.stageDiff,
        joins: r.joins,
        churns: r.churns,
        reactivations: r.reactivations,
        orders: r.orders,
        revenueCents: r.revenueCents,
        invites: r.invites,
        conversions: r.conversions,
        tenureChurned: r.tenureChurned,
        tenureCensored: r.tenureCensored,
        memberDays: r.memberDays,
        referred: r.referred,
        cycleDays: r.cycleDays,
        policyAlerts: r.policyAlerts,
        policyActions: r.policyActions,
        policyRefused: r.policyRefused,
        policyRecalled: r.policyRecalled,
        policyLost: r.policyLost,
        policyCostCents: r.policyCostCents,
        armMetricSums: r.armMetricSums,
      },
    });
  }
};
