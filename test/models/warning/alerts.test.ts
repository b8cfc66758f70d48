import { describe, expect, test } from "vitest";
import { AlertsBuilder, filterAlerts } from "../../../models/warning/alerts.ts";

describe("AlertsBuilder", () => {
  test("AlertsBuilder sorts alerts by member, day and rule however they were pushed", () => {
    const b = new AlertsBuilder();
    const rows: [number, number, number, number][] = [];
    for (let i = 0; i < 600; i++) rows.push([(i * 37) % 11, (i * 13) % 29, i, i % 3]);
    for (const [m, d, s, r] of rows) b.push(m, d, s, r);
    const a = b.build(["a", "b", "c"], 11);
    expect(a.length).toBe(600);
    for (let i = 1; i < a.length; i++) {
      const order = a.member[i] - a.member[i - 1] || a.day[i] - a.day[i - 1] ||
        a.rule[i] - a.rule[i - 1];
      expect(order).toBeGreaterThanOrEqual(0);
    }
    // Each alert keeps its own score through the sort.
    for (let i = 0; i < a.length; i++) {
      const [m, d, , r] = rows[a.score[i]];
      expect([a.member[i], a.day[i], a.rule[i]]).toEqual([m, d, r]);
    }
  });

  test("filterAlerts keeps alerts scored at least the threshold", () => {
    const b = new AlertsBuilder();
    b.push(0, 1, 0.2);
    b.push(0, 2, 0.5);
    b.push(1, 1, 0.9);
    const kept = filterAlerts(b.build(["s"], 2), 0.5);
    expect(Array.from(kept.score)).toEqual([0.5, 0.9]);
    expect(kept.rules).toEqual(["s"]);
  });
});
