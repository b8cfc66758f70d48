/**
 * The CLV tracking comparison of Fader, Hardie & Lee (2005, "Counting your customers the
 * easy way", fig. 2–3): cumulative repeat purchases of a cohort, period by period, as they
 * happened and as a fitted model expects them. The expectation at the end of period k is
 * Σᵢ E[X(tᵢ)], with tᵢ the time member i has been observed since the first purchase
 * (the model's unconditional forecast, as lifetimes' `expected_cumulative_transactions`).
 * Repeat purchases are counted as purchase days after the first, as the models count them.
 *
 * @module
 */
import type { PurchaseForecast, TimeUnit } from "../models/clv/mod.ts";

/** Options of {@link trackRepeatPurchases}. */
export interface TrackingOptions {
  /** Period length, e.g. `WEEK`. */
  readonly unit: TimeUnit;
  /** Last day of the calibration period; only members who first bought by then count. */
  readonly calibrationEnd: number;
  /** Periods to track from day 0 (period k ends on day k·unit.days − 1). */
  readonly periods: number;
}

/** One period of a tracking comparison. */
export interface TrackingRow {
  /** Period number, 1-based: the end of period k is k units after day 0. */
  readonly period: number;
  /** Repeat purchase days by the end of the period. */
  readonly actual: number;
  /** What the model expects by the end of the period. */
  readonly expected: number;
}

/** Actual vs expected cumulative repeat purchases per period. */
export interface RepeatTracking {
  readonly unit: TimeUnit;
  readonly calibrationEnd: number;
  /** Members of the cohort (first purchase on or before the calibration end). */
  readonly members: number;
  readonly rows: readonly TrackingRow[];
}

/**
 * Counts repeat purchase days per period and the model's expectation for the same cohort.
 *
 * @example A member bought on days 0 and 9; the model expects one purchase per week
 * ```ts
 * import { trackRepeatPurchases } from "./tracking.ts";
 * const track = trackRepeatPurchases({ member: [0, 0], day: [0, 9] }, {
 *   expectedPurchases: (t: number) => t,
 * }, { unit: { name: "week", days: 7 }, calibrationEnd: 6, periods: 2 });
 * if (track.rows[1].actual !== 1 || track.rows[1].expected !== 13 / 7) throw new Error();
 * ```
 */
export function trackRepeatPurchases(
  transactions: { readonly member: ArrayLike<number>; readonly day: ArrayLike<number> },
  forecast: Pick<PurchaseForecast, "expectedPurchases">,
  options: TrackingOptions,
): RepeatTracking {
  const { unit, calibrationEnd, periods } = options;
  if (!(unit.days > 0) || !Number.isInteger(periods) || periods < 1) {
    throw new RangeError(
      `Cannot track repeat purchases: unit.days is ${unit.days} and periods ${periods}, ` +
        "expected unit.days > 0 and a whole number of periods ≥ 1",
    );
  }
  const { member, day } = transactions;
  if (member.length !== day.length) {
    throw new RangeError(
      `Cannot track repeat purchases: member has ${member.length} rows and day ` +
        `${day.length}, expected the same length`,
    );
  }
  const first = new Map<number, number>();
  for (let i = 0; i < day.length; i++) {
    if (!Number.isInteger(day[i]) || day[i] < 0) {
      throw new RangeError(
        `Cannot track repeat purchases: day at row ${i} is ${day[i]}, expected a whole day ≥ 0`,
      );
    }
    const seen = first.get(member[i]);
    if (seen === undefined || day[i] < seen) first.set(member[i], day[i]);
  }
  // Purchase days after the first, per day; and cohort members per first day.
  const repeatDays = new Set<string>();
  const actualByDay = new Float64Array(periods * unit.days);
  for (let i = 0; i < day.length; i++) {
    const f = first.get(member[i])!;
    if (f > calibrationEnd || day[i] === f || day[i] >= actualByDay.length) continue;
    const key = `${member[i]}:${day[i]}`;
    if (repeatDays.has(key)) continue;
    repeatDays.add(key);
    actualByDay[day[i]]++;
  }
  const cohortByFirst = new Map<number, number>();
  for (const f of first.values()) {
    if (f <= calibrationEnd) cohortByFirst.set(f, (cohortByFirst.get(f) ?? 0) + 1);
  }
  const rows: TrackingRow[] = [];
  let actual = 0;
  for (let k = 1; k <= periods; k++) {
    const last = k * unit.days - 1;
    for (let d = (k - 1) * unit.days; d <= last; d++) actual += actualByDay[d];
    let expected = 0;
    for (const [f, count] of cohortByFirst) {
      if (f < last) expected += count * forecast.expectedPurchases((last - f) / unit.days);
    }
    rows.push({ period: k, actual, expected });
  }
  let members = 0;
  for (const count of cohortByFirst.values()) members += count;
  return { unit, calibrationEnd, members, rows };
}
