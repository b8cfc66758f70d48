/**
 * Benchmark of the experiment harness: the A/A test of `data/experiments/aa.yaml`
 * (default scenario, about 100,000 members per arm, 90 days, five metrics) replicated
 * 1,000 times in workers, in two look schedules:
 *
 * - `final`: one look, at day 90 — the fixed-horizon A/A test. The target is 60 seconds
 *   on a 2-core machine.
 * - `daily`: the spec's daily looks, with the peeking and mSPRT analyses at each of the
 *   90 looks; the engine then adds every event's products to its day's sums.
 *
 * For each it prints each metric's false-positive rate (which must lie in the 99% band
 * around α), the sequential rates when looked at daily, and one summary line:
 *
 *   bench=experiment_aa looks=<final|daily> replications=<R> members=<initial>
 *   members_per_arm=<mean> days=90 workers=<N> seconds=<wall>
 *   cpu_seconds=<process CPU, workers included> replications_per_second=<float>
 *
 * cpu_seconds / cores is the wall time the run would take on an otherwise idle machine;
 * seconds is what it took here.
 *
 * Usage: deno task bench:experiment [--looks final|daily|both] [--replications R]
 * [--workers N] [--members N] (the task adds the V8 inlining flags the README's Speed
 * section explains).
 *
 * @module
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { designExperiment } from "../experiments/design.ts";
import { loadExperiment } from "../experiments/load.ts";
import { runExperiment } from "../experiments/run.ts";
import type { Experiment } from "../experiments/spec.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    looks: { type: "string", default: "both" },
    replications: { type: "string", default: "1000" },
    workers: { type: "string", default: String(navigator.hardwareConcurrency || 1) },
    members: { type: "string" },
  },
  strict: true,
});
if (!["final", "daily", "both"].includes(values.looks)) {
  throw new RangeError(`--looks: expected final, daily or both, got '${values.looks}'`);
}
const replications = Number(values.replications), workers = Number(values.workers);
const spec = new URL("../data/experiments/aa.yaml", import.meta.url).pathname;
const loaded = await loadExperiment(spec);
const experiment: Experiment = values.members === undefined
  ? loaded.experiment
  : { ...loaded.experiment, members: Number(values.members) };

const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

async function bench(looks: "final" | "daily"): Promise<void> {
  const design = designExperiment(
    looks === "daily" ? experiment : {
      ...experiment,
      looks: { count: 1 },
      analysis: { ...experiment.analysis, sequential: false },
    },
    loaded.base,
  );
  const started = performance.now(), cpuStarted = cpu();
  const result = await runExperiment(design, { replications, workers });
  const seconds = (performance.now() - started) / 1000, cpuSeconds = cpu() - cpuStarted;
  for (const e of result.summary.effects) {
    const f = e.falsePositiveRate!;
    console.log(
      `${looks} ${e.metric}: false-positive rate ${(f.rate * 100).toFixed(1)}% ` +
        `(99% band ${(f.band[0] * 100).toFixed(1)}–${(f.band[1] * 100).toFixed(1)}%` +
        `${f.ok ? "" : ", OUTSIDE"}), coverage ${(e.coverage.rate * 100).toFixed(1)}%`,
    );
  }
  for (const s of result.summary.sequential) {
    console.log(
      `${looks} ${s.metric}: mSPRT ${(s.stopRate * 100).toFixed(1)}%, peeking at ` +
        `${s.looks.length} looks ${(s.peekingRate * 100).toFixed(1)}%`,
    );
  }
  const units = result.summary.srm.meanUnits;
  const perArm = units.reduce((s, u) => s + u, 0) / units.length;
  console.log(
    `bench=experiment_aa looks=${looks} replications=${replications} ` +
      `members=${design.experiment.members} members_per_arm=${Math.round(perArm)} ` +
      `days=${design.experiment.duration} workers=${result.workers} ` +
      `seconds=${seconds.toFixed(1)} cpu_seconds=${cpuSeconds.toFixed(1)} ` +
      `replications_per_second=${(replications / seconds).toFixed(2)}`,
  );
}

if (values.looks !== "daily") await bench("final");
if (values.looks !== "final") await bench("daily");
