import { describe, expect, test } from "vitest";
import { EventCode, type EventLog, EventLogBuilder } from "../../../log/event_log.ts";
import { traceWarningCurve } from "../../../models/warning/curve.ts";
import { evaluateWarnings } from "../../../models/warning/evaluate.ts";
import { observedChurn } from "../../../models/warning/outcomes.ts";
import { alertsByWindow } from "../../../models/warning/variants.ts";

/** Members who order every `gap` days and churn after their last order. */
function gapsLog(): EventLog {
  const b = new EventLogBuilder();
  let m = 0;
  for (const gap of [3, 6, 9, 12]) {
    for (let k = 0; k < 5; k++, m++) {
      const last = 20 + 7 * k;
      for (let d = 0; d <= last; d += gap) b.push(m, d, EventCode.order, 10, -1);
      b.push(m, last + 25, EventCode.churn, NaN, -1);
    }
  }
  b.push(m, 150, EventCode.order, 10, -1);
  return b.build({ count: m + 1, ids: null, attributes: {} });
}

describe("traceWarningCurve", () => {
  const log = gapsLog();
  const outcomes = observedChurn(log);
  const curve = traceWarningCurve(alertsByWindow(log, [14, 4, 7, 20]), outcomes, {
    parameter: "window",
  });

  test("traceWarningCurve judges each variant as evaluateWarnings does, by ascending value", () => {
    expect(curve.points.map((p) => p.value)).toEqual([4, 7, 14, 20]);
    expect(curve.parameter).toBe("window");
    for (const p of curve.points) {
      const alerts = alertsByWindow(log, [p.value])[0].alerts;
      const e = evaluateWarnings(alerts, outcomes);
      expect(p.precision.estimate).toBe(e.precision);
      expect(p.recall.estimate).toBe(e.recall);
      expect(p.medianLeadTime).toBe(e.leadTime.median);
      expect(p.rule).toBe(`inactivity-${p.value}`);
    }
  });

  test("traceWarningCurve trades recall for precision as the window grows on this log", () => {
    const precision = curve.points.map((p) => p.precision.estimate);
    const alerts = curve.points.map((p) => p.alertsPerDay);
    expect(precision[3]).toBeGreaterThan(precision[0]);
    expect(alerts).toEqual([...alerts].sort((a, b) => b - a));
    expect(curve.summary().map((r) => r.name).slice(0, 2)).toEqual(["precision:4", "recall:4"]);
  });

  test("traceWarningCurve refuses no variants and a repeated value", () => {
    expect(() => traceWarningCurve([], outcomes)).toThrow("no variant given");
    const twice = alertsByWindow(log, [7, 7]);
    expect(() => traceWarningCurve(twice, outcomes)).toThrow("value 7 appears twice");
  });
});
