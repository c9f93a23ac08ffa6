// Shared helpers of the browser tests: the six UI locales and the one axe check.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

export const LOCALES = ['en', 'es', 'fr', 'ko', 'sv', 'ar'] as const;

/** The rules every page is held to: WCAG 2.0–2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe's minified build, read once per worker: every pass injects axe into the page, and the
 * unminified build AxeBuilder injects by default is 1.3 MB of script to parse each time (0.6 MB).
 */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The locales in which axe also measures colour contrast: one left-to-right and the right-to-left
 * one. Contrast is a property of the style sheet, which is the same in every locale (colours, font
 * sizes and weights, backgrounds); only the direction changes the layout. It is also about 70 % of
 * a pass on our biggest pages, so the other four locales run every other rule — language, names,
 * labels, headings, landmarks, ARIA, target sizes — but not contrast a third to a sixth time.
 */
export const CONTRAST_LOCALES = new Set(['en', 'ar']);

/** The primary language subtag of the page's `<html lang>` ('' when it has none). */
async function pageLanguage(page: Page): Promise<string> {
	const lang = await page.evaluate(() => document.documentElement.lang);
	return lang.split('-')[0]!.toLowerCase();
}

/** The time one axe pass adds to its test's timeout (ms). */
const AXE_PASS_BUDGET = 60_000;

export interface AxeViolation {
	id: string;
	impact: string | null | undefined;
	help: string;
	nodes: string[];
}

/**
 * Runs axe on the page as it is now; returns the violations (with a few of their elements). Every
 * rule of AXE_TAGS runs; only the violations are collected (`resultTypes`), which spares axe
 * gathering the elements of every passing and inapplicable check. One `axe.run` in the page
 * (legacy mode): our pages have no frames, and the default mode opens a blank page per pass to
 * merge frame results — measured at 3–4 times the cost of the check itself on this machine.
 */
export async function axeOn(page: Page): Promise<AxeViolation[]> {
	// Each pass brings its own time: on a busy 2-CPU machine a big page takes axe tens of seconds.
	test.info().setTimeout(test.info().timeout + AXE_PASS_BUDGET);
	const builder = new AxeBuilder({ page, axeSource: AXE_SOURCE }).withTags(AXE_TAGS).options({ resultTypes: ['violations'] }).setLegacyMode();
	if (!CONTRAST_LOCALES.has(await pageLanguage(page))) builder.disableRules(['color-contrast']);
	const results = await builder.analyze();
	return results.violations.map((violation) => ({
		id: violation.id,
		impact: violation.impact,
		help: violation.help,
		nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' '))
	}));
}

type StorageState = Parameters<Browser['newContext']>[0] extends infer O ? O extends { storageState?: infer S } ? S : never : never;

/**
 * One signed-out page per worker for the anonymous axe passes: a new context per URL starts a new
 * renderer process each time (hundreds of times a run). The page is kept while the worker's
 * browser lives; its cookies are cleared before every use, so each visit is a first visit.
 */
let signedOut: { browser: Browser; page: Page } | undefined;

async function signedOutPage(browser: Browser): Promise<Page> {
	if (!signedOut || signedOut.browser !== browser || signedOut.page.isClosed()) {
		const context = await browser.newContext();
		signedOut = { browser, page: await context.newPage() };
	}
	await signedOut.page.context().clearCookies();
	return signedOut.page;
}

/** Opens a page signed out (or in a fresh context with the given storage state) and runs axe on it. */
export async function axeViolations(browser: Browser, url: string, storageState?: StorageState): Promise<AxeViolation[]> {
	if (!storageState) {
		const page = await signedOutPage(browser);
		const response = await page.goto(url);
		expect(response, url).not.toBeNull();
		return await axeOn(page);
	}
	const context = await browser.newContext({ storageState });
	try {
		const page = await context.newPage();
		const response = await page.goto(url);
		expect(response, url).not.toBeNull();
		return await axeOn(page);
	} finally {
		await context.close();
	}
}
