/**
 * Benchmark: writes a 10-million-row order CSV (id, ISO date, amount) to a temporary
 * folder, loads it with {@link loadEventLog}, aggregates it (monthly retention and
 * lifecycle composition) and prints the timings. Run:
 * `deno run -A bench/load_events.ts [rows]`. Timings are printed, never asserted.
 *
 * @module
 */
import { writeChunksAtomic } from "../io/mod.ts";
import { loadEventLog } from "../io/mod.ts";
import { isoDate, parseIsoDate } from "../log/mod.ts";
import { buildRetentionMatrix, composeLifecycle } from "../models/analytics/mod.ts";
import { rootSeed, streamSeed, Xoshiro128 } from "../random/mod.ts";

const rows = Number(Deno.args[0] ?? 10_000_000);
const members = Math.max(1, Math.round(rows / 10));
const dir = await Deno.makeTempDir({ prefix: "lifecycle-bench-" });
const path = `${dir}/orders.csv`;

function* chunks(): Generator<string> {
  const rng = Xoshiro128.from(streamSeed(rootSeed(2024), 0));
  const start = parseIsoDate("2023-01-01");
  const dates = Array.from({ length: 730 }, (_, d) => isoDate(start + d));
  yield "member_id,order_date,amount\n";
  const batch = 100_000;
  for (let done = 0; done < rows; done += batch) {
    let text = "";
    for (let i = done; i < Math.min(rows, done + batch); i++) {
      const member = rng.nextUint32() % members;
      const day = rng.nextUint32() % 730;
      const cents = 100 + (rng.nextUint32() % 20_000);
      text += `M${member},${dates[day]},${(cents / 100).toFixed(2)}\n`;
    }
    yield text;
  }
}

try {
  let t = performance.now();
  await writeChunksAtomic(path, chunks());
  const bytes = (await Deno.stat(path)).size;
  console.log(`wrote ${rows} rows (${(bytes / 1e6).toFixed(0)} MB) in ${seconds(t)}`);
  t = performance.now();
  const { log, report } = await loadEventLog(path, {
    idCol: "member_id",
    dateCol: "order_date",
    amountCol: "amount",
  });
  console.log(`loaded ${report.rowsLoaded} events, ${log.members.count} members in ${seconds(t)}`);
  t = performance.now();
  let revenue = 0;
  for (let i = 0; i < log.length; i++) revenue += log.amount[i];
  console.log(`summed revenue ${revenue.toFixed(2)} in ${seconds(t)}`);
  t = performance.now();
  const matrix = buildRetentionMatrix(log, { period: "month" });
  console.log(`monthly retention (${matrix.cohorts.length} cohorts) in ${seconds(t)}`);
  t = performance.now();
  const composition = composeLifecycle(log, { period: "week" });
  console.log(`weekly composition (${composition.rows.length} weeks) in ${seconds(t)}`);
} finally {
  await Deno.remove(dir, { recursive: true });
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)} s`;
}
