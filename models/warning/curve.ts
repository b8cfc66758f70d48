/**
 * The precision–recall curve of a warning rule over one of its parameters (the
 * inactivity window, the P(alive) threshold, the RFM drop, the group margin): every
 * variant's alerts judged against the same outcomes with the same horizon and latency
 * ({@link evaluateWarnings}), one point per variant with its Wilson intervals, alert
 * volume and median lead time. Build the variants with the `alertsBy*` functions
 * (variants.ts), which run each rule's costly part once.
 *
 * @module
 */
import type { SummaryRow } from "../analytics/_interval.ts";
import type { Alerts } from "./alerts.ts";
import {
  EVALUATE_WARNINGS_DEFAULTS,
  evaluateWarnings,
  type EvaluateWarningsOptions,
  type WarningEvaluation,
} from "./evaluate.ts";
import type { ChurnOutcomes } from "./outcomes.ts";

/** One variant of a rule: the parameter value, the rule's name and its alerts. */
export interface AlertVariant {
  /** Parameter value, e.g. the window in days. */
  readonly value: number;
  /** Rule name of the variant, e.g. `inactivity-14`. */
  readonly rule: string;
  /** The variant's alerts. */
  readonly alerts: Alerts;
}

/** One point of a {@link WarningCurve}. */
export interface WarningCurvePoint {
  /** Parameter value. */
  readonly value: number;
  /** Rule name of the variant. */
  readonly rule: string;
  /** Precision with its Wilson interval. */
  readonly precision: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** Recall with its Wilson interval. */
  readonly recall: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** Judged alerts per day. */
  readonly alertsPerDay: number;
  /** Median days from the first timely alert to churn. */
  readonly medianLeadTime: number;
  /** The full evaluation. */
  readonly evaluation: WarningEvaluation;
}

/** Options of {@link traceWarningCurve}. */
export interface WarningCurveOptions extends EvaluateWarningsOptions {
  /** What the values are, e.g. `window` or `threshold`. Default `value`. */
  readonly parameter?: string;
}

/** A rule's precision and recall over a parameter. */
export interface WarningCurve {
  /** Model name. */
  readonly model: "warning-curve";
  /** Points. */
  readonly n: number;
  /** Confidence level of the intervals. */
  readonly level: number;
  /** What the values are. */
  readonly parameter: string;
  /** One point per variant, by ascending value. */
  readonly points: readonly WarningCurvePoint[];
  /** `precision:<value>` and `recall:<value>` rows with their intervals. */
  summary(): SummaryRow[];
}

/**
 * Judges each variant's alerts against the outcomes and collects the curve.
 *
 * @example Two windows on a two-member log: member 1 orders every 12 days, so only the
 * 7-day window raises false alarms
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { alertsByWindow } from "./variants.ts";
 * import { traceWarningCurve } from "./curve.ts";
 * import { observedChurn } from "./outcomes.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 5, -1);
 * b.push(0, 40, EventCode.churn, NaN, -1);
 * for (let d = 0; d <= 120; d += 12) b.push(1, d, EventCode.order, 5, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const curve = traceWarningCurve(alertsByWindow(log, [7, 20]), observedChurn(log));
 * if (curve.points[1].precision.estimate !== 1 || curve.points[1].recall.estimate !== 1) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function traceWarningCurve(
  variants: readonly AlertVariant[],
  outcomes: ChurnOutcomes,
  options: WarningCurveOptions = {},
): WarningCurve {
  if (variants.length === 0) {
    throw new RangeError("Cannot trace warning curve: no variant given, expected one per value");
  }
  const seen = new Set<number>();
  for (const v of variants) {
    if (seen.has(v.value)) {
      throw new RangeError(`Cannot trace warning curve: value ${v.value} appears twice`);
    }
    seen.add(v.value);
  }
  const { parameter = "value", ...evaluation } = options;
  const level = options.level ?? EVALUATE_WARNINGS_DEFAULTS.level;
  const points = [...variants].sort((a, b) => a.value - b.value).map((v) => {
    const e = evaluateWarnings(v.alerts, outcomes, evaluation);
    const [precision, recall] = e.summary();
    const interval = (row: SummaryRow) =>
      Object.freeze({ estimate: row.estimate, lower: row.lower, upper: row.upper });
    return Object.freeze({
      value: v.value,
      rule: v.rule,
      precision: interval(precision),
      recall: interval(recall),
      alertsPerDay: e.alertsPerDay,
      medianLeadTime: e.leadTime.median,
      evaluation: e,
    });
  });
  return Object.freeze({
    model: "warning-curve" as const,
    n: points.length,
    level,
    parameter,
    points: Object.freeze(points),
    summary: (): SummaryRow[] =>
      points.flatMap((p) => [
        { name: `precision:${p.value}`, ...p.precision, level },
        { name: `recall:${p.value}`, ...p.recall, level },
      ]),
  });
}
