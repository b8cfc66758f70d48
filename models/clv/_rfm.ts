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
  const fail = (i: number, what: string, value: number, expected: string): never => {
    throw new RangeError(
      `Cannot fit ${model}: ${what} at row ${i} is ${value}; expected ${expected}`,
    );
  };
  let n = 0, repeat = 0, maxX = 0;
  for (let i = 0; i < rows; i++) {
    const xi = frequency[i], ri = recency[i], ti = T[i], wi = weights ? weights[i] : 1;
    if (!(Number.isInteger(xi) && xi >= 0)) fail(i, "frequency", xi, "an integer ≥ 0");
    if (!(ti > 0 && Number.isFinite(ti))) fail(i, "T", ti, "a finite number > 0");
    if (!(ri >= 0 && ri <= ti)) fail(i, "recency", ri, `a number in [0, T = ${ti}]`);
    if (!(wi >= 0 && Number.isFinite(wi))) fail(i, "weight", wi, "a finite number ≥ 0");
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
  const tCodes = codes(tValues, T), txCodes = codes(txValues, recency);
  // One integer key per (T, t_x, x), exact in a double: a direct-address table when the
  // key space is small (the usual case for logs recorded in days); otherwise the keys are
  // sorted and counted, which for a million distinct histories is far faster than a Map.
  const span = tValues.length * txValues.length * (maxX + 1);
  const keyOf = (i: number) =>
    (tCodes[i] * txValues.length + txCodes[i]) * (maxX + 1) + frequency[i];
  let keys: Float64Array, w: Float64Array;
  if (span <= DIRECT_LIMIT) {
    const table = new Float64Array(span);
    for (let i = 0; i < rows; i++) table[keyOf(i)] += weights ? weights[i] : 1;
    let unique = 0;
    for (let k = 0; k < span; k++) if (table[k] > 0) unique++;
    keys = new Float64Array(unique);
    w = new Float64Array(unique);
    for (let k = 0, j = 0; k < span; k++) {
      if (table[k] > 0) {
        keys[j] = k;
        w[j++] = table[k];
      }
    }
  } else if (weights === undefined && span <= Number.MAX_SAFE_INTEGER) {
    const sorted = new Float64Array(rows);
    for (let i = 0; i < rows; i++) sorted[i] = keyOf(i);
    sorted.sort();
    const runs = runLengths(sorted);
    keys = runs.values;
    w = runs.counts;
  } else {
    const index = new Map<number, number>();
    for (let i = 0; i < rows; i++) {
      if (weights![i] === 0) continue;
      const key = keyOf(i);
      index.set(key, (index.get(key) ?? 0) + weights![i]);
    }
    keys = Float64Array.from(index.keys());
    w = Float64Array.from(keys, (key) => index.get(key)!);
  }
  const m = keys.length, perT = txValues.length * (maxX + 1);
  const x = new Float64Array(m), tCode = new Int32Array(m), txCode = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const key = keys[j];
    tCode[j] = Math.floor(key / perT);
    const rest = key - tCode[j] * perT;
    txCode[j] = Math.floor(rest / (maxX + 1));
    x[j] = rest - txCode[j] * (maxX + 1);
  }
  return {
    x,
    tx: Float64Array.from(txCode, (c) => txValues[c]),
    T: Float64Array.from(tCode, (c) => tValues[c]),
    w,
    tValues,
    tCode,
    txValues,
    txCode,
    n,
    maxX,
  };
}

const DIRECT_LIMIT = 1 << 23;

/** Distinct values, ascending (a typed-array sort: fast for millions of rows). */
function distinct(values: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(values).sort();
  let unique = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i];
  }
  return sorted.slice(0, unique);
}

/** Each value's index into the sorted distinct values. */
function codes(sorted: Float64Array, values: ArrayLike<number>): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let lo = 0, hi = sorted.length - 1;
    const value = values[i];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}

/** Distinct values of a sorted array and how often each occurs. */
function runLengths(sorted: Float64Array): { values: Float64Array; counts: Float64Array } {
  const values: number[] = [], counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      values.push(sorted[i]);
      counts.push(1);
    }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}
