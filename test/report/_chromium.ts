/**
 * Opening an HTML file in headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core) and reading what the charts drew. When Chromium is missing the
 * browser tests skip with the install line, except on CI (`CI=true`), where they fail.
 *
 * @module
 */
import { chromium } from "playwright-core";

/** Debian's Chromium, installed by `apt-get install -y chromium`. */
export const CHROMIUM = "/usr/bin/chromium";

/** Whether Chromium is installed here. */
export const HAS_CHROMIUM = (() => {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
})();

/** Whether a missing Chromium must fail the tests rather than skip them. */
export const ON_CI = Deno.env.get("CI") === "true";

/** Why browser tests are skipped, printed when they are. */
export const SKIP_REASON = `${CHROMIUM} is missing; install it with: apt-get install -y chromium`;

/** What one chart figure of a page drew. */
export interface FigureCheck {
  readonly id: string;
  readonly svgs: number;
  /** Mark groups (not axes, grid, legend or header) of the chart. */
  readonly marks: string[];
  /** Paths and rects of those marks with a non-empty bounding box. */
  readonly drawn: number;
}

/** What a page showed: its figures, console errors and any requests beyond the file. */
export interface PageCheck {
  readonly figures: FigureCheck[];
  readonly errors: string[];
  readonly requests: string[];
  /** Result of parsing each chart's SVG alone as XML (`ok` or the parser's message). */
  readonly xml: string[];
}

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Opens `path` in a fresh headless Chromium profile and checks its chart figures. */
export async function checkPage(path: string): Promise<PageCheck> {
  const profile = await Deno.makeTempDir({ prefix: "lab-chromium-" });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const url = new URL(`file://${path}`).href;
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: "load" });
    const figures = await page.evaluate(() =>
      [...document.querySelectorAll("figure.chart")].map((figure) => {
        const marks = [...figure.querySelectorAll("svg svg g[aria-label]")].filter((g) =>
          !/axis|tick|grid|legend|header/.test(g.getAttribute("aria-label") ?? "")
        );
        let drawn = 0;
        for (const g of marks) {
          for (const el of g.querySelectorAll<SVGGraphicsElement>("path, rect")) {
            const box = el.getBBox();
            if (box.width > 0 && box.height > 0) drawn++;
          }
        }
        return {
          id: figure.id,
          svgs: figure.querySelectorAll(":scope > svg").length,
          marks: marks.map((g) => g.getAttribute("aria-label") ?? ""),
          drawn,
        };
      })
    );
    // Each chart's SVG as written in the file, parsed alone: it must be valid XML.
    const text = await Deno.readTextFile(path);
    const svgs = [...text.matchAll(/<figure class="chart"[^>]*>(<svg[\s\S]*?<\/svg>)<figcaption>/g)]
      .map((m) => m[1]);
    const xml = await page.evaluate((svgs) =>
      svgs.map((svg) => {
        const parsed = new DOMParser().parseFromString(svg, "image/svg+xml");
        return parsed.querySelector("parsererror")?.textContent ?? "ok";
      }), svgs);
    return { figures, errors, requests, xml };
  } finally {
    await context.close();
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}
