/**
 * Progress reporting for long commands, on standard error: a bar redrawn in place on a
 * terminal, plain lines every 10% otherwise (logs, pipes, CI), or nothing at all. Never
 * both a bar and lines.
 *
 * @module
 */

/** How progress is shown: a bar redrawn in place, plain lines every 10%, or nothing. */
export type ProgressMode = "bar" | "lines" | "off";

/** A progress reporter: call `update` as work is done and `finish` once at the end. */
export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar line, if one is drawn. */
  finish(): void;
  /** Says what happens next (e.g. writing files), on its own line; nothing when off. */
  note(text: string): void;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  /** What is progressing, printed before the bar or line (e.g. `sim default`). */
  readonly label: string;
  /** Display mode (default {@link progressMode} of standard error, not quiet). */
  readonly mode?: ProgressMode;
  /** Where text goes (default standard error). */
  readonly write?: (text: string) => void;
}

/** Defaults of {@link createProgress}. */
export const PROGRESS_DEFAULTS = {
  /** Width of the bar in characters. */
  barWidth: 30,
  /** Percentage step between plain lines. */
  lineStep: 10,
} as const;

/**
 * The mode for standard error: a bar on a terminal; otherwise plain lines, or nothing
 * when `quiet` (e.g. `--json` output that a script reads).
 *
 * @example
 * ```ts
 * import { progressMode } from "./progress.ts";
 * const mode = progressMode({ quiet: true });
 * if (mode !== "off" && mode !== "bar") throw new Error("unexpected");
 * ```
 */
export function progressMode(options: { quiet?: boolean } = {}): ProgressMode {
  if (Deno.stderr.isTerminal()) return "bar";
  return options.quiet ? "off" : "lines";
}

/**
 * Creates a progress reporter.
 *
 * @example Plain lines into an array
 * ```ts
 * import { createProgress } from "./progress.ts";
 * const lines: string[] = [];
 * const progress = createProgress({ label: "sim", mode: "lines", write: (t) => lines.push(t) });
 * for (let done = 1; done <= 4; done++) progress.update(done, 4);
 * progress.finish();
 * if (lines.at(-1) !== "sim: 100% (4/4)\n") throw new Error(lines.join(""));
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const mode = options.mode ?? progressMode();
  const encoder = new TextEncoder();
  const write = options.write ?? ((text: string) => Deno.stderr.writeSync(encoder.encode(text)));
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (mode === "off" || total <= 0) return;
      const percent = Math.min(100, Math.floor((done / total) * 100));
      if (mode === "bar") {
        if (percent === shown) return;
        shown = percent;
        drawn = true;
        const filled = Math.round((percent / 100) * PROGRESS_DEFAULTS.barWidth);
        const bar = "█".repeat(filled) + "░".repeat(PROGRESS_DEFAULTS.barWidth - filled);
        // \r returns to the line start and \x1b[K clears what a longer line left behind.
        write(`\r${options.label} ${bar} ${String(percent).padStart(3)}% (${done}/${total})\x1b[K`);
        return;
      }
      // Lines start at the first full step: 0% says nothing a log reader needs.
      const step = Math.floor(percent / PROGRESS_DEFAULTS.lineStep) * PROGRESS_DEFAULTS.lineStep;
      if (step <= Math.max(shown, 0)) return;
      shown = step;
      write(`${options.label}: ${percent}% (${done}/${total})\n`);
    },
    finish() {
      if (mode === "bar" && drawn) write("\n");
      drawn = false;
    },
    note(text) {
      if (mode === "off") return;
      this.finish();
      write(`${options.label}: ${text}\n`);
    },
  };
}
