import { expect, test } from '@playwright/test';
import { axeViolations, LOCALES } from './fixtures.ts';

const PAGES = [
	'/',
	'/cities',
	'/cities?country=SE&sort=-year',
	'/cities?from=abc',
	'/cities/york',
	'/cities/prince-georges-county',
	'/rights',
	'/rights/25',
	'/rights/1?ul=arb',
	'/rights/languages?q=swa',
	'/no-such-page'
];

for (const locale of LOCALES) {
	test.describe.configure({ timeout: 120_000 });
	test(`axe finds no violations on any page in ${locale}`, async ({ browser }) => {
		const problems: Record<string, unknown> = {};
		for (const path of PAGES) {
			const url = `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;
			const violations = await axeViolations(browser, url);
			if (violations.length > 0) problems[url] = violations;
		}
		expect(problems).toEqual({});
	});
}
