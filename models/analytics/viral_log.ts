/**
 * Referral records from an event log, for {@link measureViral}: the log's `invite`
 * events are the invites sent, and a member's referrer (who invited it) marks the invite
 * that converted. The invite a referred member answered is not in the log, so each
 * inviter's invites are matched to its referred members first-in first-out: the k-th
 * member to join answers the k-th invite, which must have been sent on or before that
 * join. (The simulator converts an invite after a fixed delay, so this is the pairing it
 * made.) K and the cycle time do not depend on the pairing; the conversion lag does.
 *
 * Also Skok's curve beside the log's own growth: the members of the referral trees
 * rooted at the seed members (not referred, acquired on the first day), by day.
 *
 * @module
 */
import { EventCode, type EventLog } from "../../log/event_log.ts";
import { checkDay } from "./_checks.ts";
import { acquisitionDays, lastDay } from "./_members.ts";
import { measureViral, type Referrals, skokMembers, type ViralResult } from "./viral.ts";

/**
 * The referrer of each member (its inviter's member index, -1 when not referred) from a
 * member attribute holding the inviter's member id, such as a simulated run's
 * `referrer` column. Throws a RangeError naming an id that is not a member of the log.
 *
 * @example
 * ```ts
 * import { referrersFromAttribute } from "./viral_log.ts";
 * const log = {
 *   origin: null, length: 0, member: new Int32Array(0), day: new Int32Array(0),
 *   type: new Uint8Array(0), amount: new Float64Array(0), stage: new Int16Array(0), stages: [],
 *   members: {
 *     count: 3, ids: ["a", "b", "c"],
 *     attributes: { referrer: { codes: Int32Array.of(-1, 0, 0), labels: ["a"] } },
 *   },
 * };
 * if (referrersFromAttribute(log).join() !== "-1,0,0") throw new Error("unexpected");
 * ```
 */
export function referrersFromAttribute(log: EventLog, attribute = "referrer"): Int32Array {
  const action = "read referrers";
  const column = log.members.attributes[attribute];
  if (column === undefined) {
    const known = Object.keys(log.members.attributes).join(", ") || "none";
    throw new RangeError(
      `Cannot ${action}: the log has no member attribute '${attribute}' (attributes: ${known})`,
    );
  }
  const index = new Map<string, number>();
  const ids = log.members.ids;
  for (let m = 0; m < log.members.count; m++) index.set(ids?.[m] ?? String(m), m);
  const memberOfLabel = column.labels.map((label) => {
    const m = index.get(label);
    if (m === undefined) {
      throw new RangeError(
        `Cannot ${action}: ${attribute} '${label}' is not a member id of the log`,
      );
    }
    return m;
  });
  return Int32Array.from(column.codes, (code) => (code < 0 ? -1 : memberOfLabel[code]));
}

/**
 * Referral records, one per `invite` event on or before `asOf`, with the invites that
 * converted marked by the members they brought (see the module note on the pairing).
 *
 * @example One inviter, two invites, one converted
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { measureViral, referralsFromLog } from "./mod.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 2, EventCode.invite, NaN, -1);
 * b.push(0, 5, EventCode.invite, NaN, -1);
 * b.push(1, 4, EventCode.join, NaN, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const referrals = referralsFromLog(log, Int32Array.of(-1, 0));
 * const viral = measureViral(referrals, { members: 2 });
 * if (viral.conversion !== 0.5 || viral.cycleDays !== 4 || viral.k !== 0.5) throw new Error();
 * ```
 */
export function referralsFromLog(
  log: EventLog,
  referrer: ArrayLike<number>,
  options: { readonly asOf?: number } = {},
): Referrals {
  const action = "read referrals";
  const asOf = options.asOf ?? lastDay(log, action);
  checkDay(action, "asOf", asOf);
  const count = log.members.count;
  if (referrer.length !== count) {
    throw new RangeError(
      `Cannot ${action}: referrer has ${referrer.length} entries, expected one per member (${count})`,
    );
  }
  const joined = acquisitionDays(log);
  // Invites per inviter in day order, as compressed rows.
  const inviteStart = new Int32Array(count + 1);
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] === EventCode.invite && log.day[i] <= asOf) inviteStart[log.member[i] + 1]++;
  }
  for (let m = 0; m < count; m++) inviteStart[m + 1] += inviteStart[m];
  const inviteDay = new Float64Array(inviteStart[count]);
  const fill = inviteStart.slice(0, count);
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] === EventCode.invite && log.day[i] <= asOf) {
      inviteDay[fill[log.member[i]]++] = log.day[i];
    }
  }
  for (let m = 0; m < count; m++) inviteDay.subarray(inviteStart[m], inviteStart[m + 1]).sort();
  // Referred members per inviter in join order.
  const referred: number[] = [];
  for (let m = 0; m < count; m++) {
    const r = referrer[m];
    if (r < 0 || !(joined[m] <= asOf)) continue;
    if (!(Number.isInteger(r) && r < count)) {
      throw new RangeError(
        `Cannot ${action}: referrer of member ${m} is ${r}, expected -1 or a member index below ${count}`,
      );
    }
    referred.push(m);
  }
  referred.sort((a, b) => referrer[a] - referrer[b] || joined[a] - joined[b] || a - b);
  const inviteeJoinDay = new Float64Array(inviteDay.length).fill(NaN);
  const converted = new Uint8Array(inviteDay.length);
  const next = inviteStart.slice(0, count); // next unanswered invite of each inviter
  for (const m of referred) {
    const r = referrer[m];
    const k = next[r]++;
    if (k >= inviteStart[r + 1] || inviteDay[k] > joined[m]) {
      throw new RangeError(
        `Cannot ${action}: member ${log.members.ids?.[m] ?? m} joined on day ${
          joined[m]
        } as a referral of member ${
          log.members.ids?.[r] ?? r
        }, who has no unanswered invite on or before that day`,
      );
    }
    converted[k] = 1;
    inviteeJoinDay[k] = joined[m];
  }
  const inviter = new Int32Array(inviteDay.length);
  const inviterJoinDay = new Float64Array(inviteDay.length);
  for (let m = 0; m < count; m++) {
    inviter.fill(m, inviteStart[m], inviteStart[m + 1]);
    inviterJoinDay.fill(joined[m], inviteStart[m], inviteStart[m + 1]);
  }
  return { inviter, inviterJoinDay, inviteDay, converted, inviteeJoinDay };
}

/**
 * K-factor, invite conversion and cycle time of a log (see {@link measureViral}), over the
 * members acquired by `asOf` (default the last day in the log), with the as-of day.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { measureViralFromLog } from "./viral_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * for (const d of [1, 2, 3, 4]) b.push(0, d, EventCode.invite, NaN, -1);
 * b.push(1, 6, EventCode.join, NaN, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const viral = measureViralFromLog(log, Int32Array.of(-1, 0));
 * if (viral.n !== 2 || viral.k !== 0.5 || viral.conversion !== 0.25 || viral.asOf !== 6) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function measureViralFromLog(
  log: EventLog,
  referrer: ArrayLike<number>,
  options: { readonly asOf?: number; readonly level?: number } = {},
): ViralResult & { readonly asOf: number } {
  const asOf = options.asOf ?? lastDay(log, "measure viral growth");
  const referrals = referralsFromLog(log, referrer, { asOf });
  const joined = acquisitionDays(log);
  let members = 0;
  for (let m = 0; m < joined.length; m++) if (joined[m] <= asOf) members++;
  const viral = measureViral(referrals, { members, level: options.level });
  return Object.freeze({ ...viral, asOf });
}

/** One point of a {@link SkokComparison}. */
export interface SkokPoint {
  /** Days since the first day of the log. */
  readonly t: number;
  /** Members of the seed members' referral trees acquired by day t; null after the last observed day. */
  readonly observed: number | null;
  /** Skok's N(t). */
  readonly skok: number;
}

/** The seed members' referral growth beside Skok's closed form. */
export interface SkokComparison {
  /** Seed members: not referred, acquired on the log's first day. */
  readonly n0: number;
  /** K of the seed members: members they referred / n0. */
  readonly k: number;
  /** Cycle time used, in days. */
  readonly cycleDays: number;
  /** Observed and predicted members at each requested time. */
  readonly points: readonly SkokPoint[];
}

/**
 * The log's own viral growth beside Skok's closed form: N0 seed members (acquired on the
 * log's first day and not referred) and the size of their referral trees by day t,
 * against N(t) = N0·(K^(t/ct + 1) − 1)/(K − 1). K is the seeds' own (members they
 * referred / N0): they have been observed longest, while a K pooled over all members is
 * pulled down by members acquired too recently to have invited. `cycleDays` is the
 * measured cycle time ({@link measureViralFromLog}). Skok's form counts generations in
 * whole cycles while real invites spread out in time, so the curves meet at t = 0 and
 * tend to the same limit N0/(1 − K) for K < 1, not day by day.
 *
 * @example
 * ```ts
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * import { compareSkok } from "./viral_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 1, EventCode.invite, NaN, -1);
 * b.push(1, 10, EventCode.join, NaN, -1);
 * const log = b.build({ count: 2, ids: null, attributes: {} });
 * const c = compareSkok(log, Int32Array.of(-1, 0), { cycleDays: 10, times: [0, 10] });
 * if (c.n0 !== 1 || c.k !== 1 || c.points[1].observed !== 2 || c.points[1].skok !== 2) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function compareSkok(
  log: EventLog,
  referrer: ArrayLike<number>,
  options: {
    readonly cycleDays: number;
    readonly times: readonly number[];
    /** Last observed day. Default: the last day in the log. */
    readonly asOf?: number;
  },
): SkokComparison {
  const action = "compare with Skok's curve";
  const joined = acquisitionDays(log);
  const count = log.members.count;
  if (referrer.length !== count) {
    throw new RangeError(
      `Cannot ${action}: referrer has ${referrer.length} entries, expected one per member (${count})`,
    );
  }
  let first = Infinity;
  for (let m = 0; m < count; m++) if (joined[m] < first) first = joined[m];
  if (!Number.isFinite(first)) throw new RangeError(`Cannot ${action}: the log has no members`);
  // 1 when the member's referral chain ends at a seed member; resolved iteratively so
  // long chains cannot overflow the stack.
  const seeded = new Int8Array(count).fill(-1);
  const chain: number[] = [];
  for (let m = 0; m < count; m++) {
    let x = m;
    while (seeded[x] === -1 && referrer[x] >= 0) {
      chain.push(x);
      x = referrer[x];
      if (chain.length > count) {
        throw new RangeError(`Cannot ${action}: the referrers of member ${m} form a cycle`);
      }
    }
    if (seeded[x] === -1) seeded[x] = referrer[x] < 0 && joined[x] === first ? 1 : 0;
    for (const y of chain) seeded[y] = seeded[x];
    chain.length = 0;
  }
  let n0 = 0, children = 0;
  const days: number[] = [];
  for (let m = 0; m < count; m++) {
    if (seeded[m] !== 1 || !Number.isFinite(joined[m])) continue;
    days.push(joined[m] - first);
    if (referrer[m] < 0) n0++;
    else if (referrer[referrer[m]] < 0) children++;
  }
  days.sort((a, b) => a - b);
  const k = children / n0;
  // Days after the last observed one are unknown, not flat: they get no observation.
  const observedFor = (options.asOf ?? lastDay(log, action)) - first;
  const points = options.times.map((t) => {
    if (t > observedFor) {
      return { t, observed: null, skok: skokMembers(n0, k, options.cycleDays, t) };
    }
    let lo = 0, hi = days.length; // members acquired by day t
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return { t, observed: lo, skok: skokMembers(n0, k, options.cycleDays, t) };
  });
  return { n0, k, cycleDays: options.cycleDays, points };
}
