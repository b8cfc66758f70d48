/**
 * Combinators of warning rules. `anyOf` raises every alert of every rule (one per
 * member and day: the first rule in the list wins a tie, keeping its code and score);
 * `allOf` raises an alert on a day one of the rules fires for a member when every other
 * rule has fired for that member within the `within` days up to it (inclusive), scored
 * by the smallest of the scores involved, as the weakest signal bounds the combination.
 *
 * @module
 */
import type { EventLog } from "../../log/event_log.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "./alerts.ts";

/**
 * A rule that fires when any of the rules fires.
 *
 * @example
 * ```ts
 * import { anyOf } from "./combine.ts";
 * import { inactivityRule } from "./inactivity.ts";
 * const rule = anyOf([inactivityRule({ window: 7 }), inactivityRule({ window: 30 })]);
 * if (rule.name !== "any(inactivity-7,inactivity-30)") throw new Error("unexpected");
 * ```
 */
export function anyOf(rules: readonly WarningRule[]): WarningRule {
  checkRules("any-of", rules);
  const names = rules.map((r) => r.name);
  return Object.freeze({
    name: `any(${names.join(",")})`,
    alert: (log: EventLog): Alerts => {
      const parts = rules.map((r) => r.alert(log));
      const b = new AlertsBuilder();
      parts.forEach((part, code) => {
        for (let i = 0; i < part.length; i++) {
          b.push(part.member[i], part.day[i], part.score[i], code);
        }
      });
      const merged = b.build(names, log.members.count);
      const out = new AlertsBuilder();
      for (let i = 0; i < merged.length; i++) {
        const same = i > 0 && merged.member[i] === merged.member[i - 1] &&
          merged.day[i] === merged.day[i - 1];
        if (!same) out.push(merged.member[i], merged.day[i], merged.score[i], merged.rule[i]);
      }
      return out.build(names, log.members.count);
    },
  });
}

/**
 * A rule that fires when every rule has fired for the member within `within` days.
 *
 * @example
 * ```ts
 * import { allOf } from "./combine.ts";
 * import { inactivityRule } from "./inactivity.ts";
 * import { rfmDowngradeRule } from "./rfm_downgrade.ts";
 * const rule = allOf([inactivityRule(), rfmDowngradeRule()], { within: 30 });
 * if (rule.name !== "all(inactivity-14,rfm-downgrade;30d)") throw new Error("unexpected");
 * ```
 */
export function allOf(
  rules: readonly WarningRule[],
  options: AllOfOptions = {},
): WarningRule {
  checkRules("all-of", rules);
  const within = options.within ?? ALL_OF_DEFAULTS.within;
  if (!(Number.isInteger(within) && within >= 0)) {
    throw new RangeError(
      `Cannot combine rules all-of: within is ${within}, expected an integer ≥ 0`,
    );
  }
  const name = `all(${rules.map((r) => r.name).join(",")};${within}d)`;
  return Object.freeze({
    name,
    alert: (log: EventLog): Alerts => {
      const parts = rules.map((r) => r.alert(log));
      const R = parts.length;
      const b = new AlertsBuilder();
      // Per part: the member's span [lo, hi) and a cursor to its first alert in the window.
      const lo = new Int32Array(R), hi = new Int32Array(R), cursor = new Int32Array(R);
      let days = new Int32Array(64);
      for (let m = 0; m < log.members.count; m++) {
        let missing = false, n = 0;
        for (let r = 0; r < R; r++) {
          const part = parts[r];
          let q = hi[r];
          while (q < part.length && part.member[q] < m) q++;
          lo[r] = q;
          while (q < part.length && part.member[q] === m) q++;
          hi[r] = q;
          cursor[r] = lo[r];
          if (q === lo[r]) missing = true;
          n += q - lo[r];
        }
        if (missing) continue;
        if (days.length < n) days = new Int32Array(2 * n);
        let k = 0;
        for (let r = 0; r < R; r++) {
          for (let i = lo[r]; i < hi[r]; i++) days[k++] = parts[r].day[i];
        }
        const candidates = days.subarray(0, n).sort();
        for (let c = 0; c < n; c++) {
          const day = candidates[c];
          if (c > 0 && day === candidates[c - 1]) continue;
          // Candidate days ascend, so each part's cursor only moves forward.
          let score = Infinity;
          for (let r = 0; r < R && score > -Infinity; r++) {
            const part = parts[r];
            while (cursor[r] < hi[r] && part.day[cursor[r]] < day - within) cursor[r]++;
            let best = -Infinity;
            for (let i = cursor[r]; i < hi[r] && part.day[i] <= day; i++) {
              if (part.score[i] > best) best = part.score[i];
            }
            score = Math.min(score, best);
          }
          if (score > -Infinity) b.push(m, day, score);
        }
      }
      return b.build([name], log.members.count);
    },
  });
}

/**
 * Defaults of {@link allOf}.
 *
 * @example
 * ```ts
 * import { ALL_OF_DEFAULTS } from "./combine.ts";
 * if (ALL_OF_DEFAULTS.within !== 30) throw new Error("unexpected");
 * ```
 */
export const ALL_OF_DEFAULTS = { within: 30 } as const;

/** Options of {@link allOf}. */
export interface AllOfOptions {
  /** Days up to an alert within which every other rule must have fired. Default 30. */
  readonly within?: number;
}

function checkRules(kind: string, rules: readonly WarningRule[]): void {
  if (rules.length === 0) throw new RangeError(`Cannot combine rules ${kind}: no rule given`);
  if (rules.length > 255) {
    throw new RangeError(
      `Cannot combine rules ${kind}: ${rules.length} rules, expected at most 255`,
    );
  }
}
