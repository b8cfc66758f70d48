import { describe, expect, test } from "vitest";
import { cohortsCommand } from "../../cli/cohorts.ts";
import { capture, stdout } from "./_capture.ts";

const cdnow = (name: string) =>
  new URL(`../../../shared/data/cdnow/${name}`, import.meta.url).pathname;

describe("lab cohorts", () => {
  const master = [cdnow("CDNOW_master.txt"), "--id-col", "customer_id", "--date-col", "date"];

  test("--json prints the load report and the matrix", async () => {
    const out = await stdout(cohortsCommand, [
      ...master,
      "--period",
      "month",
      "--mode",
      "unbounded",
      "--json",
    ]);
    const result = JSON.parse(out);
    expect(result.load).toMatchObject({ rowsRead: 69659, rowsLoaded: 69659, members: 23570 });
    expect(result.cohorts[0].counts.slice(0, 3)).toEqual([7846, 3654, 3357]);
    expect(result.mode).toBe("unbounded");
  });

  test("headerless whitespace sample with brackets and a readable table", async () => {
    const out = await stdout(cohortsCommand, [
      cdnow("CDNOW_sample.txt"),
      "--no-header",
      "--id-col",
      "0",
      "--date-col",
      "2",
      "--amount-col",
      "4",
      "--period",
      "month",
      "--mode",
      "bracket",
      "--brackets",
      "1-2,1-4",
    ]);
    expect(out).toContain("6919 of 6919 rows loaded, 2357 members");
    expect(out).toContain("[1,2)  [1,4)");
  });

  test("--composition prints new/returning/resurrecting/dormant", async () => {
    const out = await stdout(cohortsCommand, [
      ...master,
      "--period",
      "month",
      "--composition",
      "--json",
    ]);
    const rows = JSON.parse(out).rows;
    expect([rows[2].new, rows[2].returning, rows[2].resurrecting, rows[2].dormant]).toEqual([
      7248,
      1681,
      595,
      7952,
    ]);
  });

  test("bad rows fail by default and are quarantined beside the file on request", async () => {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/orders.csv`;
    await Deno.writeTextFile(path, "id,date\na,2020-01-01\n,2020-01-02\nb,2020-02-30\n");
    const failed = await capture(cohortsCommand, [path, "--id-col", "id", "--date-col", "date"]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("line 3: id is empty");
    const out = await stdout(cohortsCommand, [
      path,
      "--id-col",
      "id",
      "--date-col",
      "date",
      "--on-bad-row",
      "quarantine",
      "--json",
    ]);
    expect(JSON.parse(out).load).toMatchObject({
      rowsRead: 3,
      rowsLoaded: 1,
      rowsQuarantined: 2,
      quarantineFile: `${dir}/orders.quarantine.csv`,
    });
    const quarantine = await Deno.readTextFile(`${dir}/orders.quarantine.csv`);
    expect(quarantine.split("\n")[2]).toBe(
      `4,date '2020-02-30' is not a date (expected YYYY-MM-DD or YYYYMMDD),"b,2020-02-30"`,
    );
    await Deno.remove(dir, { recursive: true });
  });
});
