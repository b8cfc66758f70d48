/**
 * `lab bench`: runs the reference scenario ref-lifecycle-v1 and prints the summary
 * line of ../shared/bench/ref-lifecycle-v1.md last, one per run.
 *
 * @module
 */
import { loadScenario } from "../io/scenario_file.ts";
import { simulate } from "../sim/run.ts";
import type { RunResult } from "../sim/run_result.ts";
import { type Command, integerOption, parseCommandLine, printJson } from "./command.ts";

/** Exact expectations of ref-lifecycle-v1 (per initial member), from the benchmark file. */
export const REFERENCE_EXPECTATIONS = {
  revenuePerMember: 275.763,
  membersRatio: 1.181406,
  churnedShare: 0.867418,
  memberDaysPerMember: 165.231,
} as const;

const HELP = `Usage: deno task lab bench [options]

Runs the reference scenario ref-lifecycle-v1 (data/scenarios/ref-lifecycle-v1.yaml) and prints
one summary line per run, last:
  peer=lifecycle-lab n0=<N0> member_days=<int> sim_seconds=<float> mdps=<float>
  revenue_per_member=<float> members_ratio=<float> churned_share=<float>
sim_seconds is the simulation alone (population and horizon), without start-up, module
loading or starting workers. With --seeds K > 1 it also prints, before the summary lines,
each statistic's mean over the seeds against the exact expectation.

Options:
  --members N   initial members N0 (default 1000000)
  --seed N      first seed (default 1)
  --seeds K     runs with seeds seed..seed+K-1 (default 1)
  --workers N   worker threads (default: every core; 1 = single-threaded)
  --json        print the runs as JSON instead

Example:
  deno task lab bench --members 10000000 --workers 1`;

/** The `bench` command. */
export const benchCommand: Command = {
  name: "bench",
  help: HELP,
  async run(argv) {
    const { values } = parseCommandLine("bench", argv, {
      members: { type: "string" },
      seed: { type: "string" },
      seeds: { type: "string" },
      workers: { type: "string" },
      json: { type: "boolean" },
    });
    const members = integerOption(values, "members", { min: 1 }) ?? 1_000_000;
    const seed = integerOption(values, "seed") ?? 1;
    const seeds = integerOption(values, "seeds", { min: 1 }) ?? 1;
    const workers = integerOption(values, "workers", { min: 1 });
    const scenario = await loadScenario("ref-lifecycle-v1");
    const runs: RunResult[] = [];
    for (let k = 0; k < seeds; k++) {
      runs.push(await simulate(scenario, { members, seed: seed + k, workers }));
    }
    const lines = runs.map((run) => benchFigures(run, members));
    if (values.json) {
      printJson(lines);
      return 0;
    }
    if (seeds > 1) {
      const mean = (pick: (f: BenchFigures) => number) =>
        lines.reduce((s, f) => s + pick(f), 0) / lines.length;
      const compare = (label: string, value: number, exact: number) =>
        `# ${label}: mean ${value.toFixed(6)}, exact ${exact}, difference ${
          (100 * (value / exact - 1)).toFixed(3)
        }%`;
      console.log(`# mean over ${seeds} seeds of ref-lifecycle-v1 at n0=${members}`);
      console.log(
        compare(
          "revenue_per_member",
          mean((f) => f.revenuePerMember),
          REFERENCE_EXPECTATIONS.revenuePerMember,
        ),
      );
      console.log(
        compare("members_ratio", mean((f) => f.membersRatio), REFERENCE_EXPECTATIONS.membersRatio),
      );
      console.log(
        compare("churned_share", mean((f) => f.churnedShare), REFERENCE_EXPECTATIONS.churnedShare),
      );
    }
    for (const run of runs) {
      console.log(
        `# seed=${run.seed} workers=${run.workers} startup_seconds=${
          run.timings.startup.toFixed(3)
        } merge_seconds=${run.timings.merge.toFixed(3)}`,
      );
    }
    for (const f of lines) console.log(summaryLine(f));
    return 0;
  },
};

/** The figures of one benchmark run. */
export interface BenchFigures {
  readonly n0: number;
  readonly memberDays: number;
  readonly simSeconds: number;
  readonly mdps: number;
  readonly revenuePerMember: number;
  readonly membersRatio: number;
  readonly churnedShare: number;
  readonly seed: number | string;
  readonly workers: number;
}

/**
 * The benchmark figures of a run of ref-lifecycle-v1 with `n0` initial members.
 *
 * @example
 * ```ts
 * import { benchFigures } from "./bench.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * import { simulate } from "../sim/run.ts";
 * const run = await simulate(await loadScenario("ref-lifecycle-v1"), { members: 1000, workers: 1 });
 * if (benchFigures(run, 1000).n0 !== 1000) throw new Error("unexpected");
 * ```
 */
export function benchFigures(run: RunResult, n0: number): BenchFigures {
  const t = run.totals;
  return {
    n0,
    memberDays: t.memberDays,
    simSeconds: run.timings.simulation,
    mdps: t.memberDays / run.timings.simulation,
    revenuePerMember: t.revenue / n0,
    membersRatio: t.members / n0,
    churnedShare: t.churned / t.members,
    seed: run.seed,
    workers: run.workers,
  };
}

/**
 * Formats the benchmark's summary line.
 *
 * @example
 * ```ts
 * import { summaryLine } from "./bench.ts";
 * const line = summaryLine({ n0: 1, memberDays: 2, simSeconds: 0.5, mdps: 4, revenuePerMember: 1,
 *   membersRatio: 1, churnedShare: 0, seed: 1, workers: 1 });
 * if (!line.startsWith("peer=lifecycle-lab n0=1 member_days=2")) throw new Error(line);
 * ```
 */
export function summaryLine(f: BenchFigures): string {
  return `peer=lifecycle-lab n0=${f.n0} member_days=${f.memberDays} sim_seconds=${
    f.simSeconds.toFixed(4)
  } mdps=${f.mdps.toFixed(0)} revenue_per_member=${f.revenuePerMember.toFixed(4)} members_ratio=${
    f.membersRatio.toFixed(6)
  } churned_share=${f.churnedShare.toFixed(6)}`;
}
