/**
 * A hand-built RunResult for the report tests: a small member-by-member toy process on
 * the default scenario's stages and channels, seeded, so totals, daily series and the
 * tenure table agree with each other the way a real run's do.
 *
 * @module
 */
import { parse } from "yaml";
import { poisson, rootSeed, streamSeed, Xoshiro128 } from "../../random/mod.ts";
import type { RunResult } from "../../sim/run_result.ts";
import { parseScenario } from "../../sim/validate.ts";

const SCENARIO_URL = new URL("../../data/scenarios/default.yaml", import.meta.url);

/** Daily churn and order probabilities of the toy process, by stage. */
const CHURN = [0.02, 0.005, 0.002, 0.02, 0.01, 0];
const ORDER = [0.05, 0.06, 0.09, 0.02, 0.05, 0];
const [NEW, ACTIVE, MATURE, AT_RISK, REACTIVATED, CHURNED] = [0, 1, 2, 3, 4, 5];

/**
 * Builds a run of `initial` members over `horizon` days with the default scenario's
 * stages and channels (initial, organic, paid_search, paid_social, referral).
 */
export async function handBuiltRun(initial = 1500, horizon = 120, seed = 7): Promise<RunResult> {
  const text = await Deno.readTextFile(SCENARIO_URL);
  const scenario = parseScenario({ ...parse(text), horizon, shocks: [] });
  const stages = Object.keys(scenario.stages);
  const channels = ["initial", ...scenario.channels.map((c) => c.name), "referral"];
  const rng = Xoshiro128.from(streamSeed(rootSeed(seed), 0));
  const members: { stage: number; join: number; churn: number; orders: number }[] = [];
  const stageCounts = stages.map(() => new Int32Array(horizon));
  const joins = channels.map(() => new Int32Array(horizon));
  const [orders, revenue] = [new Int32Array(horizon), new Float64Array(horizon)];
  const [churns, reactivations] = [new Int32Array(horizon), new Int32Array(horizon)];
  const [invites, conversions] = [new Int32Array(horizon), new Int32Array(horizon)];
  let memberDays = 0, cycleDays = 0;
  // Join days of the referrers of invites that convert today; the invitees join tomorrow.
  let referrers: number[] = [], next: number[] = [];
  const add = (day: number, channel: number, count: number) => {
    for (let i = 0; i < count; i++) members.push({ stage: NEW, join: day, churn: -1, orders: 0 });
    joins[channel][day] += count;
  };
  add(0, 0, initial);
  for (let day = 0; day < horizon; day++) {
    add(day, 1, 30);
    add(day, 2, 60);
    if (day >= 30) add(day, 3, poisson(rng, 50));
    add(day, 4, referrers.length);
    for (const join of referrers) cycleDays += day - join;
    for (const m of members) {
      if (m.stage === CHURNED) {
        if (rng.next() < 0.002) {
          [m.stage, reactivations[day]] = [REACTIVATED, reactivations[day] + 1];
        }
        continue;
      }
      memberDays++;
      if (rng.next() < CHURN[m.stage]) {
        [m.stage, churns[day]] = [CHURNED, churns[day] + 1];
        if (m.churn < 0) m.churn = day;
        continue;
      }
      if (rng.next() < ORDER[m.stage]) {
        m.orders++;
        orders[day]++;
        revenue[day] += Math.round(5000 + 4000 * rng.next()) / 100;
        m.stage = m.orders >= 3 ? MATURE : ACTIVE;
        const sent = poisson(rng, 0.12);
        invites[day] += sent;
        for (let i = 0; i < sent; i++) {
          if (rng.next() < 0.25) {
            [conversions[day], next] = [conversions[day] + 1, [...next, m.join]];
          }
        }
      } else if (m.stage !== NEW && rng.next() < 0.03) m.stage = AT_RISK;
    }
    for (const m of members) stageCounts[m.stage][day]++;
    [referrers, next] = [next, []];
  }
  const churned = new Int32Array(horizon), censored = new Int32Array(horizon);
  for (const m of members) {
    if (m.churn >= 0) churned[m.churn - m.join]++;
    else censored[horizon - 1 - m.join]++;
  }
  const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);
  const referred = sum(joins[4]);
  const spend = channels.map((_, c) => {
    const cac = c === 0 || c === 4 ? 0 : scenario.channels[c - 1].cac;
    return Float64Array.from(joins[c], (n) => n * cac);
  });
  return {
    scenario,
    seed,
    version: "0.1.0",
    engine: "event",
    workers: 1,
    horizon,
    stages,
    channels,
    attributes: [{ name: "tier", values: ["199", "399"] }],
    arms: [],
    assignment: null,
    daily: {
      stageCounts,
      joins,
      churns,
      reactivations,
      orders,
      revenue,
      invites,
      conversions,
      acquisitionSpend: spend,
    },
    policies: [],
    tenure: { churned, censored },
    totals: {
      members: members.length,
      initial,
      acquired: members.length - initial - referred,
      referred,
      churned: stageCounts[CHURNED][horizon - 1],
      live: members.length - stageCounts[CHURNED][horizon - 1],
      orders: sum(orders),
      revenue: sum(revenue),
      acquisitionSpend: sum(spend.map(sum)),
      actions: 0,
      policyCost: 0,
      invites: sum(invites),
      conversions: sum(conversions),
      reactivations: sum(reactivations),
      memberDays,
      kFactor: referred / members.length,
      cycleTime: referred > 0 ? cycleDays / referred : NaN,
    },
    timings: { startup: 0.01, simulation: 0.5, merge: 0.001 },
  };
}
