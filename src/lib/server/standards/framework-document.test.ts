import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../i18n/locales.ts';
import { diffDocuments, documentHash, parseFrameworkDocument, type FrameworkDocument } from './framework-document.ts';
import { BUNDLED_DOCUMENTS } from './frameworks.service.ts';

const fra = () => structuredClone(BUNDLED_DOCUMENTS.find((document) => document.framework === 'fra')!) as FrameworkDocument;

describe('framework documents', () => {
	it('ships the FRA framework, the Gwangju Principles and the municipal roles, each valid', () => {
		expect(BUNDLED_DOCUMENTS.map((document) => [document.framework, document.criteria.length])).toEqual([
			['fra', 16],
			['gwangju', 20],
			['roles', 6]
		]);
	});

	it('keeps what could not be confirmed marked: the FRA candidate tools, Gwangju principles 5, 6, 9 and 10', () => {
		const [fraDocument, gwangju] = BUNDLED_DOCUMENTS;
		expect(fraDocument!.criteria.filter((criterion) => !criterion.confirmed).map((criterion) => criterion.code)).toEqual(['fra:T4', 'fra:T5', 'fra:T6', 'fra:T7']);
		expect(gwangju!.groups.filter((group) => group.confirmed === false).map((group) => group.code)).toEqual(['gwangju:5', 'gwangju:6', 'gwangju:9', 'gwangju:10']);
		expect(gwangju!.criteria.every((criterion) => criterion.wording === 'project')).toBe(true);
	});

	it('has every criterion’s title, description and evidence in the six UI languages, each translation marked unverified', () => {
		for (const document of BUNDLED_DOCUMENTS) {
			for (const locale of LOCALES) {
				expect(document.title[locale], `${document.framework} title ${locale}`).toBeTruthy();
				for (const criterion of document.criteria) {
					for (const text of [criterion.title, criterion.description, criterion.evidence.text]) expect(text[locale], `${criterion.code} ${locale}`).toBeTruthy();
				}
				if (locale !== 'en') expect(document.translations[locale]).toBe('unverified');
			}
		}
	});

	it('names every problem of a bad document by its path, and the first rule per path', () => {
		const document = fra() as unknown as Record<string, unknown> & { criteria: Record<string, unknown>[]; maturity: { core: string[] } };
		document.criteria[1]!.code = document.criteria[0]!.code;
		document.criteria[2]!.group = 'nowhere';
		(document.criteria[3]!.title as Record<string, string>).en = '';
		(document.criteria[4]!.evidence as { met: { count: number } }).met.count = 0;
		document.criteria[5]!.colour = 'blue';
		document.maturity.core.push('fra:X9');
		const parsed = parseFrameworkDocument(document);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.problems).toEqual(
			expect.arrayContaining([
				{ path: 'criteria.1.code', rule: 'code_repeated' },
				{ path: 'criteria.2.group', rule: 'group_unknown' },
				{ path: 'criteria.3.title.en', rule: 'english_required' },
				{ path: 'criteria.4.evidence.met.count', rule: 'count_invalid' },
				{ path: 'criteria.5.colour', rule: 'field_unknown' },
				{ path: 'maturity.core.4', rule: 'criterion_unknown' }
			])
		);
	});

	it('refuses a core criterion that may be rated not applicable, and levels out of order', () => {
		const document = fra();
		document.maturity.core = ['fra:F1'];
		document.maturity.levels[3]!.met = 0.1;
		const parsed = parseFrameworkDocument(document);
		expect(parsed.ok ? [] : parsed.problems).toEqual(
			expect.arrayContaining([
				{ path: 'maturity.core.0', rule: 'core_not_applicable' },
				{ path: 'maturity.levels.3', rule: 'levels_order' }
			])
		);
	});

	it('hashes a document by its content, whatever the key order', () => {
		const document = fra();
		const reordered = structuredClone(Object.fromEntries(Object.entries(document).reverse())) as FrameworkDocument;
		expect(documentHash(reordered)).toBe(documentHash(document));
		document.criteria[0]!.title.en += '.';
		expect(documentHash(document)).not.toBe(documentHash(reordered));
	});

	it('tells what a new version adds, removes and changes', () => {
		const before = fra();
		const after = fra();
		after.criteria = after.criteria.filter((criterion) => criterion.code !== 'fra:T7');
		after.criteria[0]!.description.en = 'Changed.';
		after.criteria.push({ ...structuredClone(after.criteria[1]!), code: 'fra:T8' });
		after.maturity.levels[1]!.atLeastPartly = 0.6;
		expect(diffDocuments(before, after)).toEqual({ added: ['fra:T8'], removed: ['fra:T7'], changed: ['fra:F1'], maturityChanged: true });
	});
});
