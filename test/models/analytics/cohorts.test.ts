import { describe, expect, test } from "vitest";
import { EventCode, EventLogBuilder, parseEventCsv } from "../../../log/mod.ts";
import { buildRetentionMatrix } from "../../../models/analytics/cohorts.ts";

async function cdnow() {
  const path = new URL("../../../../shared/data/cdnow/CDNOW_master.txt", import.meta.url);
  return parseEventCsv(await Deno.readFile(path), {
    idCol: "customer_id",
    dateCol: "date",
    amountCol: "dollar_value",
  }).log;
}

// Reference counts: an independent pure-Python count over CDNOW_master.txt
// (set of active calendar months per customer; script described in the report).
describe("buildRetentionMatrix on CDNOW (monthly cohorts Jan-Mar 1997)", () => {
  test("classic: active exactly N months after the first purchase", async () => {
    const m = buildRetentionMatrix(await cdnow(), { period: "month", mode: "classic" });
    expect(m.cohorts.map((c) => [c.label, c.size])).toEqual([
      ["1997-01", 7846],
      ["1997-02", 8476],
      ["1997-03", 7248],
    ]);
    expect(m.cohorts[0].counts.slice(0, 6)).toEqual([7846, 1157, 964, 810, 679, 736]);
    expect(m.cohorts[1].counts.slice(0, 6)).toEqual([8476, 1312, 980, 783, 847, 786]);
    expect(m.cohorts[2].counts[17 - 2]).toBe(457);
    expect(m.cohorts[2].counts[16]).toBeNull(); // 1998-07 is after the data end
    expect(m.cohorts[0].rates[1]).toBeCloseTo(1157 / 7846, 12);
    expect(m.average[1]).toBeCloseTo((1157 + 1312 + 1032) / (7846 + 8476 + 7248), 12);
    expect(m.n).toBe(23_570);
  });

  test("unbounded: active in month N or later", async () => {
    const m = buildRetentionMatrix(await cdnow(), { period: "month", mode: "unbounded" });
    expect(m.cohorts[0].counts.slice(0, 6)).toEqual([7846, 3654, 3357, 3140, 2958, 2842]);
    expect(m.cohorts[2].counts.slice(0, 6)).toEqual([7248, 3300, 3016, 2828, 2654, 2503]);
  });

  test("unbounded retention never rises along a row; classic never exceeds it", async () => {
    const log = await cdnow();
    const unbounded = buildRetentionMatrix(log, { period: "week", mode: "unbounded" });
    const classic = buildRetentionMatrix(log, { period: "week", mode: "classic" });
    unbounded.cohorts.forEach((row, i) => {
      for (let n = 1; n < row.counts.length && row.counts[n] !== null; n++) {
        expect(row.counts[n]).toBeLessThanOrEqual(row.counts[n - 1]!);
        expect(classic.cohorts[i].counts[n]).toBeLessThanOrEqual(row.counts[n]!);
      }
    });
  });
});

describe("buildRetentionMatrix conventions on a small log", () => {
  // member 0 joins day 0 and orders on days 0, 8, 30; member 1 joins day 2 and orders day 16
  const b = new EventLogBuilder();
  b.push(0, 0, EventCode.join, NaN, -1);
  for (const day of [0, 8, 30]) b.push(0, day, EventCode.order, 1, -1);
  b.push(1, 2, EventCode.join, NaN, -1);
  b.push(1, 16, EventCode.order, 1, -1);
  b.push(2, 34, EventCode.join, NaN, -1);
  const log = b.build({ count: 3, ids: null, attributes: {} });

  test("brackets count members active in any period of [a, b)", () => {
    const m = buildRetentionMatrix(log, {
      mode: "bracket",
      brackets: [[1, 2], [2, 4], [1, 5]],
    });
    expect(m.columns).toEqual(["[1,2)", "[2,4)", "[1,5)"]);
    expect(m.cohorts[0].counts).toEqual([1, 1, 2]);
    expect(m.cohorts[0].rates).toEqual([0.5, 0.5, 1]);
    // week 4 (days 28-34) is complete; [2,6) would need week 5, not observed
    const wide = buildRetentionMatrix(log, { mode: "bracket", brackets: [[2, 6]] });
    expect(wide.cohorts[0].counts).toEqual([null]);
  });

  test("members who join without activity stay in the cohort size", () => {
    const m = buildRetentionMatrix(log, { mode: "classic" });
    expect(m.cohorts.map((c) => [c.period, c.size])).toEqual([[0, 2], [4, 1]]);
    expect(m.cohorts[0].counts).toEqual([1, 1, 1, 0, 1]);
    expect(m.cohorts[1].counts).toEqual([0, null, null, null, null]);
  });

  test("bracket mode without brackets is refused", () => {
    expect(() => buildRetentionMatrix(log, { mode: "bracket" })).toThrow("needs brackets");
    expect(() => buildRetentionMatrix(log, { mode: "bracket", brackets: [[3, 3]] })).toThrow(
      "bracket 0 is [3, 3)",
    );
  });
});
