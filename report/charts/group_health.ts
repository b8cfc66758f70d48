/**
 * Group health as a grading map (seed 001; frameworks.md §4): each group a dot at its
 * activity gap (points above the tier × tenure benchmark) and output gap (output per
 * active member against its benchmark), coloured by grade, with the grade thresholds
 * drawn, so a group's grade reads from where it sits and which of the two holds it back.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { GroupGrade, GroupHealth } from "../../models/analytics/group_health.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** Grade colours, worst to best. */
const GRADE_COLORS: Readonly<Record<GroupGrade, string>> = {
  fail: "#e15759",
  pass: "#edc948",
  good: "#6cc5b0",
  excellent: "#3ca951",
};
const GRADES: readonly GroupGrade[] = ["excellent", "good", "pass", "fail"];

/** Options of {@link plotGroupHealth}. */
export interface GroupHealthChartOptions {
  /** Chart title; default "Group health on day <asOf>". */
  readonly title?: string;
  /** Group labels to mark with a ring and their label, e.g. one mentor's groups. */
  readonly highlight?: readonly string[];
}

/**
 * Chart options for the grading map of a {@link GroupHealth}. Groups where nobody
 * ordered have no output gap and are drawn at the bottom edge.
 *
 * @example
 * ```ts
 * import { plotGroupHealth, renderPlot } from "../mod.ts";
 * import { gradeGroupHealth } from "../../models/analytics/group_health.ts";
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.join, NaN, -1);
 * b.push(0, 40, EventCode.order, 50, -1);
 * b.push(1, 0, EventCode.join, NaN, -1);
 * const attributes = {
 *   tier: { codes: Int32Array.of(0, 0), labels: ["399"] },
 *   group: { codes: Int32Array.of(0, 1), labels: ["g0", "g1"] },
 * };
 * const health = gradeGroupHealth(b.build({ count: 2, ids: null, attributes }), { asOf: 59 });
 * const svg = renderPlot(plotGroupHealth(health, { highlight: ["g1"] }));
 * if (!svg.includes("g1") || !svg.includes("excellent")) throw new Error("unexpected");
 * ```
 */
export function plotGroupHealth(
  health: GroupHealth,
  options: GroupHealthChartOptions = {},
): ChartOptions {
  const highlight = new Set(options.highlight ?? []);
  const known = new Set(health.groups.map((g) => g.group));
  const missing = [...highlight].find((g) => !known.has(g));
  if (missing !== undefined) {
    throw new RangeError(`Cannot plot group health: no group '${missing}' to highlight`);
  }
  const finiteGaps = health.groups.map((g) => g.outputGap * 100).filter(Number.isFinite);
  const floor = Math.min(-15, ...finiteGaps) - 5;
  const rows = health.groups.map((g) => ({
    group: g.group,
    grade: g.grade,
    activityGap: g.activityGap,
    outputGap: Number.isFinite(g.outputGap) ? g.outputGap * 100 : floor,
    marked: highlight.has(g.group),
  }));
  const marked = rows.filter((r) => r.marked);
  const counts = GRADES.map((grade) =>
    `${health.groups.filter((g) => g.grade === grade).length} ${grade}`
  ).join(", ");
  return {
    title: options.title ?? `Group health on day ${health.asOf}`,
    subtitle: `${health.n} groups over the ${health.periodDays} days to day ${health.asOf}: ` +
      `${counts}; dashed: grade thresholds (the lower of the two gaps sets the grade)`,
    height: 340,
    x: { label: "Activity gap (points above the tier × tenure benchmark)", grid: true },
    y: { label: "Output gap (% above benchmark)", grid: true },
    color: {
      domain: GRADES,
      range: GRADES.map((grade) => GRADE_COLORS[grade]),
      legend: true,
    },
    marks: [
      Plot.ruleX([0, 2, 5], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      Plot.ruleY([0, 5, 10], { stroke: THEME.muted, strokeDasharray: "4,3" }),
      Plot.dot(rows, { x: "activityGap", y: "outputGap", fill: "grade", r: 4, fillOpacity: 0.85 }),
      Plot.dot(marked, { x: "activityGap", y: "outputGap", r: 7, stroke: THEME.ink }),
      Plot.text(marked, {
        x: "activityGap",
        y: "outputGap",
        text: "group",
        dy: -11,
        fill: THEME.ink,
      }),
    ],
  };
}
