/**
 * Viral growth (frameworks.md §1; seed 000): K-factor = invites per member × invite
 * conversion, the viral cycle time measured from referral records, David Skok's closed
 * form N(t) = N0·(K^(t/ct + 1) − 1)/(K − 1) (N0·(t/ct + 1) at K = 1), and a seeded
 * branching-process simulation of the same curve to set beside it.
 *
 * K equals converted invites / members, so its standard error is the Poisson one,
 * √converted / members; conversion has a Wilson interval. The seed's example, 20 invites
 * per member at 10% conversion, gives K = 2 (test/models/analytics/viral.test.ts).
 *
 * @module
 */
// Not the random barrel, which loads seedrandom: the log commands need only the sampler.
import { poisson } from "../../random/samplers.ts";
import type { Rng } from "../../random/mod.ts";
import { normalQuantile } from "../math/mod.ts";
import { checkLevel, checkPositive } from "./_checks.ts";
import { type SummaryRow, wilsonInterval } from "./_interval.ts";

/**
 * Referral records, one per invite, as parallel arrays: who invited (member index),
 * when the inviter joined, when the invite was sent, whether it converted, and when the
 * invitee joined (ignored when not converted; NaN allowed there).
 */
export interface Referrals {
  /** Inviter member index. */
  readonly inviter: ArrayLike<number>;
  /** Day the inviter joined. */
  readonly inviterJoinDay: ArrayLike<number>;
  /** Day the invite was sent. */
  readonly inviteDay: ArrayLike<number>;
  /** Whether the invite converted (1/true) or not. */
  readonly converted: ArrayLike<number | boolean>;
  /** Day the invitee joined, for converted invites. */
  readonly inviteeJoinDay: ArrayLike<number>;
}

/** Options of {@link measureViral}. */
export interface ViralOptions {
  /** Members who could invite (the K denominator), ≥ the distinct inviters. Required. */
  readonly members: number;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/** K-factor, its parts and the cycle time. */
export interface ViralResult {
  /** Model name. */
  readonly model: "viral";
  /** Members (the denominator). */
  readonly n: number;
  /** Confidence level. */
  readonly level: number;
  /** Invites sent. */
  readonly invites: number;
  /** Invites converted. */
  readonly converted: number;
  /** invites / members. */
  readonly invitesPerMember: number;
  /** converted / invites. */
  readonly conversion: number;
  /** K = invitesPerMember × conversion, with Poisson standard error. */
  readonly k: number;
  /** Standard error of K. */
  readonly kSe: number;
  /** Mean days from the inviter's join to the invitee's join (Skok's cycle time); NaN without conversions. */
  readonly cycleDays: number;
  /** Mean days from invite to the invitee's join. */
  readonly conversionLagDays: number;
  /** Rows for K (normal interval) and conversion (Wilson interval). */
  summary(): SummaryRow[];
}

/**
 * Measures the K-factor and viral cycle time from referral records.
 *
 * @example The seed's 20 invites × 10% = K 2
 * ```ts
 * import { measureViral } from "./viral.ts";
 * const n = 20;
 * const viral = measureViral({
 *   inviter: new Array(n).fill(0),
 *   inviterJoinDay: new Array(n).fill(0),
 *   inviteDay: new Array(n).fill(3),
 *   converted: Array.from({ length: n }, (_, i) => i < 2),
 *   inviteeJoinDay: new Array(n).fill(10),
 * }, { members: 1 });
 * if (viral.k !== 2 || viral.cycleDays !== 10) throw new Error("unexpected");
 * ```
 */
export function measureViral(referrals: Referrals, options: ViralOptions): ViralResult {
  const action = "measure viral growth";
  const level = options.level ?? 0.95;
  checkLevel(action, level);
  checkPositive(action, "members", options.members);
  const n = referrals.inviter.length;
  for (const field of ["inviterJoinDay", "inviteDay", "converted", "inviteeJoinDay"] as const) {
    if (referrals[field].length !== n) {
      throw new RangeError(
        `Cannot ${action}: ${field} has ${
          referrals[field].length
        } rows, expected ${n} (one per invite)`,
      );
    }
  }
  const inviters = new Set<number>();
  let converted = 0, cycle = 0, lag = 0;
  for (let i = 0; i < n; i++) {
    inviters.add(referrals.inviter[i]);
    if (!referrals.converted[i]) continue;
    const join = referrals.inviteeJoinDay[i];
    if (!Number.isFinite(join) || join < referrals.inviteDay[i]) {
      throw new RangeError(
        `Cannot ${action}: invite ${i} converted with invitee join day ${join}, expected a day on or after the invite (${
          referrals.inviteDay[i]
        })`,
      );
    }
    converted++;
    cycle += join - referrals.inviterJoinDay[i];
    lag += join - referrals.inviteDay[i];
  }
  if (inviters.size > options.members) {
    throw new RangeError(
      `Cannot ${action}: members is ${options.members}, fewer than the ${inviters.size} distinct inviters`,
    );
  }
  const members = options.members;
  const k = converted / members;
  const kSe = Math.sqrt(converted) / members;
  const z = normalQuantile(1 - (1 - level) / 2);
  return Object.freeze({
    model: "viral" as const,
    n: members,
    level,
    invites: n,
    converted,
    invitesPerMember: n / members,
    conversion: n > 0 ? converted / n : NaN,
    k,
    kSe,
    cycleDays: converted > 0 ? cycle / converted : NaN,
    conversionLagDays: converted > 0 ? lag / converted : NaN,
    summary: () => {
      const [lower, upper] = wilsonInterval(converted, n, level);
      return [
        {
          name: "k-factor",
          estimate: k,
          lower: Math.max(0, k - z * kSe),
          upper: k + z * kSe,
          level,
        },
        { name: "conversion", estimate: n > 0 ? converted / n : NaN, lower, upper, level },
      ];
    },
  });
}

/**
 * Skok's cumulative members after `t` days: N0·(K^(t/ct + 1) − 1)/(K − 1), and its limit
 * N0·(t/ct + 1) at K = 1 (used within 1e-9 of 1, where the ratio loses precision).
 *
 * @example
 * ```ts
 * import { skokMembers } from "./viral.ts";
 * // K = 2, one cycle: 10 + 20 = 30 members.
 * if (skokMembers(10, 2, 7, 7) !== 30) throw new Error("unexpected");
 * ```
 */
export function skokMembers(n0: number, k: number, cycleDays: number, t: number): number {
  checkPositive("compute Skok's curve", "cycleDays", cycleDays);
  if (!(k >= 0)) throw new RangeError(`Cannot compute Skok's curve: k is ${k}, expected ≥ 0`);
  const x = t / cycleDays + 1;
  if (Math.abs(k - 1) < 1e-9) return n0 * x;
  return n0 * (Math.pow(k, x) - 1) / (k - 1);
}

/** Options of {@link simulateViral}. */
export interface ViralSimulationOptions {
  /** Seed members. */
  readonly n0: number;
  /** K-factor: expected converted invites per new member. */
  readonly k: number;
  /** Cycles to simulate. */
  readonly cycles: number;
}

/**
 * Simulates viral growth as a Poisson branching process: each generation of new members
 * brings Poisson(K × generation size) members in the next cycle. Returns the cumulative
 * members after 0..cycles cycles, whose expectation is Skok's curve at t = c·ct.
 *
 * @example
 * ```ts
 * import { rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
 * import { simulateViral } from "./viral.ts";
 * const rng = Xoshiro128.from(streamSeed(rootSeed(1), 0));
 * const curve = simulateViral(rng, { n0: 100, k: 0.5, cycles: 3 });
 * if (curve.length !== 4 || curve[0] !== 100) throw new Error("unexpected");
 * ```
 */
export function simulateViral(rng: Rng, options: ViralSimulationOptions): Float64Array {
  const { n0, k, cycles } = options;
  if (!(Number.isInteger(cycles) && cycles >= 0)) {
    throw new RangeError(
      `Cannot simulate viral growth: cycles is ${cycles}, expected an integer ≥ 0`,
    );
  }
  if (!(k >= 0)) throw new RangeError(`Cannot simulate viral growth: k is ${k}, expected ≥ 0`);
  const curve = new Float64Array(cycles + 1);
  let generation = n0;
  curve[0] = n0;
  for (let c = 1; c <= cycles; c++) {
    generation = generation > 0 ? poisson(rng, k * generation) : 0;
    curve[c] = curve[c - 1] + generation;
  }
  return curve;
}
