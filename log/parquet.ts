/**
 * Event logs from Parquet files (via hyparquet), with the same column options, checks
 * and bad-row handling as {@link parseEventCsv}. Dates may be Parquet DATE/TIMESTAMP
 * columns (read as UTC days), ISO or YYYYMMDD strings, or YYYYMMDD integers; with
 * `dateFormat: "day"`, integer day numbers (a simulated run's `events.parquet`). Bad rows
 * are numbered by 1-based row and shown as JSON.
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
import { definedOptions, resolveColumn } from "./_records.ts";

const encoder = new TextEncoder();

/**
 * Parses an event log from the bytes of a Parquet file.
 *
 * @example
 * ```ts
 * import { parquetWriteBuffer } from "hyparquet-writer";
 * import { parseEventParquet } from "./parquet.ts";
 * const buffer = parquetWriteBuffer({ columnData: [
 *   { name: "id", data: ["a", "b"], type: "STRING" },
 *   { name: "date", data: ["2020-01-01", "2020-01-03"], type: "STRING" },
 * ] });
 * const { log } = await parseEventParquet(buffer, { idCol: "id", dateCol: "date" });
 * if (log.day[1] !== 2) throw new Error("unexpected");
 * ```
 */
export async function parseEventParquet(
  buffer: ArrayBuffer,
  options: Omit<EventLoadOptions, "delimiter" | "header">,
): Promise<LoadedEventLog> {
  const o = { ...DEFAULT_EVENT_LOAD_OPTIONS, ...definedOptions(options) };
  // Loaded on first use: commands that read no Parquet file start without it.
  const { parquetMetadata, parquetRead, parquetSchema } = await import("hyparquet");
  const metadata = parquetMetadata(buffer);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const column = (option: string, ref: string | number) =>
    resolveColumn(o.source, option, ref, names);
  const refs = [
    column("idCol", o.idCol),
    column("dateCol", o.dateCol),
    o.amountCol === undefined ? -1 : column("amountCol", o.amountCol),
    o.typeCol === undefined ? -1 : column("typeCol", o.typeCol),
    o.stageCol === undefined ? -1 : column("stageCol", o.stageCol),
    ...(o.attributeCols ?? []).map((ref) => column("attributeCols", ref)),
  ];
  for (const i of refs) {
    if (i >= names.length) {
      throw new RangeError(`Cannot load ${o.source}: column ${i} does not exist`);
    }
  }
  const [idCol, dateCol, amountCol, typeCol, stageCol, ...attributeCols] = refs;
  const wanted = [...new Set(refs.filter((i) => i >= 0))];
  const at = (i: number) => wanted.indexOf(i);
  const rows = await new Promise<unknown[][]>((resolve, reject) => {
    parquetRead({
      file: buffer,
      metadata,
      columns: wanted.map((i) => names[i]),
      onComplete: resolve,
    }).catch(reject);
  });
  const constantType = EventCode[o.eventType];
  const members = new ByteDictionary();
  const attributeValues = attributeCols.map(() => new ByteDictionary());
  const stages = new ByteDictionary();
  const sink = new EventSink(
    o.source,
    o.onBadRow,
    originDay(o.source, o.dateFormat, o.origin),
    attributeCols.map((i) => names[i]),
  );
  const typeMap: Readonly<Record<string, EventType>> = o.typeMap ?? {};
  rows.forEach((row, r) => {
    const reject = (reason: string) =>
      sink.reject(r + 1, JSON.stringify(row, (_, v) => typeof v === "bigint" ? `${v}` : v), reason);
    const id = text(row[at(idCol)]);
    if (id === "") return reject(`${names[idCol]} is empty`);
    const day = dateValue(row[at(dateCol)], o.dateFormat);
    if (Number.isNaN(day)) {
      return reject(
        `${names[dateCol]} '${text(row[at(dateCol)])}' is not a date (expected ${
          DATE_FORMAT_EXPECTED[o.dateFormat]
        })`,
      );
    }
    if (sink.originDay !== null && day < sink.originDay) {
      return reject(`${names[dateCol]} is before the origin ${o.origin}`);
    }
    let type: number = constantType;
    if (typeCol >= 0) {
      const raw = text(row[at(typeCol)]);
      type = (EVENT_TYPES as readonly string[]).indexOf(
        Object.hasOwn(typeMap, raw) ? typeMap[raw] : raw,
      );
      if (type < 0) return reject(`${names[typeCol]} '${raw}' is not an event type`);
    }
    let amount = NaN;
    if (amountCol >= 0) {
      const raw = row[at(amountCol)];
      amount = typeof raw === "number" || typeof raw === "bigint" ? Number(raw) : NaN;
      if (typeof raw === "string" && raw.trim() !== "") amount = Number(raw);
      // Only orders must carry an amount: joins, churns and invites have none.
      const empty = text(raw) === "";
      if (Number.isNaN(amount) && (!empty || type === EventCode.order)) {
        return reject(
          empty
            ? `${names[amountCol]} is empty on an order`
            : `${names[amountCol]} '${text(raw)}' is not a number`,
        );
      }
    }
    let stage = -1;
    if (stageCol >= 0) {
      const raw = text(row[at(stageCol)]);
      stage = raw === "" ? -1 : stages.internText(raw);
      if (stage > MAX_STAGE) {
        return reject(
          `${names[stageCol]} '${raw}' is stage number ${stage + 1}, ` +
            `expected at most ${MAX_STAGE + 1} distinct stages`,
        );
      }
    }
    const member = members.internText(id);
    sink.accept(member, day, type, amount, stage);
    attributeCols.forEach((c, k) => {
      const value = text(row[at(c)]);
      sink.attribute(k, member, value === "" ? -1 : attributeValues[k].internText(value));
    });
  });
  return sink.finish(
    members.labels,
    attributeValues.map((d) => d.labels),
    0,
    stages.labels.slice(0, MAX_STAGE + 1),
  );
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}

function dateValue(value: unknown, format: EventLoadOptions["dateFormat"]): number {
  if (value instanceof Date) {
    if (format === "day") return NaN; // a calendar date is not a day number
    const ms = value.getTime();
    return Number.isNaN(ms) ? NaN : Math.floor(ms / 86_400_000);
  }
  const raw = text(value);
  const bytes = encoder.encode(raw);
  return parseDateBytes(bytes, 0, bytes.length, format ?? "auto");
}
