/**
 * Options and results shared by the event-log loaders (CSV, Parquet): which columns
 * hold the member id, date, amount, event type and member attributes, how dates and
 * fields are written, and what happens to rows that fail validation.
 *
 * @module
 */
import type { DateFormat } from "./calendar.ts";
import type { EventLog, EventType } from "./event_log.ts";

/** A column, by header name or by 0-based index (the only way when there is no header). */
export type ColumnRef = string | number;

/** Field separation: auto-detected from the first line, comma, tab, or runs of whitespace. */
export type DelimiterMode = "auto" | "comma" | "tab" | "whitespace";

/** What a bad row does: stop the load (`fail`) or go to the quarantine list. */
export type BadRowPolicy = "fail" | "quarantine";

/** How to read an event log from a table of rows. */
export interface EventLoadOptions {
  /** Member id column (required); ids are dictionary-encoded into the member table. */
  readonly idCol: ColumnRef;
  /** Date column (required). */
  readonly dateCol: ColumnRef;
  /**
   * Amount column; without it amounts are NaN. Negative amounts (returns) load as is. An
   * empty amount is a bad row on an order and NaN (no amount) on other event types.
   */
  readonly amountCol?: ColumnRef;
  /** Event type column; its values are event type names or keys of `typeMap`. */
  readonly typeCol?: ColumnRef;
  /** The event type of every row when there is no `typeCol`. Default `order`. */
  readonly eventType?: EventType;
  /** Maps raw values of `typeCol` to event types, e.g. `{ purchase: "order" }`. */
  readonly typeMap?: Readonly<Record<string, EventType>>;
  /** Stage column: the stage a `join`, `stage` or `reactivate` event enters (empty: none). */
  readonly stageCol?: ColumnRef;
  /** Member attribute columns (channel, tier, group): a member takes its first non-empty value. */
  readonly attributeCols?: readonly ColumnRef[];
  /**
   * Date format of `dateCol`. Default `auto` (ISO or YYYYMMDD, by the shape of each value);
   * `day` reads whole day numbers of a log without dates (the log's origin is then null).
   */
  readonly dateFormat?: DateFormat;
  /** Field separation (CSV only). Default `auto`. */
  readonly delimiter?: DelimiterMode;
  /** Whether the first non-blank line names the columns (CSV only). Default true. */
  readonly header?: boolean;
  /**
   * ISO date of day 0; default (null) the earliest date loaded. Earlier rows are bad rows.
   * Not allowed with `dateFormat: "day"`, whose day numbers have no date.
   */
  readonly origin?: string | null;
  /** Bad rows stop the load with a SyntaxError (`fail`, default) or are quarantined. */
  readonly onBadRow?: BadRowPolicy;
  /** Name of the input in messages, e.g. its file path. Default `events`. */
  readonly source?: string;
}

/** Defaults of the optional {@link EventLoadOptions}. */
export const DEFAULT_EVENT_LOAD_OPTIONS = {
  eventType: "order",
  dateFormat: "auto",
  delimiter: "auto",
  header: true,
  origin: null,
  onBadRow: "fail",
  source: "events",
} as const satisfies Partial<EventLoadOptions>;

/** A row that failed validation. */
export interface BadRow {
  /** 1-based line number in the file (row number for Parquet). */
  readonly line: number;
  /** The row as written. */
  readonly text: string;
  /** Why it failed, e.g. `CustomerID is empty`. */
  readonly reason: string;
}

/** What a load did with every row; rows read = rows loaded + rows quarantined. */
export interface LoadReport {
  /** Data rows read (header and blank lines excluded). */
  readonly rowsRead: number;
  /** Rows that became events. */
  readonly rowsLoaded: number;
  /** Rows that failed validation (only with `onBadRow: "quarantine"`). */
  readonly rowsQuarantined: number;
  /** Blank lines skipped. */
  readonly blankLines: number;
  /** The quarantined rows, in file order. */
  readonly badRows: readonly BadRow[];
  /** Per attribute column, rows whose value differs from the member's first value. */
  readonly attributeConflicts: Readonly<Record<string, number>>;
}

/** A loaded event log and the report of its load. */
export interface LoadedEventLog {
  readonly log: EventLog;
  readonly report: LoadReport;
}
