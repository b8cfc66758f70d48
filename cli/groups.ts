/**
 * `lab groups`: the thesis group-health model (frameworks.md §4) on an event file or a
 * run folder — each group's activity in a 30-day period against the tier × tenure-month
 * benchmark, its output per active member, and the excellent / good / pass / fail grade.
 *
 * @module
 */
import {
  gradeGroupHealth,
  GROUP_HEALTH_DEFAULTS,
  type GroupHealthOptions,
  parseActivityBenchmark,
} from "../models/analytics/mod.ts";
import { type Command, integerOption, parseCommandLine, printJson, UsageError } from "./command.ts";
import {
  dateOfDay,
  dayOption,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  printLoad,
  reportDataErrors,
} from "./_event_file.ts";

const HELP = `Usage: deno task lab groups <file|run folder> [loader options] [options]

Grades every group's health in the period (as-of − period, as-of]: activity (share of the
group's members who ordered) against the benchmark for their membership tier and tenure
month, and GMV per active member against the tier's pooled value. Activity more than 5
points above the benchmark is excellent, 2–5 good, 0–2 pass, below it fail; output more
than 10% above is excellent, 5–10% good, 0–5% pass. A group's grade is the lower of the two.
Members need a tier and a group attribute (a run folder of lab sim has both; for a file,
--attr-cols or --members with --member-cols).

${LOADER_HELP}
Group options:
  --as-of <date>         last day of the graded period, YYYY-MM-DD or a day number
                         (default: the last day in the log)
  --period-days <n>      period and tenure-month length (default ${GROUP_HEALTH_DEFAULTS.periodDays})
  --benchmark <file>     a JSON activity benchmark { "tiers": { "<tier>": [13 shares] } }
                         (default: the thesis table, data/benchmarks/group_activity.json)
  --tier-attr <name>     member attribute holding the tier (default tier)
  --group-attr <name>    member attribute holding the group (default group)

Example:
  deno task lab sim default --events --out runs/demo-events
  deno task lab groups runs/demo-events --as-of 180 --json`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  "as-of": { type: "string" },
  "period-days": { type: "string" },
  benchmark: { type: "string" },
  "tier-attr": { type: "string" },
  "group-attr": { type: "string" },
} as const;

/** The `lab groups` command. */
export const groupsCommand: Command = {
  name: "groups",
  help: HELP,
  run: (argv) => reportDataErrors(() => runGroups(argv)),
};

async function runGroups(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("groups", argv, OPTIONS);
  const benchmarkFile = values.benchmark;
  const options: GroupHealthOptions = {
    periodDays: integerOption(values, "period-days", { min: 1 }),
    benchmark: typeof benchmarkFile === "string" ? await readBenchmark(benchmarkFile) : undefined,
    tierAttribute: values["tier-attr"] as string | undefined,
    groupAttribute: values["group-attr"] as string | undefined,
  };
  const { log, load } = await loadFromArgs("groups", positionals, values);
  const asOf = dayOption(values, "as-of", log.origin);
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const health = gradeGroupHealth(log, { ...defined, asOf });
  const counts = { excellent: 0, good: 0, pass: 0, fail: 0 };
  for (const g of health.groups) counts[g.grade]++;
  if (values.json === true) {
    printJson({
      load,
      model: health.model,
      asOf: dateOfDay(log.origin, health.asOf),
      periodDays: health.periodDays,
      n: health.n,
      ungrouped: health.ungrouped,
      left: health.left,
      grades: counts,
      groups: health.groups,
    });
    return 0;
  }
  printLoad(load);
  const from = dateOfDay(log.origin, health.asOf - health.periodDays + 1);
  console.log(
    `Group health, ${from} … ${dateOfDay(log.origin, health.asOf)}: ${health.n} groups ` +
      `(${counts.excellent} excellent, ${counts.good} good, ${counts.pass} pass, ` +
      `${counts.fail} fail); ${health.left} members had left before it, ` +
      `${health.ungrouped} have no tier or group`,
  );
  const head = ["group", "tier", "members", "activity", "bench", "gap pt", "GMV/active", "gap"];
  console.log(head.map((h, i) => i < 2 ? h.padEnd(10) : h.padStart(11)).join("") + "  grade");
  for (const g of health.groups) {
    const cells = [
      g.group.padEnd(10),
      g.tier.padEnd(10),
      String(g.members).padStart(11),
      `${(100 * g.activity).toFixed(1)}%`.padStart(11),
      `${(100 * g.benchmark).toFixed(1)}%`.padStart(11),
      g.activityGap.toFixed(1).padStart(11),
      (Number.isNaN(g.outputPerActive) ? "–" : g.outputPerActive.toFixed(2)).padStart(11),
      (Number.isNaN(g.outputGap) ? "–" : `${(100 * g.outputGap).toFixed(1)}%`).padStart(11),
    ];
    console.log(`${cells.join("")}  ${g.grade}`);
  }
  return 0;
}

async function readBenchmark(path: string) {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new UsageError(`--benchmark: cannot read '${path}': ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--benchmark: '${path}' is not JSON: ${(error as Error).message}`);
  }
  return parseActivityBenchmark(value);
}
