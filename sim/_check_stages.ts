/**
 * Semantic checks of a scenario's stage graph, run after the zod schema has passed: one
 * churned stage, declared stage names, rules that neither leave nor target the churned
 * stage, one rule of each kind per stage, well-ordered piecewise hazards, and a graph in
 * which every stage is reachable from the initial stage and every live stage has a way
 * out (or is marked terminal).
 *
 * @module
 */
import type { Hazard, Scenario } from "./scenario.ts";
import type { PathSegment } from "./scenario_path.ts";
import { listNames } from "./scenario_error.ts";

/**
 * Records one issue at a path.
 *
 * @example
 * ```ts
 * import type { Report } from "./_check_stages.ts";
 * const seen: string[] = [];
 * const report: Report = (path, message) => seen.push(`${path.join(".")}: ${message}`);
 * report(["stages"], "no stage");
 * ```
 */
export type Report = (path: readonly PathSegment[], message: string) => void;

/** Limit on stages: stage codes are stored in a byte and kept small for tables. */
const MAX_STAGES = 32;

/**
 * Checks the stages, rules and the graph they form; reports every problem found. The graph
 * (reachability, a way out) is checked only when the names in it are all declared.
 *
 * @example
 * ```ts
 * import { checkStages } from "./_check_stages.ts";
 * import { ScenarioSchema } from "./scenario.ts";
 * const scenario = ScenarioSchema.parse({
 *   name: "s", horizon: 10, initialStage: "new",
 *   stages: { new: {}, churned: { churned: true } },
 *   population: { initial: 1 }, purchases: { spend: { type: "fixed", value: 1 } },
 * });
 * const found: string[] = [];
 * checkStages(scenario, (path, message) => found.push(`${path.join(".")}: ${message}`));
 * if (found.length !== 2) throw new Error("new has no way out, churned is unreachable");
 * ```
 */
export function checkStages(scenario: Scenario, report: Report): void {
  let found = 0;
  const counted: Report = (path, message) => {
    found++;
    report(path, message);
  };
  checkDeclarations(scenario, counted);
  // The graph of a scenario with undeclared stages would only repeat those issues.
  const churned = churnedStage(scenario, () => {});
  if (found === 0 && churned !== undefined) checkGraph(scenario, churned, report);
}

function checkDeclarations(scenario: Scenario, report: Report): void {
  const names = Object.keys(scenario.stages);
  if (names.length > MAX_STAGES) {
    report(["stages"], `has ${names.length} stages; at most ${MAX_STAGES} are allowed`);
  }
  const churned = churnedStage(scenario, report);
  const known = (path: PathSegment[], stage: string): boolean => {
    if (Object.hasOwn(scenario.stages, stage)) return true;
    report(path, `unknown stage '${stage}' (stages: ${listNames(names)})`);
    return false;
  };

  if (known(["initialStage"], scenario.initialStage) && scenario.initialStage === churned) {
    report(["initialStage"], `must not be the churned stage '${churned}'`);
  }
  for (const [name, stage] of Object.entries(scenario.stages)) {
    if (name === churned) {
      if (stage.hazard !== undefined) {
        report(["stages", name, "hazard"], "the churned stage cannot have a churn hazard");
      }
      if (stage.orders !== undefined) {
        report(["stages", name, "orders"], "the churned stage cannot have orders");
      }
      const to = stage.reactivation?.to;
      if (to !== undefined && known(["stages", name, "reactivation", "to"], to) && to === name) {
        report(["stages", name, "reactivation", "to"], "must be a live stage, not the churned one");
      }
    } else if (stage.reactivation !== undefined && churned !== undefined) {
      report(
        ["stages", name, "reactivation"],
        `only the churned stage '${churned}' can have reactivation`,
      );
    }
    if (stage.hazard?.type === "piecewise") checkPieces(stage.hazard, ["stages", name], report);
  }
  checkRules(scenario, churned, known, report);
  const invites = scenario.referral?.invites;
  if (invites?.type === "per_active_day") {
    invites.stages.forEach((stage, i) => known(["referral", "invites", "stages", i], stage));
  }
}

function churnedStage(scenario: Scenario, report: Report): string | undefined {
  const churned = Object.entries(scenario.stages).filter(([, s]) => s.churned === true);
  if (churned.length === 1) return churned[0][0];
  if (churned.length === 0) {
    report(["stages"], "no stage has churned: true; exactly one stage must be the churned stage");
  } else {
    const list = churned.map(([name]) => name).join(", ");
    report(["stages"], `${churned.length} stages have churned: true (${list}); exactly one must`);
  }
  return undefined;
}

function checkPieces(
  hazard: Extract<Hazard, { type: "piecewise" }>,
  stagePath: PathSegment[],
  report: Report,
): void {
  const path = [...stagePath, "hazard", "pieces"];
  if (hazard.pieces[0].from !== 0) {
    report(
      [...path, 0, "from"],
      `must be 0 (the first piece starts at tenure 0), got ${hazard.pieces[0].from}`,
    );
  }
  for (let i = 1; i < hazard.pieces.length; i++) {
    const previous = hazard.pieces[i - 1].from;
    if (hazard.pieces[i].from <= previous) {
      report(
        [...path, i, "from"],
        `must be greater than pieces[${i - 1}].from (${previous}), got ${hazard.pieces[i].from}`,
      );
    }
  }
}

function checkRules(
  scenario: Scenario,
  churned: string | undefined,
  known: (path: PathSegment[], stage: string) => boolean,
  report: Report,
): void {
  const firstOfKind = new Map<string, number>();
  scenario.rules.forEach((rule, i) => {
    if (known(["rules", i, "to"], rule.to) && rule.to === churned) {
      report(["rules", i, "to"], `must not target the churned stage '${churned}' (hazards do)`);
    }
    rule.from.forEach((from, j) => {
      if (!known(["rules", i, "from", j], from)) return;
      if (from === churned) {
        report(
          ["rules", i, "from", j],
          `must not leave the churned stage '${churned}' (reactivation is its only way out)`,
        );
      } else if (from === rule.to) {
        report(["rules", i, "from", j], `moves stage '${from}' to itself`);
      }
      const key = `${rule.on}\u0000${from}`;
      const first = firstOfKind.get(key);
      if (first === undefined) firstOfKind.set(key, i);
      else if (first !== i) {
        report(
          ["rules", i],
          `a second ${rule.on} rule from stage '${from}' (rules[${first}] is the first); ` +
            "at most one rule of each kind may leave a stage",
        );
      }
    });
  });
}

/** Reachability from the initial stage and a way out of every live stage. */
function checkGraph(scenario: Scenario, churned: string, report: Report): void {
  const exits = stageExits(scenario, churned);
  const reached = new Set([scenario.initialStage]);
  const queue = [scenario.initialStage];
  while (queue.length > 0) {
    for (const next of exits.get(queue.pop()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  for (const [name, stage] of Object.entries(scenario.stages)) {
    if (!reached.has(name)) {
      report(
        ["stages", name],
        `unreachable from the initial stage '${scenario.initialStage}' ` +
          "(no rule, hazard or reactivation leads to it)",
      );
    } else if (name !== churned && exits.get(name)!.size === 0 && stage.terminal !== true) {
      report(
        ["stages", name],
        "has no way out (no churn hazard and no rule leaves it); add one or mark it terminal: true",
      );
    }
  }
}

/** The stages each stage can move to: rules, churn (hazard, drop-out, shocks), reactivation. */
function stageExits(scenario: Scenario, churned: string): Map<string, Set<string>> {
  const exits = new Map(Object.keys(scenario.stages).map((name) => [name, new Set<string>()]));
  for (const rule of scenario.rules) {
    for (const from of rule.from) if (from !== rule.to) exits.get(from)?.add(rule.to);
  }
  const shocks = scenario.shocks.some((s) => (s.type === "mentor_leaves" ? s.loss : s.share) > 0);
  const dropout = scenario.purchases.dropout;
  const dropsOut = dropout !== undefined && (dropout.type === "beta" || dropout.value > 0);
  for (const [name, stage] of Object.entries(scenario.stages)) {
    if (name === churned) {
      const back = stage.reactivation;
      if (back !== undefined && back.value > 0 && back.to !== name) exits.get(name)!.add(back.to);
      continue;
    }
    const orders = stage.orders !== undefined && stage.orders.value > 0;
    if (shocks || canChurn(stage.hazard) || (dropsOut && orders)) exits.get(name)!.add(churned);
  }
  return exits;
}

function canChurn(hazard: Hazard | undefined): boolean {
  if (hazard === undefined) return false;
  if (hazard.type === "constant") return hazard.value > 0;
  if (hazard.type === "weibull") return true;
  return hazard.pieces.some((piece) => piece.value > 0);
}
