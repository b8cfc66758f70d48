import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { EventCode, parseEventCsv } from "../../log/mod.ts";

const data = (path: string) => new URL(`../../../shared/data/${path}`, import.meta.url);

describe("parseEventCsv on the shared real files", () => {
  test("CDNOW master (whitespace, header, CRLF, YYYYMMDD) loads every row", async () => {
    const bytes = await Deno.readFile(data("cdnow/CDNOW_master.txt"));
    const { log, report } = parseEventCsv(bytes, {
      idCol: "customer_id",
      dateCol: "date",
      amountCol: "dollar_value",
    });
    // counts and total from cdnow/SOURCE.md
    expect(report).toMatchObject({ rowsRead: 69_659, rowsLoaded: 69_659, rowsQuarantined: 0 });
    expect(log.members.count).toBe(23_570);
    expect(log.amount.reduce((a, b) => a + b, 0)).toBeCloseTo(2_500_315.63, 2);
    expect(log.origin).toBe("1997-01-01");
    expect(Math.max(...log.day)).toBe(545); // 1998-06-30
    expect(log.members.ids?.[0]).toBe("00001");
    expect(log.type.every((t) => t === EventCode.order)).toBe(true);
  });

  test("CDNOW sample (headerless) loads with columns named by index", async () => {
    const bytes = await Deno.readFile(data("cdnow/CDNOW_sample.txt"));
    const { log } = parseEventCsv(bytes, { header: false, idCol: 0, dateCol: 2, amountCol: 4 });
    expect(log.length).toBe(6_919);
    expect(log.members.count).toBe(2_357);
    expect(log.members.ids?.slice(0, 2)).toEqual(["00004", "00021"]);
  });

  test("Online Retail invoices load with ISO dates and full-precision amounts", async () => {
    const bytes = await Deno.readFile(data("online_retail/online_retail_invoices.csv"));
    const { log, report } = parseEventCsv(bytes, {
      idCol: "CustomerID",
      dateCol: "InvoiceDate",
      amountCol: "TotalPrice",
    });
    // online_retail/SOURCE.md: 18,532 invoices, 4,338 customers, total 8,911,407.90
    expect(report.rowsLoaded).toBe(18_532);
    expect(log.members.count).toBe(4_338);
    expect(log.amount.reduce((a, b) => a + b, 0)).toBeCloseTo(8_911_407.9, 1);
    expect(log.amount[1]).toBe(22.200000000000003);
    expect(log.origin).toBe("2010-12-01");
    expect(Math.max(...log.day)).toBe(373); // 2011-12-09
  });
});

describe("parseEventCsv bad rows", () => {
  const text = [
    "InvoiceNo,InvoiceDate,CustomerID,TotalPrice",
    "1,2010-12-01,17850,139.12",
    "2,2010-12-02,,10",
    "3,2010-13-01,17850,1",
    "4,2010-12-04,13047,abc",
    "5,2010-12-05",
    "",
    "6,2010-12-06,13047,-20.5",
  ].join("\r\n");
  const columns = { idCol: "CustomerID", dateCol: "InvoiceDate", amountCol: "TotalPrice" };

  test("fail mode throws a SyntaxError naming the first bad line", () => {
    expect(() => parseEventCsv(text, columns)).toThrow(SyntaxError);
    expect(() => parseEventCsv(text, columns)).toThrow("line 3: CustomerID is empty");
  });

  test("quarantine mode returns each bad row with line, text and reason", () => {
    const { log, report } = parseEventCsv(text, { ...columns, onBadRow: "quarantine" });
    expect(report.badRows).toEqual([
      { line: 3, text: "2,2010-12-02,,10", reason: "CustomerID is empty" },
      {
        line: 4,
        text: "3,2010-13-01,17850,1",
        reason: "InvoiceDate '2010-13-01' is not a date (expected YYYY-MM-DD or YYYYMMDD)",
      },
      { line: 5, text: "4,2010-12-04,13047,abc", reason: "TotalPrice 'abc' is not a number" },
      { line: 6, text: "5,2010-12-05", reason: "has 2 fields, expected at least 4" },
    ]);
    expect(report).toMatchObject({ rowsRead: 6, rowsLoaded: 2, rowsQuarantined: 4, blankLines: 1 });
    // a negative amount is a return: kept as an order with a negative amount
    expect(Array.from(log.amount)).toEqual([139.12, -20.5]);
    expect(Array.from(log.day)).toEqual([0, 5]);
  });

  test("the ISO date format names itself in the reason; a given origin rejects earlier rows", () => {
    const { report, log } = parseEventCsv("id,d\na,20101201\nb,2010-12-03\nc,2010-11-30\n", {
      idCol: "id",
      dateCol: "d",
      dateFormat: "iso",
      origin: "2010-12-01",
      onBadRow: "quarantine",
    });
    expect(report.badRows.map((r) => r.reason)).toEqual([
      "d '20101201' is not a date (expected YYYY-MM-DD)",
      "d '2010-11-30' is before the origin 2010-12-01",
    ]);
    expect(log.origin).toBe("2010-12-01");
    expect(log.day[0]).toBe(2);
  });

  test("a column that does not exist is named with the columns that do", () => {
    expect(() => parseEventCsv("a,b\n1,2\n", { idCol: "id", dateCol: "b" })).toThrow(
      "idCol 'id' is not a column (columns: a, b)",
    );
  });
});

describe("parseEventCsv options", () => {
  test("type column, type map, attributes, quotes and ISO times", () => {
    const text = 'user,ts,kind,channel\n"u,1",2020-01-01T10:00:00Z,signup,ads\n' +
      '"u,1",2020-01-02 08:30,purchase,\nu2,2020-01-03,churn,"say ""hi"""\n' +
      '"u,1",2020-01-04,purchase,seo\n';
    const { log, report } = parseEventCsv(text, {
      idCol: "user",
      dateCol: "ts",
      typeCol: "kind",
      typeMap: { signup: "join", purchase: "order" },
      attributeCols: ["channel"],
    });
    expect(Array.from(log.type)).toEqual([
      EventCode.join,
      EventCode.order,
      EventCode.churn,
      EventCode.order,
    ]);
    expect(log.members.ids).toEqual(["u,1", "u2"]);
    const channel = log.members.attributes.channel;
    expect(channel.labels).toEqual(["ads", 'say "hi"', "seo"]);
    expect(Array.from(channel.codes)).toEqual([0, 1]);
    expect(report.attributeConflicts).toEqual({ channel: 1 });
    expect(Number.isNaN(log.amount[0])).toBe(true);
  });

  test("unknown event types are bad rows", () => {
    const { report } = parseEventCsv("id,d,t\na,2020-01-01,visit\n", {
      idCol: "id",
      dateCol: "d",
      typeCol: "t",
      onBadRow: "quarantine",
    });
    expect(report.badRows[0].reason).toContain("t 'visit' is not an event type");
  });

  test("amounts parse exactly like Number() for any decimal text", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = `id,d,a\nm,2020-01-01,${String(x)}\n`;
        const { log } = parseEventCsv(text, { idCol: "id", dateCol: "d", amountCol: "a" });
        expect(log.amount[0]).toBe(Number(String(x)));
      }),
      { seed: 11, numRuns: 500 },
    );
  });

  test("ids are dictionary-encoded in first-seen order for any id list", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1 }), (ids) => {
        const text = "id,d\n" + ids.map((id) => `${id},20200101`).join("\n");
        const { log } = parseEventCsv(text, { idCol: "id", dateCol: "d" });
        const expected = [...new Set(ids)];
        expect(log.members.ids).toEqual(expected);
        expect(Array.from(log.member, (m) => expected[m])).toEqual(ids);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
