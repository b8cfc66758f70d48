/**
 * The inactivity rule (frameworks.md §4): warn when the days since a member's last
 * order (or, before the first order, since joining) reach `window`. Each spell without
 * orders, starting on the acquisition day or on an order day, raises at most one alert,
 * on day start + window, when no order falls in (start, start + window]: an order on
 * the alert day itself resets the clock first, as in the simulator, where a day's
 * orders come before its end-of-day warning policies (sim/_policy_state.ts). A
 * simulated log's `reactivate` event (a churned member back) starts a spell too, as it
 * restarts the simulator's inactivity clock. The score is `window`, the days silent.
 *
 * The rule sees silence, not churn: a member who churned unseen is alerted like any
 * silent member, as a policy with an inactivity trigger reaches them in the simulator.
 * With `stages`, only members in one of those stages at the end of the alert day are
 * alerted (a simulated log's stages; list the churned stage to keep churned members),
 * matching a policy trigger restricted to those stages.
 *
 * The presets are seed 003's churn-judgement window (7 days after the last order) and
 * recovery window (14 days), and seed 004's 30-day warning. Computed from each member's
 * sorted order days, never by scanning every member every day. Checked on hand-built
 * logs, by the property that every alert day is exactly spell start + window with no
 * order in between, and against the alerts a policy raises in the simulator
 * (test/models/warning/inactivity.test.ts).
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { acquisitionDays, lastDay } from "../analytics/_members.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";
import { activityDays } from "./_order_days.ts";
import { stageAt, type StageTimeline, stageTimeline } from "./_stages.ts";

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
  /** Stages (of a simulated log) a member must be in at the end of the alert day. Default: any. */
  readonly stages?: readonly string[];
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
  const stages = options.stages;
  if (stages !== undefined && stages.length === 0) {
    throw new RangeError(
      "Cannot make inactivity rule: stages is empty, expected stage names (or no stages option)",
    );
  }
  const name = `inactivity-${window}`;
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => raiseInactivityAlerts(log, [window], options)[0],
  });
}

/**
 * The inactivity alerts of several windows on one log, each window's alerts as
 * {@link inactivityRule} raises them, the members' sorted activity days (and stage
 * timeline) computed once for all windows. Windows are checked as the rule checks them.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { raiseInactivityAlerts } from "./inactivity.ts";
 * const b = new EventLogBuilder();
 * for (const d of [0, 10, 40]) b.push(0, d, EventCode.order, 5, -1);
 * const [seven, twenty] = raiseInactivityAlerts(b.build({ count: 1, ids: null, attributes: {} }), [7, 20]);
 * if (seven.day.join() !== "7,17" || twenty.day.join() !== "30") throw new Error("unexpected");
 * ```
 */
export function raiseInactivityAlerts(
  log: EventLog,
  windows: readonly number[],
  options: Omit<InactivityOptions, "window"> = {},
): Alerts[] {
  const rules = windows.map((window) => inactivityRule({ ...options, window }).name);
  const builders = windows.map(() => new AlertsBuilder());
  if (log.length > 0) {
    const until = options.until ?? lastDay(log, "raise inactivity alerts");
    const from = options.from ?? -Infinity;
    const stages = options.stages;
    const eligible = stages === undefined ? null : stageMask(log, stages);
    const timeline: StageTimeline | null = eligible === null ? null : stageTimeline(log);
    const { start, days } = activityDays(log);
    const acquired = acquisitionDays(log);
    for (let m = 0; m < log.members.count; m++) {
      let spell = acquired[m];
      if (Number.isNaN(spell)) continue;
      let k = start[m];
      const end = start[m + 1];
      for (;;) {
        // Orders on the spell's first day (a join with an order) belong to the same spell.
        while (k < end && days[k] <= spell) k++;
        const next = k < end ? days[k] : Infinity;
        for (let w = 0; w < windows.length; w++) {
          const due = spell + windows[w];
          if (
            due < next && due <= until && due >= from &&
            (eligible === null || eligible[stageAt(timeline!, m, due) + 1] === 1)
          ) builders[w].push(m, due, windows[w]);
        }
        if (k === end) break;
        spell = days[k];
      }
    }
  }
  return builders.map((b, w) => b.build([rules[w]], log.members.count));
}

/** 1 at index s + 1 for each eligible stage s of the log (index 0: no stage yet, never). */
function stageMask(log: EventLog, stages: readonly string[]): Uint8Array {
  if (log.stages.length === 0) {
    throw new RangeError(
      "Cannot raise inactivity alerts by stage: the log has no stages (a simulated run's log has)",
    );
  }
  const mask = new Uint8Array(log.stages.length + 1);
  for (const stage of stages) {
    const s = log.stages.indexOf(stage);
    if (s < 0) {
      throw new RangeError(
        `Cannot raise inactivity alerts by stage: the log has no stage '${stage}' (stages: ${
          log.stages.join(", ")
        })`,
      );
    }
    mask[s + 1] = 1;
  }
  return mask;
}
