/**
 * The CLV tracking comparison of Fader, Hardie & Lee (2005, "Counting your customers the
 * easy way", fig. 2): a cohort's cumulative repeat purchases period by period, as they
 * happened, as a fitted model expects them, and as simulations of a scenario spread them.
 * The cohort is the members whose first purchase falls on or before the calibration end;
 * repeat purchases are purchase days after the first, as the models count them. Period k
 * covers days ((k − 1)·u, k·u − 1] of the log for a unit of u days, the last period
 * ending at the observation end. A model's expectation at the end of period k is
 * Σᵢ E[X(tᵢ)] with tᵢ the time member i has been observed since the first purchase (the
 * unconditional forecast, as `lifetimes`' `expected_cumulative_transactions`).
 *
 * @module
 */
import type { PurchaseForecast, TimeUnit, Transactions } from "../models/clv/mod.ts";

/** Options of {@link countRepeatPurchases} and {@link trackRepeatPurchases}. */
export interface TrackingOptions {
  /** Period length, e.g. `WEEK`; a whole number of days. */
  readonly unit: TimeUnit;
  /** Last day of the calibration period; only members who first bought by then count. */
  readonly calibrationEnd: number;
  /** Last day observed (inclusive); the last period ends here. */
  readonly observationEnd: number;
}

/** A cohort's repeat purchases per period. */
export interface RepeatPurchaseCounts {
  /** Members of the cohort. */
  readonly members: number;
  /** Last day of each period. */
  readonly lastDays: Int32Array;
  /** Repeat purchase days of the cohort by the end of each period. */
  readonly cumulative: Float64Array;
  /** Distinct first-purchase days of the cohort, ascending, and the members on each. */
  readonly firstDays: Int32Array;
  readonly firstCounts: Int32Array;
}

/** One period of a tracking comparison. */
export interface TrackingRow {
  /** Period number, 1-based. */
  readonly period: number;
  /** Last day of the period. */
  readonly lastDay: number;
  /** Whether the period ends after the calibration end (the forecast part). */
  readonly holdout: boolean;
  /** Repeat purchase days by the end of the period. */
  readonly actual: number;
  /** What the model expects by then; null without a model. */
  readonly expected: number | null;
  /** Mean over simulated replications; null without simulations. */
  readonly simulated: number | null;
  /** Band of the replications (quantiles at (1 ∓ level)/2); null without simulations. */
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Actual, expected and simulated cumulative repeat purchases per period. */
export interface RepeatTracking {
  readonly unit: TimeUnit;
  readonly calibrationEnd: number;
  readonly observationEnd: number;
  /** Members of the cohort. */
  readonly members: number;
  /** Name of the model behind `expected`, e.g. "BG/NBD", or null. */
  readonly model: string | null;
  /** Level of the simulation band, or null without simulations. */
  readonly level: number | null;
  /** Simulated replications behind `simulated`, 0 without simulations. */
  readonly replications: number;
  readonly rows: readonly TrackingRow[];
}

/**
 * Counts a cohort's cumulative repeat purchase days per period.
 *
 * @example A member bought on days 0, 3, 3 and 9: two repeat purchase days
 * ```ts
 * import { countRepeatPurchases } from "./tracking.ts";
 * const counts = countRepeatPurchases({ member: [0, 0, 0, 0], day: [0, 3, 3, 9] }, {
 *   unit: { name: "week", days: 7 }, calibrationEnd: 6, observationEnd: 13,
 * });
 * if (counts.cumulative.join() !== "1,2") throw new Error("unexpected");
 * ```
 */
export function countRepeatPurchases(
  transactions: Pick<Transactions, "member" | "day">,
  options: TrackingOptions,
): RepeatPurchaseCounts {
  const { unit, calibrationEnd, observationEnd } = options;
  if (!(Number.isInteger(unit.days) && unit.days >= 1)) {
    throw new RangeError(
      `Cannot track repeat purchases: unit.days is ${unit.days}; expected a whole number ≥ 1`,
    );
  }
  if (!(Number.isInteger(observationEnd) && observationEnd >= calibrationEnd)) {
    throw new RangeError(
      `Cannot track repeat purchases: observationEnd is ${observationEnd}; expected a whole ` +
        `day ≥ the calibration end (${calibrationEnd})`,
    );
  }
  const { member, day } = transactions;
  const n = day.length;
  if (member.length !== n) {
    throw new RangeError(
      `Cannot track repeat purchases: member has ${member.length} rows and day ${n}; ` +
        "expected the same length",
    );
  }
  for (let i = 0; i < n; i++) {
    if (!(Number.isInteger(day[i]) && day[i] >= 0)) {
      throw new RangeError(
        `Cannot track repeat purchases: day at row ${i} is ${day[i]}; expected a whole day ≥ 0`,
      );
    }
  }
  // Members as integer codes (ids may be strings), then orders by member and day.
  const codes = new Int32Array(n);
  const index = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    let code = index.get(member[i]);
    if (code === undefined) index.set(member[i], code = index.size);
    codes[i] = code;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    codes[a] - codes[b] || day[a] - day[b]
  );
  const periods = Math.ceil((observationEnd + 1) / unit.days);
  const perDay = new Float64Array(observationEnd + 1);
  const firstPerDay = new Int32Array(calibrationEnd + 1);
  let members = 0;
  for (let k = 0; k < n;) {
    const who = codes[order[k]];
    const first = day[order[k]];
    const inCohort = first <= calibrationEnd;
    if (inCohort) {
      members++;
      firstPerDay[first]++;
    }
    let previous = first;
    for (k++; k < n && codes[order[k]] === who; k++) {
      const d = day[order[k]];
      if (inCohort && d !== previous && d <= observationEnd) perDay[d]++;
      previous = d;
    }
  }
  const lastDays = new Int32Array(periods);
  const cumulative = new Float64Array(periods);
  let total = 0;
  for (let p = 0; p < periods; p++) {
    lastDays[p] = Math.min((p + 1) * unit.days - 1, observationEnd);
    for (let d = p * unit.days; d <= lastDays[p]; d++) total += perDay[d];
    cumulative[p] = total;
  }
  const days: number[] = [], counts: number[] = [];
  firstPerDay.forEach((count, d) => {
    if (count > 0) {
      days.push(d);
      counts.push(count);
    }
  });
  return {
    members,
    lastDays,
    cumulative,
    firstDays: Int32Array.from(days),
    firstCounts: Int32Array.from(counts),
  };
}

/**
 * A model's expected cumulative repeat purchases of a cohort at the end of each period.
 *
 * @example One member who joined on day 0; the model expects one purchase per week
 * ```ts
 * import { countRepeatPurchases, expectRepeatPurchases } from "./tracking.ts";
 * const week = { name: "week", days: 7 };
 * const counts = countRepeatPurchases({ member: [0], day: [0] }, {
 *   unit: week, calibrationEnd: 6, observationEnd: 13,
 * });
 * const expected = expectRepeatPurchases({ expectedPurchases: (t) => t }, counts, week);
 * if (expected[1] !== 13 / 7) throw new Error("unexpected");
 * ```
 */
export function expectRepeatPurchases(
  forecast: Pick<PurchaseForecast, "expectedPurchases">,
  counts: RepeatPurchaseCounts,
  unit: TimeUnit,
): Float64Array {
  const out = new Float64Array(counts.lastDays.length);
  counts.lastDays.forEach((last, p) => {
    let sum = 0;
    counts.firstDays.forEach((first, j) => {
      if (first < last) {
        sum += counts.firstCounts[j] * forecast.expectedPurchases((last - first) / unit.days);
      }
    });
    out[p] = sum;
  });
  return out;
}

/**
 * Actual against a model's expected cumulative repeat purchases, period by period (the
 * tracking comparison without simulations).
 *
 * @example
 * ```ts
 * import { trackRepeatPurchases } from "./tracking.ts";
 * const track = trackRepeatPurchases({ member: [0, 0], day: [0, 9] }, {
 *   model: "linear", expectedPurchases: (t: number) => t,
 * }, { unit: { name: "week", days: 7 }, calibrationEnd: 6, observationEnd: 13 });
 * if (track.rows[1].actual !== 1 || track.rows[1].expected !== 13 / 7) throw new Error();
 * ```
 */
export function trackRepeatPurchases(
  transactions: Pick<Transactions, "member" | "day">,
  forecast: Pick<PurchaseForecast, "expectedPurchases"> & { readonly model: string },
  options: TrackingOptions,
): RepeatTracking {
  const counts = countRepeatPurchases(transactions, options);
  const expected = expectRepeatPurchases(forecast, counts, options.unit);
  return {
    unit: options.unit,
    calibrationEnd: options.calibrationEnd,
    observationEnd: options.observationEnd,
    members: counts.members,
    model: forecast.model,
    level: null,
    replications: 0,
    rows: Array.from(counts.lastDays, (lastDay, p) => ({
      period: p + 1,
      lastDay,
      holdout: lastDay > options.calibrationEnd,
      actual: counts.cumulative[p],
      expected: expected[p],
      simulated: null,
      lower: null,
      upper: null,
    })),
  };
}
