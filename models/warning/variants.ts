/**
 * The variants of each rule over its tuning parameter, for a precision–recall curve
 * (curve.ts), each rule's costly part run once: inactivity alerts by window (the
 * members' sorted activity days found once, one pass over them for all windows),
 * model-score alerts by P(alive) threshold (BG/NBD fitted once per as-of day), RFM
 * downgrades by the fewest places dropped (RFM scored once per as-of day; a drop of d
 * is the alerts scored ≥ d) and group alerts by margin (groups graded once per as-of day).
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { filterAlerts } from "./alerts.ts";
import type { AlertVariant } from "./curve.ts";
import {
  findGroupShortfalls,
  type GroupActivityOptions,
  groupActivityRule,
  groupAlerts,
} from "./group_activity.ts";
import { type InactivityOptions, raiseInactivityAlerts } from "./inactivity.ts";
import { type AliveScoreOptions, modelScoreRule, scoreAlive } from "./model_score.ts";
import { type RfmDowngradeOptions, rfmDowngradeRule } from "./rfm_downgrade.ts";

/**
 * Inactivity alerts for each window in days.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { alertsByWindow } from "./variants.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 5, -1);
 * b.push(0, 40, EventCode.order, 5, -1);
 * const v = alertsByWindow(b.build({ count: 1, ids: null, attributes: {} }), [7, 60]);
 * if (v[0].alerts.length !== 1 || v[1].alerts.length !== 0) throw new Error("unexpected");
 * ```
 */
export function alertsByWindow(
  log: EventLog,
  windows: readonly number[],
  options: Omit<InactivityOptions, "window"> = {},
): AlertVariant[] {
  const alerts = raiseInactivityAlerts(log, windows, options);
  return windows.map((window, w) => ({
    value: window,
    rule: alerts[w].rules[0],
    alerts: alerts[w],
  }));
}

/**
 * Model-score alerts for each P(alive) threshold, from one set of BG/NBD fits.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { alertsByThreshold } from "./variants.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 40; m++) {
 *   const gap = m < 20 ? 7 + (m % 3) * 7 : 4 + (m % 3) * 3;
 *   const last = m < 20 ? 119 : 10 + (m % 5) * 8;
 *   for (let d = m % 6; d <= last; d += gap) b.push(m, d, EventCode.order, 1, -1);
 * }
 * const log = b.build({ count: 40, ids: null, attributes: {} });
 * const v = alertsByThreshold(log, [0.2, 0.9], { asOf: [120] });
 * if (v[1].rule !== "alive-below-0.9" || v[1].alerts.length < v[0].alerts.length) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function alertsByThreshold(
  log: EventLog,
  thresholds: readonly number[],
  options: AliveScoreOptions = {},
): AlertVariant[] {
  const scores = scoreAlive(log, options);
  return thresholds.map((threshold) => {
    const rule = modelScoreRule({ ...options, threshold, scores });
    return { value: threshold, rule: rule.name, alerts: rule.alert(log) };
  });
}

/**
 * RFM downgrade alerts for each fewest number of places dropped.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { alertsByDrop } from "./variants.ts";
 * const b = new EventLogBuilder();
 * for (const d of [1, 5, 9]) b.push(0, d, EventCode.order, 500, -1);
 * for (const d of [2, 12, 25]) b.push(1, d, EventCode.order, 10, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const v = alertsByDrop(log, [1, 7], { asOf: [10, 30] });
 * if (v[0].alerts.length !== 1 || v[1].alerts.length !== 0) throw new Error("unexpected");
 * ```
 */
export function alertsByDrop(
  log: EventLog,
  drops: readonly number[],
  options: Omit<RfmDowngradeOptions, "minDrop"> = {},
): AlertVariant[] {
  // Validates each drop before the scoring runs.
  const rules = drops.map((minDrop) => rfmDowngradeRule({ ...options, minDrop }));
  const all = rfmDowngradeRule({ ...options, minDrop: 1 }).alert(log);
  return drops.map((minDrop, i) => ({
    value: minDrop,
    rule: rules[i].name,
    alerts: filterAlerts(all, minDrop),
  }));
}

/**
 * Group-activity alerts for each margin in points below benchmark.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { alertsByMargin } from "./variants.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 4; m++) b.push(m, 0, EventCode.join, NaN, -1);
 * b.push(0, 20, EventCode.order, 100, -1);
 * const attributes = {
 *   tier: { codes: new Int32Array(4), labels: ["399"] },
 *   group: { codes: new Int32Array(4), labels: ["g1"] },
 * };
 * const log = b.build({ count: 4, ids: null, attributes });
 * const v = alertsByMargin(log, [0, 20], { asOf: [29] });
 * if (v[0].alerts.length !== 4 || v[1].alerts.length !== 0) throw new Error("unexpected");
 * ```
 */
export function alertsByMargin(
  log: EventLog,
  margins: readonly number[],
  options: Omit<GroupActivityOptions, "margin"> = {},
): AlertVariant[] {
  const rules = margins.map((margin) => groupActivityRule({ ...options, margin }));
  const shortfalls = findGroupShortfalls(log, { ...options, margin: 0 });
  return margins.map((margin, i) => ({
    value: margin,
    rule: rules[i].name,
    alerts: groupAlerts(
      log,
      shortfalls.filter((s) => s.shortfall > margin),
      rules[i].name,
      options,
    ),
  }));
}
