/**
 * A scenario that simulates the BG/NBD story (Fader, Hardie & Lee 2005) with the
 * simulator's own parts: members join with their first purchase (an acquisition channel
 * with `orderOnJoin`), buy at a daily rate that is gamma(r, α) across members
 * (`purchases.heterogeneity` with shape r on a base rate r/α per day), drop out right
 * after each repeat purchase with a beta(a, b) probability (`purchases.dropout`), and
 * spend per purchase day by Gamma-Gamma (`purchases.spend`).
 *
 * The simulator decides each day whether a member buys, with probability 1 − exp(−λ)
 * for a daily rate λ, so a member buys at most once a day: the way the summaries count
 * purchases (distinct purchase days). Against BG/NBD's Poisson count this loses about
 * λ/2 of a member's purchases (under 1% for members buying on fewer than one day in 50;
 * CDNOW's mean rate r/α is one purchase in 18 weeks).
 *
 * @module
 */
import type { ScenarioInput } from "../sim/scenario.ts";
import type { TimeUnit } from "../models/clv/mod.ts";
import type { AcquisitionFit } from "./acquisition.ts";
import { round } from "./_round.ts";

/** BG/NBD parameters, α in the stated unit. */
export interface BgNbdParameters {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Options of {@link bgNbdScenario}. */
export interface BgNbdScenarioOptions {
  /** Scenario name (letters, digits and _). */
  readonly name: string;
  readonly description?: string;
  /** Default 1. */
  readonly seed?: number | string;
  /** Days simulated, scenario days 0..horizon − 1. */
  readonly horizon: number;
  /** Purchase rates gamma(r, α) per `unit` and drop-out beta(a, b). */
  readonly purchases: BgNbdParameters;
  /** Unit of α (a week: α = 4.4 weeks is α = 30.9 days). */
  readonly unit: TimeUnit;
  /** Spend per purchase day: Gamma-Gamma, lognormal or fixed. */
  readonly spend: ScenarioInput["purchases"]["spend"];
  /** When members join (the first purchase). */
  readonly acquisition: AcquisitionFit;
  /** Acquisition cost per member (default 0: a log does not say). */
  readonly cac?: number;
}

/** Names used in calibrated scenarios. */
export const BG_NBD_SCENARIO_NAMES = {
  active: "active",
  churned: "churned",
  channel: "first_purchase",
} as const;

/**
 * Builds the scenario input (as written to a file) for BG/NBD purchases.
 *
 * @example One member a day for a week, CDNOW-like purchases in weeks
 * ```ts
 * import { bgNbdScenario } from "./bg_nbd_scenario.ts";
 * import { parseScenario } from "../sim/validate.ts";
 * const input = bgNbdScenario({
 *   name: "cdnow_like", horizon: 100, unit: { name: "week", days: 7 },
 *   purchases: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
 *   spend: { type: "fixed", value: 15 },
 *   acquisition: {
 *     mode: "schedule", firstDay: 0, lastDay: 6, members: 7,
 *     schedule: [1, 1, 1, 1, 1, 1, 1], daily: 1,
 *   },
 * });
 * const scenario = parseScenario(input);
 * if (scenario.purchases.heterogeneity?.shape !== 0.243) throw new Error("unexpected");
 * ```
 */
export function bgNbdScenario(options: BgNbdScenarioOptions): ScenarioInput {
  const { purchases, unit, acquisition } = options;
  for (const [name, value] of Object.entries(purchases)) {
    if (!(value > 0 && Number.isFinite(value))) {
      throw new RangeError(
        `Cannot build a BG/NBD scenario: ${name} is ${value}; expected a finite number > 0`,
      );
    }
  }
  if (!(unit.days > 0)) {
    throw new RangeError(`Cannot build a BG/NBD scenario: unit.days is ${unit.days}; expected > 0`);
  }
  const names = BG_NBD_SCENARIO_NAMES;
  const window = acquisition.schedule.length;
  const channel = acquisition.mode === "schedule"
    ? { schedule: [...acquisition.schedule] }
    : { daily: round(acquisition.daily), arrivals: "poisson" as const, until: window };
  return {
    name: options.name,
    ...(options.description === undefined ? {} : { description: options.description }),
    seed: options.seed ?? 1,
    horizon: options.horizon,
    initialStage: names.active,
    stages: {
      [names.active]: {
        label: "active (buying)",
        // Mean of gamma(r, α·days) per day; each member's multiplier is gamma(r, r).
        orders: { type: "rate", value: round(purchases.r / (purchases.alpha * unit.days)) },
      },
      [names.churned]: { label: "dropped out", churned: true },
    },
    population: { initial: 0 },
    purchases: {
      heterogeneity: { shape: round(purchases.r) },
      spend: options.spend,
      dropout: { type: "beta", a: round(purchases.a), b: round(purchases.b) },
    },
    channels: [{
      name: names.channel,
      ...channel,
      orderOnJoin: true,
      cac: options.cac ?? 0,
    }],
  };
}
