import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { encodeCsv, escapeCsvField, writeCsv } from "../../io/csv_writer.ts";
import { roundCents, type Table } from "../../io/table.ts";

const table: Table = {
  name: "sample",
  rows: 3,
  columns: [
    { kind: "integer", name: "id", values: [0, 1, 2] },
    { kind: "integer", name: "churn_day", values: [-1, 4, -1], missing: -1 },
    { kind: "money", name: "revenue", values: [12.5, 0.1 + 0.2, -0.001] },
    { kind: "money", name: "amount", values: [NaN, 3, 1e6], optional: true },
    {
      kind: "label",
      name: "tier",
      codes: [0, 1, -1],
      labels: ["199", 'gold, "vip"'],
      optional: true,
    },
  ],
};

const decoder = new TextDecoder();
function csvText(table: Table, chunkBytes?: number): string {
  return [...encodeCsv(table, { chunkBytes })].map((chunk) => decoder.decode(chunk)).join("");
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("encodeCsv", () => {
  test("encodeCsv writes integers plainly, money with two decimals and missing values empty", () => {
    expect(csvText(table)).toBe(
      "id,churn_day,revenue,amount,tier\n" +
        "0,,12.50,,199\n" +
        '1,4,0.30,3.00,"gold, ""vip"""\n' +
        "2,,0.00,1000000.00,\n",
    );
  });

  test("encodeCsv gives the same text whatever the chunk size", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -1, max: 1e6 }), fc.double({ min: -1e6, max: 1e6 })), {
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 200 }),
        (rows, chunkBytes) => {
          const random: Table = {
            name: "random",
            rows: rows.length,
            columns: [
              { kind: "integer", name: "n", values: rows.map((r) => r[0]), missing: -1 },
              { kind: "money", name: "m", values: rows.map((r) => r[1]), optional: true },
            ],
          };
          const whole = csvText(random);
          expect(csvText(random, chunkBytes)).toBe(whole);
          expect(whole.split("\n").length).toBe(rows.length + 2);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  test("encodeCsv writes money as the value rounded to cents, with toFixed(2)'s text", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true })), (values) => {
        const money: Table = {
          name: "money",
          rows: values.length,
          columns: [{ kind: "money", name: "m", values }],
        };
        const expected = values.map((v) => `${roundCents(v).toFixed(2)}\n`).join("");
        expect(csvText(money)).toBe(`m\n${expected}`);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  test("encodeCsv writes integers like String() does, including negatives and zero", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), (values) => {
        const ints: Table = {
          name: "ints",
          rows: values.length,
          columns: [{ kind: "integer", name: "n", values }],
        };
        expect(csvText(ints)).toBe(`n\n${values.map((v) => `${v}\n`).join("")}`);
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  test("encodeCsv rejects a non-integer in an integer column, naming the column and row", () => {
    const bad: Table = {
      name: "daily",
      rows: 2,
      columns: [{ kind: "integer", name: "orders", values: [1, 2.5] }],
    };
    expect(() => csvText(bad)).toThrow(
      new RangeError("Cannot write daily: column orders at row 1 is 2.5, expected an integer"),
    );
  });

  test("escapeCsvField quotes only fields with commas, quotes or line breaks", () => {
    expect(escapeCsvField("成长期 active")).toBe("成长期 active");
    expect(escapeCsvField("a\nb")).toBe('"a\nb"');
    expect(escapeCsvField('"')).toBe('""""');
  });

  test("encodeCsv rejects a label code out of range, naming the table, column and row", () => {
    const bad: Table = {
      name: "members",
      rows: 2,
      columns: [{ kind: "label", name: "stage", codes: [0, 5], labels: ["new"] }],
    };
    expect(() => csvText(bad)).toThrow(
      new RangeError("Cannot write members: column stage at row 1 has code 5, expected 0..0"),
    );
  });

  test("encodeCsv rejects a column shorter than the table", () => {
    const bad: Table = {
      name: "daily",
      rows: 3,
      columns: [{ kind: "integer", name: "orders", values: [1, 2] }],
    };
    expect(() => csvText(bad)).toThrow(/column orders has 2 values, expected 3/);
  });
});

describe("writeCsv", () => {
  test("writeCsv reports the row count, size and SHA-256 of the file it wrote", async () => {
    const dir = await Deno.makeTempDir();
    const written = await writeCsv(`${dir}/sample.csv`, table, { chunkBytes: 8 });
    const bytes = await Deno.readFile(`${dir}/sample.csv`);
    expect(written.rows).toBe(3);
    expect(written.bytes).toBe(bytes.length);
    expect(written.sha256).toBe(await sha256Hex(bytes));
    await Deno.remove(dir, { recursive: true });
  });

  test("writeCsv leaves no file under the final name when writing fails midway", async () => {
    const dir = await Deno.makeTempDir();
    const bad: Table = {
      name: "members",
      rows: 5,
      columns: [{ kind: "label", name: "stage", codes: [0, 0, 0, 0, 9], labels: ["new"] }],
    };
    await expect(writeCsv(`${dir}/members.csv`, bad, { chunkBytes: 4 })).rejects.toThrow(
      RangeError,
    );
    expect([...Deno.readDirSync(dir)]).toEqual([]);
    await Deno.remove(dir, { recursive: true });
  });
});
