import { describe, expect, test } from "vitest";
import { EventCode, EventLogBuilder } from "../../../log/event_log.ts";
import { gradeGroupHealth } from "../../../models/analytics/group_health.ts";
import { plotGroupHealth } from "../../../report/charts/group_health.ts";
import { renderPlot } from "../../../report/render.ts";

/** Three tier-399 groups of 10 in tenure month 2 (benchmark 65%): 8, 6 and 0 active. */
function health() {
  const b = new EventLogBuilder();
  const group: number[] = [];
  [8, 6, 0].forEach((active, g) => {
    for (let k = 0; k < 10; k++) {
      const m = g * 10 + k;
      b.push(m, 0, EventCode.join, NaN, -1);
      if (k < active) b.push(m, 50, EventCode.order, 100, -1);
      group.push(g);
    }
  });
  const log = b.build({
    count: 30,
    ids: null,
    attributes: {
      tier: { codes: new Int32Array(30), labels: ["399"] },
      group: { codes: Int32Array.from(group), labels: ["a", "b", "c"] },
    },
  });
  return gradeGroupHealth(log, { asOf: 59, outputBenchmark: { "399": 100 } });
}

/** The data of a chart's mark (Plot keeps it on the mark). */
function markData(chart: ReturnType<typeof plotGroupHealth>, index: number) {
  return (chart.marks![index] as unknown as { data: Record<string, unknown>[] }).data;
}

describe("plotGroupHealth", () => {
  test("plotGroupHealth places each group at its gaps, counts grades and rings highlighted ones", () => {
    const chart = plotGroupHealth(health(), { highlight: ["b"] });
    const dots = markData(chart, 2);
    expect(dots.map((d) => [d.group, d.grade])).toEqual([["a", "pass"], ["b", "fail"], [
      "c",
      "fail",
    ]]);
    expect(dots[0].activityGap).toBeCloseTo(15, 9);
    // Group c: nobody ordered, no output gap: drawn below every other point.
    expect(dots[2].outputGap).toBeLessThan(-15);
    expect(markData(chart, 3).map((d) => d.group)).toEqual(["b"]);
    expect(chart.subtitle).toContain(
      "3 groups over the 30 days to day 59: 0 excellent, 0 good, 1 pass, 2 fail",
    );
    expect(renderPlot(chart)).toContain("Group health on day 59");
  });

  test("plotGroupHealth names a highlighted group it does not have", () => {
    expect(() => plotGroupHealth(health(), { highlight: ["z"] })).toThrow(
      "Cannot plot group health: no group 'z' to highlight",
    );
  });
});
