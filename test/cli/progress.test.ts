import { describe, expect, test } from "vitest";
import { createProgress } from "../../cli/progress.ts";

function record(mode: "bar" | "lines" | "off", steps: [number, number][]): string[] {
  const out: string[] = [];
  const progress = createProgress({ label: "sim x", mode, write: (text) => out.push(text) });
  for (const [done, total] of steps) progress.update(done, total);
  progress.finish();
  return out;
}

describe("createProgress", () => {
  test("createProgress in lines mode prints one line per 10% step reached", () => {
    const steps = Array.from({ length: 40 }, (_, i): [number, number] => [i + 1, 40]);
    const lines = record("lines", steps);
    expect(lines.length).toBe(10);
    expect(lines[0]).toBe("sim x: 10% (4/40)\n");
    expect(lines.at(-1)).toBe("sim x: 100% (40/40)\n");
    expect(lines.every((line) => !line.includes("\r"))).toBe(true);
  });

  test("createProgress in bar mode redraws one line in place and ends it once", () => {
    const out = record("bar", [[1, 4], [1, 4], [2, 4], [4, 4]]);
    expect(out.length).toBe(4);
    expect(out.slice(0, 3).every((text) => text.startsWith("\rsim x ") && !text.includes("\n")))
      .toBe(true);
    expect(out[2]).toContain("100% (4/4)");
    expect(out[3]).toBe("\n");
  });

  test("createProgress note ends a drawn bar first and then prints its own line", () => {
    const out: string[] = [];
    const progress = createProgress({ label: "sim x", mode: "bar", write: (t) => out.push(t) });
    progress.update(1, 2);
    progress.finish();
    progress.note("writing runs/x-1");
    progress.finish();
    expect(out.slice(1)).toEqual(["\n", "sim x: writing runs/x-1\n"]);
  });

  test("createProgress in off mode writes nothing", () => {
    expect(record("off", [[1, 2], [2, 2]])).toEqual([]);
  });
});
