/**
 * Private sink shared by the event loaders: collects validated rows as events with
 * absolute days, records or throws bad rows by policy, resolves member attributes and
 * the origin, and builds the {@link LoadedEventLog}.
 *
 * @module
 */
import { type DateFormat, isoDate, parseIsoDate } from "./calendar.ts";
import type { CategoricalColumn, EventLog } from "./event_log.ts";
import type { BadRow, BadRowPolicy, LoadedEventLog } from "./load_options.ts";

/** The largest stage code a log holds: its stage column is an Int16Array. */
export const MAX_STAGE = 32_767;

/**
 * The origin day a sink takes for the load options: null for day numbers (`day` format,
 * which has no dates, so an origin is refused), NaN for "the earliest date loaded", else
 * the given ISO date as days since 1970-01-01.
 */
export function originDay(
  source: string,
  format: DateFormat,
  origin: string | null,
): number | null {
  if (format !== "day") return origin === null ? NaN : parseIsoDate(origin);
  if (origin !== null) {
    throw new RangeError(
      `Cannot load ${source}: origin '${origin}' needs dates, but dateFormat 'day' reads day numbers`,
    );
  }
  return null;
}

/** Accumulates one load. */
export class EventSink {
  #length = 0;
  #member: Int32Array<ArrayBuffer>;
  #day: Int32Array<ArrayBuffer>;
  #type: Uint8Array<ArrayBuffer>;
  #amount: Float64Array<ArrayBuffer>;
  #stage: Int16Array<ArrayBuffer>;
  readonly #badRows: BadRow[] = [];
  readonly #policy: BadRowPolicy;
  readonly #source: string;
  readonly #attributeNames: readonly string[];
  #memberAttributes: Int32Array[];
  readonly #conflicts: number[];
  #minDay = Infinity;
  /**
   * Day 0 as days since 1970-01-01, NaN for "the earliest date loaded", or null when days
   * are day numbers of a log without a calendar (kept as they are, no origin date).
   */
  readonly originDay: number | null;

  /** `capacity` is the expected number of rows; columns grow by half when it is exceeded. */
  constructor(
    source: string,
    policy: BadRowPolicy,
    originDay: number | null,
    attributes: string[],
    capacity = 1024,
  ) {
    const size = Math.max(16, Math.ceil(capacity));
    this.#member = new Int32Array(size);
    this.#day = new Int32Array(size);
    this.#type = new Uint8Array(size);
    this.#amount = new Float64Array(size);
    this.#stage = new Int16Array(size);
    this.#source = source;
    this.#policy = policy;
    this.originDay = originDay;
    this.#attributeNames = attributes;
    this.#memberAttributes = attributes.map(() => new Int32Array(1024).fill(-1));
    this.#conflicts = attributes.map(() => 0);
  }

  /** Records a bad row, or throws a SyntaxError naming its line under the `fail` policy. */
  reject(line: number, text: string, reason: string): void {
    if (this.#policy === "fail") {
      throw new SyntaxError(
        `Cannot load ${this.#source}: line ${line}: ${reason} (row: '${text}'; ` +
          `use onBadRow "quarantine" to set such rows aside)`,
      );
    }
    this.#badRows.push({ line, text, reason });
  }

  /** Adds an event; `day` is days since 1970-01-01 (or a day number); `stage` -1 for none. */
  accept(member: number, day: number, type: number, amount: number, stage: number): void {
    if (this.#length === this.#member.length) this.#grow();
    const i = this.#length++;
    this.#member[i] = member;
    this.#day[i] = day;
    this.#type[i] = type;
    this.#amount[i] = amount;
    this.#stage[i] = stage;
    if (day < this.#minDay) this.#minDay = day;
  }

  #grow(): void {
    const size = Math.ceil(this.#member.length * 1.5);
    const member = new Int32Array(size), day = new Int32Array(size);
    const type = new Uint8Array(size), amount = new Float64Array(size);
    const stage = new Int16Array(size);
    member.set(this.#member), day.set(this.#day), type.set(this.#type);
    amount.set(this.#amount), stage.set(this.#stage);
    this.#member = member, this.#day = day, this.#type = type, this.#amount = amount;
    this.#stage = stage;
  }

  /** Sets attribute `k` of a member: the first non-empty value wins, others count as conflicts. */
  attribute(k: number, member: number, code: number): void {
    let column = this.#memberAttributes[k];
    if (member >= column.length) {
      const grown = new Int32Array(Math.max(column.length * 2, member + 1)).fill(-1);
      grown.set(column);
      column = this.#memberAttributes[k] = grown;
    }
    const current = column[member];
    if (current === -1) column[member] = code;
    else if (code !== -1 && code !== current) this.#conflicts[k]++;
  }

  /** Builds the log: days relative to the origin, members and their attributes, stages. */
  finish(
    ids: readonly string[],
    attributeLabels: readonly (readonly string[])[],
    blankLines: number,
    stages: readonly string[],
  ): LoadedEventLog {
    const count = ids.length;
    const attributes: Record<string, CategoricalColumn> = {};
    const conflicts: Record<string, number> = {};
    this.#attributeNames.forEach((name, k) => {
      const codes = new Int32Array(count).fill(-1);
      codes.set(this.#memberAttributes[k].subarray(0, Math.min(count, codes.length)));
      attributes[name] = { codes, labels: attributeLabels[k] };
      conflicts[name] = this.#conflicts[k];
    });
    const loaded = this.#length;
    const origin = this.originDay === null
      ? NaN
      : Number.isNaN(this.originDay)
      ? (loaded > 0 ? this.#minDay : NaN)
      : this.originDay;
    // keep the buffers when nearly full rather than copying hundreds of megabytes
    const trim = <T extends Int32Array | Uint8Array | Int16Array | Float64Array>(a: T): T =>
      (loaded >= 0.9 * a.length ? a.subarray(0, loaded) : a.slice(0, loaded)) as T;
    const day = trim(this.#day);
    if (!Number.isNaN(origin)) { for (let i = 0; i < loaded; i++) day[i] -= origin; }
    const log: EventLog = {
      origin: Number.isNaN(origin) ? null : isoDate(origin),
      length: loaded,
      member: trim(this.#member),
      day,
      type: trim(this.#type),
      amount: trim(this.#amount),
      stage: trim(this.#stage),
      stages,
      members: { count, ids, attributes },
    };
    return {
      log,
      report: {
        rowsRead: loaded + this.#badRows.length,
        rowsLoaded: loaded,
        rowsQuarantined: this.#badRows.length,
        blankLines,
        badRows: this.#badRows,
        attributeConflicts: conflicts,
      },
    };
  }
}
