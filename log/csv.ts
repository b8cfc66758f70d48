/**
 * Event logs from delimited text: CSV (RFC 4180 quotes), TSV, and whitespace-separated
 * files such as CDNOW's, with or without a header, LF or CRLF line endings.
 *
 * The parser scans UTF-8 bytes once and parses numbers and dates in place, so a good
 * row allocates nothing (member ids and attribute values are interned, decoded only the
 * first time they appear); ten million rows load in seconds (`bench/load_events.ts`).
 * Every row is either loaded or reported as a bad row with its line number: nothing is
 * dropped silently. Negative amounts (returns, refunds) load as events of the same
 * type with a negative amount, so revenue sums are net of returns; map them to another
 * type with `typeCol`/`typeMap` when they must be counted apart.
 *
 * @module
 */
import { DATE_FORMAT_EXPECTED, parseDateBytes } from "./calendar.ts";
import { ByteDictionary } from "./_dictionary.ts";
import { EVENT_TYPES, EventCode, type EventType } from "./event_log.ts";
import { EventSink, MAX_STAGE, originDay } from "./_event_sink.ts";
import {
  DEFAULT_EVENT_LOAD_OPTIONS,
  type EventLoadOptions,
  type LoadedEventLog,
} from "./load_options.ts";
import {
  definedOptions,
  detectSeparation,
  parseDecimal,
  RecordScanner,
  resolveColumn,
} from "./_records.ts";

/**
 * Parses an event log from delimited text or its UTF-8 bytes.
 *
 * Columns are named by header name or 0-based index; days count from `origin` (default
 * the earliest date), or are the day numbers written with `dateFormat: "day"`. Bad rows
 * (missing fields, empty id, unreadable date or amount, an order without an amount,
 * unknown event type, date before the origin) throw a SyntaxError naming the line
 * under `onBadRow: "fail"` (default) or are returned in `report.badRows`.
 *
 * @example Load orders, quarantining a row without a customer
 * ```ts
 * import { parseEventCsv } from "./csv.ts";
 * const text = "InvoiceNo,InvoiceDate,CustomerID,TotalPrice\n" +
 *   "1,2010-12-01,17850,139.12\n2,2010-12-03,,10\n3,2010-12-05,17850,-5\n";
 * const { log, report } = parseEventCsv(text, {
 *   idCol: "CustomerID", dateCol: "InvoiceDate", amountCol: "TotalPrice",
 *   onBadRow: "quarantine",
 * });
 * if (log.length !== 2 || log.day[1] !== 4 || log.origin !== "2010-12-01") throw new Error();
 * if (report.badRows[0].reason !== "CustomerID is empty" || report.badRows[0].line !== 3) {
 *   throw new Error("unexpected");
 * }
 * ```
 *
 * @example Load a simulated run's event log (`lab sim --events`): day numbers and stages
 * ```ts
 * import { EventCode, parseEventCsv } from "./mod.ts";
 * const text = "member,day,type,amount,stage\n0,0,join,,new\n0,3,order,12.50,\n";
 * const { log } = parseEventCsv(text, {
 *   idCol: "member", dateCol: "day", dateFormat: "day", typeCol: "type",
 *   amountCol: "amount", stageCol: "stage",
 * });
 * if (log.origin !== null || log.day[1] !== 3 || log.type[1] !== EventCode.order) throw new Error();
 * if (log.stages[log.stage[0]] !== "new" || !Number.isNaN(log.amount[0])) throw new Error();
 * ```
 */
export function parseEventCsv(
  input: string | Uint8Array,
  options: EventLoadOptions,
): LoadedEventLog {
  const o = { ...DEFAULT_EVENT_LOAD_OPTIONS, ...definedOptions(options) };
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const separation = o.delimiter === "auto" ? detectSeparation(bytes) : o.delimiter;
  const scanner = new RecordScanner(bytes, separation);
  let header: string[] | null = null;
  if (o.header && scanner.next()) {
    header = Array.from({ length: scanner.count }, (_, i) => scanner.text(i));
  }
  const column = (option: string, ref: string | number) =>
    resolveColumn(o.source, option, ref, header);
  const idCol = column("idCol", o.idCol);
  const dateCol = column("dateCol", o.dateCol);
  const amountCol = o.amountCol === undefined ? -1 : column("amountCol", o.amountCol);
  const typeCol = o.typeCol === undefined ? -1 : column("typeCol", o.typeCol);
  const stageCol = o.stageCol === undefined ? -1 : column("stageCol", o.stageCol);
  const attributeCols = (o.attributeCols ?? []).map((ref) => column("attributeCols", ref));
  const name = (i: number) => header?.[i] ?? `column ${i}`;
  const attributeNames = attributeCols.map(name);
  const needed = Math.max(idCol, dateCol, amountCol, typeCol, stageCol, ...attributeCols) + 1;
  const constantType = EventCode[o.eventType];
  if (constantType === undefined) {
    throw new RangeError(
      `Cannot load ${o.source}: eventType '${o.eventType}' is not one of ${EVENT_TYPES.join(", ")}`,
    );
  }
  const types = new TypeResolver(o.typeMap ?? {});
  const members = new ByteDictionary();
  const attributeValues = attributeCols.map(() => new ByteDictionary());
  const stages = new ByteDictionary();
  const sink = new EventSink(
    o.source,
    o.onBadRow,
    originDay(o.source, o.dateFormat, o.origin),
    attributeNames,
    estimateRows(bytes),
  );
  const expected = DATE_FORMAT_EXPECTED[o.dateFormat];
  const value = (i: number) => `'${scanner.text(i)}'`;

  while (scanner.next()) {
    const line = scanner.line;
    if (scanner.count < needed) {
      sink.reject(
        line,
        scanner.recordText(),
        `has ${scanner.count} fields, expected at least ${needed}`,
      );
      continue;
    }
    const s = scanner.starts, e = scanner.ends; // replaced when a wide row grows them
    if (s[idCol] === e[idCol]) {
      sink.reject(line, scanner.recordText(), `${name(idCol)} is empty`);
      continue;
    }
    const day = parseDateBytes(bytes, s[dateCol], e[dateCol], o.dateFormat);
    if (Number.isNaN(day)) {
      const reason = s[dateCol] === e[dateCol]
        ? `${name(dateCol)} is empty`
        : `${name(dateCol)} ${value(dateCol)} is not a date (expected ${expected})`;
      sink.reject(line, scanner.recordText(), reason);
      continue;
    }
    if (sink.originDay !== null && day < sink.originDay) {
      sink.reject(
        line,
        scanner.recordText(),
        `${name(dateCol)} ${value(dateCol)} is before the origin ${o.origin}`,
      );
      continue;
    }
    let type = constantType;
    if (typeCol >= 0) {
      type = types.code(bytes, s[typeCol], e[typeCol]);
      if (type < 0) {
        sink.reject(
          line,
          scanner.recordText(),
          `${name(typeCol)} ${value(typeCol)} is not an event type ` +
            `(expected one of ${EVENT_TYPES.join(", ")} or a typeMap key)`,
        );
        continue;
      }
    }
    let amount = NaN;
    // Only orders must carry an amount: joins, churns and invites have none.
    if (amountCol >= 0 && (s[amountCol] !== e[amountCol] || type === EventCode.order)) {
      amount = parseDecimal(bytes, s[amountCol], e[amountCol]);
      if (Number.isNaN(amount)) {
        const reason = s[amountCol] === e[amountCol]
          ? `${name(amountCol)} is empty on an order`
          : `${name(amountCol)} ${value(amountCol)} is not a number`;
        sink.reject(line, scanner.recordText(), reason);
        continue;
      }
    }
    let stage = -1;
    if (stageCol >= 0 && s[stageCol] !== e[stageCol]) {
      stage = scanner.escaped[stageCol] === 1
        ? stages.internText(scanner.text(stageCol))
        : stages.intern(bytes, s[stageCol], e[stageCol]);
      if (stage > MAX_STAGE) {
        sink.reject(
          line,
          scanner.recordText(),
          `${name(stageCol)} ${value(stageCol)} is stage number ${stage + 1}, ` +
            `expected at most ${MAX_STAGE + 1} distinct stages`,
        );
        continue;
      }
    }
    const member = scanner.escaped[idCol] === 1
      ? members.internText(scanner.text(idCol))
      : members.intern(bytes, s[idCol], e[idCol]);
    sink.accept(member, day, type, amount, stage);
    for (let k = 0; k < attributeCols.length; k++) {
      const c = attributeCols[k];
      const code = s[c] === e[c]
        ? -1
        : scanner.escaped[c] === 1
        ? attributeValues[k].internText(scanner.text(c))
        : attributeValues[k].intern(bytes, s[c], e[c]);
      sink.attribute(k, member, code);
    }
  }
  return sink.finish(
    members.labels,
    attributeValues.map((d) => d.labels),
    scanner.blankLines,
    stages.labels.slice(0, MAX_STAGE + 1),
  );
}

/** Rows expected from the mean line length of the first 64 KiB, with 5% headroom. */
function estimateRows(bytes: Uint8Array): number {
  const sample = Math.min(bytes.length, 65_536);
  let lines = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 10) lines++;
  return lines === 0 ? 1024 : (bytes.length / (sample / lines)) * 1.05 + 1024;
}

/** Maps raw type values to event codes, caching by interned value; -1 for unknown. */
class TypeResolver {
  readonly #values = new ByteDictionary();
  readonly #codes: number[] = [];
  readonly #map: Readonly<Record<string, EventType>>;

  constructor(map: Readonly<Record<string, EventType>>) {
    this.#map = map;
  }

  code(bytes: Uint8Array, start: number, end: number): number {
    const k = this.#values.intern(bytes, start, end);
    if (k === this.#codes.length) {
      const raw = this.#values.labels[k];
      const type = Object.hasOwn(this.#map, raw) ? this.#map[raw] : raw;
      this.#codes.push((EVENT_TYPES as readonly string[]).indexOf(type));
    }
    return this.#codes[k];
  }
}
