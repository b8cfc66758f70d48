/**
 * The model-score rule: warn when a member's probability of being alive under a BG/NBD
 * model (Fader, Hardie & Lee 2005; models/clv/bg_nbd.ts) falls below a threshold. At each
 * as-of day the model is refitted to the orders up to that day (x = repeat purchase days,
 * t_x and T from the first purchase, in weeks of 7 days) and P(alive) computed for every
 * member whose first order came before the as-of day. An alert is raised when a member's
 * P(alive) is below `threshold` at an as-of day and was not at the previous one (the
 * member enters the at-risk state), scored 1 − P(alive). {@link scoreAlive} exposes the
 * probabilities so a threshold sweep fits each as-of day once.
 *
 * In BG/NBD a member can only drop out right after a purchase, so P(alive) of a member
 * without a repeat purchase is exactly 1: one-order members are never flagged by this
 * rule (combine it with the inactivity rule for them).
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { type BgNbdFit, fitBgNbd } from "../clv/bg_nbd.ts";
import { ConvergenceError } from "../clv/fit_result.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";
import { asOfDays } from "./_as_of.ts";
import { orderDays } from "./_order_days.ts";

/** Options of {@link scoreAlive} and {@link modelScoreRule}. */
export interface AliveScoreOptions {
  /** As-of days; default every `every` days from the first day in the log + `warmup`. */
  readonly asOf?: readonly number[];
  /** Days between as-of days when `asOf` is not given. Default 30. */
  readonly every?: number;
  /** Days of history before the first default as-of day, so the fit has repeat buyers. Default 90. */
  readonly warmup?: number;
}

/** Options of {@link modelScoreRule}. */
export interface ModelScoreOptions extends AliveScoreOptions {
  /** P(alive) below which a member is at risk. Default 0.5. */
  readonly threshold?: number;
  /** Probabilities from {@link scoreAlive} on the same log, to skip refitting. */
  readonly scores?: AliveScores;
}

/**
 * Defaults of {@link modelScoreRule}.
 *
 * @example
 * ```ts
 * import { MODEL_SCORE_DEFAULTS } from "./model_score.ts";
 * if (MODEL_SCORE_DEFAULTS.threshold !== 0.5) throw new Error("unexpected");
 * ```
 */
export const MODEL_SCORE_DEFAULTS = { threshold: 0.5, every: 30, warmup: 90 } as const;

/** P(alive) of every member at every as-of day (NaN before the member's first order). */
export interface AliveScores {
  /** As-of days, ascending. */
  readonly asOf: readonly number[];
  /** The BG/NBD fit at each as-of day. */
  readonly fits: readonly BgNbdFit[];
  /** `alive[k][m]`: P(alive) of member m at `asOf[k]`. */
  readonly alive: readonly Float64Array[];
}

/**
 * Fits BG/NBD at each as-of day and computes every member's P(alive).
 *
 * @example Regular buyers stay alive; members who bought often and stopped do not
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { scoreAlive } from "./model_score.ts";
 * const b = new EventLogBuilder();
 * for (let m = 0; m < 40; m++) {
 *   const gap = m < 20 ? 7 + (m % 3) * 7 : 4 + (m % 3) * 3;
 *   const last = m < 20 ? 119 : 10 + (m % 5) * 8;
 *   for (let d = m % 6; d <= last; d += gap) b.push(m, d, EventCode.order, 1, -1);
 * }
 * const s = scoreAlive(b.build({ count: 40, ids: null, attributes: {} }), { asOf: [120] });
 * if (!(s.alive[0][0] > 0.9) || !(s.alive[0][39] < 0.01)) throw new Error("unexpected");
 * ```
 */
export function scoreAlive(log: EventLog, options: AliveScoreOptions = {}): AliveScores {
  const action = "model score rule";
  const every = options.every ?? MODEL_SCORE_DEFAULTS.every;
  const warmup = options.warmup ?? MODEL_SCORE_DEFAULTS.warmup;
  if (!(Number.isInteger(warmup) && warmup >= 0)) {
    throw new RangeError(
      `Cannot run ${action}: warmup is ${warmup}, expected an integer ≥ 0 of days`,
    );
  }
  let checked: number[];
  if (options.asOf !== undefined) checked = asOfDays(log, options.asOf, every, action);
  else {
    // Every `every` days from the first day + warmup (asOfDays starts at first + every).
    const all = asOfDays(log, undefined, every, action);
    const first = all.length > 0 ? all[0] - every : 0;
    checked = all.filter((d) => d >= first + warmup);
  }
  const fits: BgNbdFit[] = [];
  const alive: Float64Array[] = [];
  for (const day of checked) {
    // The summary conventions of models/clv/summary.ts: x counts repeat purchase days.
    const { start, days: orders } = orderDays(log, day);
    const members: number[] = [], x: number[] = [], tx: number[] = [], T: number[] = [];
    for (let m = 0; m < log.members.count; m++) {
      const k = start[m], end = start[m + 1];
      if (k === end || orders[k] >= day) continue;
      members.push(m);
      x.push(end - k - 1);
      tx.push((orders[end - 1] - orders[k]) / 7);
      T.push((day - orders[k]) / 7);
    }
    let fit: BgNbdFit;
    try {
      fit = fitBgNbd({ frequency: x, recency: tx, T });
    } catch (error) {
      // Name the as-of day; keep the class, as callers catch convergence failures.
      const hint = "start later (warmup) or choose as-of days with more repeat buyers";
      const message = `Cannot run ${action} at as-of day ${day}: ${
        error instanceof Error ? error.message : error
      }; ${hint}`;
      if (error instanceof ConvergenceError) throw new ConvergenceError(message);
      if (error instanceof RangeError) throw new RangeError(message);
      throw error;
    }
    const p = new Float64Array(log.members.count).fill(NaN);
    members.forEach((m, i) => p[m] = fit.probabilityAlive(x[i], tx[i], T[i]));
    fits.push(fit);
    alive.push(p);
  }
  return Object.freeze({ asOf: checked, fits, alive });
}

/**
 * The model-score rule: P(alive) from BG/NBD below a threshold.
 *
 * @example
 * ```ts
 * import { modelScoreRule } from "./model_score.ts";
 * const rule = modelScoreRule({ threshold: 0.3 });
 * if (rule.name !== "alive-below-0.3") throw new Error("unexpected");
 * ```
 */
export function modelScoreRule(options: ModelScoreOptions = {}): WarningRule {
  const threshold = options.threshold ?? MODEL_SCORE_DEFAULTS.threshold;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(
      `Cannot make model score rule: threshold is ${threshold}, expected (0, 1]`,
    );
  }
  const name = `alive-below-${threshold}`;
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => {
      const scores = options.scores ?? scoreAlive(log, options);
      const b = new AlertsBuilder();
      for (let k = 0; k < scores.asOf.length; k++) {
        const now = scores.alive[k], before = k > 0 ? scores.alive[k - 1] : null;
        for (let m = 0; m < now.length; m++) {
          // NaN (no order yet) compares false: such a member was not at risk before.
          const wasAtRisk = before !== null && before[m] < threshold;
          if (now[m] < threshold && !wasAtRisk) b.push(m, scores.asOf[k], 1 - now[m]);
        }
      }
      return b.build([name], log.members.count);
    },
  });
}
