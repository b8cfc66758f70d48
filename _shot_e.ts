import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: 820, height: 1300 } });
page.on("console", (m) => console.log("console", m.type(), m.text()));
await page.goto("file://" + Deno.args[0]);
const h = await page.evaluate(() => document.body.scrollHeight);
for (let y = 0, i = 0; y < h; y += 1300, i++) {
  await page.screenshot({ path: `${Deno.args[1]}_${i}.png`, clip: { x: 0, y, width: 820, height: Math.min(1300, h - y) } , fullPage: true});
}
console.log(h);
await browser.close();
