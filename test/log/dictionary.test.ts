import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { ByteDictionary } from "../../log/_dictionary.ts";

const encoder = new TextEncoder();

/** Interns every key, returning the codes. */
function internAll(dictionary: ByteDictionary, keys: readonly string[]): number[] {
  const text = keys.join("\n");
  const bytes = encoder.encode(text);
  const codes: number[] = [];
  let start = 0;
  for (const key of keys) {
    const end = start + encoder.encode(key).length;
    codes.push(dictionary.intern(bytes, start, end));
    start = end + 1;
  }
  return codes;
}

describe("ByteDictionary", () => {
  test("ByteDictionary gives equal keys one code and distinct keys distinct codes", () => {
    // Short keys, keys sharing their first seven bytes, a shared 255-byte prefix with
    // different lengths, the empty key and non-ASCII keys.
    const long = "x".repeat(255);
    const keys = [
      "a",
      "abcdefg",
      "abcdefgh",
      "abcdefgi",
      long,
      `${long}y`,
      `${long}z`,
      "",
      "客户",
      "é",
      "abcdefgh",
      `${long}z`,
      "客户",
    ];
    const dictionary = new ByteDictionary();
    const codes = internAll(dictionary, keys);
    const distinct = [...new Set(keys)];
    expect(codes).toEqual(keys.map((k) => distinct.indexOf(k)));
    expect(dictionary.labels).toEqual(distinct);
    expect(dictionary.size).toBe(distinct.length);
  });

  test("ByteDictionary labels decode keys added after an earlier read", () => {
    const dictionary = new ByteDictionary();
    internAll(dictionary, ["m1", "m2"]);
    expect(dictionary.labels).toEqual(["m1", "m2"]);
    internAll(dictionary, ["m3", "m1", "ü"]);
    expect(dictionary.labels).toEqual(["m1", "m2", "m3", "ü"]);
  });

  test("ByteDictionary codes are first-seen order for any keys, across rehashes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { minLength: 1, maxLength: 3000 }),
        (keys) => {
          const dictionary = new ByteDictionary();
          const codes = internAll(dictionary, keys);
          const firstSeen = new Map<string, number>();
          for (const key of keys) if (!firstSeen.has(key)) firstSeen.set(key, firstSeen.size);
          expect(codes).toEqual(keys.map((k) => firstSeen.get(k)));
          expect(dictionary.labels).toEqual([...firstSeen.keys()]);
        },
      ),
      { seed: 5, numRuns: 60 },
    );
  });
});
