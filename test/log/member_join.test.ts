import { describe, expect, test } from "vitest";
import {
  EventCode,
  type EventLog,
  EventLogBuilder,
  joinMembers,
  parseEventCsv,
  parseTableCsv,
} from "../../log/mod.ts";

/** Orders of a, b, a, d: members a, b, d with ids in order of first appearance. */
function orders(): EventLog {
  return parseEventCsv(
    "id,date,amount\na,2020-01-01,5\nb,2020-01-02,7\na,2020-01-03,9\nd,2020-01-04,1\n",
    { idCol: "id", dateCol: "date", amountCol: "amount" },
  ).log;
}

/** A simulated-style log of three members whose ids are their indices (ids null). */
function simulated(): EventLog {
  const b = new EventLogBuilder();
  b.push(0, 0, EventCode.join, NaN, -1);
  b.push(1, 0, EventCode.join, NaN, -1);
  b.push(2, 1, EventCode.join, NaN, -1);
  b.push(1, 2, EventCode.order, 12, -1);
  return b.build({
    count: 3,
    ids: null,
    attributes: { channel: { codes: Int32Array.from([0, 1, 0]), labels: ["initial", "ads"] } },
  });
}

function labelsOf(log: EventLog, name: string): (string | null)[] {
  const column = log.members.attributes[name];
  return Array.from(column.codes, (code) => code < 0 ? null : column.labels[code]);
}

describe("joinMembers", () => {
  test("attaches attributes by id, adds table members without events, and counts every row", () => {
    const log = orders();
    const { table } = parseTableCsv(
      "customer,tier,channel\nd,gold,ads\nc,silver,seo\nb,gold,\n",
    );
    const joined = joinMembers(log, table, {
      idCol: "customer",
      attributeCols: ["channel", "tier"],
    });
    expect(joined.log.members.count).toBe(4);
    expect(joined.log.members.ids).toEqual(["a", "b", "d", "c"]);
    expect(labelsOf(joined.log, "channel")).toEqual([null, null, "ads", "seo"]);
    expect(labelsOf(joined.log, "tier")).toEqual([null, "gold", "gold", "silver"]);
    // Labels are numbered in table row order; an empty cell is a missing value.
    expect(joined.log.members.attributes.channel.labels).toEqual(["ads", "seo"]);
    expect(Array.from(joined.log.members.attributes.channel.codes)).toEqual([-1, -1, 0, 1]);
    expect(joined.report).toEqual({ tableRows: 3, matched: 2, added: 1, withoutRow: 1 });
  });

  test("leaves the events and the input log as they were", () => {
    const log = orders();
    const { table } = parseTableCsv("id,channel\nz,ads\n");
    const joined = joinMembers(log, table, { idCol: "id", attributeCols: ["channel"] });
    expect(joined.log.length).toBe(4);
    expect(Array.from(joined.log.member)).toEqual([0, 1, 0, 2]);
    expect(Array.from(joined.log.day)).toEqual([0, 1, 2, 3]);
    expect(Array.from(joined.log.amount)).toEqual([5, 7, 9, 1]);
    expect(joined.log.origin).toBe("2020-01-01");
    expect(log.members.count).toBe(3);
    expect(log.members.ids).toEqual(["a", "b", "d"]);
    expect(log.members.attributes).toEqual({});
  });

  test("keeps the log's attributes, missing (-1) for added members", () => {
    const log = simulated();
    const { table } = parseTableCsv("id,tier\n2,gold\n0,\n");
    const joined = joinMembers(log, table, { idCol: "id", attributeCols: ["tier"] });
    expect(Array.from(joined.log.members.attributes.channel.codes)).toEqual([0, 1, 0]);
    expect(joined.log.members.attributes.channel.labels).toEqual(["initial", "ads"]);
    expect(labelsOf(joined.log, "tier")).toEqual([null, null, "gold"]);

    const withIds = parseEventCsv("id,date,ch\na,2020-01-01,web\n", {
      idCol: "id",
      dateCol: "date",
      attributeCols: ["ch"],
    }).log;
    const added = joinMembers(withIds, parseTableCsv("id,tier\nb,gold\n").table, {
      idCol: "id",
      attributeCols: ["tier"],
    });
    expect(labelsOf(added.log, "ch")).toEqual(["web", null]);
    expect(labelsOf(added.log, "tier")).toEqual([null, "gold"]);
  });

  test("matches a log without ids by member index written as a whole number", () => {
    const log = simulated();
    const { table } = parseTableCsv("id,tier\n1,gold\n2,silver\n");
    const joined = joinMembers(log, table, { idCol: "id", attributeCols: ["tier"] });
    expect(joined.log.members.ids).toBeNull();
    expect(joined.log.members.count).toBe(3);
    expect(labelsOf(joined.log, "tier")).toEqual([null, "gold", "silver"]);
    expect(joined.report).toEqual({ tableRows: 2, matched: 2, added: 0, withoutRow: 1 });
  });

  test("rejects a table id that is not a member index of a log without ids", () => {
    const log = simulated();
    expect(() =>
      joinMembers(log, parseTableCsv("id,tier\n0,gold\n3,silver\n").table, {
        idCol: "id",
        attributeCols: ["tier"],
      })
    ).toThrow(
      "Cannot join members: id '3' at data row 2 is not a member index of the log " +
        "(expected 0..2)",
    );
    expect(() =>
      joinMembers(log, parseTableCsv("id,tier\n01,gold\n").table, {
        idCol: "id",
        attributeCols: ["tier"],
      })
    ).toThrow("id '01' at data row 1 is not a member index of the log (expected 0..2)");
  });

  test("numeric-looking attribute values stay labels as written", () => {
    const { table } = parseTableCsv("id,plan\na,199\nb,399\nd,199\n");
    expect(table.types.plan).toBe("number");
    const joined = joinMembers(orders(), table, { idCol: "id", attributeCols: ["plan"] });
    expect(joined.log.members.attributes.plan.labels).toEqual(["199", "399"]);
    expect(Array.from(joined.log.members.attributes.plan.codes)).toEqual([0, 1, 0]);
  });

  test("an empty table changes nothing but the report", () => {
    const log = orders();
    const joined = joinMembers(log, parseTableCsv("id,tier\n").table, {
      idCol: "id",
      attributeCols: ["tier"],
    });
    expect(joined.log.members.count).toBe(3);
    expect(joined.log.members.ids).toEqual(["a", "b", "d"]);
    expect(Array.from(joined.log.members.attributes.tier.codes)).toEqual([-1, -1, -1]);
    expect(joined.report).toEqual({ tableRows: 0, matched: 0, added: 0, withoutRow: 3 });
  });

  test("rejects an id that appears twice, naming both data rows", () => {
    const { table } = parseTableCsv("customer,tier\nb,gold\nc,silver\nb,bronze\n");
    expect(() => joinMembers(orders(), table, { idCol: "customer", attributeCols: ["tier"] }))
      .toThrow("Cannot join members: customer 'b' appears twice (data rows 1 and 3)");
  });

  test("rejects a row without an id, naming the row", () => {
    const { table } = parseTableCsv("customer,tier\nb,gold\n,silver\n");
    expect(() => joinMembers(orders(), table, { idCol: "customer", attributeCols: ["tier"] }))
      .toThrow("Cannot join members: customer is empty at data row 2; every row needs a member id");
  });

  test("rejects an attribute the log already has", () => {
    const { table } = parseTableCsv("id,channel\n0,seo\n");
    expect(() => joinMembers(simulated(), table, { idCol: "id", attributeCols: ["channel"] }))
      .toThrow("Cannot join members: the log already has a member attribute 'channel'");
  });

  test("names a missing id or attribute column with the table's columns", () => {
    const { table } = parseTableCsv("customer,tier\na,gold\n", { source: "crm.csv" });
    expect(() => joinMembers(orders(), table, { idCol: "id", attributeCols: ["tier"] }))
      .toThrow("Cannot read crm.csv: column 'id' does not exist (columns: customer, tier)");
    expect(() =>
      joinMembers(orders(), table, { idCol: "customer", attributeCols: ["tier", "channel"] })
    ).toThrow("Cannot read crm.csv: column 'channel' does not exist (columns: customer, tier)");
  });
});
