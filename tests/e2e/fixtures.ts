// Shared helpers of the browser tests: the six UI locales and an axe check.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Browser } from '@playwright/test';

export const LOCALES = ['en', 'es', 'fr', 'ko', 'sv', 'ar'] as const;

/** Runs axe (WCAG 2.0–2.2 A/AA and best practices) on a page in a fresh context; returns violations. */
export async function axeViolations(browser: Browser, url: string) {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const response = await page.goto(url);
		expect(response, url).not.toBeNull();
		const results = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
			.analyze();
		return results.violations.map((violation) => ({
			id: violation.id,
			impact: violation.impact,
			help: violation.help,
			nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(' '))
		}));
	} finally {
		await context.close();
	}
}
