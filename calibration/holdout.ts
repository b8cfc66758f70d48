/**
 * Validating a scenario against what really happened: the scenario is simulated over the
 * log's calibration and holdout periods many times, each replication is summarized
 * exactly as the log is, and the log's figures are set against the replications' spread:
 * cumulative repeat purchases period by period (the CDNOW tracking plot, weeks 1–78 with
 * the holdout from week 40), and mean holdout purchases by calibration-period frequency
 * (FHL 2005, fig. 4), beside BG/NBD's closed-form conditional expectations for each real
 * member (fitted here to the log's calibration period).
 *
 * Replications are fresh populations: they forecast the cohort as the scenario describes
 * it, not the real members' own histories; the closed-form columns do the latter. The
 * bands are the spread of the replications at the scenario's parameters: they do not
 * include the uncertainty of parameters fitted to the log (see the fits' intervals).
 * Replication k (1-based) runs with seed `<seed>.<k>`.
 *
 * @module
 */
import {
  type BgNbdFit,
  fitBgNbd,
  ordersOf,
  summarizeTransactions,
  type TimeUnit,
  type Transactions,
  WEEK,
} from "../models/clv/mod.ts";
import { simulate } from "../sim/run.ts";
import type { Scenario } from "../sim/scenario.ts";
import { countRepeatPurchases, expectRepeatPurchases, type RepeatTracking } from "./tracking.ts";
import { sortedQuantile } from "../models/stats/sample_stats.ts";

/** Options of {@link validateHoldout}; days are scenario days. */
export interface HoldoutOptions {
  /** Last day of the calibration period (inclusive). */
  readonly calibrationEnd: number;
  /** Last day of the holdout period (inclusive); the scenario is simulated to here. */
  readonly observationEnd: number;
  /** Tracking period and unit of the model's times; default a week of 7 days. */
  readonly unit?: TimeUnit;
  /** Simulated replications; default 100. */
  readonly replications?: number;
  /** Base seed; default the scenario's. */
  readonly seed?: number | string;
  /** Level of the simulation bands; default 0.95. */
  readonly level?: number;
  /** Frequency groups 0, 1, ..., top − 1 and top+; default 7. */
  readonly topFrequency?: number;
  /** Called after each replication. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Defaults of {@link HoldoutOptions}. */
export const HOLDOUT_DEFAULTS = {
  unit: WEEK,
  replications: 100,
  level: 0.95,
  topFrequency: 7,
} as const;

/** Holdout purchases of members grouped by their calibration-period frequency. */
export interface ConditionalRow {
  /** Repeat purchases in the calibration period: "0", "1", ..., or "7+". */
  readonly frequency: string;
  /** Real members in the group. */
  readonly members: number;
  /** Their mean holdout purchases. */
  readonly actual: number;
  /** Mean of BG/NBD's conditional expectation for them. */
  readonly expected: number;
  /** Simulated members in the group, mean per replication. */
  readonly simulatedMembers: number;
  /** Mean holdout purchases of the simulated group, over replications (NaN: never seen). */
  readonly simulated: number;
  readonly lower: number;
  readonly upper: number;
}

/** Per real member: history, holdout purchases and what BG/NBD expected. */
export interface HoldoutMembers {
  /** Member ids as in the transactions, in order of first appearance. */
  readonly ids: readonly (string | number)[];
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  /** Purchase days in the holdout period. */
  readonly actual: Float64Array;
  /** E[Y(holdout) | x, t_x, T]. */
  readonly expected: Float64Array;
  /** P(alive at the calibration end). */
  readonly alive: Float64Array;
}

/** A figure over the holdout: the log's, the model's and the replications'. */
export interface HoldoutTotal {
  readonly actual: number;
  /** BG/NBD: sum of the members' conditional expectations. */
  readonly expected: number;
  readonly simulated: number;
  readonly lower: number;
  readonly upper: number;
}

/** Everything a holdout validation found. */
export interface HoldoutValidation {
  readonly scenario: string;
  readonly seed: number | string;
  readonly replications: number;
  readonly level: number;
  readonly unit: TimeUnit;
  readonly calibrationEnd: number;
  readonly observationEnd: number;
  /** Holdout length in `unit`s. */
  readonly holdoutLength: number;
  /** BG/NBD fitted to the log's calibration period. */
  readonly model: BgNbdFit;
  readonly tracking: RepeatTracking;
  readonly conditional: readonly ConditionalRow[];
  readonly members: HoldoutMembers;
  /** Cohort size: real members and simulated (mean over replications). */
  readonly cohort: { readonly actual: number; readonly simulated: number };
  /** Repeat purchase days in the holdout by the cohort. */
  readonly holdoutPurchases: HoldoutTotal;
  /** Holdout periods whose actual cumulative count lies inside the band, and their number. */
  readonly periodsInBand: number;
  readonly holdoutPeriods: number;
  /** Mean absolute percentage error of the cumulative count over the holdout periods. */
  readonly mape: { readonly simulated: number; readonly expected: number };
}

/**
 * Simulates a scenario over a log's calibration and holdout periods and compares.
 *
 * @example Validate a tiny calibrated scenario against its own simulated log
 * ```ts
 * import { ScenarioSchema } from "../sim/scenario.ts";
 * import { simulate } from "../sim/run.ts";
 * import { validateHoldout } from "./holdout.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "tiny", horizon: 140, initialStage: "active",
 *   stages: { active: { orders: { type: "rate", value: 0.05 } }, churned: { churned: true } },
 *   population: { initial: 0 },
 *   purchases: {
 *     heterogeneity: { shape: 1 }, spend: { type: "fixed", value: 1 },
 *     dropout: { type: "beta", a: 1, b: 4 },
 *   },
 *   channels: [{ name: "first", schedule: [100, 100, 100], orderOnJoin: true, cac: 0 }],
 * });
 * const run = await simulate(scenario, { workers: 1, seed: 99, record: { events: true } });
 * const log = run.events!;
 * const orders = { member: log.member, day: log.day };
 * const result = await validateHoldout(scenario, orders, {
 *   calibrationEnd: 69, observationEnd: 139, replications: 5,
 * });
 * if (result.tracking.rows.length !== 20 || result.cohort.actual !== 300) throw new Error();
 * ```
 */
export async function validateHoldout(
  scenario: Scenario,
  actual: Transactions,
  options: HoldoutOptions,
): Promise<HoldoutValidation> {
  const unit = options.unit ?? HOLDOUT_DEFAULTS.unit;
  const replications = options.replications ?? HOLDOUT_DEFAULTS.replications;
  const level = options.level ?? HOLDOUT_DEFAULTS.level;
  const top = options.topFrequency ?? HOLDOUT_DEFAULTS.topFrequency;
  const seed = options.seed ?? scenario.seed;
  const { calibrationEnd, observationEnd } = options;
  if (!(Number.isInteger(replications) && replications >= 1)) {
    throw new RangeError(
      `Cannot validate: replications is ${replications}; expected a whole number ≥ 1`,
    );
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot validate: level is ${level}; expected a number in (0, 1)`);
  }
  if (!(Number.isInteger(top) && top >= 1)) {
    throw new RangeError(`Cannot validate: topFrequency is ${top}; expected a whole number ≥ 1`);
  }
  if (!(Number.isInteger(calibrationEnd) && calibrationEnd >= 0)) {
    throw new RangeError(
      `Cannot validate: calibrationEnd is ${calibrationEnd}; expected a whole day ≥ 0`,
    );
  }
  if (!(Number.isInteger(observationEnd) && observationEnd > calibrationEnd)) {
    throw new RangeError(
      `Cannot validate: observationEnd is ${observationEnd}; expected a whole day after the ` +
        `calibration end (${calibrationEnd}), so that there is a holdout period`,
    );
  }
  const split = { calibrationEnd, observationEnd, unit };
  const summary = summarizeTransactions(actual, split);
  const model = fitBgNbd(summary);
  const holdoutLength = (observationEnd - calibrationEnd) / unit.days;
  const members = memberForecasts(summary, model, holdoutLength);
  const counts = countRepeatPurchases(actual, split);
  const expected = expectRepeatPurchases(model, counts, unit);
  const periods = counts.lastDays.length;

  // Per replication: cumulative counts, holdout total, cohort size, per-group means.
  const simulatedCumulative = Array.from({ length: periods }, () => new Float64Array(replications));
  const simulatedHoldout = new Float64Array(replications);
  const simulatedCohort = new Float64Array(replications);
  const groupMeans = Array.from({ length: top + 1 }, () => [] as number[]);
  const groupSizes = new Float64Array(top + 1);
  for (let k = 0; k < replications; k++) {
    const run = await simulate(scenario, {
      seed: `${seed}.${k + 1}`,
      days: observationEnd + 1,
      workers: 1,
      record: { events: true },
    });
    // Member and day only: with amounts the summary would also average spend, unused here.
    const { member, day } = ordersOf(run.events!);
    const simulated = { member, day };
    const simCounts = countRepeatPurchases(simulated, split);
    simCounts.cumulative.forEach((value, p) => simulatedCumulative[p][k] = value);
    const simSummary = summarizeTransactions(simulated, split);
    simulatedCohort[k] = simSummary.ids.length;
    const sums = new Float64Array(top + 1), sizes = new Float64Array(top + 1);
    for (let i = 0; i < simSummary.ids.length; i++) {
      const g = Math.min(simSummary.frequency[i], top);
      sums[g] += simSummary.holdoutFrequency[i];
      sizes[g]++;
      simulatedHoldout[k] += simSummary.holdoutFrequency[i];
    }
    for (let g = 0; g <= top; g++) {
      groupSizes[g] += sizes[g] / replications;
      if (sizes[g] > 0) groupMeans[g].push(sums[g] / sizes[g]);
    }
    options.onProgress?.(k + 1, replications);
  }

  const lowerP = (1 - level) / 2, upperP = 1 - lowerP;
  let inBand = 0, holdoutPeriods = 0, apeSimulated = 0, apeExpected = 0;
  const rows = Array.from(counts.lastDays, (lastDay, p) => {
    const sorted = simulatedCumulative[p].sort();
    const row = {
      period: p + 1,
      lastDay,
      holdout: lastDay > calibrationEnd,
      actual: counts.cumulative[p],
      expected: expected[p],
      simulated: mean(sorted),
      lower: sortedQuantile(sorted, lowerP),
      upper: sortedQuantile(sorted, upperP),
    };
    if (row.holdout) {
      holdoutPeriods++;
      if (row.lower <= row.actual && row.actual <= row.upper) inBand++;
      apeSimulated += Math.abs(row.simulated - row.actual) / row.actual;
      apeExpected += Math.abs(row.expected - row.actual) / row.actual;
    }
    return row;
  });

  const conditional = groupMeans.map((means, g): ConditionalRow => {
    let n = 0, actualSum = 0, expectedSum = 0;
    for (let i = 0; i < members.frequency.length; i++) {
      if (Math.min(members.frequency[i], top) !== g) continue;
      n++;
      actualSum += members.actual[i];
      expectedSum += members.expected[i];
    }
    const sorted = Float64Array.from(means).sort();
    return {
      frequency: g === top ? `${top}+` : String(g),
      members: n,
      actual: actualSum / n,
      expected: expectedSum / n,
      simulatedMembers: groupSizes[g],
      simulated: sorted.length > 0 ? mean(sorted) : NaN,
      lower: sorted.length > 0 ? sortedQuantile(sorted, lowerP) : NaN,
      upper: sorted.length > 0 ? sortedQuantile(sorted, upperP) : NaN,
    };
  });

  const holdoutSorted = simulatedHoldout.sort();
  return {
    scenario: scenario.name,
    seed,
    replications,
    level,
    unit,
    calibrationEnd,
    observationEnd,
    holdoutLength,
    model,
    tracking: {
      unit,
      calibrationEnd,
      observationEnd,
      members: counts.members,
      model: model.model,
      level,
      replications,
      rows,
    },
    conditional,
    members,
    cohort: { actual: summary.ids.length, simulated: mean(simulatedCohort) },
    holdoutPurchases: {
      actual: sum(members.actual),
      expected: sum(members.expected),
      simulated: mean(holdoutSorted),
      lower: sortedQuantile(holdoutSorted, lowerP),
      upper: sortedQuantile(holdoutSorted, upperP),
    },
    periodsInBand: inBand,
    holdoutPeriods,
    mape: {
      simulated: holdoutPeriods > 0 ? apeSimulated / holdoutPeriods : NaN,
      expected: holdoutPeriods > 0 ? apeExpected / holdoutPeriods : NaN,
    },
  };
}

function memberForecasts(
  summary: ReturnType<typeof summarizeTransactions>,
  model: BgNbdFit,
  horizon: number,
): HoldoutMembers {
  const { frequency, recency, T } = summary;
  const n = frequency.length;
  const expected = new Float64Array(n), alive = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    expected[i] = model.conditionalExpectedPurchases(horizon, frequency[i], recency[i], T[i]);
    alive[i] = model.probabilityAlive(frequency[i], recency[i], T[i]);
  }
  return {
    ids: summary.ids,
    frequency,
    recency,
    T,
    actual: summary.holdoutFrequency,
    expected,
    alive,
  };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

function mean(values: ArrayLike<number>): number {
  return sum(values) / values.length;
}
