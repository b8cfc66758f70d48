import { parse } from "yaml";
import { ScenarioSchema } from "/work/main/sim/scenario.ts";
import { simulate } from "/work/main/sim/run.ts";
const sc = ScenarioSchema.parse(parse(Deno.readTextFileSync("/work/main/data/scenarios/ref-lifecycle-v1.yaml")));
const N = Number(Deno.args[0] ?? 1000000), W = Number(Deno.args[1] ?? 1);
for (let seed = 1; seed <= Number(Deno.args[2] ?? 1); seed++) {
const r = await simulate(sc, { members: N, workers: W, seed });
const t = r.totals;
console.log(`seed=${seed} workers=${r.workers} sim=${r.timings.simulation.toFixed(3)}s startup=${r.timings.startup.toFixed(3)} mdps=${(t.memberDays/r.timings.simulation/1e6).toFixed(1)}M rev/m=${(t.revenue/N).toFixed(6)} tot=${t.revenue} inv=${t.invites} ratio=${(t.members/N).toFixed(6)} churned=${(t.churned/t.members).toFixed(6)} md/m=${(t.memberDays/N).toFixed(3)} orders/m=${(t.orders/N).toFixed(3)}`);
}
