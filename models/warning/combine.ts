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
  options: { within?: number } = {},
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
      const b = new AlertsBuilder();
      const cursors = parts.map(() => 0);
      for (let m = 0; m < log.members.count; m++) {
        const spans = parts.map((part, r) => {
          let q = cursors[r];
          while (q < part.length && part.member[q] === m) q++;
          const span = [cursors[r], q];
          cursors[r] = q;
          return span;
        });
        if (spans.some(([p, q]) => p === q)) continue;
        const candidates = new Set<number>();
        parts.forEach((part, r) => {
          for (let i = spans[r][0]; i < spans[r][1]; i++) candidates.add(part.day[i]);
        });
        for (const day of [...candidates].sort((a, c) => a - c)) {
          let score = Infinity;
          const all = parts.every((part, r) => {
            let best = -Infinity;
            for (let i = spans[r][0]; i < spans[r][1]; i++) {
              const d = part.day[i];
              if (d <= day && d >= day - within) best = Math.max(best, part.score[i]);
            }
            score = Math.min(score, best);
            return best > -Infinity;
          });
          if (all) b.push(m, day, score);
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

function checkRules(kind: string, rules: readonly WarningRule[]): void {
  if (rules.length === 0) throw new RangeError(`Cannot combine rules ${kind}: no rule given`);
  if (rules.length > 255) {
    throw new RangeError(
      `Cannot combine rules ${kind}: ${rules.length} rules, expected at most 255`,
    );
  }
}
