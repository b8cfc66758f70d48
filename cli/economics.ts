/**
 * `lab economics`: CAC, ARPU, lifetime, LTV (plain and discounted), LTV/CAC and CAC
 * payback per acquisition channel from an event file, with every time unit explicit.
 *
 * @module
 */
import {
  arpuByPeriod,
  computeUnitEconomics,
  LTV_DEFAULTS,
  type SurvivalShape,
  UNIT_ECONOMICS_DEFAULTS,
  type UnitEconomicsOptions,
} from "../models/analytics/mod.ts";
import {
  type Command,
  integerOption,
  numberOption,
  parseCommandLine,
  printJson,
  UsageError,
} from "./command.ts";
import {
  choiceOption,
  dateOfDay,
  dayOption,
  LOADER_HELP,
  LOADER_OPTIONS,
  loadFromArgs,
  printLoad,
  reportDataErrors,
} from "./_event_file.ts";

/** Defaults of `lab economics` beyond the model's: the month length used for payback. */
export const ECONOMICS_CLI_DEFAULTS = {
  /** 365.25 / 12 days: the mean Gregorian month. */
  monthDays: 30.4375,
} as const;

const HELP =
  `Usage: deno task lab economics <file> --id-col <col> --date-col <col> --amount-col <col>
       (--cac <channel=value,...> | --spend <channel=value,...>) [options]

Per acquisition channel: CAC (given, or spend / members acquired), ARPU per period of
membership, lifetime LT = 1 / churn rate per period (from churn events or --churn-after,
or given with --lifetime), LTV = LT × margin × ARPU, discounted LTV, LTV/CAC and CAC
payback in months. Without --channel-col every member is in one channel called 'all'
(e.g. --cac all=30).

${LOADER_HELP}
Economics options:
  --cac <list>            CAC per channel, e.g. ads=42.5,seo=12
  --spend <list>          acquisition spend per channel in the window instead of --cac
  --from <date>           first acquisition day counted (default: first day in the file)
  --to <date>             last acquisition day counted (default: --as-of)
  --as-of <date>          last observed day (default: last day in the file)
  --period-days <days>    ARPU and lifetime period (default ${UNIT_ECONOMICS_DEFAULTS.periodDays})
  --month-days <days>     month length for payback (default ${ECONOMICS_CLI_DEFAULTS.monthDays} = 365.25/12)
  --churn-after <days>    count a member silent this many days after its last order
                          as churned (for files without churn events)
  --lifetime <periods>    lifetime in periods instead of the churn-rate estimate
  --margin <share>        margin share of revenue (default ${UNIT_ECONOMICS_DEFAULTS.margin})
  --discount <rate>       annual discount rate (default ${LTV_DEFAULTS.annualDiscountRate})
  --year-days <days>      days per discount year (default ${LTV_DEFAULTS.yearDays})
  --arpu-period <days>    also list revenue, members present and ARPU per period of
                          this many days (e.g. 7, 14 or 30) from the first day
  --survival <shape>      geometric | fixed lifetime for the discounted LTV (default ${LTV_DEFAULTS.survival})

Example:
  deno task lab economics ../shared/data/cdnow/CDNOW_master.txt --id-col customer_id \\
    --date-col date --amount-col dollar_value --cac all=30 --churn-after 180 --json`;

const OPTIONS = {
  ...LOADER_OPTIONS,
  cac: { type: "string" },
  spend: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  "as-of": { type: "string" },
  "period-days": { type: "string" },
  "month-days": { type: "string" },
  lifetime: { type: "string" },
  "churn-after": { type: "string" },
  margin: { type: "string" },
  discount: { type: "string" },
  "year-days": { type: "string" },
  survival: { type: "string" },
  "arpu-period": { type: "string" },
} as const;

/** The `lab economics` command. */
export const economicsCommand: Command = {
  name: "economics",
  help: HELP,
  run: (argv) => reportDataErrors(() => runEconomics(argv)),
};

async function runEconomics(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine("economics", argv, OPTIONS);
  const cac = typeof values.cac === "string" ? parseChannelValues("cac", values.cac) : undefined;
  const spend = typeof values.spend === "string"
    ? parseChannelValues("spend", values.spend)
    : undefined;
  if ((cac === undefined) === (spend === undefined)) {
    throw new UsageError("economics: give exactly one of --cac and --spend. See --help.");
  }
  const numbers = {
    periodDays: numberOption(values, "period-days"),
    lifetimePeriods: numberOption(values, "lifetime"),
    churnAfterDays: integerOption(values, "churn-after", { min: 1 }),
    margin: numberOption(values, "margin"),
    annualDiscountRate: numberOption(values, "discount"),
    yearDays: numberOption(values, "year-days"),
    survival: choiceOption<SurvivalShape>(values, "survival", ["geometric", "fixed"]),
  };
  const monthDays = numberOption(values, "month-days") ?? ECONOMICS_CLI_DEFAULTS.monthDays;
  const { log, load, channelAttribute } = await loadFromArgs("economics", positionals, values);
  const options: UnitEconomicsOptions = {
    ...Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)),
    ...(cac === undefined ? { spend } : { cac }),
    monthDays,
    channelAttribute,
    from: dayOption(values, "from", log.origin),
    to: dayOption(values, "to", log.origin),
    asOf: dayOption(values, "as-of", log.origin),
  };
  const econ = computeUnitEconomics(log, options);
  const arpuPeriod = integerOption(values, "arpu-period", { min: 1 });
  const periods = arpuPeriod === undefined
    ? null
    : arpuByPeriod(log, { periodDays: arpuPeriod, asOf: econ.asOf }).periods.map((p) => ({
      ...p,
      start: dateOfDay(log.origin, p.start),
      end: dateOfDay(log.origin, p.end),
    }));
  const window = {
    from: dateOfDay(log.origin, econ.from),
    to: dateOfDay(log.origin, econ.to),
    asOf: dateOfDay(log.origin, econ.asOf),
  };
  if (values.json === true) {
    printJson({
      load,
      model: econ.model,
      ...window,
      periodDays: econ.periodDays,
      monthDays: econ.monthDays,
      annualDiscountRate: numbers.annualDiscountRate ?? LTV_DEFAULTS.annualDiscountRate,
      n: econ.n,
      level: econ.level,
      channels: econ.channels,
      summary: econ.summary(),
      arpuByPeriod: periods ?? undefined,
    });
    return evaluated(econ.channels);
  }
  printLoad(load);
  console.log(
    `Unit economics: acquired ${window.from} to ${window.to}, observed to ${window.asOf}; ` +
      `period ${econ.periodDays} days, month ${econ.monthDays} days`,
  );
  for (const c of econ.channels) {
    if (!c.ok) {
      console.log(`\n${c.channel}: not evaluated (${c.code}): ${c.message}`);
      continue;
    }
    const f = (v: number) => v.toFixed(2);
    const lt = c.lifetime;
    const interval = Number.isNaN(lt.lower) ? "given" : `95% [${f(lt.lower)}, ${f(lt.upper)}]`;
    console.log(`\n${c.channel}: ${c.acquired} acquired, CAC ${f(c.cac)}, spend ${f(c.spend)}`);
    console.log(
      `  ARPU per period     ${f(c.arpu)} (${f(c.revenue)} over ${
        f(c.exposurePeriods)
      } member-periods)`,
    );
    console.log(`  lifetime (periods)  ${f(lt.estimate)} ${interval}, ${c.churns} churns`);
    console.log(`  LTV                 ${f(c.ltv)} (discounted ${f(c.discountedLtv)})`);
    console.log(`  LTV/CAC             ${f(c.ltvToCac)} (discounted ${f(c.discountedLtvToCac)})`);
    console.log(`  payback (months)    ${f(c.paybackMonths)}`);
  }
  if (periods !== null) {
    console.log(`\nARPU per ${arpuPeriod}-day period (all members; * = period not yet complete)`);
    console.log(
      ["start".padEnd(12), "revenue", "members", "paying", "ARPU", "ARPPU"].map((h, i) =>
        i === 0 ? h : h.padStart(12)
      ).join(""),
    );
    for (const p of periods) {
      const cells = [
        p.revenue.toFixed(2),
        String(p.members),
        String(p.paying),
        p.arpu.toFixed(2),
        p.arppu.toFixed(2),
      ];
      console.log(
        p.start.padEnd(12) + cells.map((c) => c.padStart(12)).join("") + (p.complete ? "" : " *"),
      );
    }
  }
  return evaluated(econ.channels);
}

/** Exit code: 1 when no channel could be evaluated, so scripts notice the failure. */
function evaluated(channels: readonly { ok: boolean }[]): number {
  return channels.some((c) => c.ok) ? 0 : 1;
}

function parseChannelValues(option: string, text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(",")) {
    const match = /^\s*([^=]+?)\s*=\s*([^=\s]+)\s*$/.exec(part);
    const value = match === null ? NaN : Number(match[2]);
    if (match === null || !Number.isFinite(value)) {
      throw new UsageError(
        `--${option}: expected channel=value pairs like ads=40,seo=12, got '${part}'`,
      );
    }
    out[match[1]] = value;
  }
  return out;
}
