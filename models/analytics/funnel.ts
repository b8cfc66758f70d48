/**
 * The AARRR funnel by acquisition cohort and channel (frameworks.md §1): acquired →
 * activated → retained → revenue → referral, with counts and conversion rates.
 *
 * Conventions. Acquisition is the member's first `join`, or first event of any type (order
 * logs have no joins). Activated: at least `activationOrders` orders in days
 * [0, activationDays) after acquisition (the B2B "first three orders" is 3). Retained in a
 * window [from, to): an activated member with an order on a day in that range after
 * acquisition (bracket windows; default D7 = [7, 14), D30 = [30, 60)). Referral: an
 * activated member who sent an invite by `asOf`; the step is left out when the log has no
 * invite events at all, since then referral was not recorded rather than zero. Each step's conversion is measured
 * against its parent step (activated for the retention and referral steps), and only over
 * members whose step window has fully elapsed by `asOf`, so young cohorts are not counted
 * as failures. ARPU over d days is revenue in [0, d) after acquisition per acquired member
 * with d days observed; monthly ARPU uses months of `monthDays` days. With referral
 * records (see `referralsFromLog`), K = converted invites of the cell's members / acquired
 * members = invites per member × invite conversion, and the viral cycle time is the mean
 * days from an inviter's acquisition to its invitee's.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { checkDay, checkLevel, checkPositive } from "./_checks.ts";
import { type SummaryRow, wilsonInterval } from "./_interval.ts";
import { acquisitionDays, attributeLabels, lastDay } from "./_members.ts";
import type { Referrals } from "./viral.ts";

/** A retention window [from, to) in days after acquisition. */
export interface RetentionWindow {
  /** Step name, e.g. `D7`. */
  readonly name: string;
  /** First day of the window (inclusive). */
  readonly from: number;
  /** Day the window ends (exclusive). */
  readonly to: number;
}

/** Options of {@link computeFunnel}. */
export interface FunnelOptions {
  /** Last observed day. Default: the last day in the log. */
  readonly asOf?: number;
  /** Cohort length in days, counted from day 0. Default 30. */
  readonly cohortDays?: number;
  /** Member attribute with the channel; default `channel` when the log has it, else no split. */
  readonly channelAttribute?: string;
  /** Orders that make a member activated. Default 1. */
  readonly activationOrders?: number;
  /** Days after acquisition to reach them. Default 30. */
  readonly activationDays?: number;
  /** Retention windows. Default D7 = [7, 14) and D30 = [30, 60). */
  readonly retentionWindows?: readonly RetentionWindow[];
  /** Horizons of the ARPU figures in days. Default 7, 14, 30. */
  readonly revenueDays?: readonly number[];
  /** Month length of the monthly ARPU. Default 30. */
  readonly monthDays?: number;
  /** Months of monthly ARPU. Default 3. */
  readonly months?: number;
  /** Referral records (inviter = member index of this log) for K. */
  readonly referrals?: Referrals;
  /** Confidence level of the conversion intervals. Default 0.95. */
  readonly level?: number;
}

/**
 * Defaults of {@link computeFunnel}.
 *
 * @example
 * ```ts
 * import { FUNNEL_DEFAULTS } from "./funnel.ts";
 * if (FUNNEL_DEFAULTS.retentionWindows[0].name !== "D7") throw new Error("unexpected");
 * ```
 */
export const FUNNEL_DEFAULTS: Readonly<
  Required<Omit<FunnelOptions, "asOf" | "channelAttribute" | "referrals">>
> = {
  cohortDays: 30,
  activationOrders: 1,
  activationDays: 30,
  retentionWindows: [{ name: "D7", from: 7, to: 14 }, { name: "D30", from: 30, to: 60 }],
  revenueDays: [7, 14, 30],
  monthDays: 30,
  months: 3,
  level: 0.95,
};

/** One funnel step of a cell. */
export interface FunnelStep {
  /** `acquired`, `activated`, `retained:<window>` or `referral`. */
  readonly step: string;
  /** The step the conversion is measured against (null for acquired). */
  readonly parent: string | null;
  /** Parent-step members whose window for this step has elapsed. */
  readonly base: number;
  /** Of those, members who reached the step. */
  readonly count: number;
  /** count / base, with a Wilson interval. */
  readonly conversion: number;
  /** Lower bound of the conversion. */
  readonly lower: number;
  /** Upper bound of the conversion. */
  readonly upper: number;
}

/** The funnel of one cohort × channel cell (or the `all` totals). */
export interface FunnelCell {
  /** Cohort label: the ISO start date with a dated log, else `day <n>`; `all` for totals. */
  readonly cohort: string;
  /** Channel label, or `all`. */
  readonly channel: string;
  /** Members acquired. */
  readonly acquired: number;
  /** The steps in funnel order. */
  readonly steps: readonly FunnelStep[];
  /** ARPU over each horizon: eligible members, revenue, revenue per eligible member. */
  readonly arpu: readonly { days: number; eligible: number; revenue: number; arpu: number }[];
  /** ARPU in each month since acquisition. */
  readonly monthlyArpu: readonly { month: number; eligible: number; arpu: number }[];
  /** Invite events per acquired member; null when the log records no invites. */
  readonly invitesPerMember: number | null;
  /** Converted invites per acquired member (the K-factor); null without referral records. */
  readonly k: number | null;
  /** Converted share of the cell's members' invites; null without referral records (NaN without invites). */
  readonly inviteConversion: number | null;
  /** Mean days from inviter to invitee acquisition; null without referral records (NaN without conversions). */
  readonly cycleDays: number | null;
}

/** The funnel of every cell. */
export interface Funnel {
  /** Model name. */
  readonly model: "funnel";
  /** Members acquired by `asOf`. */
  readonly n: number;
  /** Confidence level. */
  readonly level: number;
  /** Last observed day. */
  readonly asOf: number;
  /** Cells by cohort then channel, then per-channel totals (cohort `all`), then the grand total. */
  readonly cells: readonly FunnelCell[];
  /** Every step conversion of every cell. */
  summary(): (SummaryRow & { cohort: string; channel: string; step: string })[];
}

/**
 * Computes the AARRR funnel by acquisition cohort and channel.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { computeFunnel } from "./funnel.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 2, EventCode.order, 10, -1);
 * b.push(1, 0, EventCode.join, NaN, -1);
 * const funnel = computeFunnel(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 60 });
 * const total = funnel.cells[funnel.cells.length - 1];
 * if (total.steps[1].count !== 1 || total.steps[1].conversion !== 0.5) throw new Error();
 * ```
 */
export function computeFunnel(log: EventLog, options: FunnelOptions = {}): Funnel {
  const action = "compute funnel";
  const o = { ...FUNNEL_DEFAULTS, ...options };
  const asOf = options.asOf ?? lastDay(log, action);
  checkDay(action, "asOf", asOf);
  checkLevel(action, o.level);
  for (
    const [field, v] of [["cohortDays", o.cohortDays], ["activationDays", o.activationDays], [
      "monthDays",
      o.monthDays,
    ]] as const
  ) {
    checkPositive(action, field, v);
  }
  if (!(Number.isInteger(o.activationOrders) && o.activationOrders >= 1)) {
    throw new RangeError(
      `Cannot ${action}: activationOrders is ${o.activationOrders}, expected an integer ≥ 1`,
    );
  }
  for (const w of o.retentionWindows) {
    if (!(w.from >= 0 && w.to > w.from)) {
      throw new RangeError(
        `Cannot ${action}: retention window ${w.name} is [${w.from}, ${w.to}), expected 0 ≤ from < to`,
      );
    }
  }
  const count = log.members.count;
  const channelName = options.channelAttribute ??
    (log.members.attributes.channel ? "channel" : undefined);
  const channels = channelName === undefined
    ? new Array<string>(count).fill("all")
    : attributeLabels(log.members, channelName, action, "(none)");
  const acquired = acquisitionDays(log);
  const byMember = eventsByMember(log, asOf);
  const invitesRecorded = log.type.includes(EventCode.invite);
  const referral = {
    invites: new Float64Array(count),
    converted: new Float64Array(count),
    cycleDays: new Float64Array(count),
  };
  if (o.referrals) {
    const r = o.referrals;
    for (let i = 0; i < r.inviter.length; i++) {
      const m = r.inviter[i];
      referral.invites[m]++;
      if (!r.converted[i]) continue;
      referral.converted[m]++;
      referral.cycleDays[m] += r.inviteeJoinDay[i] - r.inviterJoinDay[i];
    }
  }
  const facts = Array.from({ length: count }, (_, m) => {
    if (!(acquired[m] <= asOf)) return null;
    return memberFacts(acquired[m], byMember[m], asOf, o);
  });
  const cellKey = new Map<string, number[]>();
  const add = (key: string, m: number) => {
    const list = cellKey.get(key) ?? [];
    list.push(m);
    cellKey.set(key, list);
  };
  const cohortOf = (m: number) => Math.floor(acquired[m] / o.cohortDays);
  const members: number[] = [];
  for (let m = 0; m < count; m++) if (facts[m] !== null) members.push(m);
  members.sort((a, b) =>
    cohortOf(a) - cohortOf(b) ||
    (channels[a] < channels[b] ? -1 : channels[a] > channels[b] ? 1 : 0)
  );
  for (const m of members) add(`${cohortOf(m)}\u0000${channels[m]}`, m);
  if (channelName !== undefined) {
    for (const ch of [...new Set(members.map((m) => channels[m]))].sort()) {
      cellKey.set(`all\u0000${ch}`, members.filter((m) => channels[m] === ch));
    }
  }
  cellKey.set("all\u0000all", members);
  const cells = [...cellKey.entries()].map(([key, list]) => {
    const [cohort, channel] = key.split("\u0000");
    const label = cohort === "all" ? "all" : cohortLabel(log.origin, Number(cohort) * o.cohortDays);
    return buildCell(
      label,
      channel,
      list,
      facts as MemberFacts[],
      byMember,
      o.referrals ? referral : null,
      invitesRecorded,
      o,
    );
  });
  const level = o.level;
  return Object.freeze({
    model: "funnel" as const,
    n: members.length,
    level,
    asOf,
    cells: Object.freeze(cells),
    summary: () =>
      cells.flatMap((c) =>
        c.steps.map((s) => ({
          name: `conversion:${s.step}`,
          estimate: s.conversion,
          lower: s.lower,
          upper: s.upper,
          level,
          cohort: c.cohort,
          channel: c.channel,
          step: s.step,
        }))
      ),
  });
}

type Resolved = typeof FUNNEL_DEFAULTS & FunnelOptions;

interface MemberEvents {
  readonly orderDays: number[];
  readonly amounts: number[];
  invites: number;
}

/** Per inviter: invites sent, invites converted, and the summed cycle days of those. */
interface ReferralSums {
  readonly invites: Float64Array;
  readonly converted: Float64Array;
  readonly cycleDays: Float64Array;
}

interface MemberFacts {
  /** Acquisition day. */
  readonly acq: number;
  /** Days observed from acquisition through asOf. */
  readonly observed: number;
  readonly activated: boolean | null;
  readonly retained: (boolean | null)[];
}

function eventsByMember(log: EventLog, asOf: number): MemberEvents[] {
  const out = Array.from(
    { length: log.members.count },
    () => ({ orderDays: [] as number[], amounts: [] as number[], invites: 0 }),
  );
  for (let i = 0; i < log.length; i++) {
    if (log.day[i] > asOf) continue;
    const e = out[log.member[i]];
    if (log.type[i] === EventCode.order) {
      e.orderDays.push(log.day[i]);
      e.amounts.push(Number.isNaN(log.amount[i]) ? 0 : log.amount[i]);
    } else if (log.type[i] === EventCode.invite) {
      e.invites++;
    }
  }
  return out;
}

/** Step outcomes of a member; null where the step's window has not elapsed by `asOf`. */
function memberFacts(acq: number, events: MemberEvents, asOf: number, o: Resolved): MemberFacts {
  const observed = asOf - acq + 1;
  const since = events.orderDays.map((d) => d - acq);
  const early = since.filter((s) => s >= 0 && s < o.activationDays).length;
  const activated = early >= o.activationOrders
    ? true
    : observed >= o.activationDays
    ? false
    : null;
  const retained = o.retentionWindows.map((w) => {
    if (since.some((s) => s >= w.from && s < w.to)) return true;
    return observed >= w.to ? false : null;
  });
  return { acq, observed, activated, retained };
}

function buildCell(
  cohort: string,
  channel: string,
  list: readonly number[],
  facts: readonly MemberFacts[],
  events: readonly MemberEvents[],
  referral: ReferralSums | null,
  invitesRecorded: boolean,
  o: Resolved,
): FunnelCell {
  const step = (name: string, parent: string | null, base: number, count: number): FunnelStep => {
    const [lower, upper] = wilsonInterval(count, base, o.level);
    return {
      step: name,
      parent,
      base,
      count,
      conversion: base > 0 ? count / base : NaN,
      lower,
      upper,
    };
  };
  const n = list.length;
  const activatedBase = list.filter((m) => facts[m].activated !== null);
  const activated = list.filter((m) => facts[m].activated === true);
  const steps = [
    step("acquired", null, n, n),
    step("activated", "acquired", activatedBase.length, activated.length),
  ];
  o.retentionWindows.forEach((w, k) => {
    const base = activated.filter((m) => facts[m].retained[k] !== null);
    steps.push(
      step(
        `retained:${w.name}`,
        "activated",
        base.length,
        base.filter((m) => facts[m].retained[k]).length,
      ),
    );
  });
  if (invitesRecorded) {
    const inviting = activated.filter((m) => events[m].invites > 0).length;
    steps.push(step("referral", "activated", activated.length, inviting));
  }
  const arpu = o.revenueDays.map((days) => arpuOver(list, facts, events, 0, days));
  const monthlyArpu = Array.from({ length: o.months }, (_, month) => {
    const r = arpuOver(list, facts, events, month * o.monthDays, (month + 1) * o.monthDays);
    return { month: month + 1, eligible: r.eligible, arpu: r.arpu };
  });
  const invites = list.reduce((s, m) => s + events[m].invites, 0);
  const sum = (values: Float64Array) => list.reduce((s, m) => s + values[m], 0);
  const sent = referral ? sum(referral.invites) : 0;
  const converted = referral ? sum(referral.converted) : 0;
  return {
    cohort,
    channel,
    acquired: n,
    steps,
    arpu: arpu.map((r, i) => ({ days: o.revenueDays[i], ...r })),
    monthlyArpu,
    invitesPerMember: invitesRecorded && n > 0 ? invites / n : null,
    k: referral && n > 0 ? converted / n : null,
    inviteConversion: referral ? (sent > 0 ? converted / sent : NaN) : null,
    cycleDays: referral ? (converted > 0 ? sum(referral.cycleDays) / converted : NaN) : null,
  };
}

/** Revenue in days [from, to) after acquisition per member observed for `to` days. */
function arpuOver(
  list: readonly number[],
  facts: readonly MemberFacts[],
  events: readonly MemberEvents[],
  from: number,
  to: number,
): { eligible: number; revenue: number; arpu: number } {
  let eligible = 0, revenue = 0;
  for (const m of list) {
    const f = facts[m];
    if (f.observed < to) continue;
    eligible++;
    const e = events[m];
    for (let i = 0; i < e.orderDays.length; i++) {
      const since = e.orderDays[i] - f.acq;
      if (since >= from && since < to) revenue += e.amounts[i];
    }
  }
  return { eligible, revenue, arpu: eligible > 0 ? revenue / eligible : NaN };
}

function cohortLabel(origin: string | null, day: number): string {
  if (origin === null) return `day ${day}`;
  const start = Date.parse(`${origin}T00:00:00Z`);
  return new Date(start + day * 86_400_000).toISOString().slice(0, 10);
}
