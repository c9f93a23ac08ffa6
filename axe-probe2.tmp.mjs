import { chromium } from 'playwright-core';
import axe from 'axe-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
for (const url of process.argv.slice(2)) {
await page.goto('http://127.0.0.1:4399' + url);
let t = performance.now();
await page.evaluate(axe.source);
const inject = performance.now() - t;
t = performance.now();
await page.evaluate(async (tags) => { await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }); }, TAGS);
const first = performance.now() - t;
t = performance.now();
await page.evaluate(async (tags) => { await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }); }, TAGS);
const second = performance.now() - t;
console.log(url, 'inject', inject.toFixed(0), 'first', first.toFixed(0), 'second', second.toFixed(0), 'source KB', (axe.source.length/1024).toFixed(0));
}
await browser.close();
