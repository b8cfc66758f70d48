/**
 * The eight RFM segments as a grid (frameworks.md §3): recent vs lapsed members in
 * rows, high/low monetary × frequency in columns, each cell naming its segment in
 * Chinese and English with its members and share, shaded by share. Segment positions
 * never move, so two grids (two days, two modes) compare cell by cell.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RfmResult } from "../../models/analytics/rfm.ts";
import { RFM_SEGMENT_INFO, RFM_SEGMENTS } from "../../models/analytics/rfm_segments.ts";
import type { ChartOptions } from "../render.ts";
import { THEME } from "../theme.ts";

/** Options of {@link plotRfmGrid}. */
export interface RfmGridOptions {
  /** Chart title; default "RFM segments (<mode> split)". */
  readonly title?: string;
}

const COLUMNS = ["M high · F high", "M high · F low", "M low · F high", "M low · F low"];
const ROWS = ["R high (recent)", "R low (lapsed)"];

/**
 * Chart options for the segment grid of an RFM scoring.
 *
 * @example
 * ```ts
 * import { plotRfmGrid, renderPlot } from "../mod.ts";
 * import { scoreRfm } from "../../models/analytics/rfm.ts";
 * import { EventCode, EventLogBuilder } from "../../log/event_log.ts";
 * const b = new EventLogBuilder();
 * b.push(0, 1, EventCode.order, 50, -1);
 * b.push(1, 9, EventCode.order, 500, -1);
 * const rfm = scoreRfm(b.build({ count: 2, ids: null, attributes: {} }), { asOf: 10 });
 * if (!renderPlot(plotRfmGrid(rfm)).includes("重要价值用户")) throw new Error("unexpected");
 * ```
 */
export function plotRfmGrid(rfm: RfmResult, options: RfmGridOptions = {}): ChartOptions {
  const scored = rfm.n - rfm.unmatched;
  const cells = RFM_SEGMENTS.map((segment) => {
    const info = RFM_SEGMENT_INFO[segment];
    const members = rfm.counts[segment];
    const share = scored > 0 ? members / scored : 0;
    return {
      row: ROWS[info.r === "high" ? 0 : 1],
      column: COLUMNS[(info.m === "high" ? 0 : 2) + (info.f === "high" ? 0 : 1)],
      share,
      text: `${info.zh}\n${info.en.replace(/ \(.*\)$/, "")}\n` +
        `${members.toLocaleString("en-US")} · ${(share * 100).toFixed(1)}%`,
    };
  });
  const max = Math.max(...cells.map((c) => c.share)) || 1;
  const unmatched = rfm.unmatched > 0
    ? `; ${rfm.unmatched.toLocaleString("en-US")} matched no band`
    : "";
  return {
    title: options.title ?? `RFM segments (${rfm.mode} split), day ${rfm.asOf}`,
    subtitle: `${rfm.n.toLocaleString("en-US")} members with an order in the last ` +
      `${rfm.window} days; darker: larger share${unmatched}`,
    height: 230,
    marginLeft: 110,
    marginBottom: 10,
    x: { label: null, domain: COLUMNS, axis: "top" },
    y: { label: null, domain: ROWS },
    color: { type: "linear", domain: [0, max], range: ["#f2f5fb", "#9db4e8"] },
    marks: [
      Plot.cell(cells, { x: "column", y: "row", fill: "share", inset: 1.5 }),
      Plot.text(cells, {
        x: "column",
        y: "row",
        text: "text",
        fill: THEME.ink,
        lineHeight: 1.3,
        fontSize: 11,
      }),
    ],
  };
}
