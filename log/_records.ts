/**
 * Private record scanner shared by the CSV loaders: walks UTF-8 bytes once, record by
 * record, and exposes field boundaries as offsets so that good rows cost no object
 * allocation. Handles comma/tab (RFC 4180 quotes, CRLF) and whitespace-separated text.
 *
 * @module
 */

/** Field separation: a one-byte delimiter with quotes, or runs of spaces and tabs. */
export type Separation = "comma" | "tab" | "whitespace";

const COMMA = 44, TAB = 9, SPACE = 32, CR = 13, LF = 10, QUOTE = 34;
const decoder = new TextDecoder();

/** Picks the separation from the first non-blank line: comma, else tab, else whitespace. */
export function detectSeparation(bytes: Uint8Array): Separation {
  let sawText = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF || b === CR) {
      if (sawText) break;
      continue;
    }
    if (b === COMMA) return "comma";
    if (b === TAB) return "tab";
    if (b !== SPACE) sawText = true;
  }
  return "whitespace";
}

/** Scans records; after {@link RecordScanner.next} the fields of one record are set. */
export class RecordScanner {
  /** Number of fields of the current record. */
  count = 0;
  /** Start offset of each field (after trimming spaces; inside quotes). */
  starts = new Int32Array(64);
  /** End offset (exclusive) of each field. */
  ends = new Int32Array(64);
  /** 1 when a field was quoted and holds doubled quotes to undo. */
  escaped = new Uint8Array(64);
  /** 1-based line number where the current record starts. */
  line = 0;
  /** Byte range of the current record's text, without its line ending. */
  recordStart = 0;
  recordEnd = 0;
  /** Blank lines skipped so far. */
  blankLines = 0;
  #pos = 0;
  #nextLine = 1;
  readonly #bytes: Uint8Array;
  readonly #delimiter: number;
  readonly #whitespace: boolean;

  constructor(bytes: Uint8Array, separation: Separation) {
    // A byte-order mark is not data.
    this.#pos = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    this.#bytes = bytes;
    this.#whitespace = separation === "whitespace";
    this.#delimiter = separation === "tab" ? TAB : COMMA;
  }

  /** Advances to the next non-blank record; false at the end of input. */
  next(): boolean {
    const bytes = this.#bytes, n = bytes.length;
    while (this.#pos < n) {
      this.line = this.#nextLine;
      this.recordStart = this.#pos;
      this.count = 0;
      if (this.#whitespace) this.#scanWhitespace();
      else this.#scanDelimited();
      const blank = this.count === 0 ||
        (this.count === 1 && this.starts[0] === this.ends[0] && this.escaped[0] === 0);
      if (!blank) return true;
      this.blankLines++;
    }
    return false;
  }

  /** The decoded text of field `i` (quotes undone). */
  text(i: number): string {
    const raw = decoder.decode(this.#bytes.subarray(this.starts[i], this.ends[i]));
    return this.escaped[i] === 1 ? raw.replaceAll('""', '"') : raw;
  }

  /** The raw text of the current record. */
  recordText(): string {
    return decoder.decode(this.#bytes.subarray(this.recordStart, this.recordEnd));
  }

  #push(start: number, end: number, escaped: number): void {
    if (this.count === this.starts.length) {
      const size = this.count * 2;
      const starts = new Int32Array(size), ends = new Int32Array(size);
      const esc = new Uint8Array(size);
      starts.set(this.starts), ends.set(this.ends), esc.set(this.escaped);
      this.starts = starts, this.ends = ends, this.escaped = esc;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.escaped[this.count] = escaped;
    this.count++;
  }

  #endLine(): void {
    const bytes = this.#bytes;
    this.recordEnd = this.#pos;
    if (bytes[this.#pos] === CR) this.#pos++;
    if (bytes[this.#pos] === LF) this.#pos++;
    this.#nextLine++;
  }

  #scanWhitespace(): void {
    const bytes = this.#bytes, n = bytes.length;
    let p = this.#pos;
    for (;;) {
      while (p < n && (bytes[p] === SPACE || bytes[p] === TAB)) p++;
      if (p >= n || bytes[p] === LF || bytes[p] === CR) break;
      const start = p;
      while (p < n) {
        const b = bytes[p];
        if (b === SPACE || b === TAB || b === LF || b === CR) break;
        p++;
      }
      this.#push(start, p, 0);
    }
    this.#pos = p;
    this.#endLine();
  }

  #scanDelimited(): void {
    const bytes = this.#bytes, n = bytes.length, delimiter = this.#delimiter;
    let p = this.#pos;
    for (;;) {
      while (p < n && (bytes[p] === SPACE || (bytes[p] === TAB && delimiter !== TAB))) p++;
      if (bytes[p] === QUOTE) {
        const start = ++p;
        let escaped = 0;
        for (;;) {
          if (p >= n) break;
          const b = bytes[p];
          if (b === QUOTE) {
            if (bytes[p + 1] === QUOTE) {
              escaped = 1;
              p += 2;
              continue;
            }
            break;
          }
          if (b === LF) this.#nextLine++; // a quoted field may span lines
          p++;
        }
        this.#push(start, p, escaped);
        p++; // closing quote
        while (p < n && bytes[p] !== delimiter && bytes[p] !== LF && bytes[p] !== CR) p++;
      } else {
        const start = p;
        while (p < n) {
          const b = bytes[p];
          if (b === delimiter || b === LF || b === CR) break;
          p++;
        }
        let end = p;
        while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
        this.#push(start, end, 0);
      }
      if (p < n && bytes[p] === delimiter) {
        p++;
        continue;
      }
      break;
    }
    this.#pos = p;
    this.#endLine();
  }
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal number from bytes [start, end); NaN when the text is not one.
 * Up to 15 significant digits the value is mantissa / 10^k, one correctly rounded
 * division of two exact doubles; longer text falls back to Number().
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  if (start >= end) return NaN;
  let p = start, negative = false;
  if (bytes[p] === 45 || bytes[p] === 43) negative = bytes[p++] === 45;
  let mantissa = 0, digits = 0, fraction = 0, seenDot = false, any = false;
  for (; p < end; p++) {
    const b = bytes[p];
    if (b >= 48 && b <= 57) {
      any = true;
      if (mantissa === 0 && b === 48 && !seenDot) continue; // leading zeros
      mantissa = mantissa * 10 + (b - 48);
      if (mantissa !== 0) digits++;
      if (seenDot) fraction++;
    } else if (b === 46 && !seenDot) seenDot = true;
    else break;
  }
  if (p === end && any && digits <= 15 && fraction <= 22) {
    const value = mantissa / POW10[fraction];
    return negative ? -value : value;
  }
  const text = decoder.decode(bytes.subarray(start, end));
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/**
 * Resolves a column reference to a 0-based index: a header name, else an integer index
 * (a number, or a string of digits as the CLI passes). Throws a RangeError naming the
 * option and the columns that exist.
 */
export function resolveColumn(
  source: string,
  option: string,
  ref: string | number,
  header: readonly string[] | null,
): number {
  if (typeof ref === "string" && header !== null) {
    const index = header.indexOf(ref);
    if (index >= 0) return index;
  }
  const index = typeof ref === "number" ? ref : /^\d+$/.test(ref) ? Number(ref) : NaN;
  if (Number.isInteger(index) && index >= 0) return index;
  const known = header === null
    ? "the file has no header, so name columns by 0-based index"
    : `columns: ${header.join(", ")}`;
  throw new RangeError(`Cannot load ${source}: ${option} '${ref}' is not a column (${known})`);
}

/**
 * The options without keys whose value is undefined, so that spreading them over the
 * defaults keeps a default where a caller passed `undefined` (as CLIs do for absent flags).
 */
export function definedOptions<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}
