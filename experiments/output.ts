/**
 * Result folders of experiments and what-ifs: the tidy tables in the requested formats
 * (CSV, Parquet, JSON), `summary.json` (what `--json` prints), the charts as SVG (a
 * forest plot of effects with intervals and true effects; power curves), and last
 * `manifest.json`: what ran (the experiment, the base scenario, the seed from which
 * every replication's seed derives, the version), how long it took, and every file with
 * its rows, size and SHA-256. Files are written under a temporary name and renamed;
 * a folder without a manifest is incomplete.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { removeIfPresent, writeFileAtomic } from "../io/atomic.ts";
import { jsonNumbers } from "../io/json.ts";
import { plotForest } from "../report/charts/forest.ts";
import { plotPowerCurves } from "../report/charts/power_curve.ts";
import { renderPlot } from "../report/render.ts";
import type { Scenario } from "../sim/scenario.ts";
import { VERSION } from "../version.ts";
import type { WhatIfResult } from "./compare.ts";
import { approximatePowerCurve, type PowerCurvePoint } from "./power_curve.ts";
import type { ExperimentResult } from "./run.ts";
import type { Experiment } from "./spec.ts";
import { experimentTables, type PowerCurveRow, whatIfTables } from "./tables.ts";
import { encodeTidy, type TidyFormat, type TidyTable } from "./tidy.ts";
import { normalQuantile } from "../models/math/mod.ts";

/** One file of a result folder, as listed in the manifest. */
export interface ResultFile {
  readonly name: string;
  /** Table name, `summary` or `chart`. */
  readonly content: string;
  readonly format: TidyFormat | "svg";
  /** Rows of a table (null for charts and summary.json). */
  readonly rows: number | null;
  readonly bytes: number;
  readonly sha256: string;
}

/** What every result manifest records. */
export interface ResultManifest {
  readonly kind: "experiment" | "what-if";
  readonly name: string;
  /** The base scenario, resolved. */
  readonly scenario: Scenario;
  /** Seed from which replication r's seed `<seed>/<r>` derives. */
  readonly seed: number | string;
  readonly version: string;
  readonly replications: number;
  readonly workers: number;
  readonly timings: Readonly<Record<string, number>>;
  /** How each run's seed derives from `seed`. */
  readonly seeds: string;
  /** The experiment, resolved (experiments). */
  readonly experiment?: Experiment;
  /** The overrides of the changed scenario (what-ifs). */
  readonly changes?: readonly string[];
  readonly files: readonly ResultFile[];
}

/** Options of the folder writers. */
export interface ResultFolderOptions {
  /** Table formats (default csv). */
  readonly formats?: readonly TidyFormat[];
}

/**
 * Writes an experiment's result folder; returns the manifest.
 *
 * @param powerCurve simulated power points (`simulatePowerCurve`); without them the
 *   power curves are the normal approximation from the replications' standard errors
 * @example
 * ```ts
 * import { designExperiment, parseExperiment, runExperiment, writeExperimentFolder }
 *   from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const base = await loadScenario("default");
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), base);
 * const result = await runExperiment(design, { replications: 3 });
 * const manifest = await writeExperimentFolder(result, base, await Deno.makeTempDir(),
 *   { summary: {} });
 * if (!manifest.files.some((f) => f.name === "forest.svg")) throw new Error("unexpected");
 * ```
 */
export async function writeExperimentFolder(
  result: ExperimentResult,
  base: Scenario,
  dir: string,
  contents: { readonly summary: unknown; readonly powerCurve?: readonly PowerCurvePoint[] },
  options: ResultFolderOptions = {},
): Promise<ResultManifest> {
  const { design, summary } = result;
  const curve: PowerCurveRow[] = contents.powerCurve
    ? contents.powerCurve.map((p) => ({ ...p, source: "simulated" as const }))
    : approximateCurves(result);
  const tables = experimentTables(result, curve);
  const charts: Record<string, string> = {};
  const forestRows = summary.effects.filter((e) =>
    [e.meanEstimate, e.meanLower, e.meanUpper].every(Number.isFinite) &&
    e.meanLower <= e.meanEstimate && e.meanEstimate <= e.meanUpper
  );
  if (forestRows.length > 0) {
    const scale = design.experiment.analysis.scale;
    charts["forest.svg"] = renderPlot(plotForest(
      forestRows.map((e) => ({
        label: design.arms.length > 2 ? `${e.metric} · ${e.arm}` : e.metric,
        estimate: e.meanEstimate,
        lower: e.meanLower,
        upper: e.meanUpper,
        truth: e.trueEffect,
      })),
      {
        title: `${design.experiment.name}: mean estimate and interval over ` +
          `${summary.replications} replications`,
        effectLabel: scale === "relative" ? "Lift (treatment / control − 1)" : "Difference",
        level: 1 - summary.alpha,
      },
    ));
  }
  const series = new Map<string, { nPerArm: number; power: number }[]>();
  for (const p of curve) {
    if (!Number.isFinite(p.power)) continue;
    const key = design.arms.length > 2 ? `${p.metric} · ${p.arm}` : p.metric;
    series.set(key, [...(series.get(key) ?? []), { nPerArm: p.unitsPerArm, power: p.power }]);
  }
  if (series.size > 0) {
    charts["power_curve.svg"] = renderPlot(plotPowerCurves(
      [...series].map(([label, points]) => ({ label, points })),
      {
        title: curve[0].source === "simulated"
          ? `${design.experiment.name}: simulated power by units per arm`
          : `${design.experiment.name}: power by units per arm (normal approximation)`,
      },
    ));
  }
  return await writeResultFolder(dir, {
    tables,
    charts,
    summary: contents.summary,
    formats: options.formats ?? ["csv"],
    manifest: {
      kind: "experiment",
      name: design.experiment.name,
      scenario: base,
      seed: design.experiment.seed,
      version: VERSION,
      replications: summary.replications,
      workers: result.workers,
      timings: result.timings,
      experiment: design.experiment,
      seeds: `replication r: ${design.experiment.seed}/r for r = 0..${summary.replications - 1}; ` +
        `truth run i: ${result.truth.seed}/i`,
    },
  });
}

/**
 * Writes a what-if's result folder; returns the manifest.
 *
 * @example
 * ```ts
 * import { compareScenarios, writeWhatIfFolder } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const base = await loadScenario("default", { overrides: ["population.initial=500"] });
 * const changed = await loadScenario("default", {
 *   overrides: ["population.initial=500", "referral.conversion=0.5"],
 * });
 * const result = await compareScenarios(base, changed, { replications: 3, metrics: ["members"] });
 * const manifest = await writeWhatIfFolder(result, base, ["referral.conversion=0.5"],
 *   await Deno.makeTempDir(), { summary: {}, workers: 1, seconds: 0 });
 * if (manifest.kind !== "what-if") throw new Error("unexpected");
 * ```
 */
export async function writeWhatIfFolder(
  result: WhatIfResult,
  base: Scenario,
  changes: readonly string[],
  dir: string,
  contents: { readonly summary: unknown; readonly workers: number; readonly seconds: number },
  options: ResultFolderOptions = {},
): Promise<ResultManifest> {
  const rows = result.metrics.filter((m) => m.relative !== null);
  const charts: Record<string, string> = {};
  if (rows.length > 0) {
    charts["forest.svg"] = renderPlot(plotForest(
      rows.map((m) => ({
        label: m.label,
        estimate: m.relative!.estimate,
        lower: m.relative!.lower,
        upper: m.relative!.upper,
      })),
      {
        title: `What if ${changes.join(", ")}? Change over ${result.replications} paired runs`,
        effectLabel: "Relative change (changed / base − 1)",
        level: result.level,
      },
    ));
  }
  return await writeResultFolder(dir, {
    tables: whatIfTables(result),
    charts,
    summary: contents.summary,
    formats: options.formats ?? ["csv"],
    manifest: {
      kind: "what-if",
      name: base.name,
      scenario: base,
      seed: result.seed,
      version: VERSION,
      replications: result.replications,
      workers: contents.workers,
      timings: { total: contents.seconds },
      changes,
      seeds: `pair r: both scenarios on seed ${result.seed}/r for r = 0..${
        result.replications - 1
      }`,
    },
  });
}

/** Normal-approximation power curves for every metric, around the run's own size. */
function approximateCurves(result: ExperimentResult): PowerCurveRow[] {
  const { summary, design } = result;
  const alpha = summary.alpha;
  const out: PowerCurveRow[] = [];
  design.arms.slice(1).forEach((arm, i) => {
    const units = summary.srm.meanUnits[i + 1];
    const sizes = [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8].map((f) => Math.max(2, Math.round(f * units)));
    for (const e of summary.effects.filter((x) => x.arm === arm.name)) {
      if (!(e.meanSe > 0) || !(units > 0)) continue;
      // With no true effect (A/A), the curve is for the run's minimum detectable effect.
      const effect = e.trueEffect !== 0
        ? e.trueEffect
        : (normalQuantile(1 - alpha / 2) + normalQuantile(0.8)) * e.meanSe;
      for (const point of approximatePowerCurve(e, units, alpha, sizes, effect)) {
        out.push({
          metric: e.metric,
          arm: arm.name,
          members: NaN,
          unitsPerArm: point.nPerArm,
          power: point.power,
          replications: e.replications,
          source: "normal approximation",
        });
      }
    }
  });
  return out;
}

/** Every table name a result folder may hold; stale files of an earlier run are removed. */
const TABLE_NAMES = [
  "metrics",
  "estimates",
  "truth",
  "srm",
  "sequential",
  "stopping",
  "cuped",
  "power_curve",
  "whatif",
  "pairs",
];

async function writeResultFolder(
  dir: string,
  parts: {
    readonly tables: readonly TidyTable[];
    readonly charts: Readonly<Record<string, string>>;
    readonly summary: unknown;
    readonly formats: readonly TidyFormat[];
    readonly manifest: Omit<ResultManifest, "files">;
  },
): Promise<ResultManifest> {
  await Deno.mkdir(dir, { recursive: true });
  await removeIfPresent(`${dir}/manifest.json`);
  const files: ResultFile[] = [];
  const write = async (
    name: string,
    content: string,
    format: ResultFile["format"],
    rows: number | null,
    data: Uint8Array,
  ) => {
    await writeFileAtomic(`${dir}/${name}`, data);
    const sha256 = createHash("sha256").update(data).digest("hex");
    files.push({ name, content, format, rows, bytes: data.length, sha256 });
  };
  const encoder = new TextEncoder();
  const metadata = {
    scenario: parts.manifest.scenario.name,
    seed: String(parts.manifest.seed),
    version: parts.manifest.version,
  };
  for (const table of parts.tables) {
    for (const format of parts.formats) {
      await write(
        `${table.name}.${format}`,
        table.name,
        format,
        table.rows.length,
        encodeTidy(table, format, metadata),
      );
    }
  }
  const summaryJson = encoder.encode(JSON.stringify(parts.summary, jsonNumbers, 2) + "\n");
  await write("summary.json", "summary", "json", null, summaryJson);
  for (const [name, svg] of Object.entries(parts.charts)) {
    await write(name, "chart", "svg", null, encoder.encode(svg));
  }
  const kept = new Set(files.map((f) => f.name));
  for (const name of TABLE_NAMES) {
    for (const format of ["csv", "parquet", "json"]) {
      if (!kept.has(`${name}.${format}`)) await removeIfPresent(`${dir}/${name}.${format}`);
    }
  }
  for (const chart of ["forest.svg", "power_curve.svg"]) {
    if (!kept.has(chart)) await removeIfPresent(`${dir}/${chart}`);
  }
  const manifest: ResultManifest = {
    ...parts.manifest,
    files: files.sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  await writeFileAtomic(`${dir}/manifest.json`, JSON.stringify(manifest, jsonNumbers, 2) + "\n");
  return manifest;
}
