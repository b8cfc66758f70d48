/**
 * An experiment's results as tidy tables:
 *
 * - `metrics`: per metric and treatment arm, truth against the replications (bias, power,
 *   false-positive rate, coverage, with their 99% bands);
 * - `estimates`: per replication, metric and arm, the estimate, interval, p-values, the
 *   true effect and whether the interval covers it;
 * - `truth`: the true effects and how they were found;
 * - `srm`: per replication and arm, randomization units and the sample-ratio check;
 * - `sequential` and `stopping` (sequential analyses): per replication the mSPRT's
 *   stopping day and the peeking test's first significant day; per look day the
 *   stopping-time distribution;
 * - `cuped` (with a pre-period): adjusted and plain estimates per replication;
 * - `power_curve`: power by units per arm (simulated, or the normal approximation).
 *
 * And a what-if's: `whatif` (per metric: base, changed, difference and relative
 * difference with intervals) and `pairs` (per replication and metric, both values).
 *
 * @module
 */
import type { WhatIfResult } from "./compare.ts";
import type { PowerCurvePoint } from "./power_curve.ts";
import type { ExperimentResult } from "./run.ts";
import type { TidyTable } from "./tidy.ts";

/** A power curve row as tabulated: the source says how it was obtained. */
export interface PowerCurveRow extends PowerCurvePoint {
  readonly source: "simulated" | "normal approximation";
}

/**
 * The tidy tables of an experiment's result (empty ones left out).
 *
 * @example
 * ```ts
 * import { designExperiment, experimentTables, parseExperiment, runExperiment } from "./mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const design = designExperiment(parseExperiment({
 *   name: "aa", scenario: "default", duration: 20, members: 1000, metrics: ["orders"],
 *   arms: [{ name: "control" }, { name: "treatment" }],
 * }), await loadScenario("default"));
 * const tables = experimentTables(await runExperiment(design, { replications: 2 }), []);
 * if (tables.find((t) => t.name === "estimates")?.rows.length !== 2) throw new Error("");
 * ```
 */
export function experimentTables(
  result: ExperimentResult,
  powerCurve: readonly PowerCurveRow[],
): TidyTable[] {
  const { summary, truth, design } = result;
  const truthOf = (metric: string, arm: string) =>
    truth.effects.find((t) => t.metric === metric && t.arm === arm)!;
  const tables: TidyTable[] = [
    {
      name: "metrics",
      columns: [
        ["metric", "string"],
        ["arm", "string"],
        ["guardrail", "boolean"],
        ["replications", "integer"],
        ["failures", "integer"],
        ["true_effect", "double"],
        ["true_effect_se", "double"],
        ["mean_estimate", "double"],
        ["bias", "double"],
        ["empirical_se", "double"],
        ["mean_se", "double"],
        ["mean_lower", "double"],
        ["mean_upper", "double"],
        ["power", "double"],
        ["power_adjusted", "double"],
        ["false_positive_rate", "double"],
        ["false_positive_band_low", "double"],
        ["false_positive_band_high", "double"],
        ["false_positive_ok", "boolean"],
        ["coverage", "double"],
        ["coverage_band_low", "double"],
        ["coverage_band_high", "double"],
        ["coverage_ok", "boolean"],
        ["guardrail_breach_rate", "double"],
      ],
      rows: summary.effects.map((e) => ({
        metric: e.metric,
        arm: e.arm,
        guardrail: e.guardrail,
        replications: e.replications,
        failures: e.failures,
        true_effect: e.trueEffect,
        true_effect_se: e.trueEffectSe,
        mean_estimate: e.meanEstimate,
        bias: e.bias,
        empirical_se: e.empiricalSe,
        mean_se: e.meanSe,
        mean_lower: e.meanLower,
        mean_upper: e.meanUpper,
        power: e.power,
        power_adjusted: e.powerAdjusted,
        false_positive_rate: e.falsePositiveRate?.rate ?? null,
        false_positive_band_low: e.falsePositiveRate?.band[0] ?? null,
        false_positive_band_high: e.falsePositiveRate?.band[1] ?? null,
        false_positive_ok: e.falsePositiveRate?.ok ?? null,
        coverage: e.coverage.rate,
        coverage_band_low: e.coverage.band[0],
        coverage_band_high: e.coverage.band[1],
        coverage_ok: e.coverage.ok,
        guardrail_breach_rate: e.guardrailBreachRate,
      })),
    },
    {
      name: "estimates",
      columns: [
        ["replication", "integer"],
        ["seed", "string"],
        ["metric", "string"],
        ["arm", "string"],
        ["model", "string"],
        ["ok", "boolean"],
        ["code", "string"],
        ["control", "double"],
        ["treatment", "double"],
        ["estimate", "double"],
        ["se", "double"],
        ["lower", "double"],
        ["upper", "double"],
        ["p_value", "double"],
        ["adjusted_p", "double"],
        ["significant", "boolean"],
        ["significant_adjusted", "boolean"],
        ["guardrail_breached", "boolean"],
        ["true_effect", "double"],
        ["covered", "boolean"],
      ],
      rows: result.replications.flatMap((r) =>
        r.analysis.effects.map((e) => {
          const t = truthOf(e.metric, e.arm).effect;
          return {
            replication: r.replication,
            seed: r.seed,
            metric: e.metric,
            arm: e.arm,
            model: e.model,
            ok: e.ok,
            code: e.code,
            control: e.control,
            treatment: e.treatment,
            estimate: e.estimate,
            se: e.se,
            lower: e.lower,
            upper: e.upper,
            p_value: e.pValue,
            adjusted_p: e.adjustedP,
            significant: e.significant,
            significant_adjusted: e.significantAdjusted,
            guardrail_breached: e.guardrailBreached,
            true_effect: t,
            covered: e.ok ? e.lower <= t && t <= e.upper : null,
          };
        })
      ),
    },
    {
      name: "truth",
      columns: [
        ["metric", "string"],
        ["arm", "string"],
        ["method", "string"],
        ["runs", "integer"],
        ["control", "double"],
        ["treatment", "double"],
        ["effect", "double"],
        ["se", "double"],
      ],
      rows: [...truth.effects, ...truth.cuped.map((c) => ({ ...c, metric: `cuped:${c.metric}` }))]
        .map((t) => ({
          metric: t.metric,
          arm: t.arm,
          method: truth.method,
          runs: truth.runs,
          control: t.control,
          treatment: t.treatment,
          effect: t.effect,
          se: t.se,
        })),
    },
    {
      name: "srm",
      columns: [
        ["replication", "integer"],
        ["seed", "string"],
        ["arm", "string"],
        ["weight", "double"],
        ["units", "integer"],
        ["p_value", "double"],
        ["alarm", "boolean"],
      ],
      rows: result.replications.flatMap((r) =>
        design.arms.map((arm, a) => ({
          replication: r.replication,
          seed: r.seed,
          arm: arm.name,
          weight: arm.weight,
          units: r.analysis.srm.units[a],
          p_value: r.analysis.srm.pValue,
          alarm: r.analysis.srm.alarm,
        }))
      ),
    },
    {
      name: "sequential",
      columns: [
        ["replication", "integer"],
        ["seed", "string"],
        ["metric", "string"],
        ["arm", "string"],
        ["stopped_day", "integer"],
        ["peeking_day", "integer"],
        ["lower", "double"],
        ["upper", "double"],
        ["true_difference", "double"],
        ["covered", "boolean"],
      ],
      rows: result.replications.flatMap((r) =>
        r.analysis.sequential.map((s) => {
          const d = summary.sequential.find((x) => x.metric === s.metric && x.arm === s.arm)!
            .trueDifference;
          return {
            replication: r.replication,
            seed: r.seed,
            metric: s.metric,
            arm: s.arm,
            stopped_day: s.stoppedDay,
            peeking_day: s.peekingDay,
            lower: s.lower,
            upper: s.upper,
            true_difference: d,
            covered: Number.isNaN(s.lower) ? null : s.lower <= d && d <= s.upper,
          };
        })
      ),
    },
    {
      name: "stopping",
      columns: [
        ["metric", "string"],
        ["arm", "string"],
        ["day", "integer"],
        ["stopped", "integer"],
        ["cumulative_share", "double"],
      ],
      rows: summary.sequential.flatMap((s) =>
        s.stoppingDistribution.map((d) => ({
          metric: s.metric,
          arm: s.arm,
          day: d.day,
          stopped: d.stopped,
          cumulative_share: d.cumulativeShare,
        }))
      ),
    },
    {
      name: "cuped",
      columns: [
        ["replication", "integer"],
        ["seed", "string"],
        ["metric", "string"],
        ["arm", "string"],
        ["adjusted_estimate", "double"],
        ["adjusted_se", "double"],
        ["adjusted_lower", "double"],
        ["adjusted_upper", "double"],
        ["estimate", "double"],
        ["se", "double"],
        ["lower", "double"],
        ["upper", "double"],
        ["variance_reduction", "double"],
      ],
      rows: result.replications.flatMap((r) =>
        r.analysis.cuped.map((c) => ({
          replication: r.replication,
          seed: r.seed,
          metric: c.metric,
          arm: c.arm,
          adjusted_estimate: c.adjusted.estimate,
          adjusted_se: c.adjusted.se,
          adjusted_lower: c.adjusted.lower,
          adjusted_upper: c.adjusted.upper,
          estimate: c.unadjusted.estimate,
          se: c.unadjusted.se,
          lower: c.unadjusted.lower,
          upper: c.unadjusted.upper,
          variance_reduction: c.varianceReduction,
        }))
      ),
    },
    powerCurveTable(powerCurve),
  ];
  return tables.filter((t) => t.rows.length > 0);
}

/**
 * The power-curve table.
 *
 * @example
 * ```ts
 * import { powerCurveTable } from "./tables.ts";
 * const t = powerCurveTable([{ metric: "orders", arm: "b", members: 100, unitsPerArm: 50,
 *   power: 0.3, replications: 10, source: "simulated" }]);
 * if (t.rows[0].units_per_arm !== 50) throw new Error("unexpected");
 * ```
 */
export function powerCurveTable(points: readonly PowerCurveRow[]): TidyTable {
  return {
    name: "power_curve",
    columns: [
      ["metric", "string"],
      ["arm", "string"],
      ["source", "string"],
      ["members", "integer"],
      ["units_per_arm", "double"],
      ["power", "double"],
      ["replications", "integer"],
    ],
    rows: points.map((p) => ({
      metric: p.metric,
      arm: p.arm,
      source: p.source,
      members: p.members,
      units_per_arm: p.unitsPerArm,
      power: p.power,
      replications: p.replications,
    })),
  };
}

/**
 * The tidy tables of a what-if.
 *
 * @example
 * ```ts
 * import { whatIfTables } from "./tables.ts";
 * const tables = whatIfTables({
 *   replications: 2, seed: 1, level: 0.95, horizon: 30, pairs: [],
 *   metrics: [{ metric: "members", label: "members", base: 10, changed: 10, difference: null,
 *     relative: null, failure: "zero-variance" }],
 * });
 * if (tables[0].rows[0].failure !== "zero-variance") throw new Error("unexpected");
 * ```
 */
export function whatIfTables(result: WhatIfResult): TidyTable[] {
  const tables: TidyTable[] = [
    {
      name: "whatif",
      columns: [
        ["metric", "string"],
        ["label", "string"],
        ["base", "double"],
        ["changed", "double"],
        ["difference", "double"],
        ["difference_se", "double"],
        ["difference_lower", "double"],
        ["difference_upper", "double"],
        ["p_value", "double"],
        ["relative", "double"],
        ["relative_lower", "double"],
        ["relative_upper", "double"],
        ["level", "double"],
        ["replications", "integer"],
        ["failure", "string"],
      ],
      rows: result.metrics.map((m) => ({
        metric: m.metric,
        label: m.label,
        base: m.base,
        changed: m.changed,
        difference: m.difference?.estimate ?? null,
        difference_se: m.difference?.se ?? null,
        difference_lower: m.difference?.lower ?? null,
        difference_upper: m.difference?.upper ?? null,
        p_value: m.difference?.pValue ?? null,
        relative: m.relative?.estimate ?? null,
        relative_lower: m.relative?.lower ?? null,
        relative_upper: m.relative?.upper ?? null,
        level: result.level,
        replications: result.replications,
        failure: m.failure,
      })),
    },
    {
      name: "pairs",
      columns: [
        ["replication", "integer"],
        ["seed", "string"],
        ["metric", "string"],
        ["base", "double"],
        ["changed", "double"],
      ],
      rows: result.pairs.flatMap((p) =>
        result.metrics.map((m, k) => ({
          replication: p.replication,
          seed: p.seed,
          metric: m.metric,
          base: p.base[k],
          changed: p.changed[k],
        }))
      ),
    },
  ];
  return tables.filter((t) => t.rows.length > 0);
}
