import { stringify } from "yaml";
import { afterEach, describe, expect, test, vi } from "vitest";
import { compareCommand } from "../../cli/compare.ts";
import { capture } from "./_capture.ts";
import { REFERRAL } from "../experiments/_fixtures.ts";

const scenario = await (async () => {
  const path = `${await Deno.makeTempDir()}/referral.yaml`;
  await Deno.writeTextFile(path, stringify(REFERRAL));
  return path;
})();

describe("lab compare", () => {
  afterEach(() => vi.restoreAllMocks());

  test("--json prints each metric's difference with a 95% interval and writes the folder", async () => {
    const out = await Deno.makeTempDir();
    const { code, out: text } = await capture(compareCommand, [
      scenario,
      "--set",
      "referral.conversion=0.5",
      "--replications",
      "6",
      "--metrics",
      "members,k_factor,arpu",
      "--workers",
      "1",
      "--out",
      out,
      "--json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(text);
    expect(json).toMatchObject({
      scenario: "referral",
      changes: ["referral.conversion=0.5"],
      replications: 6,
      level: 0.95,
    });
    const members = json.metrics[0];
    expect(members.metric).toBe("members");
    expect(members.difference.lower).toBeGreaterThan(0);
    expect(Object.keys(members.relative)).toEqual(["estimate", "se", "lower", "upper", "p_value"]);
    const manifest = JSON.parse(await Deno.readTextFile(`${out}/manifest.json`));
    expect(manifest).toMatchObject({
      kind: "what-if",
      seed: 1,
      changes: ["referral.conversion=0.5"],
    });
  });

  test("prints a readable table without --json", async () => {
    const { out } = await capture(compareCommand, [
      scenario,
      "--set=referral.conversion=0.5",
      "--replications=3",
      "--metrics=members",
      "--workers=1",
      `--out=${await Deno.makeTempDir()}`,
    ]);
    expect(out).toMatch(/^What if referral\.conversion=0\.5\? 3 paired runs of 60 days/);
    expect(out).toMatch(/members .* \+\d+\.\d%/);
  });

  test("usage errors name the option or the override", async () => {
    await expect(compareCommand.run([scenario])).rejects.toThrow(/at least one change with --set/);
    await expect(compareCommand.run([scenario, "--set", "referral.conversio=0.5"]))
      .rejects.toThrow(/referral\.conversio/);
    await expect(compareCommand.run([scenario, "--set", "referral.conversion=0.5", "--level=2"]))
      .rejects.toThrow(/--level/);
    await expect(
      compareCommand.run([scenario, "--set", "referral.conversion=0.5", "--metrics", "nope"]),
    ).rejects.toThrow(/metrics\[0\] is 'nope'/);
  });
});
