/**
 * The registry of `deno task lab` commands, in the order `lab --help` lists them.
 * A new command is one file under `cli/` exporting a {@link Command}, added here.
 *
 * @module
 */
import type { Command } from "./command.ts";
import { survivalCommand } from "./survival.ts";
import { cohortsCommand } from "./cohorts.ts";
import { powerCommand } from "./power.ts";
import { experimentCommand } from "./experiment.ts";
import { compareCommand } from "./compare.ts";
import { simCommand } from "./sim.ts";
import { checkCommand } from "./check.ts";
import { schemaCommand } from "./schema.ts";
import { demoCommand } from "./demo.ts";
import { benchCommand } from "./bench.ts";
import { clvCommand } from "./clv.ts";
import { calibrateCommand } from "./calibrate.ts";
import { validateCommand } from "./validate.ts";
import { rfmCommand } from "./rfm.ts";
import { funnelCommand } from "./funnel.ts";
import { economicsCommand } from "./economics.ts";
import { viralCommand } from "./viral.ts";
import { labelsCommand } from "./labels.ts";
import { groupsCommand } from "./groups.ts";
import { warnCommand } from "./warn.ts";

/** Every command, by name. */
export const COMMANDS: readonly Command[] = [
  simCommand,
  demoCommand,
  benchCommand,
  checkCommand,
  schemaCommand,
  powerCommand,
  experimentCommand,
  compareCommand,
  survivalCommand,
  cohortsCommand,
  clvCommand,
  calibrateCommand,
  validateCommand,
  rfmCommand,
  funnelCommand,
  economicsCommand,
  viralCommand,
  labelsCommand,
  groupsCommand,
  warnCommand,
];
