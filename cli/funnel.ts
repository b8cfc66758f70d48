/**
 * `lab funnel`: the AARRR funnel (acquired → activated → retained → revenue → referral)
 * by acquisition cohort and channel from an event file.
 *
 * @module
 */
import {
  computeFunnel,
  FUNNEL_DEFAULTS,
  type FunnelCell,
  referralsFromLog,
  referrersFromAttribute,
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

const windows = FUNNEL_DEFAULTS.retentionWindows.map((w) => `${w.name}=${w.from}-${w.to}`).join(
  ",",
);

const HELP = `Usage: deno task lab funnel <file> --id-col <col> --date-col <col> [options]

The AARRR funnel by acquisition cohort and channel. A member is acquired at its first
join event (or first event of any type in order-only files); activated with
--activation-orders orders within --activation-days; retained in a window [a, b) days
after acquisition when it orders then; referral when it sent an invite (the step is left
out when the file has no invite rows), with the K-factor (invites per member × invite
conversion) and viral cycle time when members name their referrer (--referrer).
Conversions are measured against the parent step
(activated for retention and referral) over members whose window has fully elapsed.
ARPU over 7/14/30 days and per month of ${FUNNEL_DEFAULTS.monthDays} days.

${LOADER_HELP}
Funnel options:
  --as-of <date>           last observed day, YYYY-MM-DD or a day number (default: last day)
  --cohort-days <days>     cohort length in days (default ${FUNNEL_DEFAULTS.cohortDays})
  --activation-orders <n>  orders that activate, e.g. 3 for "first three orders" (default ${FUNNEL_DEFAULTS.activationOrders})
  --activation-days <days> days after acquisition to reach them (default ${FUNNEL_DEFAULTS.activationDays})
  --retention <list>       retention windows name=a-b (default ${windows})
  --referrer <attr>        member attribute with the inviter's member id, for K and
                           the cycle time (default referrer when the log has it, as a
                           run folder does; load it with --attr-cols or --member-cols)
  --totals-only            print (and emit) only the per-channel and overall totals

Example:
  deno task lab funnel ../shared/data/cdnow/CDNOW_master.txt --id-col customer_id \\
    --date-col date --amount-col dollar_value --activation-orders 2 --cohort-days 30 --json`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  "as-of": { type: "string" },
  "cohort-days": { type: "string" },
  "activation-orders": { type: "string" },
  "activation-days": { type: "string" },
  retention: { type: "string" },
  referrer: { type: "string" },
  "totals-only": { type: "boolean" },
} as const;

/** The `lab funnel` command. */
export const funnelCommand: Command = {
  name: "funnel",
  help: HELP,
  run: (argv) => reportDataErrors(() => runFunnel(argv)),
};

async function runFunnel(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("funnel", argv, OPTIONS);
  const retentionWindows = typeof values.retention === "string"
    ? parseWindows(values.retention)
    : undefined;
  const cohortDays = integerOption(values, "cohort-days", { min: 1 });
  const activationOrders = integerOption(values, "activation-orders", { min: 1 });
  const activationDays = integerOption(values, "activation-days", { min: 1 });
  const { log, load, channelAttribute } = await loadFromArgs("funnel", positionals, values);
  const asOf = dayOption(values, "as-of", log.origin);
  const referrerAttribute = typeof values.referrer === "string"
    ? values.referrer
    : log.members.attributes.referrer !== undefined
    ? "referrer"
    : undefined;
  const referrals = referrerAttribute === undefined
    ? undefined
    : referralsFromLog(log, referrersFromAttribute(log, referrerAttribute), { asOf });
  const funnel = computeFunnel(log, {
    asOf,
    channelAttribute,
    referrals,
    ...(cohortDays === undefined ? {} : { cohortDays }),
    ...(activationOrders === undefined ? {} : { activationOrders }),
    ...(activationDays === undefined ? {} : { activationDays }),
    ...(retentionWindows === undefined ? {} : { retentionWindows }),
  });
  const cells = values["totals-only"] === true
    ? funnel.cells.filter((c) => c.cohort === "all")
    : funnel.cells;
  if (values.json === true) {
    printJson({
      load,
      model: funnel.model,
      asOf: dateOfDay(log.origin, funnel.asOf),
      n: funnel.n,
      level: funnel.level,
      cells,
    });
    return 0;
  }
  printLoad(load);
  console.log(
    `AARRR funnel as of ${dateOfDay(log.origin, funnel.asOf)}, ${funnel.n} members acquired`,
  );
  for (const cell of cells) printCell(cell);
  return 0;
}

function parseWindows(text: string): { name: string; from: number; to: number }[] {
  return text.split(",").map((part) => {
    const match = /^\s*([^=\s]+)=(\d+)-(\d+)\s*$/.exec(part);
    if (match === null) {
      throw new UsageError(`--retention: expected windows like D7=7-14,D30=30-60, got '${part}'`);
    }
    return { name: match[1], from: Number(match[2]), to: Number(match[3]) };
  });
}

function printCell(cell: FunnelCell): void {
  const pct = (v: number) => (Number.isNaN(v) ? "–" : `${(100 * v).toFixed(1)}%`);
  console.log(`\ncohort ${cell.cohort}, channel ${cell.channel}: ${cell.acquired} acquired`);
  for (const s of cell.steps.slice(1)) {
    console.log(
      `  ${s.step.padEnd(16)}${String(s.count).padStart(8)} of ${String(s.base).padEnd(8)}${
        pct(s.conversion).padStart(7)
      }  [${pct(s.lower)}, ${pct(s.upper)}] of ${s.parent}`,
    );
  }
  const arpu = cell.arpu.map((a) => `${a.days}d ${Number.isNaN(a.arpu) ? "–" : a.arpu.toFixed(2)}`);
  console.log(`  ARPU            ${arpu.join("  ")}`);
  const monthly = cell.monthlyArpu.map((a) =>
    `m${a.month} ${Number.isNaN(a.arpu) ? "–" : a.arpu.toFixed(2)}`
  );
  console.log(`  monthly ARPU    ${monthly.join("  ")}`);
  if (cell.invitesPerMember !== null) {
    console.log(`  invites/member  ${cell.invitesPerMember.toFixed(3)}`);
  }
  if (cell.k !== null) {
    const f = (v: number | null, digits: number) =>
      v === null || Number.isNaN(v) ? "–" : v.toFixed(digits);
    console.log(
      `  K-factor        ${f(cell.k, 3)} (invite conversion ${
        f(cell.inviteConversion === null ? null : 100 * cell.inviteConversion, 1)
      }%, cycle ${f(cell.cycleDays, 1)} days)`,
    );
  }
}
