/**
 * RFM migration between two days as a heatmap: segment at the first day in rows,
 * segment at the second in columns, each cell the share of the row's members who
 * moved there, so the diagonal is who stayed and each row reads as "where did they go".
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RfmMigration } from "../../models/analytics/rfm_migration.ts";
import { RFM_SEGMENT_INFO, type RfmSegment } from "../../models/analytics/rfm_segments.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/**
 * Chart options for an RFM migration matrix, rows normalised to 100%. States with no
 * members on either day are left out.
 *
 * @example
 * ```ts
 * import { plotRfmMigration, renderPlot } from "../mod.ts";
 * import { migrateRfm } from "../../models/analytics/rfm_migration.ts";
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 0, EventCode.order, 10, -1);
 * b.push(1, 20, EventCode.order, 10, -1);
 * const mig = migrateRfm(b.build({ count: 2, ids: null, attributes: {} }), { from: 5, to: 30 });
 * if (!renderPlot(plotRfmMigration(mig)).includes("day 5")) throw new Error("unexpected");
 * ```
 */
export function plotRfmMigration(migration: RfmMigration): ChartOptions {
  const { states, counts } = migration;
  const label = (state: string) =>
    state in RFM_SEGMENT_INFO ? RFM_SEGMENT_INFO[state as RfmSegment].zh + " " + state : state;
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = states.map((_, j) => counts.reduce((a, row) => a + row[j], 0));
  const kept = states.map((_, i) => i).filter((i) => rowTotals[i] + colTotals[i] > 0);
  const cells = kept.flatMap((i) =>
    rowTotals[i] === 0 ? [] : kept.map((j) => ({
      from: label(states[i]),
      to: states[j],
      share: counts[i][j] / rowTotals[i],
      stayed: i === j,
    }))
  );
  return {
    title: `RFM migration from day ${migration.from} to day ${migration.to}`,
    subtitle: "Row: segment on the first day; cell: share of that row's members in each " +
      "segment on the second day (rows sum to 100%)",
    height: 90 + 26 * kept.length,
    marginLeft: 230,
    marginBottom: 120,
    x: { label: null, domain: kept.map((j) => states[j]), tickRotate: 35 },
    y: { label: null, domain: kept.map((i) => label(states[i])) },
    color: { type: "linear", domain: [0, 1], range: ["#f7f9fc", THEME.accent] },
    marks: [
      Plot.cell(cells, { x: "to", y: "from", fill: "share", inset: 0.5 }),
      // The diagonal (members who stayed) is outlined.
      Plot.cell(cells.filter((c) => c.stayed), {
        x: "to",
        y: "from",
        stroke: THEME.ink,
        fill: "none",
        inset: 1,
      }),
      Plot.text(cells.filter((c) => c.share >= 0.005), {
        x: "to",
        y: "from",
        text: (c: { share: number }) => `${Math.round(c.share * 100)}`,
        fill: (c: { share: number }) => c.share > 0.55 ? "white" : THEME.ink,
        fontSize: 10,
      }),
    ],
  };
}
