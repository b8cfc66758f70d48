/**
 * The one chart theme of Lifecycle Lab: font, sizes, ink colours, and fixed colour
 * mappings for lifecycle stages and acquisition channels, so a stage has the same
 * colour in every chart, report and notebook.
 *
 * @module
 */

/** Fonts, sizes and colours every chart uses. */
export const THEME = {
  /** System fonts only: the report makes no external requests. */
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif',
  fontSize: 12,
  titleSize: 14,
  width: 720,
  height: 280,
  marginLeft: 60,
  marginRight: 24,
  marginBottom: 40,
  /** Text and axes. */
  ink: "#1f2328",
  /** Secondary text (captions, legends). */
  muted: "#57606a",
  /** Reference lines and confidence bands. */
  band: "#c8d3e6",
  accent: "#4269d0",
  /** Colours of known stage names; unknown stages take {@link THEME.fallback} in order. */
  stages: {
    lead: "#9c6b4e",
    new: "#4269d0",
    trial: "#97bbf5",
    growth: "#6cc5b0",
    active: "#6cc5b0",
    stable: "#3ca951",
    mature: "#3ca951",
    declining: "#efb118",
    at_risk: "#efb118",
    dormant: "#ff8ab7",
    reactivated: "#a463f2",
    churned: "#9498a0",
  } as Readonly<Record<string, string>>,
  /** Colours of known channel names; unknown channels take {@link THEME.fallback} in order. */
  channels: {
    initial: "#9498a0",
    organic: "#3ca951",
    paid_search: "#4269d0",
    paid_social: "#ff8ab7",
    referral: "#ff725c",
  } as Readonly<Record<string, string>>,
  /** Colours for names the mappings above do not know. */
  fallback: ["#e15759", "#76b7b2", "#edc948", "#b07aa1", "#59a14f", "#f28e2b", "#bab0ac"],
} as const;

/** A colour scale as Observable Plot takes it: parallel domain and range. */
export interface ColorMapping {
  readonly domain: readonly string[];
  readonly range: readonly string[];
}

/**
 * Colours for lifecycle stages, in the given order: known stage names keep their fixed
 * colour; other names take the fallback colours in order of appearance.
 *
 * @example
 * ```ts
 * import { stageColors } from "./theme.ts";
 * const { range } = stageColors(["new", "churned", "vip"]);
 * if (range[0] !== "#4269d0" || range[1] !== "#9498a0" || range[2] !== "#e15759") {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function stageColors(stages: readonly string[]): ColorMapping {
  return mapColors(stages, THEME.stages);
}

/**
 * Colours for acquisition channels, in the given order: known channel names keep their
 * fixed colour; other names take the fallback colours in order of appearance.
 *
 * @example
 * ```ts
 * import { channelColors } from "./theme.ts";
 * if (channelColors(["referral"]).range[0] !== "#ff725c") throw new Error("unexpected");
 * ```
 */
export function channelColors(channels: readonly string[]): ColorMapping {
  return mapColors(channels, THEME.channels);
}

/**
 * Colours for series without a fixed colour (runs or curves compared on one chart), in
 * the given order: the accent first, then the fallback colours, repeating.
 *
 * @example
 * ```ts
 * import { seriesColors, THEME } from "./theme.ts";
 * const { range } = seriesColors(["baseline", "changed"]);
 * if (range[0] !== THEME.accent || range[1] !== THEME.fallback[0]) throw new Error("unexpected");
 * ```
 */
export function seriesColors(labels: readonly string[]): ColorMapping {
  const palette = [THEME.accent, ...THEME.fallback];
  return { domain: [...labels], range: labels.map((_, i) => palette[i % palette.length]) };
}

function mapColors(
  names: readonly string[],
  known: Readonly<Record<string, string>>,
): ColorMapping {
  let next = 0;
  const range = names.map((name) =>
    Object.hasOwn(known, name) ? known[name] : THEME.fallback[next++ % THEME.fallback.length]
  );
  return { domain: [...names], range };
}
