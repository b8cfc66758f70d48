/**
 * `lab viral`: the K-factor, invite conversion and viral cycle time measured from the
 * invite events and referrers of a log, and Skok's closed form beside the log's own
 * referral growth.
 *
 * @module
 */
import {
  compareSkok,
  measureViralFromLog,
  referrersFromAttribute,
} from "../models/analytics/mod.ts";
import { type Command, integerOption, parseCommandLine, printJson } from "./command.ts";
import {
  dateOfDay,
  dayOption,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  printLoad,
  reportDataErrors,
} from "./_event_file.ts";

/** Defaults of `lab viral`. */
export const VIRAL_CLI_DEFAULTS = {
  /** Member attribute holding the inviter's member id, as in a run folder. */
  referrer: "referrer",
  /** Points of the Skok comparison: t = 0, ct, 2·ct, ... */
  cycles: 6,
} as const;

const HELP = `Usage: deno task lab viral <file or run folder> [options]

K-factor = invites per member × invite conversion, measured from the log's invite
events and each member's referrer; the viral cycle time (mean days from an inviter's
acquisition to its invitee's); and David Skok's closed form
N(t) = N0·(K^(t/ct + 1) − 1)/(K − 1) beside the observed size of the referral trees
of the N0 seed members (not referred, acquired on the first day), with the seeds' own K
(members they referred / N0: they have been observed longest).

${LOADER_HELP}
Viral options:
  --referrer <attr>      member attribute with the inviter's member id (default
                         ${VIRAL_CLI_DEFAULTS.referrer}; a run folder has it)
  --as-of <date>         last observed day, YYYY-MM-DD or a day number (default: last day)
  --cycles <n>           Skok comparison at t = 0, ct, ..., n·ct (default ${VIRAL_CLI_DEFAULTS.cycles})

Example:
  deno task lab sim default --members 5000 --events --out runs/viral
  deno task lab viral runs/viral --cycles 4`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  referrer: { type: "string" },
  "as-of": { type: "string" },
  cycles: { type: "string" },
} as const;

/** The `lab viral` command. */
export const viralCommand: Command = {
  name: "viral",
  help: HELP,
  run: (argv) => reportDataErrors(() => runViral(argv)),
};

async function runViral(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("viral", argv, OPTIONS);
  const cycles = integerOption(values, "cycles", { min: 0 }) ?? VIRAL_CLI_DEFAULTS.cycles;
  const { log, load } = await loadFromArgs("viral", positionals, values);
  const asOf = dayOption(values, "as-of", log.origin);
  const referrer = referrersFromAttribute(
    log,
    typeof values.referrer === "string" ? values.referrer : VIRAL_CLI_DEFAULTS.referrer,
  );
  const viral = measureViralFromLog(log, referrer, { asOf });
  const ct = viral.cycleDays;
  const skok = Number.isNaN(ct) ? null : compareSkok(log, referrer, {
    cycleDays: ct,
    asOf: viral.asOf,
    times: Array.from({ length: cycles + 1 }, (_, c) => c * ct),
  });
  const [k, conversion] = viral.summary();
  if (values.json === true) {
    printJson({
      load,
      model: viral.model,
      asOf: dateOfDay(log.origin, viral.asOf),
      n: viral.n,
      level: viral.level,
      invites: viral.invites,
      converted: viral.converted,
      invitesPerMember: viral.invitesPerMember,
      conversion: viral.conversion,
      k: viral.k,
      kSe: viral.kSe,
      cycleDays: viral.cycleDays,
      conversionLagDays: viral.conversionLagDays,
      summary: viral.summary(),
      skok,
    });
    return 0;
  }
  printLoad(load);
  const f = (v: number, digits = 3) => (Number.isNaN(v) ? "–" : v.toFixed(digits));
  const level = `${Math.round(viral.level * 100)}%`;
  console.log(`Viral growth as of ${dateOfDay(log.origin, viral.asOf)}, ${viral.n} members`);
  console.log(`  invites           ${viral.invites} (${f(viral.invitesPerMember)} per member)`);
  console.log(
    `  converted         ${viral.converted} (${f(100 * viral.conversion, 1)}%, ${level} ` +
      `[${f(100 * conversion.lower, 1)}%, ${f(100 * conversion.upper, 1)}%])`,
  );
  console.log(`  K-factor          ${f(viral.k)} ${level} [${f(k.lower)}, ${f(k.upper)}]`);
  console.log(
    `  cycle time        ${f(ct, 1)} days (invite to join ${f(viral.conversionLagDays, 1)})`,
  );
  if (skok !== null) {
    console.log(
      `\nSkok's N(t) beside the seed members' referral trees: N0 = ${skok.n0}, ` +
        `seeds' K = ${f(skok.k)}, ct = ${f(ct, 1)} days`,
    );
    console.log(`${"t (days)".padStart(10)}${"observed".padStart(12)}${"Skok".padStart(12)}`);
    for (const p of skok.points) {
      console.log(
        `${p.t.toFixed(1).padStart(10)}${String(p.observed ?? "–").padStart(12)}${
          f(p.skok, 1).padStart(12)
        }`,
      );
    }
  }
  return 0;
}
