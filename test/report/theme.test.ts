import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { channelColors, stageColors, THEME } from "../../report/theme.ts";

describe("stage and channel colours", () => {
  test("stageColors keeps each known stage's colour whatever the order", () => {
    const known = Object.keys(THEME.stages);
    fc.assert(
      fc.property(fc.shuffledSubarray(known), fc.array(fc.string(), { maxLength: 5 }), (s, x) => {
        const names = [...s, ...x.filter((n) => !Object.hasOwn(THEME.stages, n))];
        const { domain, range } = stageColors(names);
        expect(domain).toEqual(names);
        expect(range).toHaveLength(names.length);
        s.forEach((name, i) => expect(range[i]).toBe(THEME.stages[name]));
      }),
    );
  });

  test("stageColors gives unknown stages the fallback colours in order", () => {
    expect(stageColors(["vip", "new", "lapsed"]).range).toEqual([
      THEME.fallback[0],
      THEME.stages.new,
      THEME.fallback[1],
    ]);
  });

  test("channelColors gives referral its fixed colour", () => {
    expect(channelColors(["organic", "referral"]).range).toEqual(["#3ca951", "#ff725c"]);
  });
});
