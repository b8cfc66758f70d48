/**
 * Unit economics per acquisition channel from an event log: CAC = spend / members
 * acquired, ARPU per period of membership, lifetime from the churn rate, LTV and
 * discounted LTV (see {@link computeLtv}), LTV/CAC and CAC payback months.
 *
 * Exposure runs from a member's acquisition day to its churn day (exclusive) or through
 * `asOf` (inclusive). The churn day is the first `churn` event or, with `churnAfterDays` N,
 * the day N days after the last activity (acquisition or order) when no order follows within
 * those N days (an order on day N itself keeps the member), whichever comes first. Orders
 * after the churn day (reactivations) are ignored, so revenue and exposure cover the same
 * days. ARPU = revenue / (exposure days / periodDays). With a constant churn hazard λ = churns / exposure periods, the expected
 * lifetime is LT = 1/λ periods; its interval inverts the log-scale Poisson interval
 * λ·exp(±z/√churns). A channel that cannot be evaluated (no members acquired, no churn to
 * estimate a lifetime from, no revenue, a lifetime under one period) is a failure row with a
 * code and message, never zeros.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { normalQuantile } from "../math/mod.ts";
import { checkDay, checkLevel, checkPositive } from "./_checks.ts";
import type { SummaryRow } from "./_interval.ts";
import { acquisitionDays, attributeLabels, lastDay } from "./_members.ts";
import { computeLtv, type LtvOptions, paybackMonths } from "./economics.ts";

/** Options of {@link computeUnitEconomics}. */
export interface UnitEconomicsOptions extends LtvOptions {
  /** Acquisition spend per channel label in the acquisition window (this or `cac` is required). */
  readonly spend?: Readonly<Record<string, number>>;
  /** CAC per channel label, when known instead of the spend (spend = CAC × members acquired). */
  readonly cac?: Readonly<Record<string, number>>;
  /** Days in a month for CAC payback, e.g. 30.4375 (= 365.25/12); required, never assumed. */
  readonly monthDays: number;
  /**
   * Member attribute holding the channel. Default `channel`; when the log has no such
   * attribute and none was named, every member is in one channel called `all`.
   */
  readonly channelAttribute?: string;
  /** First acquisition day counted. Default: the first day in the log. */
  readonly from?: number;
  /** Last acquisition day counted. Default: `asOf`. */
  readonly to?: number;
  /** Last day of observation. Default: the last day in the log. */
  readonly asOf?: number;
  /** ARPU and lifetime period in days. Default 30. */
  readonly periodDays?: number;
  /** Days without an order after which a member counts as churned (for logs without churn events). */
  readonly churnAfterDays?: number;
  /** Lifetime in periods to use instead of estimating it from churn. */
  readonly lifetimePeriods?: number;
  /** Margin share of revenue used for LTV and payback. Default 1 (revenue). */
  readonly margin?: number;
  /** Confidence level of the lifetime intervals. Default 0.95. */
  readonly level?: number;
}

/**
 * Defaults of {@link computeUnitEconomics}.
 *
 * @example
 * ```ts
 * import { UNIT_ECONOMICS_DEFAULTS } from "./economics_channels.ts";
 * if (UNIT_ECONOMICS_DEFAULTS.periodDays !== 30) throw new Error("unexpected");
 * ```
 */
export const UNIT_ECONOMICS_DEFAULTS = {
  channelAttribute: "channel",
  periodDays: 30,
  margin: 1,
  level: 0.95,
} as const;

/** Why a channel could not be evaluated. */
export type ChannelFailureCode = "no-members" | "no-churn" | "no-revenue" | "short-lifetime";

/** A channel that could not be evaluated. */
export interface ChannelFailure {
  /** Channel label. */
  readonly channel: string;
  /** Always false. */
  readonly ok: false;
  /** Stable failure code. */
  readonly code: ChannelFailureCode;
  /** What went wrong and what to do. */
  readonly message: string;
}

/** A channel's unit economics. */
export interface ChannelEconomics {
  /** Channel label. */
  readonly channel: string;
  /** Always true. */
  readonly ok: true;
  /** Spend in the acquisition window. */
  readonly spend: number;
  /** Members acquired in the window. */
  readonly acquired: number;
  /** spend / acquired. */
  readonly cac: number;
  /** Revenue of those members up to `asOf`. */
  readonly revenue: number;
  /** Member-periods of exposure. */
  readonly exposurePeriods: number;
  /** Revenue per member per period. */
  readonly arpu: number;
  /** First churn events observed. */
  readonly churns: number;
  /** Lifetime in periods, with interval (NaN bounds when given as an option). */
  readonly lifetime: { readonly estimate: number; readonly lower: number; readonly upper: number };
  /** LT × margin × ARPU. */
  readonly ltv: number;
  /** Discounted LTV. */
  readonly discountedLtv: number;
  /** ltv / cac. */
  readonly ltvToCac: number;
  /** discountedLtv / cac. */
  readonly discountedLtvToCac: number;
  /** Months of margin to pay back the CAC. */
  readonly paybackMonths: number;
}

/** Unit economics of every channel given a spend or CAC. */
export interface UnitEconomics {
  /** Model name. */
  readonly model: "unit-economics";
  /** Members acquired in the window over the channels evaluated. */
  readonly n: number;
  /** Confidence level of the lifetime intervals. */
  readonly level: number;
  /** The time units used: period and month lengths in days. */
  readonly periodDays: number;
  /** Days per month used for payback. */
  readonly monthDays: number;
  /** Acquisition window and observation end. */
  readonly from: number;
  /** Last acquisition day. */
  readonly to: number;
  /** Last observed day. */
  readonly asOf: number;
  /** One row per channel of `spend` (or `cac`), in its key order. */
  readonly channels: readonly (ChannelEconomics | ChannelFailure)[];
  /** Lifetime, LTV and LTV/CAC of each evaluated channel with intervals. */
  summary(): SummaryRow[];
}

/**
 * Computes CAC, ARPU, lifetime, LTV, LTV/CAC and payback per channel.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { computeUnitEconomics } from "./economics_channels.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 10, EventCode.order, 60, -1);
 * b.push(0, 30, EventCode.churn, NaN, -1);
 * const attributes = { channel: { codes: Int32Array.of(0), labels: ["ads"] } };
 * const econ = computeUnitEconomics(b.build({ count: 1, ids: null, attributes }), {
 *   spend: { ads: 40 }, monthDays: 30, asOf: 59,
 * });
 * const ads = econ.channels[0];
 * if (!ads.ok || ads.arpu !== 60 || ads.cac !== 40 || ads.ltv !== 60) throw new Error();
 * ```
 */
export function computeUnitEconomics(log: EventLog, options: UnitEconomicsOptions): UnitEconomics {
  const action = "compute unit economics";
  const o = { ...UNIT_ECONOMICS_DEFAULTS, ...options };
  const asOf = options.asOf ?? lastDay(log, action);
  const from = options.from ?? firstDay(log);
  const to = options.to ?? asOf;
  for (const [field, day] of [["asOf", asOf], ["from", from], ["to", to]] as const) {
    checkDay(action, field, day);
  }
  checkPositive(action, "periodDays", o.periodDays);
  checkPositive(action, "monthDays", o.monthDays);
  checkPositive(action, "margin", o.margin);
  checkLevel(action, o.level);
  const given = options.spend ?? options.cac;
  if (given === undefined || (options.spend !== undefined && options.cac !== undefined)) {
    throw new RangeError(
      `Cannot ${action}: give either spend or cac per channel, not ${given ? "both" : "neither"}`,
    );
  }
  const implicit = options.channelAttribute === undefined &&
    log.members.attributes[o.channelAttribute] === undefined;
  const channelOf = implicit
    ? new Array<string>(log.members.count).fill("all")
    : attributeLabels(log.members, o.channelAttribute, action, "(none)");
  const acquired = acquisitionDays(log);
  if (options.churnAfterDays !== undefined) {
    checkPositive(action, "churnAfterDays", options.churnAfterDays);
  }
  const { churn, revenue } = churnAndRevenue(log, acquired, asOf, options.churnAfterDays);
  const z = normalQuantile(1 - (1 - o.level) / 2);
  let n = 0;
  const field = options.spend !== undefined ? "spend" : "cac";
  const channels = Object.entries(given).map(([channel, value]) => {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(
        `Cannot ${action}: ${field} of channel '${channel}' is ${value}, expected ≥ 0`,
      );
    }
    let count = 0, money = 0, exposureDays = 0, churns = 0;
    for (let m = 0; m < log.members.count; m++) {
      if (channelOf[m] !== channel || !(acquired[m] >= from && acquired[m] <= to)) continue;
      count++;
      money += revenue[m];
      exposureDays += Math.min(churn[m], asOf + 1) - acquired[m];
      if (churn[m] <= asOf) churns++;
    }
    n += count;
    const fail = (code: ChannelFailureCode, message: string): ChannelFailure => ({
      channel,
      ok: false,
      code,
      message,
    });
    if (count === 0) {
      return fail("no-members", `channel '${channel}' acquired no members in days ${from}–${to}`);
    }
    const exposurePeriods = exposureDays / o.periodDays;
    const arpu = money / exposurePeriods;
    if (!(arpu > 0)) {
      return fail("no-revenue", `channel '${channel}' has revenue ${money}, expected > 0`);
    }
    let lifetime = { estimate: options.lifetimePeriods ?? NaN, lower: NaN, upper: NaN };
    if (options.lifetimePeriods === undefined) {
      if (churns === 0) {
        return fail(
          "no-churn",
          `channel '${channel}' has no churn to estimate a lifetime from; pass lifetimePeriods or churnAfterDays`,
        );
      }
      const hazard = churns / exposurePeriods;
      const spread = Math.exp(z / Math.sqrt(churns));
      lifetime = { estimate: 1 / hazard, lower: 1 / (hazard * spread), upper: spread / hazard };
    }
    if (!(lifetime.estimate >= 1)) {
      return fail(
        "short-lifetime",
        `channel '${channel}' lifetime is ${lifetime.estimate} periods, expected ≥ 1; use a shorter periodDays`,
      );
    }
    const ltv = computeLtv(
      { arpu: o.margin * arpu, periodDays: o.periodDays, lifetimePeriods: lifetime.estimate },
      options,
    );
    const spend = field === "spend" ? value : value * count;
    const cac = field === "spend" ? value / count : value;
    const row: ChannelEconomics = {
      channel,
      ok: true,
      spend,
      acquired: count,
      cac,
      revenue: money,
      exposurePeriods,
      arpu,
      churns,
      lifetime,
      ltv: ltv.ltv,
      discountedLtv: ltv.discountedLtv,
      ltvToCac: ltv.ltv / cac,
      discountedLtvToCac: ltv.discountedLtv / cac,
      paybackMonths: paybackMonths(cac, {
        arpu,
        periodDays: o.periodDays,
        monthDays: o.monthDays,
        margin: o.margin,
      }),
    };
    return row;
  });
  const level = o.level;
  return Object.freeze({
    model: "unit-economics" as const,
    n,
    level,
    periodDays: o.periodDays,
    monthDays: o.monthDays,
    from,
    to,
    asOf,
    channels: Object.freeze(channels.map((c) => Object.freeze(c))),
    summary: () =>
      channels.flatMap((c) => {
        if (!c.ok) return [];
        const { estimate, lower, upper } = c.lifetime;
        const scale = (k: number) => ({
          estimate: estimate * k,
          lower: lower * k,
          upper: upper * k,
        });
        return [
          { name: `lifetime:${c.channel}`, ...scale(1), level },
          { name: `ltv:${c.channel}`, ...scale(o.margin * c.arpu), level },
          { name: `ltv-cac:${c.channel}`, ...scale(o.margin * c.arpu / c.cac), level },
        ];
      }),
  });
}

function firstDay(log: EventLog): number {
  let min = Infinity;
  for (let i = 0; i < log.length; i++) if (log.day[i] < min) min = log.day[i];
  return min;
}

/** Churn day (Infinity when not churned by `asOf`) and revenue before it, per member. */
function churnAndRevenue(
  log: EventLog,
  acquired: Float64Array,
  asOf: number,
  churnAfterDays: number | undefined,
): { churn: Float64Array; revenue: Float64Array } {
  const count = log.members.count;
  const churn = new Float64Array(count).fill(Infinity);
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < log.length; i++) {
    if (log.day[i] > asOf) continue;
    if (log.type[i] === EventCode.churn) {
      churn[log.member[i]] = Math.min(churn[log.member[i]], log.day[i]);
    }
    if (log.type[i] === EventCode.order) offsets[log.member[i] + 1]++;
  }
  for (let m = 0; m < count; m++) offsets[m + 1] += offsets[m];
  // Orders grouped by member (CSR), then sorted by day within each member.
  const fill = offsets.slice(0, count);
  const days = new Float64Array(offsets[count]);
  const amounts = new Float64Array(offsets[count]);
  for (let i = 0; i < log.length; i++) {
    if (log.day[i] > asOf || log.type[i] !== EventCode.order) continue;
    const k = fill[log.member[i]]++;
    days[k] = log.day[i];
    amounts[k] = Number.isNaN(log.amount[i]) ? 0 : log.amount[i];
  }
  const revenue = new Float64Array(count);
  for (let m = 0; m < count; m++) {
    const order = Array.from({ length: offsets[m + 1] - offsets[m] }, (_, j) => offsets[m] + j)
      .sort((a, b) => days[a] - days[b]);
    if (churnAfterDays !== undefined) {
      let last = acquired[m];
      let silent = Infinity;
      for (const k of order) {
        if (days[k] > last + churnAfterDays) {
          silent = last + churnAfterDays;
          break;
        }
        last = Math.max(last, days[k]);
      }
      if (silent === Infinity && last + churnAfterDays <= asOf) silent = last + churnAfterDays;
      churn[m] = Math.min(churn[m], silent);
    }
    for (const k of order) if (days[k] < churn[m]) revenue[m] += amounts[k];
  }
  return { churn, revenue };
}
