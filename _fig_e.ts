import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 820, height: 1300 } });
await page.goto("file://" + Deno.args[0]);
await page.locator(Deno.args[2]).screenshot({ path: Deno.args[1] });
await browser.close();
