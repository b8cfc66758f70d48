import { describe, expect, test } from "vitest";
import { parseTableCsv } from "../../log/mod.ts";

const telco = new URL(
  "../../../shared/data/telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv",
  import.meta.url,
);

describe("parseTableCsv", () => {
  test("reads the IBM Telco table with inferred numeric and string columns", async () => {
    const { table, badRows } = parseTableCsv(await Deno.readFile(telco));
    // telco_churn/SOURCE.md: 7,043 rows, 1,869 churned, tenure 0..72
    expect(table.length).toBe(7_043);
    expect(badRows).toEqual([]);
    expect(table.types.tenure).toBe("number");
    expect(table.types.TotalCharges).toBe("string"); // 11 blank values
    expect(table.text("Churn").filter((c) => c === "Yes").length).toBe(1_869);
    expect(Math.max(...table.number("tenure"))).toBe(72);
    expect(() => table.number("TotalCharges")).toThrow(
      "column 'TotalCharges' is not numeric (value '')",
    );
  });

  test("a forced numeric column makes blank values bad rows with their line", async () => {
    const bytes = await Deno.readFile(telco);
    const { table, badRows } = parseTableCsv(bytes, {
      types: { TotalCharges: "number" },
      onBadRow: "quarantine",
    });
    expect(badRows.length).toBe(11);
    expect(badRows[0].reason).toBe("TotalCharges '' is not a number");
    expect(table.length).toBe(7_032);
    expect(() => parseTableCsv(bytes, { types: { TotalCharges: "number" } })).toThrow(
      /line \d+: TotalCharges '' is not a number/,
    );
  });

  test("headerless tables name columns by index; wrong field counts are bad rows", () => {
    const { table, badRows } = parseTableCsv("1 2\n3 4 5\n6 7\n", {
      header: false,
      onBadRow: "quarantine",
    });
    expect(Array.from(table.number("1"))).toEqual([2, 7]);
    expect(badRows).toEqual([{ line: 2, text: "3 4 5", reason: "has 3 fields, expected 2" }]);
  });
});
