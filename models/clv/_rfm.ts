/**
 * Checks recency/frequency data for the non-contractual models and compresses
 * identical (x, t_x, T) rows into weighted unique rows, so that a likelihood over a
 * million customers costs as much as one over their distinct histories.
 *
 * @module
 */
import type { TimeUnit } from "./summary.ts";

/** Recency/frequency data for the non-contractual models. */
export interface RfmData {
  /** Unit of recency and T, recorded on the fit (a `CustomerSummary` carries it). */
  readonly unit?: TimeUnit;
  /** Repeat purchases x per customer. */
  readonly frequency: ArrayLike<number>;
  /** Time of the last repeat purchase t_x (0 when x = 0). */
  readonly recency: ArrayLike<number>;
  /** Time since the first purchase T. */
  readonly T: ArrayLike<number>;
  /** Customers with this row (default 1 each). */
  readonly weights?: ArrayLike<number>;
}

/** Unique rows with weights, as typed arrays. */
export interface CompressedRfm {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly w: Float64Array;
  /** Distinct T values, ascending, and each row's index into them. */
  readonly tValues: Float64Array;
  readonly tCode: Int32Array;
  /** Distinct t_x values, ascending, and each row's index into them. */
  readonly txValues: Float64Array;
  readonly txCode: Int32Array;
  /** Total weight (number of customers). */
  readonly n: number;
  /** Largest frequency. */
  readonly maxX: number;
}

/** Validates and compresses; errors name the model, the row and the value. */
export function compressRfm(model: string, data: RfmData): CompressedRfm {
  const { frequency, recency, T, weights } = data;
  const rows = frequency.length;
  if (recency.length !== rows || T.length !== rows || (weights && weights.length !== rows)) {
    throw new RangeError(
      `Cannot fit ${model}: frequency, recency, T${weights ? " and weights" : ""} differ in ` +
        `length (${rows}, ${recency.length}, ${T.length}${weights ? `, ${weights.length}` : ""})`,
    );
  }
  let n = 0, repeat = 0, maxX = 0;
  for (let i = 0; i < rows; i++) {
    const xi = frequency[i], ri = recency[i], ti = T[i], wi = weights ? weights[i] : 1;
    const fail = (what: string, value: number, expected: string) => {
      throw new RangeError(
        `Cannot fit ${model}: ${what} at row ${i} is ${value}; expected ${expected}`,
      );
    };
    if (!(Number.isInteger(xi) && xi >= 0)) fail("frequency", xi, "an integer ≥ 0");
    if (!(ti > 0 && Number.isFinite(ti))) fail("T", ti, "a finite number > 0");
    if (!(ri >= 0 && ri <= ti)) fail("recency", ri, `a number in [0, T = ${ti}]`);
    if (!(wi >= 0 && Number.isFinite(wi))) fail("weight", wi, "a finite number ≥ 0");
    n += wi;
    if (xi > 0) repeat += wi;
    if (wi > 0) maxX = Math.max(maxX, xi);
  }
  if (n < 2) throw new RangeError(`Cannot fit ${model}: needs at least 2 customers, got ${n}`);
  if (repeat === 0) {
    throw new RangeError(
      `Cannot fit ${model}: every customer has frequency 0, so purchase rates and drop-out ` +
        `cannot be told apart; use a longer calibration period`,
    );
  }
  const tValues = distinct(T), txValues = distinct(recency);
  // One integer key per (T, t_x, x): a direct-address table when the key space is
  // small (the usual case for logs recorded in days), a Map otherwise.
  const span = tValues.length * txValues.length * (maxX + 1);
  const table = span <= DIRECT_LIMIT ? new Int32Array(span).fill(-1) : null;
  const index = new Map<number, number>();
  const x: number[] = [], tCode: number[] = [], txCode: number[] = [], w: number[] = [];
  for (let i = 0; i < rows; i++) {
    const wi = weights ? weights[i] : 1;
    if (wi === 0) continue;
    const ct = search(tValues, T[i]), cr = search(txValues, recency[i]), xi = frequency[i];
    const key = (ct * txValues.length + cr) * (maxX + 1) + xi;
    const at = table !== null ? table[key] : index.get(key) ?? -1;
    if (at === -1) {
      if (table !== null) table[key] = x.length;
      else index.set(key, x.length);
      x.push(xi);
      tCode.push(ct);
      txCode.push(cr);
      w.push(wi);
    } else {
      w[at] += wi;
    }
  }
  const tc = Int32Array.from(tCode), rc = Int32Array.from(txCode);
  return {
    x: Float64Array.from(x),
    tx: Float64Array.from(rc, (c) => txValues[c]),
    T: Float64Array.from(tc, (c) => tValues[c]),
    w: Float64Array.from(w),
    tValues,
    tCode: tc,
    txValues,
    txCode: rc,
    n,
    maxX,
  };
}

const DIRECT_LIMIT = 1 << 23;

function distinct(values: ArrayLike<number>): Float64Array {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) seen.add(values[i]);
  return Float64Array.from(seen).sort();
}

function search(sorted: Float64Array, value: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
