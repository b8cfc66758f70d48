/**
 * Test fixtures: the CDNOW sample and the published summaries, read with a few
 * lines of parsing (whitespace-separated: master id, sample id, YYYYMMDD, CDs,
 * dollars).
 *
 * @module
 */
const DATA = new URL("../../../../shared/data/", import.meta.url);

/** Day number (days since 1970-01-01) of a YYYYMMDD date. */
export function dayOf(yyyymmdd: string): number {
  const y = Number(yyyymmdd.slice(0, 4)), m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Last day of the 39-week calibration period, 1997-09-30. */
export const CALIBRATION_END = dayOf("19970930");

/** The CDNOW sample transactions as columns. */
export function readCdnowSample(): { member: number[]; day: number[]; amount: number[] } {
  const text = Deno.readTextFileSync(new URL("cdnow/CDNOW_sample.txt", DATA));
  const member: number[] = [], day: number[] = [], amount: number[] = [];
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    member.push(Number(fields[1]));
    day.push(dayOf(fields[2]));
    amount.push(Number(fields[4]));
  }
  return { member, day, amount };
}

/** Rows of a numeric CSV file under shared/data, without the header. */
export function readCsv(path: string): number[][] {
  const text = Deno.readTextFileSync(new URL(path, DATA)).trim();
  return text.split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
}

/** The published CDNOW summary (ID, frequency, recency, T) as fit input. */
export function readCdnowSummary(): { frequency: number[]; recency: number[]; T: number[] } {
  const rows = readCsv("cdnow/cdnow_customers_summary.csv");
  return {
    frequency: rows.map((r) => r[1]),
    recency: rows.map((r) => r[2]),
    T: rows.map((r) => r[3]),
  };
}

/**
 * Whether `actual` agrees with a published figure to three significant figures: within
 * half a unit of the published figure's third significant digit (4.414 → ±0.005,
 * 11.669 → ±0.05, −9582.4 → ±5).
 */
export function agreesTo3SignificantFigures(actual: number, published: number): boolean {
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(published))) - 2);
  return Math.abs(actual - published) <= unit / 2;
}
