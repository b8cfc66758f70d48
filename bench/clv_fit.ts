/**
 * Benchmark of the BG/NBD fit: the CDNOW 2,357-customer sample (target ≤ 0.15 s)
 * and one million simulated customers recorded in days (target ≤ 5 s; the fit
 * compresses customers to weighted unique (x, t_x, T) rows first) or with exact times
 * (every history distinct: a subsample finds the starting point), and of the
 * calibration loop on CDNOW (calibrate, then validate with 200 replications). Prints
 * the timings; run with `deno run -A bench/clv_fit.ts`.
 *
 * @module
 */
import { fitBgNbd, ordersOf, simulateBgNbd } from "../models/clv/mod.ts";
import { loadEventLog } from "../io/mod.ts";
import { rootSeed, streamSeed, Xoshiro128 } from "../random/mod.ts";
import { calibrateScenario, validateHoldout } from "../calibration/mod.ts";

function readCdnowSummary(): { frequency: number[]; recency: number[]; T: number[] } {
  const url = new URL("../../shared/data/cdnow/cdnow_customers_summary.csv", import.meta.url);
  const rows = Deno.readTextFileSync(url).trim().split(/\r?\n/).slice(1)
    .map((line) => line.split(",").map(Number));
  return {
    frequency: rows.map((r) => r[1]),
    recency: rows.map((r) => r[2]),
    T: rows.map((r) => r[3]),
  };
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, (performance.now() - start) / 1000];
}

const cdnow = readCdnowSummary();
const [first, firstSeconds] = time(() => fitBgNbd(cdnow));
const repeats: number[] = [];
for (let i = 0; i < 10; i++) repeats.push(time(() => fitBgNbd(cdnow))[1]);
repeats.sort((a, b) => a - b);
console.log(
  `BG/NBD on CDNOW (2,357 customers): first fit ${firstSeconds.toFixed(3)} s, ` +
    `median of 10 more ${repeats[5].toFixed(3)} s (target ≤ 0.15 s); ` +
    `r = ${first.params.r.toFixed(3)}, LL = ${first.logLikelihood.toFixed(1)}`,
);

const rng = Xoshiro128.from(streamSeed(rootSeed(7), 0));
const [million, simulateSeconds] = time(() =>
  simulateBgNbd(rng, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, {
    customers: 1_000_000,
    // First purchases spread over 12 weeks, as in CDNOW; times recorded in days.
    T: (g) => 39 - Math.floor(84 * g.next()) / 7,
    grid: 1 / 7,
  })
);
const [big, bigSeconds] = time(() => fitBgNbd(million));
console.log(
  `BG/NBD on 1,000,000 simulated customers: fit ${bigSeconds.toFixed(3)} s (target ≤ 5 s; ` +
    `simulation ${simulateSeconds.toFixed(2)} s); r = ${big.params.r.toFixed(3)}, ` +
    `alpha = ${big.params.alpha.toFixed(3)}, a = ${big.params.a.toFixed(3)}, b = ${
      big.params.b.toFixed(3)
    }`,
);

// The same customers with exact times: every (x, t_x, T) distinct, nothing to compress.
const exact = simulateBgNbd(Xoshiro128.from(streamSeed(rootSeed(7), 0)), {
  r: 0.243,
  alpha: 4.414,
  a: 0.793,
  b: 2.426,
}, { customers: 1_000_000, T: (g) => 39 - Math.floor(84 * g.next()) / 7 });
const [exactFit, exactSeconds] = time(() => fitBgNbd(exact));
console.log(
  `BG/NBD on 1,000,000 simulated customers with exact times (no two histories alike): fit ` +
    `${exactSeconds.toFixed(3)} s; r = ${exactFit.params.r.toFixed(3)}`,
);

// CDNOW_sample.txt's orders as `lab calibrate` reads them: days from 1997-01-01.
const { log } = await loadEventLog(
  new URL("../../shared/data/cdnow/CDNOW_sample.txt", import.meta.url).pathname,
  { idCol: 1, dateCol: 2, amountCol: 4, delimiter: "whitespace", header: false },
);
const sample = ordersOf(log);
const [calibration, calibrateSeconds] = time(() =>
  calibrateScenario(sample, { calibrationEnd: 272, origin: log.origin })
);
const started = performance.now();
const validation = await validateHoldout(calibration.scenario, sample, {
  calibrationEnd: 272,
  observationEnd: 545,
  replications: 200,
});
const validateSeconds = (performance.now() - started) / 1000;
console.log(
  `Calibration loop on CDNOW: calibrate ${calibrateSeconds.toFixed(3)} s, validate with 200 ` +
    `replications ${validateSeconds.toFixed(2)} s; holdout repeat purchases actual ` +
    `${validation.holdoutPurchases.actual}, simulated ${
      validation.holdoutPurchases.simulated.toFixed(0)
    }`,
);
