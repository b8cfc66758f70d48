/**
 * The RFM downgrade rule: warn when a member moves to a lower-value RFM segment between
 * two consecutive as-of days. "Lower value" is the order of the segment table in
 * frameworks.md §3 (important value, important development, important retention,
 * important win-back, general value, general development, general retention, general
 * win-back): a move down that list is a downgrade, scored by the number of places
 * dropped. Segments come from `scoreRfm` (models/analytics/rfm.ts) with the same options
 * at every as-of day; a member unscored or in no thesis band at either day raises no
 * alert. The alert falls on the later as-of day.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { type RfmOptions, scoreRfm } from "../analytics/rfm.ts";
import { RFM_SEGMENTS } from "../analytics/rfm_segments.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";
import { asOfDays } from "./_as_of.ts";

/** Options of {@link rfmDowngradeRule}. */
export interface RfmDowngradeOptions {
  /** As-of days; default every `every` days from the first day in the log + `every`. */
  readonly asOf?: readonly number[];
  /** Days between as-of days when `asOf` is not given. Default 30. */
  readonly every?: number;
  /** Fewest places down the segment list that raise an alert. Default 1. */
  readonly minDrop?: number;
  /** RFM scoring options used at every as-of day (window, mode, ...). */
  readonly rfm?: Omit<RfmOptions, "asOf">;
}

/**
 * Defaults of {@link rfmDowngradeRule}.
 *
 * @example
 * ```ts
 * import { RFM_DOWNGRADE_DEFAULTS } from "./rfm_downgrade.ts";
 * if (RFM_DOWNGRADE_DEFAULTS.every !== 30) throw new Error("unexpected");
 * ```
 */
export const RFM_DOWNGRADE_DEFAULTS = { every: 30, minDrop: 1 } as const;

/**
 * The RFM downgrade rule.
 *
 * @example A member who stops buying drops from important value
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { rfmDowngradeRule } from "./rfm_downgrade.ts";
 * const b = new EventLogBuilder();
 * for (const d of [1, 5, 9]) b.push(0, d, EventCode.order, 500, -1);
 * for (const d of [2, 12, 25]) b.push(1, d, EventCode.order, 10, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const alerts = rfmDowngradeRule({ asOf: [10, 30] }).alert(log);
 * if (alerts.length !== 1 || alerts.member[0] !== 0 || alerts.day[0] !== 30) throw new Error();
 * ```
 */
export function rfmDowngradeRule(options: RfmDowngradeOptions = {}): WarningRule {
  const every = options.every ?? RFM_DOWNGRADE_DEFAULTS.every;
  const minDrop = options.minDrop ?? RFM_DOWNGRADE_DEFAULTS.minDrop;
  if (!(Number.isInteger(minDrop) && minDrop >= 1 && minDrop < RFM_SEGMENTS.length)) {
    throw new RangeError(`Cannot make RFM downgrade rule: minDrop is ${minDrop}, expected 1 to 7`);
  }
  const name = minDrop === 1 ? "rfm-downgrade" : `rfm-downgrade-${minDrop}`;
  const rank = new Map(RFM_SEGMENTS.map((s, i) => [s, i]));
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => {
      const days = asOfDays(log, options.asOf, every, "RFM downgrade rule");
      const b = new AlertsBuilder();
      let before = new Int32Array(log.members.count).fill(-1);
      days.forEach((day, k) => {
        const rfm = scoreRfm(log, { ...options.rfm, asOf: day });
        const now = new Int32Array(log.members.count).fill(-1);
        for (let i = 0; i < rfm.n; i++) {
          const s = rfm.segment[i];
          if (s !== null) now[rfm.member[i]] = rank.get(s)!;
        }
        if (k > 0) {
          for (let m = 0; m < now.length; m++) {
            const drop = now[m] - before[m];
            if (before[m] >= 0 && now[m] >= 0 && drop >= minDrop) b.push(m, day, drop);
          }
        }
        before = now;
      });
      return b.build([name], log.members.count);
    },
  });
}
