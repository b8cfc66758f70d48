/**
 * The inactivity rule (frameworks.md §4): warn when the days since a member's last
 * order (or, before the first order, since joining) reach `window`. Each spell without
 * orders, starting on the acquisition day or on an order day, raises at most one alert,
 * on day start + window, when no order falls in (start, start + window]: an order on
 * the alert day itself resets the clock first, as in the simulator, where a day's
 * orders come before its end-of-day warning policies (sim/_policy_state.ts). The
 * score is `window`, the days silent.
 *
 * The presets are seed 003's churn-judgement window (7 days after the last order) and
 * recovery window (14 days), and seed 004's 30-day warning. Computed from each member's
 * sorted order days, never by scanning every member every day; only order events and
 * acquisition days (joins, or the first event) are read. Checked on hand-built logs and
 * by the property that every alert day is exactly spell start + window with no order in
 * between (test/models/warning/inactivity.test.ts).
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { acquisitionDays, lastDay } from "../analytics/_members.ts";
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

/** A preset name of {@link INACTIVITY_PRESETS}. */
export type InactivityPreset = keyof typeof INACTIVITY_PRESETS;

/** Options of {@link inactivityRule}. */
export interface InactivityOptions {
  /** Days without an order that raise an alert, or a preset name. Default 14 (`recovery`). */
  readonly window?: number | InactivityPreset;
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
 * The inactivity rule with a window in days (or a preset: `judgement` 7, `recovery` 14,
 * `warning` 30).
 *
 * @example A 10-day gap raises one 7-day alert; the 2-day gap none
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { inactivityRule } from "./inactivity.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 5, -1);
 * b.push(0, 10, EventCode.order, 5, -1);
 * b.push(0, 12, EventCode.order, 5, -1);
 * const log = b.build({ count: 1, ids: null, attributes: {} });
 * const alerts = inactivityRule({ window: "judgement" }).alert(log);
 * if (alerts.length !== 1 || alerts.day[0] !== 7) throw new Error("unexpected");
 * ```
 */
export function inactivityRule(options: InactivityOptions = {}): WarningRule {
  const raw = options.window ?? INACTIVITY_DEFAULTS.window;
  const window = typeof raw === "string" ? INACTIVITY_PRESETS[raw] : raw;
  if (!(Number.isInteger(window) && window > 0)) {
    const presets = Object.keys(INACTIVITY_PRESETS).join(", ");
    throw new RangeError(
      `Cannot make inactivity rule: window is ${raw}, expected a positive integer of days or a preset (${presets})`,
    );
  }
  const name = `inactivity-${window}`;
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => {
      const b = new AlertsBuilder();
      if (log.length === 0) return b.build([name], log.members.count);
      const until = options.until ?? lastDay(log, "raise inactivity alerts");
      const from = options.from ?? -Infinity;
      const { start, days } = orderDays(log);
      const acquired = acquisitionDays(log);
      for (let m = 0; m < log.members.count; m++) {
        let spell = acquired[m];
        if (Number.isNaN(spell)) continue;
        let k = start[m];
        const end = start[m + 1];
        for (;;) {
          // Orders on the spell's first day (a join with an order) belong to the same spell.
          while (k < end && days[k] <= spell) k++;
          const due = spell + window;
          const next = k < end ? days[k] : Infinity;
          if (due < next && due <= until && due >= from) b.push(m, due, window);
          if (k === end) break;
          spell = days[k];
        }
      }
      return b.build([name], log.members.count);
    },
  });
}
