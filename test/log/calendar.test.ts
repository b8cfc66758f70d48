import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { civilDate, epochDay, isoDate, parseDateBytes, parseIsoDate } from "../../log/mod.ts";

describe("calendar", () => {
  test("epochDay agrees with Date.UTC over four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => {
        const date = new Date(d * 86_400_000);
        expect(isoDate(d)).toBe(date.toISOString().slice(0, 10));
        const { year, month, day } = civilDate(d);
        expect(epochDay(year, month, day)).toBe(d);
      }),
      { seed: 5, numRuns: 1000 },
    );
  });

  test("parseDateBytes rejects impossible dates and wrong formats", () => {
    const parse = (s: string, f: "iso" | "yyyymmdd" | "auto" = "auto") => {
      const b = new TextEncoder().encode(s);
      return parseDateBytes(b, 0, b.length, f);
    };
    expect(parse("2012-02-29")).toBe(15_399);
    expect(parse("2011-02-29")).toBeNaN();
    expect(parse("20120229", "iso")).toBeNaN();
    expect(parse("2012-02-29", "yyyymmdd")).toBeNaN();
    expect(parse("2012-02-29T23:59:59.5+08:00")).toBe(15_399);
    expect(parse("2012-02-29Tnoon")).toBeNaN();
    expect(() => parseIsoDate("12/1/2010")).toThrow("'12/1/2010' is not a date");
  });
});
