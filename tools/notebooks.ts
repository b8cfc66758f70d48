/**
 * Executes every notebook in `notebooks/` headlessly with real Jupyter (Debian's
 * `/usr/bin/jupyter nbconvert`) and the Deno kernel, and fails on any cell error or any
 * output lost on the way (see `findDisplayProblems`): `deno task notebooks`. Executed
 * copies go to a temporary folder, so the committed notebooks stay without outputs. With `--html` the executed notebooks are rendered to
 * HTML with their outputs, for sharing, into `notebooks/html/` (git-ignored).
 *
 * @example
 * ```ts
 * import { parseNotebookArgs } from "./notebooks.ts";
 * const args = parseNotebookArgs(["--html", "02"]);
 * if (!args.html || args.only[0] !== "02") throw new Error("unexpected");
 * ```
 *
 * @module
 */
import { findDisplayProblems, parseNotebook } from "./_notebook_file.ts";

/** Debian's Jupyter; the pyenv Python on PATH may lack nbconvert. */
export const JUPYTER = "/usr/bin/jupyter";

/** Folder of the notebooks, resolved from this module so the runner works from any cwd. */
export const NOTEBOOKS_URL: URL = new URL("../notebooks/", import.meta.url);

/** The lines that install Jupyter and the Deno kernel on Debian. */
export const INSTALL_LINES = [
  "apt-get install -y jupyter-notebook jupyter-nbconvert jupyter-client " +
  "python3-nbconvert python3-nbclient python3-ipykernel",
  "deno jupyter --install --force",
] as const;

/** Defaults of the runner's options. */
export const NOTEBOOK_RUN_DEFAULTS = {
  /** Seconds one cell may run before nbconvert stops it. */
  cellTimeout: 120,
  /** Seconds a whole notebook should take (the issue's "under a minute"); over it warns. */
  budget: 60,
  /** Executions of a notebook whose displays the Deno kernel lost (see findDisplayProblems). */
  attempts: 2,
} as const;

/**
 * The HTML template: nbconvert's `lab` template with SVG outputs inlined as they are.
 * Debian's nbconvert 6.5 passes SVG through an HTML cleaner that strips everything inside
 * `<svg>` (jupyter/nbconvert#1849; 7.x embeds SVG as an image instead), which would leave
 * every chart blank; the notebooks' SVG comes from the lab's renderer, which escapes text.
 */
export const HTML_TEMPLATE = `{%- extends 'lab/index.html.j2' -%}
{% block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
{{ output.data['image/svg+xml'] }}
</div>
{%- endblock data_svg %}
`;

/** What the command line asks for. */
export interface NotebookArgs {
  /** Render HTML with outputs into `notebooks/html/` besides executing. */
  readonly html: boolean;
  /** Print the results as JSON. */
  readonly json: boolean;
  /** Print the help text and do nothing else. */
  readonly help: boolean;
  /** Notebook name prefixes to run (e.g. `02`); empty runs every notebook. */
  readonly only: readonly string[];
}

/** The help text of `deno task notebooks`. */
export const NOTEBOOKS_HELP = `Usage: deno task notebooks [--html] [--json] [NAME...]

Executes every notebook in notebooks/ with ${JUPYTER} nbconvert and the Deno kernel
(into a temporary folder; the committed notebooks stay without outputs) and exits 1
when any cell fails, a cell's output is lost (every output must go through show()),
or Jupyter or the kernel is missing.

Options:
  --html     also render each executed notebook to HTML with outputs, into notebooks/html/
  --json     print one result object per notebook as JSON
  --help     show this text
  NAME...    only notebooks whose file name starts with NAME (default: every notebook)

Needs (Debian):
  ${INSTALL_LINES.join("\n  ")}

Example:
  deno task notebooks --html 01 05
`;

/**
 * Parses the runner's arguments. Throws a TypeError naming an unknown option.
 *
 * @example
 * ```ts
 * import { parseNotebookArgs } from "./notebooks.ts";
 * if (parseNotebookArgs([]).only.length !== 0) throw new Error("unexpected");
 * ```
 */
export function parseNotebookArgs(argv: readonly string[]): NotebookArgs {
  const flags = { html: false, json: false, help: false };
  const only: string[] = [];
  for (const arg of argv) {
    if (arg === "--html") flags.html = true;
    else if (arg === "--json") flags.json = true;
    else if (arg === "--help" || arg === "-h") flags.help = true;
    else if (arg.startsWith("-")) {
      throw new TypeError(
        `Cannot run notebooks: unknown option '${arg}', expected --html, --json or --help`,
      );
    } else only.push(arg);
  }
  return { ...flags, only };
}

/**
 * The notebook files of a folder (`*.ipynb`, sorted by name), optionally only those
 * whose name starts with one of `only`. Throws a RangeError when a prefix matches none.
 *
 * @example
 * ```ts
 * import { listNotebooks, NOTEBOOKS_URL } from "./notebooks.ts";
 * const names = await listNotebooks(NOTEBOOKS_URL);
 * if (!names.every((name) => name.endsWith(".ipynb"))) throw new Error("unexpected");
 * ```
 */
export async function listNotebooks(
  folder: URL,
  only: readonly string[] = [],
): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(folder)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) names.push(entry.name);
  }
  names.sort();
  for (const prefix of only) {
    if (!names.some((name) => name.startsWith(prefix))) {
      throw new RangeError(
        `Cannot run notebooks: no notebook name starts with '${prefix}'; ` +
          `the notebooks are ${names.join(", ")}`,
      );
    }
  }
  return only.length === 0 ? names : names.filter((n) => only.some((p) => n.startsWith(p)));
}

/**
 * Why notebooks cannot run here (Jupyter or the Deno kernel missing), or null when they
 * can. The reason ends with the install lines.
 *
 * @example
 * ```ts
 * import { findJupyterProblem } from "./notebooks.ts";
 * const problem = await findJupyterProblem();
 * if (problem !== null && !problem.includes("deno jupyter --install")) throw new Error();
 * ```
 */
export async function findJupyterProblem(): Promise<string | null> {
  const install = `install with: ${INSTALL_LINES.join(" && ")}`;
  try {
    if (!Deno.statSync(JUPYTER).isFile) return `${JUPYTER} is not a file; ${install}`;
  } catch {
    return `${JUPYTER} is missing; ${install}`;
  }
  const listed = await new Deno.Command(JUPYTER, {
    args: ["kernelspec", "list", "--json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!listed.success) {
    return `'${JUPYTER} kernelspec list' failed (${new TextDecoder().decode(listed.stderr)}); ` +
      install;
  }
  const specs = JSON.parse(new TextDecoder().decode(listed.stdout)).kernelspecs ?? {};
  return "deno" in specs ? null : `the Deno kernel is not installed in Jupyter; ${install}`;
}

/** How one notebook ran. */
export interface NotebookRun {
  /** File name, e.g. `01_lifecycle_tour.ipynb`. */
  readonly notebook: string;
  readonly ok: boolean;
  /** Wall time of the last nbconvert execution, in seconds. */
  readonly seconds: number;
  /** Executions made: more than 1 when the kernel lost a display and it ran again. */
  readonly attempts: number;
  /** The executed notebook (with outputs) in the output folder. */
  readonly executed: string;
  /** The HTML rendering, when asked for. */
  readonly html: string | null;
  /** The failing cell's error as nbconvert printed it; empty when ok. */
  readonly error: string;
}

/** Options of {@link executeNotebook}. */
export interface ExecuteOptions {
  /** Folder of the executed copy. */
  readonly outputDir: string;
  /** Folder of the HTML rendering; null renders none. */
  readonly htmlDir: string | null;
}

/**
 * Executes one notebook with nbconvert and the Deno kernel (the kernel runs in the
 * notebook's folder, so the repo's deno.json and import map apply), checks that every
 * output arrived — running it once more when the kernel lost a display — and renders the
 * executed copy to HTML when asked.
 *
 * @example
 * ```ts
 * import { executeNotebook, NOTEBOOKS_URL } from "./notebooks.ts";
 * const outputDir = await Deno.makeTempDir();
 * const run = await executeNotebook(new URL("01_lifecycle_tour.ipynb", NOTEBOOKS_URL), {
 *   outputDir,
 *   htmlDir: null,
 * });
 * if (!run.ok) throw new Error(run.error);
 * ```
 */
export async function executeNotebook(path: URL, options: ExecuteOptions): Promise<NotebookRun> {
  const notebook = path.pathname.split("/").pop()!;
  const executedPath = `${options.outputDir}/${notebook}`;
  for (let attempt = 1;; attempt++) {
    const started = performance.now();
    const executed = await nbconvert([
      "--to",
      "notebook",
      "--execute",
      "--ExecutePreprocessor.kernel_name=deno",
      `--ExecutePreprocessor.timeout=${NOTEBOOK_RUN_DEFAULTS.cellTimeout}`,
      "--output-dir",
      options.outputDir,
      path.pathname,
    ]);
    const seconds = (performance.now() - started) / 1000;
    const run = { notebook, seconds, attempts: attempt, executed: executedPath };
    if (!executed.ok) return { ...run, ok: false, html: null, error: executed.error };
    const problems = findDisplayProblems(
      parseNotebook(await Deno.readTextFile(executedPath), executedPath),
    );
    // A lost display is the kernel's doing and passes on a second run; a cell shown by
    // its value is the notebook's and would fail again.
    const retry = problems.length > 0 && problems.every((p) => p.kind === "lost") &&
      attempt < NOTEBOOK_RUN_DEFAULTS.attempts;
    if (retry) continue;
    if (problems.length > 0) {
      const lines = problems.map((p) => p.message).join("\n");
      return {
        ...run,
        ok: false,
        html: null,
        error: `Outputs missing or at risk in ${notebook} (attempt ${attempt}):\n${lines}`,
      };
    }
    if (options.htmlDir === null) return { ...run, ok: true, html: null, error: "" };
    const rendered = await renderNotebookHtml(executedPath, options.htmlDir);
    return { ...run, ...rendered };
  }
}

/**
 * Renders an executed notebook to HTML with its outputs, charts inlined as SVG (see
 * {@link HTML_TEMPLATE}), into `htmlDir` under the notebook's name.
 *
 * @example
 * ```ts ignore
 * import { renderNotebookHtml } from "./notebooks.ts";
 * const { ok, html } = await renderNotebookHtml("/tmp/run/01_lifecycle_tour.ipynb", "/tmp/html");
 * if (!ok || !html.endsWith("01_lifecycle_tour.html")) throw new Error("unexpected");
 * ```
 */
export async function renderNotebookHtml(
  executedPath: string,
  htmlDir: string,
): Promise<{ ok: boolean; html: string; error: string }> {
  const template = await Deno.makeTempFile({ prefix: "lab-notebook-", suffix: ".html.j2" });
  try {
    await Deno.writeTextFile(template, HTML_TEMPLATE);
    const rendered = await nbconvert([
      "--to",
      "html",
      "--template-file",
      template,
      "--output-dir",
      htmlDir,
      executedPath,
    ]);
    const name = executedPath.split("/").pop()!.replace(/\.ipynb$/, ".html");
    return { ok: rendered.ok, html: `${htmlDir}/${name}`, error: rendered.error };
  } finally {
    await Deno.remove(template);
  }
}

async function nbconvert(args: string[]): Promise<{ ok: boolean; error: string }> {
  const result = await new Deno.Command(JUPYTER, {
    args: ["nbconvert", ...args],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(result.stderr);
  return { ok: result.success, error: result.success ? "" : cellError(stderr) };
}

/** The part of nbconvert's output that names the failing cell, without its own traceback. */
function cellError(stderr: string): string {
  const start = stderr.indexOf("An error occurred while executing the following cell");
  return (start >= 0 ? stderr.slice(start) : stderr).trim();
}

/**
 * Runs the notebooks the arguments select, printing one line per notebook (or JSON),
 * and returns the exit code: 0 when every notebook ran, 1 otherwise.
 *
 * @example
 * ```ts
 * import { runNotebooks } from "./notebooks.ts";
 * if (await runNotebooks(["--help"]) !== 0) throw new Error("unexpected");
 * ```
 */
export async function runNotebooks(argv: readonly string[]): Promise<number> {
  const args = parseNotebookArgs(argv);
  if (args.help) {
    console.log(NOTEBOOKS_HELP);
    return 0;
  }
  const problem = await findJupyterProblem();
  if (problem !== null) {
    console.error(`Cannot run notebooks: ${problem}`);
    return 1;
  }
  const names = await listNotebooks(NOTEBOOKS_URL, args.only);
  const outputDir = await Deno.makeTempDir({ prefix: "lab-notebooks-" });
  const htmlDir = args.html ? new URL("html/", NOTEBOOKS_URL).pathname.replace(/\/$/, "") : null;
  if (htmlDir !== null) await Deno.mkdir(htmlDir, { recursive: true });
  const runs: NotebookRun[] = [];
  // One at a time: each kernel uses the simulator's workers, which take every core.
  for (const name of names) {
    const run = await executeNotebook(new URL(name, NOTEBOOKS_URL), { outputDir, htmlDir });
    runs.push(run);
    if (!args.json) printRun(run);
  }
  if (args.json) console.log(JSON.stringify(runs, null, 2));
  const failed = runs.filter((run) => !run.ok).length;
  if (!args.json) {
    console.log(
      failed === 0
        ? `${runs.length} notebooks ran; executed copies in ${outputDir}`
        : `${failed} of ${runs.length} notebooks failed; executed copies in ${outputDir}`,
    );
  }
  return failed === 0 ? 0 : 1;
}

function printRun(run: NotebookRun): void {
  const time = `${run.seconds.toFixed(1)} s`;
  if (!run.ok) {
    console.log(`FAIL ${run.notebook} (${time})\n${run.error}\n`);
    return;
  }
  const slow = run.seconds > NOTEBOOK_RUN_DEFAULTS.budget
    ? ` — over the ${NOTEBOOK_RUN_DEFAULTS.budget} s budget a notebook should keep`
    : "";
  const again = run.attempts > 1
    ? ` — run ${run.attempts} times: the Deno kernel lost a display on the first`
    : "";
  console.log(`ok   ${run.notebook} (${time})${slow}${again}${run.html ? ` → ${run.html}` : ""}`);
}

if (import.meta.main) {
  try {
    Deno.exit(await runNotebooks(Deno.args));
  } catch (error) {
    if (!(error instanceof TypeError || error instanceof RangeError)) throw error;
    console.error(error.message);
    Deno.exit(2);
  }
}
