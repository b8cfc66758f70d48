import { describe, expect, test } from "vitest";
import { EventCode, EventLogBuilder, indexMemberPeriods, periodCalendar } from "../../log/mod.ts";

describe("periodCalendar", () => {
  test("calendar months start on the 1st and the last partial month is incomplete", () => {
    const cal = periodCalendar({ origin: "2010-12-01", lastDay: 373 }, "month");
    expect(cal.count).toBe(13);
    expect(cal.label(12)).toBe("2011-12");
    expect(cal.startDay(1)).toBe(31);
    expect(cal.complete(11)).toBe(true);
    expect(cal.complete(12)).toBe(false);
  });

  test("weeks are 7-day blocks from day 0; simulated months are 30-day blocks", () => {
    const weeks = periodCalendar({ origin: "2020-01-01", lastDay: 13 }, "week");
    expect([weeks.count, weeks.label(1), weeks.complete(1)]).toEqual([2, "2020-01-08", true]);
    const months = periodCalendar({ origin: null, lastDay: 60 }, "month");
    expect([months.count, months.label(2), months.periodOfDay[59]]).toEqual([3, "month 2", 1]);
  });
});

describe("indexMemberPeriods", () => {
  test("keeps sorted distinct active periods per member and the first event period", () => {
    const b = new EventLogBuilder();
    b.push(1, 15, EventCode.order, 1, -1);
    b.push(0, 3, EventCode.join, NaN, -1);
    b.push(1, 2, EventCode.order, 1, -1);
    b.push(0, 20, EventCode.order, 1, -1);
    b.push(1, 16, EventCode.order, 1, -1);
    const idx = indexMemberPeriods(b.build({ count: 3, ids: null, attributes: {} }));
    expect(Array.from(idx.offsets)).toEqual([0, 1, 3, 3]);
    expect(Array.from(idx.periods)).toEqual([2, 0, 2]);
    expect(Array.from(idx.firstPeriod)).toEqual([0, 0, -1]);
  });
});
