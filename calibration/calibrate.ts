/**
 * Calibrating the simulator from a real log: the calibration period's orders are
 * summarized (repeat purchase days, recency, T), BG/NBD is fitted for purchase
 * heterogeneity and drop-out, Gamma-Gamma for spend per purchase day, and the first
 * purchases give the acquisition timing; together they become a scenario the simulator
 * runs (see `bg_nbd_scenario.ts`), whose day 0 is the log's first join day.
 *
 * @module
 */
import {
  type BgNbdFit,
  type CustomerSummary,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaFit,
  summarizeTransactions,
  type TimeUnit,
  type Transactions,
  WEEK,
} from "../models/clv/mod.ts";
import { isoDate, parseIsoDate } from "../log/calendar.ts";
import type { Scenario, ScenarioInput } from "../sim/scenario.ts";
import { parseScenario } from "../sim/validate.ts";
import { type AcquisitionFit, type AcquisitionMode, fitAcquisition } from "./acquisition.ts";
import { bgNbdScenario } from "./bg_nbd_scenario.ts";
import { round } from "./_round.ts";

/** Options of {@link calibrateScenario}; days are the log's day numbers. */
export interface CalibrateOptions {
  /** Last day of the calibration period (inclusive). */
  readonly calibrationEnd: number;
  /** Unit the fitted parameters are stated in (α, recency, T); default a week of 7 days. */
  readonly unit?: TimeUnit;
  /** Acquisition: the observed joins per day (default) or a Poisson rate over the window. */
  readonly acquisition?: AcquisitionMode;
  /** Days the scenario simulates from its day 0; default through the log's last order. */
  readonly horizon?: number;
  /** Scenario name; default `calibrated`. */
  readonly name?: string;
  /** Scenario seed; default 1. */
  readonly seed?: number | string;
  /** ISO date of log day 0, to state day 0 of the scenario as a date; null for day numbers. */
  readonly origin?: string | null;
  /** Name of the log in the scenario's description, e.g. its file name. */
  readonly source?: string;
  /** Confidence level of the fits' intervals; default 0.95. */
  readonly level?: number;
  /** Acquisition cost per member written to the channel; default 0. */
  readonly cac?: number;
}

/** Defaults of {@link CalibrateOptions}. */
export const CALIBRATE_DEFAULTS = {
  unit: WEEK,
  acquisition: "schedule" as AcquisitionMode,
  name: "calibrated",
  seed: 1,
  level: 0.95,
  cac: 0,
} as const;

/** A calibrated scenario with the fits it came from. */
export interface Calibration {
  /** The scenario as written to a file (compact: defaults left out). */
  readonly input: ScenarioInput;
  /** The same scenario validated, defaults filled in: what `lab check` prints. */
  readonly scenario: Scenario;
  /** Log day that is day 0 of the scenario (the first join). */
  readonly firstDay: number;
  /** The calibration-period summary the models were fitted to. */
  readonly summary: CustomerSummary;
  /** Purchase heterogeneity and drop-out; times in `summary.unit`. */
  readonly purchases: BgNbdFit;
  /** Spend per purchase day; null without amounts (the scenario then spends 0). */
  readonly spend: GammaGammaFit | null;
  readonly acquisition: AcquisitionFit;
  /** What the caller should know: members left out of the spend fit, missing amounts. */
  readonly warnings: readonly string[];
}

/**
 * Fits a log's calibration period and turns the fits into a scenario.
 *
 * @example Calibrate a log simulated from BG/NBD customers (day numbers)
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../random/mod.ts";
 * import { simulateBgNbd } from "../models/clv/mod.ts";
 * import { calibrateScenario } from "./calibrate.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(3), 0));
 * const truth = { r: 0.5, alpha: 6, a: 0.8, b: 2.5, spend: { p: 6, q: 4, gamma: 15 } };
 * const customers = simulateBgNbd(rng, truth, { customers: 3000, T: 39, grid: 1 / 7 });
 * // One order on day 0 and, for repeat buyers, x orders ending on day 7·t_x.
 * const member: number[] = [], day: number[] = [], amount: number[] = [];
 * customers.frequency.forEach((x, i) => {
 *   for (let k = 0; k <= x; k++) {
 *     member.push(i);
 *     day.push(k === 0 ? 0 : Math.round(7 * customers.recency[i] * k / x));
 *     amount.push(k === 0 ? 10 : customers.monetary[i]);
 *   }
 * });
 * const calibration = calibrateScenario({ member, day, amount }, { calibrationEnd: 273 });
 * if (calibration.scenario.channels[0].schedule?.[0] !== 3000) throw new Error("unexpected");
 * ```
 */
export function calibrateScenario(
  transactions: Transactions,
  options: CalibrateOptions,
): Calibration {
  const unit = options.unit ?? CALIBRATE_DEFAULTS.unit;
  const level = options.level ?? CALIBRATE_DEFAULTS.level;
  const { calibrationEnd } = options;
  const summary = summarizeTransactions(transactions, { calibrationEnd, unit });
  if (summary.ids.length === 0) {
    throw new RangeError(
      `Cannot calibrate: no member made a first purchase on or before the calibration end ` +
        `(day ${calibrationEnd})`,
    );
  }
  const purchases = fitBgNbd(summary, { level });
  const warnings: string[] = [];
  const { spend, spendFit } = fitSpend(summary, level, warnings);
  // First purchase of each summarized member: calibration end minus T.
  const firstDays = Int32Array.from(
    summary.T,
    (T) => Math.round(calibrationEnd - T * unit.days),
  );
  const acquisition = fitAcquisition(firstDays, {
    calibrationEnd,
    mode: options.acquisition ?? CALIBRATE_DEFAULTS.acquisition,
  });
  const firstDay = acquisition.firstDay;
  const horizon = options.horizon ??
    Math.max(summary.observationEnd, calibrationEnd) - firstDay + 1;
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw new RangeError(`Cannot calibrate: horizon is ${horizon}; expected a whole number ≥ 1`);
  }
  const { r, alpha, a, b } = purchases.params;
  const origin = options.origin == null ? null : parseIsoDate(options.origin);
  const dateOf = (day: number) => origin === null ? `day ${day}` : isoDate(origin + day);
  const spendText = spendFit === null
    ? "no amounts (spend 0)"
    : `Gamma-Gamma p = ${round(spendFit.params.p)}, q = ${round(spendFit.params.q)}, ` +
      `γ = ${round(spendFit.params.gamma)}`;
  const input = bgNbdScenario({
    name: options.name ?? CALIBRATE_DEFAULTS.name,
    description: `Calibrated from ${options.source ?? "a log"}: ${summary.ids.length} members ` +
      `who joined ${dateOf(acquisition.firstDay)}..${dateOf(acquisition.lastDay)}, ` +
      `calibration period to ${dateOf(calibrationEnd)}. BG/NBD r = ${round(r)}, ` +
      `α = ${round(alpha)} ${unit.name}s, a = ${round(a)}, b = ${round(b)}; ${spendText}. ` +
      `Day 0 is ${dateOf(firstDay)}.`,
    seed: options.seed ?? CALIBRATE_DEFAULTS.seed,
    horizon,
    purchases: { r, alpha, a, b },
    unit,
    spend,
    acquisition,
    cac: options.cac ?? CALIBRATE_DEFAULTS.cac,
  });
  return {
    input,
    scenario: parseScenario(input),
    firstDay,
    summary,
    purchases,
    spend: spendFit,
    acquisition,
    warnings,
  };
}

/** Gamma-Gamma on members with repeat purchases of positive mean value. */
function fitSpend(
  summary: CustomerSummary,
  level: number,
  warnings: string[],
): { spend: ScenarioInput["purchases"]["spend"]; spendFit: GammaGammaFit | null } {
  if (summary.monetary === null) {
    warnings.push("the log has no amounts: the scenario's spend is fixed at 0");
    return { spend: { type: "fixed", value: 0 }, spendFit: null };
  }
  const frequency: number[] = [], monetary: number[] = [];
  let dropped = 0;
  for (let i = 0; i < summary.frequency.length; i++) {
    if (summary.frequency[i] === 0) continue;
    // Returns and free orders can make a member's mean spend 0 or less; Gamma-Gamma
    // describes positive amounts only.
    if (!(summary.monetary[i] > 0)) {
      dropped++;
      continue;
    }
    frequency.push(summary.frequency[i]);
    monetary.push(summary.monetary[i]);
  }
  if (dropped > 0) {
    warnings.push(
      `${dropped} members with repeat purchases of mean value ≤ 0 were left out of the ` +
        "Gamma-Gamma spend fit",
    );
  }
  const spendFit = fitGammaGamma({ frequency, monetary }, { level });
  const { p, q, gamma } = spendFit.params;
  return {
    spend: { type: "gamma_gamma", p: round(p), q: round(q), gamma: round(gamma) },
    spendFit,
  };
}
