/**
 * Private: the inline stylesheet of the run report (system fonts only, so the page
 * makes no external requests).
 *
 * @module
 */
import { THEME } from "./theme.ts";

/** The report's CSS. */
export const REPORT_CSS = `
:root { color: ${THEME.ink}; background: #f6f8fa; }
body { margin: 0; font-family: ${THEME.fontFamily}; font-size: 15px; line-height: 1.5; }
main { max-width: 780px; margin: 0 auto; padding: 24px; background: white; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 1px solid #d0d7de; }
.description { color: ${THEME.muted}; margin: 0 0 8px; }
.identity span { margin-right: 16px; white-space: nowrap; }
.identity b { font-weight: 600; color: ${THEME.muted}; }
table.totals { border-collapse: collapse; width: 100%; }
table.totals th, table.totals td { padding: 4px 8px; border-bottom: 1px solid #eaeef2; }
table.totals th { text-align: left; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.note { color: ${THEME.muted}; font-size: 13px; }
figure.chart { margin: 0 0 32px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { color: ${THEME.muted}; font-size: 14px; margin-top: 4px; }
footer { margin-top: 32px; color: ${THEME.muted}; font-size: 13px; }
`;
