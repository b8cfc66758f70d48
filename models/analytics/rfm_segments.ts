/**
 * The eight RFM segments of frameworks.md §3 (seed 001 §2.4, §4.3; seed 004): their
 * English and Chinese labels, the high/low pattern of R, F and M that defines each, the
 * strategy the thesis recommends (§4.5.2), and the thesis threshold bands on monthly
 * amount and days since the last order.
 *
 * @module
 */

/** The eight segments, in the order of the frameworks.md table. */
export const RFM_SEGMENTS = [
  "important-value",
  "important-development",
  "important-retention",
  "important-win-back",
  "general-value",
  "general-development",
  "general-retention",
  "general-win-back",
] as const;

/** One of the eight RFM segments. */
export type RfmSegment = typeof RFM_SEGMENTS[number];

/** High or low on one RFM dimension; for recency "high" means recent. */
export type RfmLevel = "high" | "low";

/** What a segment means and what to do with it. */
export interface RfmSegmentInfo {
  /** Segment key. */
  readonly segment: RfmSegment;
  /** English label. */
  readonly en: string;
  /** Chinese label as the seeds write it. */
  readonly zh: string;
  /** Recency level (high = recent). */
  readonly r: RfmLevel;
  /** Frequency level. */
  readonly f: RfmLevel;
  /** Monetary level. */
  readonly m: RfmLevel;
  /** The strategy the thesis recommends (§4.5.2). */
  readonly strategy: string;
}

/**
 * Labels, defining pattern and recommended strategy of every segment.
 *
 * @example
 * ```ts
 * import { RFM_SEGMENT_INFO } from "./rfm_segments.ts";
 * if (RFM_SEGMENT_INFO["important-value"].zh !== "重要价值用户") throw new Error("unexpected");
 * ```
 */
export const RFM_SEGMENT_INFO: Readonly<Record<RfmSegment, RfmSegmentInfo>> = {
  "important-value": {
    segment: "important-value",
    en: "Important value (champions)",
    zh: "重要价值用户",
    r: "high",
    f: "high",
    m: "high",
    strategy: "VIP service and ambassador roles",
  },
  "important-development": {
    segment: "important-development",
    en: "Important development",
    zh: "重要发展用户",
    r: "high",
    f: "low",
    m: "high",
    strategy: "Targeted offers to raise frequency, without spamming",
  },
  "important-retention": {
    segment: "important-retention",
    en: "Important retention",
    zh: "重要保持用户",
    r: "low",
    f: "high",
    m: "high",
    strategy: "Care calls and fixing service problems",
  },
  "important-win-back": {
    segment: "important-win-back",
    en: "Important win-back",
    zh: "重要挽留用户",
    r: "low",
    f: "low",
    m: "high",
    strategy: "Interest groups and roles where the member feels needed",
  },
  "general-value": {
    segment: "general-value",
    en: "General value",
    zh: "一般价值用户",
    r: "high",
    f: "high",
    m: "low",
    strategy: "Rebuild trust before selling",
  },
  "general-development": {
    segment: "general-development",
    en: "General development",
    zh: "一般发展用户",
    r: "high",
    f: "low",
    m: "low",
    strategy: "SMS or phone recall",
  },
  "general-retention": {
    segment: "general-retention",
    en: "General retention",
    zh: "一般保持用户",
    r: "low",
    f: "high",
    m: "low",
    strategy: "SMS or phone recall",
  },
  "general-win-back": {
    segment: "general-win-back",
    en: "General win-back",
    zh: "一般挽留用户",
    r: "low",
    f: "low",
    m: "low",
    strategy: "Give up when recall costs more than it returns",
  },
};

/**
 * The segment of a high/low pattern (R high means recent).
 *
 * @example
 * ```ts
 * import { segmentOfLevels } from "./rfm_segments.ts";
 * if (segmentOfLevels(false, false, true) !== "important-win-back") throw new Error();
 * ```
 */
export function segmentOfLevels(rHigh: boolean, fHigh: boolean, mHigh: boolean): RfmSegment {
  // Index into RFM_SEGMENTS: M splits important/general, then R, then F.
  const index = (mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1);
  return RFM_SEGMENTS[index];
}

/**
 * One thesis band. A member is in the band when `minAmount ≤ monthly amount < maxAmount`,
 * `minRecency ≤ days since last order ≤ maxRecency` and, when given, `minOrders ≤ orders
 * in the RFM window ≤ maxOrders`. Amount bounds are half-open, day bounds inclusive.
 */
export interface ThesisBand {
  /** Segment the band assigns. */
  readonly segment: RfmSegment;
  /** Lowest monthly amount in the band (inclusive). */
  readonly minAmount: number;
  /** Monthly amount bound above the band (exclusive); Infinity for none. */
  readonly maxAmount: number;
  /** Fewest days since the last order (inclusive). */
  readonly minRecency: number;
  /** Most days since the last order (inclusive); Infinity for none. */
  readonly maxRecency: number;
  /** Fewest orders in the RFM window (inclusive); default 0. */
  readonly minOrders?: number;
  /** Most orders in the RFM window (inclusive); default Infinity. */
  readonly maxOrders?: number;
}

/**
 * The thesis bands of frameworks.md §3 (CNY per month, days since the last order), read
 * precisely: "≤7 d" is days 0–7, "7–14 d" is 8–14, "15–30 d" 15–30, "30 d–2 months" 31–60
 * and ">3 months" 91 and more (a month is 30 days here, as in the thesis); "500–1000" is
 * [500, 1000). The thesis gives general development and general retention the same band;
 * the repeat buyer (2+ orders in the RFM window) is retention, the one-order member
 * development. General win-back's "0" needs no amount bound: with a 30-day monthly window
 * no order in 91+ days means the monthly amount is 0. Bands are tried in order and the
 * first match wins; a member in no band (e.g. ≥1000 a month with the last order 8 days ago,
 * or 61–90 days silent) is left unmatched, never forced into the nearest band.
 *
 * @example
 * ```ts
 * import { THESIS_BANDS } from "./rfm_segments.ts";
 * if (THESIS_BANDS[0].minAmount !== 1000 || THESIS_BANDS[0].maxRecency !== 7) throw new Error();
 * ```
 */
export const THESIS_BANDS: readonly ThesisBand[] = [
  {
    segment: "important-value",
    minAmount: 1000,
    maxAmount: Infinity,
    minRecency: 0,
    maxRecency: 7,
  },
  {
    segment: "important-development",
    minAmount: 500,
    maxAmount: 1000,
    minRecency: 0,
    maxRecency: 7,
  },
  {
    segment: "important-retention",
    minAmount: 500,
    maxAmount: 1000,
    minRecency: 8,
    maxRecency: 14,
  },
  { segment: "important-win-back", minAmount: 100, maxAmount: 500, minRecency: 8, maxRecency: 14 },
  { segment: "general-value", minAmount: 100, maxAmount: 500, minRecency: 15, maxRecency: 30 },
  {
    segment: "general-development",
    minAmount: 0,
    maxAmount: 100,
    minRecency: 31,
    maxRecency: 60,
    maxOrders: 1,
  },
  {
    segment: "general-retention",
    minAmount: 0,
    maxAmount: 100,
    minRecency: 31,
    maxRecency: 60,
    minOrders: 2,
  },
  {
    segment: "general-win-back",
    minAmount: 0,
    maxAmount: Infinity,
    minRecency: 91,
    maxRecency: Infinity,
  },
];

/**
 * The segment of the first band a member falls in, or null when it falls in none.
 *
 * @example
 * ```ts
 * import { matchThesisBand, THESIS_BANDS } from "./rfm_segments.ts";
 * if (matchThesisBand(THESIS_BANDS, 1200, 3, 4) !== "important-value") throw new Error();
 * if (matchThesisBand(THESIS_BANDS, 1200, 9, 4) !== null) throw new Error();
 * ```
 */
export function matchThesisBand(
  bands: readonly ThesisBand[],
  monthlyAmount: number,
  recency: number,
  orders: number,
): RfmSegment | null {
  for (const b of bands) {
    if (monthlyAmount < b.minAmount || !(monthlyAmount < b.maxAmount)) continue;
    if (recency < b.minRecency || recency > b.maxRecency) continue;
    if (orders < (b.minOrders ?? 0) || orders > (b.maxOrders ?? Infinity)) continue;
    return b.segment;
  }
  return null;
}
