/**
 * The inactivity rule (frameworks.md §4): warn when the days since a member's last
 * order reach `window`. For each gap of at least `window` days between consecutive
 * order days (and after the last order, while the observation runs) the rule raises
 * exactly one alert, on day lastOrder + window; its score is `window`, the days silent.
 *
 * The presets are seed 003's churn-judgement window (7 days after the last order) and
 * recovery window (14 days), and seed 004's 30-day warning. Computed from each member's
 * sorted order days, never by scanning every member every day; only order events are
 * read. Checked by the property that every alert day is exactly lastOrder + window with
 * no order in between (test/models/warning/inactivity.test.ts).
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { lastDay } from "../analytics/_members.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";
import { orderDays } from "./_order_days.ts";

/** Named inactivity windows from the seeds, in days. */
export const INACTIVITY_PRESETS = {
  /** Seed 003: days 0–7 after the last order are the churn-judgement window. */
  judgement: 7,
  /** Seed 003: days 7–14 are the recovery window, when intervening pays. */
  recovery: 14,
  /** Seed 004: warn at 30 days inactive. */
  warning: 30,
} as const;

/** Options of {@link inactivityRule}. */
export interface InactivityOptions {
  /** Days without an order that raise an alert. Default 14 (seed 003's recovery window). */
  readonly window?: number;
  /** First day an alert may fall on. Default: no bound. */
  readonly from?: number;
  /** Last day of observation: no alert after it. Default: the last day in the log. */
  readonly until?: number;
}

/**
 * Defaults of {@link inactivityRule}.
 *
 * @example
 * ```ts
 * import { INACTIVITY_DEFAULTS } from "./inactivity.ts";
 * if (INACTIVITY_DEFAULTS.window !== 14) throw new Error("unexpected");
 * ```
 */
export const INACTIVITY_DEFAULTS = { window: INACTIVITY_PRESETS.recovery } as const;

/**
 * The inactivity rule with a window in days.
 *
 * @example A 10-day gap raises one 7-day alert
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { inactivityRule } from "./inactivity.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 5, -1);
 * b.push(0, 10, EventCode.order, 5, -1);
 * b.push(0, 12, EventCode.order, 5, -1);
 * const alerts = inactivityRule({ window: 7 }).alert(b.build({ count: 1, ids: null, attributes: {} }));
 * if (alerts.length !== 1 || alerts.day[0] !== 7) throw new Error("unexpected");
 * ```
 */
export function inactivityRule(options: InactivityOptions = {}): WarningRule {
  const window = options.window ?? INACTIVITY_DEFAULTS.window;
  if (!(Number.isInteger(window) && window > 0)) {
    throw new RangeError(
      `Cannot make inactivity rule: window is ${window}, expected a positive integer of days`,
    );
  }
  const name = `inactivity-${window}`;
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => {
      const until = options.until ?? (log.length > 0 ? lastDay(log, "raise inactivity alerts") : 0);
      const from = options.from ?? -Infinity;
      const { start, days } = orderDays(log);
      const b = new AlertsBuilder();
      for (let m = 0; m < log.members.count; m++) {
        const end = start[m + 1];
        for (let k = start[m]; k < end; k++) {
          const due = days[k] + window;
          // The gap closes at the next order day, or stays open to the end of observation.
          const next = k + 1 < end ? days[k + 1] : Infinity;
          if (due <= next && due <= until && due >= from) b.push(m, due, window);
        }
      }
      return b.build([name], log.members.count);
    },
  });
}
