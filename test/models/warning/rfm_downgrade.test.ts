import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { rfmDowngradeRule } from "../../../models/warning/rfm_downgrade.ts";
import { alertsByDrop } from "../../../models/warning/variants.ts";

/**
 * Two members, median split (a value at the median is low):
 * as of day 10, m0 (R 1, F 3, M 1500) is important value (place 0), m1 (R 8, F 1, M 10)
 * general win-back (7); as of day 30, m0 (R 21, F 3, M 1500) is important win-back (3):
 * down 3 places; m1 (R 5, F 3, M 30) general development (5): up, no alert.
 */
function twoMembers(): EventLog {
  const b = new EventLogBuilder();
  for (const d of [1, 5, 9]) b.push(0, d, EventCode.order, 500, -1);
  for (const d of [2, 12, 25]) b.push(1, d, EventCode.order, 10, -1);
  return b.build({ count: 2, ids: null, attributes: {} });
}

describe("rfmDowngradeRule", () => {
  test("rfmDowngradeRule alerts a move down the segment list on the later as-of day, scored by places", () => {
    const alerts = rfmDowngradeRule({ asOf: [10, 30] }).alert(twoMembers());
    expect(alerts.length).toBe(1);
    expect([alerts.member[0], alerts.day[0], alerts.score[0]]).toEqual([0, 30, 3]);
    expect(alerts.rules).toEqual(["rfm-downgrade"]);
  });

  test("rfmDowngradeRule keeps drops of at least minDrop places, as alertsByDrop does from one scoring", () => {
    const log = twoMembers();
    expect(rfmDowngradeRule({ asOf: [10, 30], minDrop: 4 }).alert(log).length).toBe(0);
    const variants = alertsByDrop(log, [1, 3, 4], { asOf: [10, 30] });
    expect(variants.map((v) => [v.rule, v.alerts.length])).toEqual([
      ["rfm-downgrade", 1],
      ["rfm-downgrade-3", 1],
      ["rfm-downgrade-4", 0],
    ]);
  });

  test("rfmDowngradeRule takes as-of days every `every` days by default and checks its options", () => {
    const b = new EventLogBuilder();
    for (const d of [0, 2, 4, 6]) b.push(0, d, EventCode.order, 500, -1);
    for (const d of [0, 40, 45, 50, 55, 70]) b.push(1, d, EventCode.order, d === 0 ? 5 : 1000, -1);
    // As-of days 30 and 60 (every 30 days from day 0, up to the last day, 70): m0 is
    // important value on 30 and, outdone by m1 on every count, general win-back on 60.
    const alerts = rfmDowngradeRule({ every: 30 }).alert(
      b.build({ count: 2, ids: null, attributes: {} }),
    );
    expect([alerts.length, alerts.member[0], alerts.day[0], alerts.score[0]]).toEqual([
      1,
      0,
      60,
      7,
    ]);
    expect(() => rfmDowngradeRule({ minDrop: 8 })).toThrow(
      "Cannot make RFM downgrade rule: minDrop is 8, expected 1 to 7",
    );
    expect(() => rfmDowngradeRule({ asOf: [1.5] }).alert(twoMembers())).toThrow(
      "Cannot run RFM downgrade rule: asOf[0] is 1.5, expected an integer day",
    );
  });
});
