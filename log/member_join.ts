/**
 * Member attributes from a separate per-member table: a CRM export with each customer's
 * acquisition channel, or a simulated run's `members.csv` (channel, tier, group,
 * referrer) beside its `events.csv`. The table is matched to the log by member id and
 * its columns become categorical member attributes; every row and member is accounted
 * for in the report.
 *
 * @module
 */
import type { CategoricalColumn, EventLog } from "./event_log.ts";
import type { Table } from "./table.ts";

/** How to join a member table to an event log. */
export interface MemberJoinOptions {
  /** The table's member id column, holding the log's member ids. */
  readonly idCol: string;
  /** Table columns that become member attributes (channel, tier, group, referrer, ...). */
  readonly attributeCols: readonly string[];
}

/** What a join did with every table row and log member. */
export interface MemberJoinReport {
  /** Rows of the member table. */
  readonly tableRows: number;
  /** Rows whose id is a member of the log. */
  readonly matched: number;
  /** Rows whose id has no events: added to the log's members (a member who never acted). */
  readonly added: number;
  /** Members of the log without a row: their attributes are missing (code -1). */
  readonly withoutRow: number;
}

/**
 * Adds the columns of a member table to an event log as member attributes.
 *
 * Ids match as text (the log's external ids; for a log whose ids are its member indices,
 * the index written as a whole number). A table id without events becomes a new member
 * with no events, so that members who never ordered still count; an id that appears
 * twice is an error naming both rows, and so is an attribute the log already has. Empty
 * cells are missing values (code -1).
 *
 * @example Attach the acquisition channel from a customer table
 * ```ts
 * import { joinMembers, parseEventCsv, parseTableCsv } from "./mod.ts";
 * const { log } = parseEventCsv("id,date\na,2020-01-01\nb,2020-01-02\n", {
 *   idCol: "id", dateCol: "date",
 * });
 * const { table } = parseTableCsv("customer,channel\nb,ads\nc,seo\n");
 * const joined = joinMembers(log, table, { idCol: "customer", attributeCols: ["channel"] });
 * const channel = joined.log.members.attributes.channel;
 * if (channel.labels[channel.codes[1]] !== "ads" || channel.codes[0] !== -1) throw new Error();
 * if (joined.report.added !== 1 || joined.report.withoutRow !== 1) throw new Error();
 * ```
 */
export function joinMembers(
  log: EventLog,
  table: Table,
  options: MemberJoinOptions,
): { log: EventLog; report: MemberJoinReport } {
  const action = "join members";
  const ids = table.text(options.idCol);
  for (const name of options.attributeCols) {
    if (log.members.attributes[name] !== undefined) {
      throw new RangeError(`Cannot ${action}: the log already has a member attribute '${name}'`);
    }
    table.text(name); // names a missing column before any work
  }
  const known = new Map<string, number>();
  const logIds = log.members.ids;
  for (let m = 0; m < log.members.count; m++) known.set(logIds?.[m] ?? String(m), m);
  const added: string[] = [];
  const memberOfRow = new Int32Array(table.length);
  const rowOfId = new Map<string, number>();
  for (let r = 0; r < table.length; r++) {
    const id = ids[r];
    if (id.trim() === "") {
      // A blank id in an export would otherwise add a member who never acted.
      throw new RangeError(
        `Cannot ${action}: ${options.idCol} is empty at data row ${
          r + 1
        }; every row needs a member id`,
      );
    }
    const earlier = rowOfId.get(id);
    if (earlier !== undefined) {
      throw new RangeError(
        `Cannot ${action}: ${options.idCol} '${id}' appears twice (data rows ${earlier + 1} and ${
          r + 1
        })`,
      );
    }
    rowOfId.set(id, r);
    let m = known.get(id);
    if (m === undefined) {
      if (logIds === null) {
        throw new RangeError(
          `Cannot ${action}: ${options.idCol} '${id}' at data row ${r + 1} is not a member ` +
            `index of the log (expected 0..${log.members.count - 1})`,
        );
      }
      m = log.members.count + added.length;
      added.push(id);
    }
    memberOfRow[r] = m;
  }
  const count = log.members.count + added.length;
  const attributes: Record<string, CategoricalColumn> = {};
  for (const [name, column] of Object.entries(log.members.attributes)) {
    const codes = new Int32Array(count).fill(-1);
    codes.set(column.codes);
    attributes[name] = { codes, labels: column.labels };
  }
  for (const name of options.attributeCols) {
    const cells = table.text(name);
    const labels: string[] = [];
    const codeOf = new Map<string, number>();
    const codes = new Int32Array(count).fill(-1);
    for (let r = 0; r < table.length; r++) {
      const value = cells[r];
      if (value === "") continue;
      let code = codeOf.get(value);
      if (code === undefined) {
        code = labels.length;
        codeOf.set(value, code);
        labels.push(value);
      }
      codes[memberOfRow[r]] = code;
    }
    attributes[name] = { codes, labels };
  }
  const matched = table.length - added.length;
  return {
    log: {
      ...log,
      members: {
        count,
        ids: logIds === null ? null : [...logIds, ...added],
        attributes,
      },
    },
    report: {
      tableRows: table.length,
      matched,
      added: added.length,
      withoutRow: log.members.count - matched,
    },
  };
}
