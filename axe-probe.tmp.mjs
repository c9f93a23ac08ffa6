import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext();
const page = await ctx.newPage();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const url = process.argv[2];
await page.goto('http://127.0.0.1:4399' + url);
const n = await page.evaluate(() => document.getElementsByTagName('*').length);
let t = performance.now();
await new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ['violations'] }).setLegacyMode().analyze();
console.log(url, 'elements', n, 'full', (performance.now() - t).toFixed(0));
await page.evaluate(axe.source);
const rules = await page.evaluate((tags) => window.axe.getRules(tags).map((r) => r.ruleId), TAGS);
const times = [];
for (const rule of rules) {
  const ms = await page.evaluate(async (rule) => { const t = performance.now(); await window.axe.run(document, { runOnly: { type: 'rule', values: [rule] }, resultTypes: ['violations'] }); return performance.now() - t; }, rule);
  times.push([ms, rule]);
}
times.sort((a, b) => b[0] - a[0]);
console.log('rules', rules.length, 'sum', times.reduce((s, [m]) => s + m, 0).toFixed(0), times.slice(0, 8).map(([m, r]) => `${r}:${m.toFixed(0)}`).join(' '));
t = performance.now();
await page.evaluate(async (tags) => { await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }); }, TAGS);
console.log('in-page full run again', (performance.now() - t).toFixed(0));
await browser.close();
