/**
 * Server-side chart rendering: Observable Plot options in, one standalone SVG string
 * out, drawn on linkedom's document (no browser needed) in the {@link THEME}. The title,
 * subtitle and colour legend are drawn inside the SVG, so the string works as an `.svg`
 * file, inline in HTML, and in a Deno notebook cell as
 * `Deno.jupyter.svg\`${renderPlot(options)}\``.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeMarkup } from "./_escape.ts";
import { THEME } from "./theme.ts";

/**
 * Options of a chart: Observable Plot's options, with the title and subtitle as plain
 * strings drawn in the SVG (Plot would wrap them in an HTML figure). Set
 * `color: { legend: true }` for a swatch legend under the title.
 */
export interface ChartOptions
  extends Omit<Plot.PlotOptions, "title" | "subtitle" | "caption" | "document"> {
  /** Bold line above the chart. */
  readonly title?: string;
  /** Muted line under the title, e.g. what the band means. */
  readonly subtitle?: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Renders chart options to a standalone SVG string in the Lifecycle Lab theme.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { renderPlot } from "./render.ts";
 * const svg = renderPlot({
 *   title: "Orders per day",
 *   marks: [Plot.lineY([3, 5, 4], { x: (_, i) => i, y: (d) => d })],
 * });
 * if (!svg.startsWith("<svg") || !svg.includes("Orders per day")) throw new Error("unexpected");
 * ```
 */
export function renderPlot(options: ChartOptions): string {
  const { title, subtitle, color, ...rest } = options;
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const plot = Plot.plot({
    width: THEME.width,
    height: THEME.height,
    marginLeft: THEME.marginLeft,
    marginRight: THEME.marginRight,
    marginBottom: THEME.marginBottom,
    ...rest,
    color: { ...color, legend: false },
    style: { fontFamily: THEME.fontFamily, fontSize: `${THEME.fontSize}px`, color: THEME.ink },
    document: document as unknown as Document,
  });
  if (plot.tagName.toLowerCase() !== "svg") {
    throw new TypeError(
      `Cannot render chart: Plot returned a <${plot.tagName.toLowerCase()}>, expected an <svg>; ` +
        "legends other than the colour legend are not supported",
    );
  }
  const width = Number(plot.getAttribute("width"));
  const height = Number(plot.getAttribute("height"));
  const header = drawHeader(
    width,
    title,
    subtitle,
    color?.legend ? plot.scale("color") : undefined,
  );
  plot.setAttribute("y", String(header.height));
  const total = header.height + height;
  const label = escapeMarkup(title ?? "chart");
  return `<svg xmlns="${SVG_NS}" role="img" aria-label="${label}" width="${width}" ` +
    `height="${total}" viewBox="0 0 ${width} ${total}" font-family="${
      escapeMarkup(THEME.fontFamily)
    }" font-size="${THEME.fontSize}" fill="${THEME.ink}">` +
    `<rect width="100%" height="100%" fill="white"/>${header.svg}${plot.outerHTML}</svg>`;
}

interface Header {
  readonly svg: string;
  readonly height: number;
}

const LINE = THEME.fontSize * 1.5;
const SWATCH = THEME.fontSize;

function drawHeader(
  width: number,
  title: string | undefined,
  subtitle: string | undefined,
  scale: Plot.Scale | undefined,
): Header {
  const parts: string[] = [];
  // Long titles and subtitles wrap at word boundaries instead of running off the chart.
  const room = width - THEME.marginLeft - THEME.marginRight;
  let y = 6;
  if (title !== undefined) {
    for (const line of wrapWords(title, room, THEME.titleSize * 1.05)) {
      y += THEME.titleSize * 1.3;
      parts.push(
        `<text x="${THEME.marginLeft}" y="${y}" font-size="${THEME.titleSize}" ` +
          `font-weight="600">${escapeMarkup(line)}</text>`,
      );
    }
  }
  if (subtitle !== undefined) {
    for (const line of wrapWords(subtitle, room, THEME.fontSize)) {
      y += LINE;
      parts.push(
        `<text x="${THEME.marginLeft}" y="${y}" fill="${THEME.muted}">${escapeMarkup(line)}</text>`,
      );
    }
  }
  if (scale !== undefined) {
    const legend = drawSwatches(width, y + 8, scale);
    parts.push(legend.svg);
    y = legend.height;
  }
  return { svg: `<g aria-label="chart header">${parts.join("")}</g>`, height: y + 4 };
}

/** Ordinal colour swatches, wrapped over as many rows as the width needs. */
function drawSwatches(width: number, top: number, scale: Plot.Scale): Header {
  const domain = (scale.domain ?? []) as unknown[];
  const range = (scale.range ?? []) as unknown[];
  if (scale.type !== "ordinal" && scale.type !== "categorical") {
    throw new TypeError(
      `Cannot draw legend: colour scale is ${scale.type}, expected an ordinal scale`,
    );
  }
  const parts: string[] = [];
  let x = THEME.marginLeft;
  let y = top;
  domain.forEach((value, i) => {
    const text = String(value);
    const step = SWATCH + 6 + textWidth(text, THEME.fontSize) + 16;
    if (x + step > width && x > THEME.marginLeft) {
      x = THEME.marginLeft;
      y += LINE;
    }
    parts.push(
      `<rect x="${x}" y="${y}" width="${SWATCH}" height="${SWATCH}" ` +
        `fill="${escapeMarkup(String(range[i % range.length]))}"/>` +
        `<text x="${x + SWATCH + 6}" y="${y + SWATCH * 0.85}" fill="${THEME.muted}">` +
        `${escapeMarkup(text)}</text>`,
    );
    x += step;
  });
  return { svg: `<g aria-label="legend">${parts.join("")}</g>`, height: y + SWATCH };
}

/** Rough text width: wide glyphs (CJK) take a full em, others about 0.6 em. */
function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) ems += char.codePointAt(0)! > 0x2e80 ? 1 : 0.6;
  return ems * size;
}

/** Words packed greedily into lines no wider than `room` (a longer word gets its own line). */
function wrapWords(text: string, room: number, size: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (line !== "" && textWidth(next, size) > room) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  return line === "" ? [] : [...lines, line];
}
