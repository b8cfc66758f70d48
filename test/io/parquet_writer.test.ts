import { describe, expect, test } from "vitest";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { writeParquet } from "../../io/parquet_writer.ts";
import type { Table } from "../../io/table.ts";

const n = 10;
const table: Table = {
  name: "events",
  rows: n,
  columns: [
    { kind: "integer", name: "member", values: Int32Array.from({ length: n }, (_, i) => i * 3) },
    {
      kind: "integer",
      name: "churn_day",
      values: Int32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -1 : i)),
      missing: -1,
    },
    {
      kind: "money",
      name: "amount",
      values: Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? NaN : i * 1.1 + 0.004)),
      optional: true,
    },
    {
      kind: "label",
      name: "stage",
      codes: Int16Array.from({ length: n }, (_, i) => (i % 4) - 1),
      labels: ["new", "成长期 active", "churned"],
      optional: true,
    },
  ],
};

async function readBack(path: string) {
  const file = (await Deno.readFile(path)).buffer;
  return { rows: await parquetReadObjects({ file }), metadata: parquetMetadata(file) };
}

describe("writeParquet", () => {
  test("writeParquet round-trips integers, cents, labels and nulls across row groups", async () => {
    const dir = await Deno.makeTempDir();
    const written = await writeParquet(`${dir}/events.parquet`, table, {
      rowGroupRows: 3,
      metadata: { scenario: "default", seed: "42", version: "0.1.0" },
    });
    const { rows, metadata } = await readBack(`${dir}/events.parquet`);
    expect(written.rows).toBe(n);
    expect(metadata.row_groups.length).toBe(4);
    expect(rows.length).toBe(n);
    rows.forEach((row, i) => {
      expect(row.member).toBe(i * 3);
      expect(row.churn_day).toBe(i % 3 === 0 ? null : i);
      expect(row.amount).toBe(i % 2 === 0 ? null : Math.round((i * 1.1 + 0.004) * 100) / 100);
      expect(row.stage).toBe([null, "new", "成长期 active", "churned"][i % 4]);
    });
    expect(metadata.key_value_metadata).toEqual([
      { key: "scenario", value: "default" },
      { key: "seed", value: "42" },
      { key: "version", value: "0.1.0" },
    ]);
    expect(metadata.created_by).toBe("Lifecycle Lab 0.1.0");
    await Deno.remove(dir, { recursive: true });
  });

  test("writeParquet reports the size and SHA-256 of the file, equal for equal tables", async () => {
    const dir = await Deno.makeTempDir();
    const a = await writeParquet(`${dir}/a.parquet`, table);
    const b = await writeParquet(`${dir}/b.parquet`, table);
    expect(a.bytes).toBe((await Deno.stat(`${dir}/a.parquet`)).size);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    await Deno.remove(dir, { recursive: true });
  });

  test("writeParquet writes a readable file with the schema when the table has no rows", async () => {
    const dir = await Deno.makeTempDir();
    await writeParquet(`${dir}/empty.parquet`, { ...table, rows: 0 });
    const { rows, metadata } = await readBack(`${dir}/empty.parquet`);
    expect(rows).toEqual([]);
    expect(metadata.schema.map((s) => s.name)).toEqual([
      "root",
      "member",
      "churn_day",
      "amount",
      "stage",
    ]);
    await Deno.remove(dir, { recursive: true });
  });

  test("writeParquet leaves no file under the final name when a later row group fails", async () => {
    const dir = await Deno.makeTempDir();
    const bad: Table = {
      name: "members",
      rows: 5,
      columns: [{ kind: "label", name: "stage", codes: [0, 0, 0, 0, 9], labels: ["new"] }],
    };
    await expect(writeParquet(`${dir}/members.parquet`, bad, { rowGroupRows: 2 })).rejects
      .toThrow(/column stage at row 4 has code 9/);
    expect([...Deno.readDirSync(dir)]).toEqual([]);
    await Deno.remove(dir, { recursive: true });
  });
});
