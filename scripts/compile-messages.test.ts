import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberFormat, pluralRules } from '../src/lib/i18n/runtime.ts';
import { compileCatalogues, readCatalogues, type Catalogue } from './compile-messages.ts';

const LOCALES = ['en', 'ar'];

/** Catalogues of one module folder: locale → messages. */
function folder(name: string, byLocale: Record<string, Record<string, unknown>>): Catalogue[] {
	return Object.entries(byLocale).map(([locale, messages]) => ({ file: `src/lib/server/${name}/messages/${locale}.json`, locale, messages }));
}

function problemsOf(catalogues: Catalogue[]): string[] {
	return compileCatalogues(catalogues, LOCALES, 'en').problems;
}

type Texts = Record<string, (params?: Record<string, unknown>) => string>;

/** Runs a generated locale file (without its imports and type annotation) and returns its texts. */
function load(source: string, locale: string): Texts {
	const body = source.replace(/^import .*$/gm, '').replace(`export const ${locale}: Translations =`, 'return');
	return new Function('pluralRules', 'numberFormat', body)(pluralRules, numberFormat) as Texts;
}

function compiled(byLocale: Record<string, Record<string, unknown>>) {
	const result = compileCatalogues(folder('demo', byLocale), LOCALES, 'en');
	expect(result.problems).toEqual([]);
	return { en: load(result.files['en.ts']!, 'en'), ar: load(result.files['ar.ts']!, 'ar'), files: result.files };
}

describe('compileCatalogues: problems', () => {
	it('names the file and key of a syntax error', () => {
		const problems = problemsOf(folder('demo', { en: { broken: '{count, plural, one {# item}' }, ar: { broken: 'x' } }));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^src\/lib\/server\/demo\/messages\/en\.json:broken: syntax error /);
	});

	it('requires every key of the base locale in every locale, and no others', () => {
		const problems = problemsOf(folder('demo', { en: { hello: 'Hello', bye: 'Bye' }, ar: { hello: 'مرحبا', extra: 'زائد' } }));
		expect(problems).toEqual([
			'src/lib/server/demo/messages/ar.json:bye: missing (every locale needs every key of src/lib/server/demo/messages/en.json)',
			'src/lib/server/demo/messages/ar.json:extra: not in src/lib/server/demo/messages/en.json'
		]);
	});

	it('reports a placeholder a translation adds or drops', () => {
		const problems = problemsOf(folder('demo', { en: { greet: 'Hello {name}', count: '{n} of {total}' }, ar: { greet: 'مرحبا {name} {city}', count: '{n}' } }));
		expect(problems).toEqual([
			'src/lib/server/demo/messages/ar.json:greet: {city} is not a placeholder of the en text',
			'src/lib/server/demo/messages/ar.json:count: lacks {total}, which the en text has'
		]);
	});

	it('reports a key that two catalogues define', () => {
		const problems = problemsOf([...folder('one', { en: { title: 'A' }, ar: { title: 'أ' } }), ...folder('two', { en: { title: 'B' }, ar: { title: 'ب' } })]);
		expect(problems).toEqual(['src/lib/server/two/messages/en.json:title: also defined in src/lib/server/one/messages/en.json (keys must be unique across catalogues)']);
	});

	it('reports a plural case the language never uses', () => {
		const problems = problemsOf(folder('demo', { en: { items: '{n, plural, one {# item} few {# items} other {# items}}' }, ar: { items: '{n, plural, few {# عناصر} other {# عنصر}}' } }));
		expect(problems).toEqual(['src/lib/server/demo/messages/en.json:items: "few" is not a plural case in en (it has one, other; =N matches an exact number)']);
	});

	it('reports a missing or unknown locale file, a value that is not text, and dates', () => {
		const problems = problemsOf([
			...folder('demo', { en: { when: 'On {day, date}', count: 3 } }),
			{ file: 'src/lib/server/demo/messages/xx.json', locale: 'xx', messages: {} }
		]);
		expect(problems).toEqual([
			'src/lib/server/demo/messages/xx.json: "xx" is not a UI locale (en, ar; see src/lib/i18n/locales.ts)',
			'src/lib/server/demo/messages/ar.json: missing (every messages folder needs a catalogue for each UI locale)',
			'src/lib/server/demo/messages/en.json:count: the message must be a string (ICU MessageFormat), not 3',
			'src/lib/server/demo/messages/en.json:when: {day, …}: dates, times and tags are not supported in messages; format them in code (src/lib/i18n/format.ts) and pass the text'
		]);
	});

	it('generates nothing when there is a problem', () => {
		const result = compileCatalogues(folder('demo', { en: { a: '{' }, ar: { a: 'x' } }), LOCALES, 'en');
		expect(result.files).toEqual({});
	});

	it('finds no problem in the project’s own catalogues', () => {
		const { catalogues, problems } = readCatalogues();
		expect(problems).toEqual([]);
		expect(catalogues.map((catalogue) => catalogue.file)).toContain('src/lib/i18n/messages/en.json');
		expect(compileCatalogues(catalogues).problems).toEqual([]);
	});
});

describe('readCatalogues', () => {
	it('finds core and module catalogues, and reports bad JSON and a key written twice in one file', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogues-'));
		const write = (file: string, text: string) => {
			fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
			fs.writeFileSync(path.join(root, file), text);
		};
		write('src/lib/i18n/messages/en.json', '{\n\t"title": "One",\n\t"title": "Two"\n}\n');
		write('src/lib/server/demo/messages/en.json', '{ "a": "x", }');
		write('src/lib/server/demo/notes/en.json', '{}');
		try {
			const { catalogues, problems } = readCatalogues(root);
			expect(catalogues.map((catalogue) => catalogue.file)).toEqual(['src/lib/i18n/messages/en.json']);
			expect(problems).toHaveLength(2);
			expect(problems[0]).toBe('src/lib/i18n/messages/en.json:title: defined twice in this file');
			expect(problems[1]).toMatch(/^src\/lib\/server\/demo\/messages\/en\.json: not valid JSON \(/);
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});

describe('compileCatalogues: output', () => {
	const plural = {
		en: { results: '{count, plural, =0 {No city matches.} one {# city matches.} other {# cities match.}}' },
		ar: {
			results: '{count, plural, =0 {لا مدينة.} zero {صفر} one {مدينة واحدة.} two {مدينتان.} few {{count} مدن.} many {{count} مدينة.} other {{count} مدينة؛ #}}'
		}
	};

	it('picks =N first, then the language’s plural case, and formats # in the locale', () => {
		const { en, ar } = compiled(plural);
		expect([0, 1, 2, 1234].map((count) => en.results!({ count }))).toEqual(['No city matches.', '1 city matches.', '2 cities match.', '1,234 cities match.']);
		expect([0, 1, 2, 3, 11, 100].map((count) => ar.results!({ count }))).toEqual(['لا مدينة.', 'مدينة واحدة.', 'مدينتان.', '3 مدن.', '11 مدينة.', `100 مدينة؛ ${new Intl.NumberFormat('ar').format(100)}`]);
	});

	it('renders selects, nested plurals, number styles and quoted text', () => {
		const { en } = compiled({
			en: {
				who: "{role, select, admin {The admin's {count, plural, one {# task} other {# tasks}}} other {'{'{role}'}' has none}}",
				share: 'Done: {part, number, percent} of {total, number, integer}',
				two: '{a}{b}'
			},
			ar: { who: '{role, select, other {{count}}}', share: '{part, number, percent} {total, number, integer}', two: '{a}{b}' }
		});
		expect(en.who!({ role: 'admin', count: 1 })).toBe("The admin's 1 task");
		expect(en.who!({ role: 'guest', count: 5 })).toBe('{guest} has none');
		expect(en.share!({ part: 0.25, total: 1234.6 })).toBe('Done: 25% of 1,235');
		expect(en.two!({ a: 1, b: 2 })).toBe('12');
	});

	it('types each placeholder by its use, and a message without one takes no parameters', () => {
		const { files } = compiled({
			en: { plain: 'Hello', greet: 'Hello {name}', results: plural.en.results, who: '{role, select, admin {Admin} other {{role}}}' },
			ar: { plain: 'مرحبا', greet: 'مرحبا {name}', results: plural.ar.results, who: '{role, select, other {{role}}}' }
		});
		expect(files['types.ts']).toContain('\tplain: undefined;');
		expect(files['types.ts']).toContain('\tgreet: { name: string | number };');
		expect(files['types.ts']).toContain('\tresults: { count: number };');
		expect(files['types.ts']).toContain('\twho: { role: string };');
		expect(files['types.ts']).toContain('/** Hello {name} */');
		expect(files['messages.ts']).toContain('\tplain: (_, o) => pick(o).plain(),');
	});

	it('builds each locale’s plural rules once, at load, and calls them once per message', () => {
		const { files } = compiled(plural);
		expect(files['ar.ts']!.match(/pluralRules\(/g)).toHaveLength(1);
		expect(files['ar.ts']).toContain('const k0 = plural(a.count);');
		expect(files['ar.ts']).not.toMatch(/new Intl/);
	});
});
