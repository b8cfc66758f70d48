/**
 * Discrete-opportunity patterns (x, t_x, n) with counts from transactions, the
 * input of BG/BB: each member's opportunities are the whole periods of `unit` after
 * the first purchase up to the calibration end; period k covers days
 * (first + (k − 1)·u, first + k·u]. x counts periods with a purchase, t_x is the last
 * such period (0 when x = 0), n the number of whole periods.
 *
 * @module
 */
import type { BgBbData } from "./bg_bb.ts";
import type { SummarizeOptions, Transactions } from "./summary.ts";

/**
 * Groups members into (x, t_x, n) patterns with counts. Members without a whole
 * period before the calibration end are left out (they had no opportunity).
 *
 * @example Yearly opportunities
 * ```ts
 * import { summarizeOpportunities } from "./opportunities.ts";
 * const p = summarizeOpportunities(
 *   { member: ["a", "a", "b"], day: [0, 400, 0] },
 *   { calibrationEnd: 3 * 365, unit: { name: "year", days: 365 } },
 * );
 * if (p.frequency.length !== 2 || p.periods[0] !== 3) throw new Error("unexpected");
 * ```
 */
export function summarizeOpportunities(
  transactions: Transactions,
  options: Pick<SummarizeOptions, "calibrationEnd" | "unit">,
): BgBbData {
  const { member, day } = transactions;
  const { calibrationEnd, unit } = options;
  if (!(unit.days > 0)) {
    throw new RangeError(`Cannot summarize opportunities: unit.days must be > 0, got ${unit.days}`);
  }
  const days = new Map<string | number, number[]>();
  for (let i = 0; i < day.length; i++) {
    if (!Number.isFinite(day[i])) {
      throw new RangeError(`Cannot summarize opportunities: day at row ${i} is ${day[i]}`);
    }
    if (day[i] > calibrationEnd) continue;
    const list = days.get(member[i]);
    if (list === undefined) days.set(member[i], [day[i]]);
    else list.push(day[i]);
  }
  const counts = new Map<string, number>();
  for (const list of days.values()) {
    const first = Math.min(...list);
    const n = Math.floor((calibrationEnd - first) / unit.days);
    if (n < 1) continue;
    const periods = new Set<number>();
    for (const d of list) {
      const k = Math.ceil((d - first) / unit.days);
      if (k >= 1 && k <= n) periods.add(k);
    }
    const x = periods.size;
    const tx = x > 0 ? Math.max(...periods) : 0;
    const key = `${x},${tx},${n}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const frequency: number[] = [], recency: number[] = [], periods: number[] = [];
  const weights: number[] = [];
  for (const [key, count] of counts) {
    const [x, tx, n] = key.split(",").map(Number);
    frequency.push(x);
    recency.push(tx);
    periods.push(n);
    weights.push(count);
  }
  return { frequency, recency, periods, weights, unit };
}
