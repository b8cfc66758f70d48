/**
 * Scores warning alerts against churn outcomes: precision, recall, alert volume per day
 * and lead time, counting only alerts early enough for an intervention.
 *
 * Which pairs count (horizon H, latency L, both in days):
 * - An alert of member m on day a is *after churn* when m is in a churned spell that
 *   day (churned on or before a, not yet back: churn happens during a day, alerts come
 *   at its end); otherwise let c be m's next churn day. The alert is *timely* when
 *   L ≤ c − a ≤ H, *late* when c − a < L (right, but too late to act), and a *false
 *   alarm* when m does not churn within H days. Precision = timely / judged alerts.
 * - A churn of m on day c is *caught* when m has an alert on a day a with
 *   L ≤ c − a ≤ H, a ≥ 1 day before c and not inside m's previous churned spell.
 *   Recall = caught / churns. The lead time of a caught churn is c − a for the earliest
 *   such alert, so the lead times are the days an intervention had.
 * - Member precision = members with a timely alert / members with a judged alert.
 * - Which alerts are judged and which churns counted is set by the outcomes (see
 *   outcomes.ts): observed churn judges alerts on [from, to − H] and counts churns on
 *   [from, to]; holdout churn judges alerts on [asOf + 1 − H, asOf] of members in scope
 *   and counts their churns. Any alert of the member may catch a churn.
 *   Alerts per day = judged alerts / days in that alert period.
 *
 * Intervals: Wilson (1927) for precision and recall, the sign-test order-statistic
 * interval for the median lead time. Checked against hand-computed logs in
 * test/models/warning/evaluate.test.ts.
 *
 * @module
 */
import { checkLevel } from "../analytics/_checks.ts";
import { type SummaryRow, wilsonInterval } from "../analytics/_interval.ts";
import type { Alerts } from "./alerts.ts";
import type { ChurnOutcomes } from "./outcomes.ts";
import { type LeadTimeSummary, summarizeLeadTimes } from "./_lead_time.ts";

export type { LeadTimeSummary } from "./_lead_time.ts";

/** Options of {@link evaluateWarnings}. */
export interface EvaluateWarningsOptions {
  /** Days after an alert within which a churn makes it right. Default 30. */
  readonly horizon?: number;
  /** Days an intervention needs: alerts closer to churn than this do not count. Default 3. */
  readonly latency?: number;
  /** Confidence level of the intervals. Default 0.95. */
  readonly level?: number;
  /** Bin width of the lead-time histogram, in days. Default 7. */
  readonly binDays?: number;
}

/**
 * Defaults of {@link evaluateWarnings}.
 *
 * @example
 * ```ts
 * import { EVALUATE_WARNINGS_DEFAULTS } from "./evaluate.ts";
 * if (EVALUATE_WARNINGS_DEFAULTS.horizon !== 30) throw new Error("unexpected");
 * ```
 */
export const EVALUATE_WARNINGS_DEFAULTS = {
  horizon: 30,
  latency: 3,
  level: 0.95,
  binDays: 7,
} as const;

/** How well alerts anticipated churn. */
export interface WarningEvaluation {
  /** Model name. */
  readonly model: "warning-evaluation";
  /** Judged alerts. */
  readonly n: number;
  /** Confidence level of the intervals. */
  readonly level: number;
  /** Rule names of the alerts. */
  readonly rules: readonly string[];
  /** Days after an alert within which a churn makes it right. */
  readonly horizon: number;
  /** Days an intervention needs. */
  readonly latency: number;
  /** Outcome kind the alerts were judged against. */
  readonly outcomes: ChurnOutcomes["kind"];
  /** First day of judged alerts. */
  readonly alertFrom: number;
  /** Last day of judged alerts. */
  readonly alertTo: number;
  /** Alerts raised, judged or not. */
  readonly alertsRaised: number;
  /** Judged alerts followed by a churn L to H days later. */
  readonly timely: number;
  /** Judged alerts followed by a churn fewer than L days later. */
  readonly late: number;
  /** Judged alerts on members already churned and not back. */
  readonly afterChurn: number;
  /** Judged alerts not followed by a churn within H days. */
  readonly falseAlarms: number;
  /** timely / n; NaN without judged alerts. */
  readonly precision: number;
  /** Churns counted. */
  readonly churns: number;
  /** Churns with a timely alert. */
  readonly caught: number;
  /** caught / churns; NaN without churns. */
  readonly recall: number;
  /** Members with a judged alert. */
  readonly flaggedMembers: number;
  /** Members among them with a timely alert. */
  readonly flaggedChurners: number;
  /** flaggedChurners / flaggedMembers. */
  readonly memberPrecision: number;
  /** n / days of the alert period. */
  readonly alertsPerDay: number;
  /** Lead time of each caught churn, ascending. */
  readonly leadTimes: Int32Array;
  /** Lead-time distribution. */
  readonly leadTime: LeadTimeSummary;
  /** Precision, recall and member precision (Wilson), alerts per day, median lead time. */
  summary(): SummaryRow[];
}

/**
 * Judges alerts against churn outcomes.
 *
 * @example One timely alert, one false alarm
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { AlertsBuilder } from "./alerts.ts";
 * import { evaluateWarnings } from "./evaluate.ts";
 * import { observedChurn } from "./outcomes.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(1, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.churn, NaN, -1);
 * b.push(1, 100, EventCode.order, 5, -1);
 * const outcomes = observedChurn(b.build({ count: 2, ids: null, attributes: {} }));
 * const a = new AlertsBuilder();
 * a.push(0, 10, 1);
 * a.push(1, 10, 1);
 * const e = evaluateWarnings(a.build(["r"], 2), outcomes, { horizon: 30, latency: 3 });
 * if (e.precision !== 0.5 || e.recall !== 1 || e.leadTime.median !== 10) throw new Error();
 * ```
 */
export function evaluateWarnings(
  alerts: Alerts,
  outcomes: ChurnOutcomes,
  options: EvaluateWarningsOptions = {},
): WarningEvaluation {
  const action = "evaluate warnings";
  const o = { ...EVALUATE_WARNINGS_DEFAULTS, ...options };
  const { horizon: H, latency: L } = o;
  if (!(Number.isInteger(H) && H > 0)) {
    throw new RangeError(`Cannot ${action}: horizon is ${H}, expected a positive integer of days`);
  }
  if (!(Number.isInteger(L) && L >= 0 && L <= H)) {
    throw new RangeError(
      `Cannot ${action}: latency is ${L}, expected an integer in [0, horizon = ${H}]`,
    );
  }
  if (!(Number.isInteger(o.binDays) && o.binDays > 0)) {
    throw new RangeError(`Cannot ${action}: binDays is ${o.binDays}, expected a positive integer`);
  }
  checkLevel(action, o.level);
  if (alerts.memberCount !== outcomes.memberCount) {
    throw new RangeError(
      `Cannot ${action}: alerts refer to ${alerts.memberCount} members but the outcomes to ${outcomes.memberCount}; use the same log`,
    );
  }
  const holdout = outcomes.kind === "holdout";
  const alertFrom = holdout ? outcomes.to + 1 - H : outcomes.from;
  const alertTo = holdout ? outcomes.to : outcomes.to - H;
  if (alertTo < alertFrom) {
    throw new RangeError(
      `Cannot ${action}: horizon ${H} leaves no day to judge alerts in the period [${outcomes.from}, ${outcomes.to}]; ` +
        `shorten the horizon or lengthen the period`,
    );
  }
  // Churn within one day at least: an alert on the churn day comes after the churn.
  const minGap = Math.max(L, 1);
  const { start, churnDay, returnDay, inScope } = outcomes;
  let n = 0, timely = 0, late = 0, afterChurn = 0, churns = 0, caught = 0;
  let flagged = 0, flaggedChurners = 0;
  const leads: number[] = [];
  let p = 0;
  for (let m = 0; m < outcomes.memberCount; m++) {
    let q = p;
    while (q < alerts.length && alerts.member[q] === m) q++;
    if (inScope[m] === 1) {
      const first = start[m], end = start[m + 1];
      let judged = false, right = false;
      // j: churns on or before the alert day, so churn j − 1 is the latest of them.
      let j = first;
      for (let i = p; i < q; i++) {
        const a = alerts.day[i];
        if (a < alertFrom || a > alertTo) continue;
        n++;
        judged = true;
        while (j < end && churnDay[j] <= a) j++;
        if (j > first && a < returnDay[j - 1]) {
          afterChurn++;
          continue;
        }
        const gap = j < end ? churnDay[j] - a : Infinity;
        if (gap <= H && gap >= L) {
          timely++;
          right = true;
        } else if (gap < L) late++;
      }
      if (judged) flagged++;
      if (right) flaggedChurners++;
      // Churns and alerts both ascend, so the alert cursor only moves forward.
      let i = p;
      for (let k = first; k < end; k++) {
        const c = churnDay[k];
        if (!holdout && (c < outcomes.from || c > outcomes.to)) continue;
        churns++;
        const back = k > first ? returnDay[k - 1] : -Infinity;
        while (i < q && (alerts.day[i] < c - H || alerts.day[i] < back)) i++;
        if (i < q && c - alerts.day[i] >= minGap) {
          caught++;
          leads.push(c - alerts.day[i]);
        }
      }
    }
    p = q;
  }
  const leadTimes = Int32Array.from(leads).sort();
  const leadTime = summarizeLeadTimes(leadTimes, o.level, o.binDays);
  const days = alertTo - alertFrom + 1;
  const level = o.level;
  const precision = n > 0 ? timely / n : NaN;
  const recall = churns > 0 ? caught / churns : NaN;
  const memberPrecision = flagged > 0 ? flaggedChurners / flagged : NaN;
  return Object.freeze({
    model: "warning-evaluation" as const,
    n,
    level,
    rules: alerts.rules,
    horizon: H,
    latency: L,
    outcomes: outcomes.kind,
    alertFrom,
    alertTo,
    alertsRaised: alerts.length,
    timely,
    late,
    afterChurn,
    falseAlarms: n - timely - late - afterChurn,
    precision,
    churns,
    caught,
    recall,
    flaggedMembers: flagged,
    flaggedChurners,
    memberPrecision,
    alertsPerDay: n / days,
    leadTimes,
    leadTime,
    summary: (): SummaryRow[] => {
      const share = (name: string, k: number, total: number, estimate: number) => {
        const [lower, upper] = wilsonInterval(k, total, level);
        return { name, estimate, lower, upper, level };
      };
      return [
        share("precision", timely, n, precision),
        share("recall", caught, churns, recall),
        share("member-precision", flaggedChurners, flagged, memberPrecision),
        { name: "alerts-per-day", estimate: n / days, lower: NaN, upper: NaN, level },
        {
          name: "median-lead-time",
          estimate: leadTime.median,
          lower: leadTime.medianLower,
          upper: leadTime.medianUpper,
          level,
        },
      ];
    },
  });
}
