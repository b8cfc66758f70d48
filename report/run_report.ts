/**
 * The run report: one self-contained HTML page (inline CSS and SVG, no scripts, no
 * external requests) with the run's identity, a totals table and the demo charts,
 * each with a caption saying what to look at.
 *
 * @module
 */
import type { RunResult } from "../sim/run_result.ts";
import { escapeMarkup } from "./_escape.ts";
import { plotJoins } from "./charts/joins.ts";
import { plotReferrals } from "./charts/referral.ts";
import { plotSales } from "./charts/sales.ts";
import { plotStageCounts } from "./charts/stages.ts";
import { plotSurvival, type SurvivalSteps } from "./charts/survival.ts";
import { type ChartOptions, renderPlot } from "./render.ts";
import { REPORT_CSS } from "./_report_css.ts";
import { fitTenureSurvival } from "./tenure_survival.ts";

/** Options of {@link renderRunReport}. */
export interface RunReportOptions {
  /** Confidence level of the survival band; default 0.95. */
  readonly level?: number;
}

/** Defaults of {@link renderRunReport}. */
export const RUN_REPORT_DEFAULTS = { level: 0.95 } as const satisfies Required<RunReportOptions>;

/** One chart of the report: an id, the chart and its caption. */
interface ReportChart {
  readonly id: string;
  readonly chart: ChartOptions;
  readonly caption: string;
}

/**
 * Renders a run as a self-contained HTML report: title with the scenario name,
 * description, seed and version; a totals table; and the charts with captions.
 *
 * @example
 * ```ts ignore
 * import { renderRunReport } from "./run_report.ts";
 * import { simulate } from "../sim/mod.ts";
 * import { loadScenario } from "../io/scenario_file.ts";
 * const result = await simulate(await loadScenario("default"), { members: 2000 });
 * const html = renderRunReport(result);
 * if (!html.startsWith("<!doctype html>")) throw new Error("unexpected");
 * ```
 */
export function renderRunReport(result: RunResult, options: RunReportOptions = {}): string {
  const level = options.level ?? RUN_REPORT_DEFAULTS.level;
  const { scenario } = result;
  const title = `Run report: ${scenario.name}`;
  const figures = reportCharts(result, fitTenureSurvival(result.tenure, { level })).map((c) =>
    `<figure class="chart" id="chart-${c.id}">${renderPlot(c.chart)}` +
    `<figcaption>${escapeMarkup(c.caption)}</figcaption></figure>`
  );
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeMarkup(title)}</title><style>${REPORT_CSS}</style></head>`,
    "<body><main>",
    `<header><h1>${escapeMarkup(title)}</h1>`,
    scenario.description ? `<p class="description">${escapeMarkup(scenario.description)}</p>` : "",
    `<p class="identity">${identity(result)}</p></header>`,
    `<section><h2>Totals</h2>${totalsTable(result)}</section>`,
    `<section><h2>Charts</h2>${figures.join("\n")}</section>`,
    `<footer>Lifecycle Lab ${escapeMarkup(result.version)}. Same scenario, seed and version ` +
    "give the same numbers.</footer>",
    "</main></body></html>",
    "",
  ].join("\n");
}

function identity(result: RunResult): string {
  const items: [string, string][] = [
    ["scenario", result.scenario.name],
    ["seed", String(result.seed)],
    ["version", result.version],
    ["horizon", `${result.horizon} days`],
    ["engine", result.engine],
    ["workers", String(result.workers)],
  ];
  return items.map(([k, v]) => `<span><b>${k}</b> ${escapeMarkup(v)}</span>`).join(" ");
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

function totalsTable(result: RunResult): string {
  const t = result.totals;
  const seconds = result.timings.simulation;
  const rows: [string, string, string][] = [
    [
      "Members",
      integer.format(t.members),
      `${integer.format(t.initial)} initial, ${integer.format(t.acquired)} acquired, ` +
      `${integer.format(t.referred)} referred`,
    ],
    [
      "Churned share",
      t.members > 0 ? `${(100 * t.churned / t.members).toFixed(1)}%` : "n/a (no members)",
      `${integer.format(t.churned)} members in the churned stage at the end`,
    ],
    [
      "Orders",
      integer.format(t.orders),
      `${(t.orders / Math.max(t.members, 1)).toFixed(2)} per member`,
    ],
    ["Revenue", money.format(t.revenue), "sum of order amounts"],
    [
      "ARPU",
      t.members > 0 ? money.format(t.revenue / t.members) : "n/a (no members)",
      `revenue per member over the ${result.horizon}-day run`,
    ],
    ["K-factor", t.kFactor.toFixed(3), "referred members per member"],
    [
      "Cycle time",
      Number.isFinite(t.cycleTime) ? `${t.cycleTime.toFixed(1)} days` : "n/a (no referrals)",
      "mean days from a referrer's join to its invitee's join",
    ],
    [
      "Member-days/s",
      seconds > 0 ? integer.format(t.memberDays / seconds) : "n/a (no timing)",
      `${integer.format(t.memberDays)} member-days simulated in ${seconds.toFixed(2)} s`,
    ],
  ];
  const body = rows.map(([name, value, note]) =>
    `<tr><th scope="row">${name}</th><td class="num">${escapeMarkup(value)}</td>` +
    `<td class="note">${escapeMarkup(note)}</td></tr>`
  ).join("");
  return `<table class="totals"><tbody>${body}</tbody></table>`;
}

function reportCharts(result: RunResult, survival: SurvivalSteps): ReportChart[] {
  const shocks = result.scenario.shocks.filter((s) => s.day < result.scenario.horizon)
    .map((s) => `day ${s.day} (${s.type.replace("_", " ")})`);
  const shockNote = shocks.length > 0
    ? ` Scheduled shocks show as steps on ${shocks.join(", ")}.`
    : "";
  const percent = Math.round(survival.confidenceLevel * 100);
  return [
    {
      id: "stages",
      chart: plotStageCounts(result),
      caption: "The height below the grey churned band is the live population. Look at the " +
        "mix: a widening mature band means members settle into repeat ordering; a thick " +
        `at-risk band means many are slipping before they churn.${shockNote}`,
    },
    {
      id: "survival",
      chart: plotSurvival(survival),
      caption: "Kaplan–Meier estimate from tenure at first churn, members still live at the " +
        `end counted as censored; shaded: ${percent}% pointwise band. A steep start means ` +
        "new members leave fast (onboarding); where the curve crosses 50% is the median tenure.",
    },
    {
      id: "revenue",
      chart: plotSales(result, { measure: "revenue" }),
      caption: "Revenue follows the live population and its stage mix. A falling trend " +
        "while joins stay flat means churn outpaces acquisition.",
    },
    {
      id: "orders",
      chart: plotSales(result, { measure: "orders" }),
      caption: "Orders per day; compare with revenue: if orders and revenue part ways, the " +
        "average order value has moved.",
    },
    {
      id: "joins",
      chart: plotJoins(result),
      caption: "Paid channels are flat when budgets are fixed and stop when a channel's " +
        "window closes; referral joins ride on orders, so they grow and shrink with the " +
        "active base.",
    },
    {
      id: "referral",
      chart: plotReferrals(result),
      caption: "K = invites per member × conversion per invite. Below 1, each generation of " +
        "referrals is smaller than the last, so referral alone cannot sustain growth; the " +
        "cycle time says how fast each generation arrives.",
    },
  ];
}
