import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { EventCode, EventLogBuilder, parseEventCsv } from "../../../log/mod.ts";
import { composeLifecycle } from "../../../models/analytics/composition.ts";

describe("composeLifecycle", () => {
  test("CDNOW monthly composition matches an independent Python count", async () => {
    const path = new URL("../../../../shared/data/cdnow/CDNOW_master.txt", import.meta.url);
    const { log } = parseEventCsv(await Deno.readFile(path), {
      idCol: "customer_id",
      dateCol: "date",
    });
    const c = composeLifecycle(log, { period: "month" });
    const pick = (p: number) => {
      const r = c.rows[p];
      return [r.new, r.returning, r.resurrecting, r.dormant];
    };
    expect(pick(0)).toEqual([7846, 0, 0, 0]);
    expect(pick(2)).toEqual([7248, 1681, 595, 7952]);
    expect(pick(4)).toEqual([0, 852, 1362, 1970]);
    expect(pick(17)).toEqual([0, 446, 1060, 1042]);
    expect(c.rows[17].label).toBe("1998-06");
    expect(c.rows[4].quickRatio).toBeCloseTo(1362 / 1970, 12);
  });

  test("active counts balance: active(p-1) = returning(p) + dormant(p)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 60 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (events) => {
          const b = new EventLogBuilder();
          for (const [m, d] of events) b.push(m, d, EventCode.order, 1, -1);
          const { rows } = composeLifecycle(b.build({ count: 10, ids: null, attributes: {} }));
          const members = new Set(events.map((e) => e[0])).size;
          expect(rows.reduce((acc, r) => acc + r.new, 0)).toBe(members);
          for (let p = 1; p < rows.length; p++) {
            expect(rows[p].returning + rows[p].dormant).toBe(rows[p - 1].active);
          }
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });
});
