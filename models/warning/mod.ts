/**
 * Early warning (预警, frameworks.md §4): rules that read an event log and raise alerts
 * `{ member, day, rule, score }`, and their evaluation against churn outcomes.
 *
 * Every rule has one interface, {@link WarningRule}: `rule.alert(log)` returns
 * {@link Alerts}, typed-array columns sorted by member and day.
 * - {@link inactivityRule}: days since the last order (or joining) reach a window; the
 *   presets are 7 days (judgement), 14 (recovery) and 30 (warning).
 * - {@link rfmDowngradeRule}: a member moves down the RFM segment table between two
 *   as-of days.
 * - {@link groupActivityRule}: a group's activity below the tier × tenure benchmark of
 *   the thesis model; {@link findGroupShortfalls} gives the group-level alerts and
 *   {@link groupAlerts} fans them out to members; {@link trackGroupHealth} grades
 *   groups and pools them by mentor at every period of a run.
 * - {@link modelScoreRule}: P(alive) under a BG/NBD fit below a threshold.
 * - {@link anyOf} and {@link allOf} combine rules.
 *
 * Outcomes: {@link observedChurn} (simulated runs: churn days known) or
 * {@link holdoutChurn} (real logs: churn is a holdout without orders).
 * {@link evaluateWarnings} gives precision, recall, alerts per day and lead times,
 * counting only alerts at least an intervention's latency before churn;
 * {@link traceWarningCurve} with the `alertsBy*` variants gives the precision–recall
 * curve over a window or threshold.
 *
 * @example Evaluate the 14-day inactivity rule on a small simulated-style log
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { evaluateWarnings, inactivityRule, observedChurn } from "./mod.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 0, EventCode.order, 20, -1);
 * b.push(0, 30, EventCode.churn, NaN, -1);
 * b.push(1, 0, EventCode.join, NaN, -1);
 * for (let d = 0; d < 120; d += 10) b.push(1, d, EventCode.order, 20, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const alerts = inactivityRule({ window: "recovery" }).alert(log);
 * const e = evaluateWarnings(alerts, observedChurn(log), { horizon: 30, latency: 3 });
 * if (e.precision !== 1 || e.recall !== 1 || e.leadTime.median !== 16) throw new Error();
 * ```
 *
 * @module
 */
export * from "./alerts.ts";
export * from "./inactivity.ts";
export * from "./rfm_downgrade.ts";
export * from "./group_activity.ts";
export * from "./group_track.ts";
export * from "./model_score.ts";
export * from "./combine.ts";
export * from "./outcomes.ts";
export * from "./evaluate.ts";
export * from "./curve.ts";
export * from "./variants.ts";
