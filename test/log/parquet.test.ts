import { describe, expect, test } from "vitest";
import { parquetWriteBuffer } from "hyparquet-writer";
import { EventCode, parseEventParquet } from "../../log/mod.ts";

describe("parseEventParquet", () => {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "member", data: ["a", "b", "", "a"], type: "STRING" },
      {
        name: "at",
        data: [
          new Date("2021-03-01T12:00:00Z"),
          new Date("2021-03-02T00:00:00Z"),
          new Date("2021-03-02T00:00:00Z"),
          new Date("2021-03-05T23:00:00Z"),
        ],
        type: "TIMESTAMP",
      },
      { name: "value", data: [10.5, 3, 1, -2], type: "DOUBLE" },
      { name: "tier", data: ["gold", "", "x", "gold"], type: "STRING" },
    ],
  });

  test("loads timestamps as UTC days and quarantines rows like the CSV loader", async () => {
    const { log, report } = await parseEventParquet(buffer, {
      idCol: "member",
      dateCol: "at",
      amountCol: "value",
      attributeCols: ["tier"],
      onBadRow: "quarantine",
    });
    expect(log.origin).toBe("2021-03-01");
    expect(Array.from(log.day)).toEqual([0, 1, 4]);
    expect(Array.from(log.amount)).toEqual([10.5, 3, -2]);
    expect(log.members.ids).toEqual(["a", "b"]);
    expect(log.type.every((t) => t === EventCode.order)).toBe(true);
    expect(Array.from(log.members.attributes.tier.codes)).toEqual([0, -1]);
    expect(report.badRows.map((r) => [r.line, r.reason])).toEqual([[3, "member is empty"]]);
  });

  test("fails on the first bad row by default and names unknown columns", async () => {
    await expect(parseEventParquet(buffer, { idCol: "member", dateCol: "at" })).rejects.toThrow(
      "line 3: member is empty",
    );
    await expect(parseEventParquet(buffer, { idCol: "id", dateCol: "at" })).rejects.toThrow(
      "idCol 'id' is not a column (columns: member, at, value, tier)",
    );
  });
});
