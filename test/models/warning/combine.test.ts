import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { type Alerts, AlertsBuilder, type WarningRule } from "../../../models/warning/alerts.ts";
import { allOf, anyOf } from "../../../models/warning/combine.ts";

const log: EventLog = (() => {
  const b = new EventLogBuilder();
  b.push(0, 0, EventCode.order, 1, -1);
  b.push(1, 0, EventCode.order, 1, -1);
  b.push(2, 0, EventCode.order, 1, -1);
  return b.build({ count: 3, ids: null, attributes: {} });
})();

/** A rule raising fixed alerts [member, day, score]. */
function fixed(name: string, rows: [number, number, number][]): WarningRule {
  return {
    name,
    alert: (): Alerts => {
      const b = new AlertsBuilder();
      for (const [m, d, s] of rows) b.push(m, d, s);
      return b.build([name], 3);
    },
  };
}

const listed = (a: Alerts) =>
  Array.from(a.member, (m, i) => [m, a.day[i], a.rules[a.rule[i]], a.score[i]]);

describe("anyOf", () => {
  test("anyOf raises every rule's alerts once per member and day, the first rule winning a tie", () => {
    const a = fixed("a", [[0, 5, 1], [1, 9, 2]]);
    const b = fixed("b", [[0, 5, 7], [0, 8, 3], [2, 1, 4]]);
    const rule = anyOf([a, b]);
    expect(rule.name).toBe("any(a,b)");
    expect(listed(rule.alert(log))).toEqual([
      [0, 5, "a", 1],
      [0, 8, "b", 3],
      [1, 9, "a", 2],
      [2, 1, "b", 4],
    ]);
  });
});

describe("allOf", () => {
  test("allOf fires on a day when every rule fired for the member within the window, at the weakest score", () => {
    const a = fixed("a", [[0, 10, 5], [1, 10, 5], [2, 40, 1]]);
    const b = fixed("b", [[0, 3, 2], [1, 2, 9], [2, 5, 9]]);
    const rule = allOf([a, b], { within: 7 });
    expect(rule.name).toBe("all(a,b;7d)");
    // m0: b on 3, a on 10 (7 days on): fires on 10 at min(5, 2). m1: b on 2 is 8 days
    // before 10: too early. m2: 35 days apart.
    expect(listed(rule.alert(log))).toEqual([[0, 10, "all(a,b;7d)", 2]]);
    expect(allOf([a, b], { within: 8 }).alert(log).length).toBe(2);
  });

  test("combinators refuse an empty list and a negative window", () => {
    expect(() => anyOf([])).toThrow("Cannot combine rules any-of: no rule given");
    expect(() => allOf([fixed("a", [])], { within: -1 })).toThrow(
      "Cannot combine rules all-of: within is -1, expected an integer ≥ 0",
    );
  });
});
