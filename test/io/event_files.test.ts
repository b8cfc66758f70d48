import { describe, expect, test } from "vitest";
import { defaultQuarantinePath, loadEventLog, loadTable } from "../../io/mod.ts";

describe("loadEventLog", () => {
  test("writes quarantined rows to <name>.quarantine.csv beside the file", async () => {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/orders.csv`;
    await Deno.writeTextFile(path, 'id,date,amount\na,2020-01-01,5\n,2020-01-02,"1,5"\n');
    const loaded = await loadEventLog(path, {
      idCol: "id",
      dateCol: "date",
      amountCol: "amount",
      onBadRow: "quarantine",
    });
    expect(loaded.log.length).toBe(1);
    expect(loaded.quarantinePath).toBe(`${dir}/orders.quarantine.csv`);
    expect(await Deno.readTextFile(`${dir}/orders.quarantine.csv`)).toBe(
      'line,reason,row\n3,id is empty,",2020-01-02,""1,5"""\n',
    );
    await Deno.remove(dir, { recursive: true });
  });

  test("fails with the file path and line, and writes nothing", async () => {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/orders.txt`;
    await Deno.writeTextFile(path, "a 20200101 1\nb 2020013 2\n");
    await expect(
      loadEventLog(path, { header: false, idCol: 0, dateCol: 1, amountCol: 2 }),
    ).rejects.toThrow(`Cannot load ${path}: line 2: column 1 '2020013' is not a date`);
    expect([...Deno.readDirSync(dir)].length).toBe(1);
    await Deno.remove(dir, { recursive: true });
  });

  test("reads Parquet by extension and tables by loadTable", async () => {
    const { parquetWriteBuffer } = await import("hyparquet-writer");
    const dir = await Deno.makeTempDir();
    await Deno.writeFile(
      `${dir}/e.parquet`,
      new Uint8Array(parquetWriteBuffer({
        columnData: [
          { name: "id", data: ["x", "y"], type: "STRING" },
          { name: "d", data: [20200101, 20200105], type: "INT32" },
        ],
      })),
    );
    const { log } = await loadEventLog(`${dir}/e.parquet`, { idCol: "id", dateCol: "d" });
    expect(Array.from(log.day)).toEqual([0, 4]);
    await Deno.writeTextFile(`${dir}/t.csv`, "tenure\n5\n");
    expect((await loadTable(`${dir}/t.csv`)).table.number("tenure")[0]).toBe(5);
    expect(defaultQuarantinePath("data/log")).toBe("data/log.quarantine.csv");
    await Deno.remove(dir, { recursive: true });
  });
});
