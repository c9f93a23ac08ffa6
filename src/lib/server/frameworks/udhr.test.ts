import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import {
	cachedDeclarationCount,
	chooseDeclaration,
	decodeEntities,
	defaultDeclarationCode,
	excerpt,
	findDeclarationLanguage,
	fold,
	isComplete,
	listDeclarationLanguages,
	listNamedLanguages,
	parseDeclaration,
	readDeclaration,
	searchLanguages
} from './udhr.ts';

const FIXTURE = `<!doctype html>
<html data-code="xx" dir="ltr" lang="xx">
  <head><title>Test</title></head>
  <body>
    <h1>Universal &#x26; Declaration</h1>
    <header>
      <h2>Preamble</h2>
      <p>Whereas <b>recognition</b> of dignity,</p>
      <p>Now, therefore, &#x3C;&#x3C;proclaims>></p>
    </header>
    <article data-number="2">
      <h2>Article 2</h2>
      <p>Everyone is entitled.</p>
      <p>Furthermore, no distinction.</p>
    </article>
    <article data-number="1">
      <h2>Article 1</h2>
      <ol>
        <li>
          <p>All human beings
             are born free.</p>
        </li>
        <li><p>They are endowed</p><p>with reason.</p></li>
      </ol>
    </article>
    <article data-number="3"><h2>Article 3</h2></article>
  </body>
</html>`;

function packageFile(code: string): string {
	return fs.readFileSync(new URL(`declaration/${code}.html`, import.meta.resolve('udhr')), 'utf8');
}

describe('parseDeclaration', () => {
	it('turns the markup into plain text: title, preamble, articles in order with paragraphs and list items', () => {
		const parsed = parseDeclaration(FIXTURE);
		expect(parsed.title).toBe('Universal & Declaration');
		expect(parsed.preambleHeading).toBe('Preamble');
		expect(parsed.preamble).toEqual(['Whereas recognition of dignity,', 'Now, therefore, <<proclaims>>']);
		expect(parsed.articles.map((article) => article.number)).toEqual([1, 2, 3]);
		expect(parsed.articles[0]).toEqual({
			number: 1,
			heading: 'Article 1',
			blocks: [{ kind: 'list', items: ['All human beings are born free.', 'They are endowed with reason.'] }]
		});
		expect(parsed.articles[1]!.blocks).toEqual([
			{ kind: 'paragraph', text: 'Everyone is entitled.' },
			{ kind: 'paragraph', text: 'Furthermore, no distinction.' }
		]);
		expect(parsed.articles[2]).toEqual({ number: 3, heading: 'Article 3', blocks: [] });
	});

	it('keeps no-break spaces, which are part of the text', () => {
		const parsed = parseDeclaration('<article data-number="1"><h2>Article premier</h2><p>Tous\u00a0:  «&nbsp;libres&#xA0;»\n</p></article>');
		expect(parsed.articles[0]!.blocks).toEqual([{ kind: 'paragraph', text: 'Tous\u00a0: «\u00a0libres\u00a0»' }]);
	});

	it('keeps markup-like text as text, never as HTML', () => {
		const parsed = parseDeclaration('<article data-number="1"><h2>A</h2><p>&lt;script&gt;alert(1)&lt;/script&gt; <i>x</i></p></article>');
		expect(parsed.articles[0]!.blocks).toEqual([{ kind: 'paragraph', text: '<script>alert(1)</script> x' }]);
	});

	it('reads article headings written as h1, and a title inside the header', () => {
		const parsed = parseDeclaration(packageFile('009'));
		expect(parsed.title).toBe('DIMATEKENU');
		expect(parsed.articles[0]!.heading).toBe('MOXI');
		expect(parsed.preamble.length).toBeGreaterThan(5);
	});

	it('finds Korean article 25 as a list of two paragraphs', () => {
		const article = parseDeclaration(packageFile('kor')).articles[24]!;
		expect(article.heading).toBe('제 25 조');
		expect(article.blocks).toHaveLength(1);
		const [block] = article.blocks;
		expect(block!.kind).toBe('list');
		expect(block!.kind === 'list' && block!.items[0]).toMatch(/^모든 사람은 의식주/);
	});

	it('is complete only with text in all 30 articles', () => {
		expect(isComplete(parseDeclaration(FIXTURE))).toBe(false);
		expect(isComplete(parseDeclaration(packageFile('eng')))).toBe(true);
		expect(isComplete(parseDeclaration(packageFile('chv')))).toBe(false);
	});
});

describe('decodeEntities and fold', () => {
	it('decodes numeric and common named entities and leaves unknown ones', () => {
		expect(decodeEntities('&#x26;&#60;&amp;&quot;&nbsp;&bogus;&#xFFFFFFF;')).toBe('&<&"\u00a0&bogus;&#xFFFFFFF;');
	});

	it('folds case and accents for search', () => {
		expect(fold('Français ÉÇ')).toBe('francais ec');
	});
});

describe('declaration languages', () => {
	it('lists the 521 languages that have all 30 articles, once', async () => {
		const languages = await listDeclarationLanguages();
		expect(languages).toHaveLength(521);
		expect(await listDeclarationLanguages()).toBe(languages);
		expect(languages.find((language) => language.code === 'chv')).toBeUndefined();
		expect(await findDeclarationLanguage('arb')).toMatchObject({ bcp47: 'ar', direction: 'rtl', englishName: 'Arabic, Standard', nativeName: 'العربية' });
		expect(await findDeclarationLanguage('KOR')).toMatchObject({ code: 'kor', bcp47: 'ko', direction: 'ltr' });
		expect(await findDeclarationLanguage('../package')).toBeUndefined();
		expect((await findDeclarationLanguage('054'))?.bcp47).toBe('ca');
	});

	it('names languages in the UI locale where Intl knows them, else in English, and tells same names apart', async () => {
		const korean = await listNamedLanguages('ko');
		expect(korean.find((language) => language.code === 'swh')).toMatchObject({ name: '스와힐리어', nameLang: 'ko', label: '스와힐리어' });
		expect(korean.find((language) => language.code === '063')).toMatchObject({ label: '스와힐리어 (Kibajuni)' });
		const unnamed = korean.find((language) => language.code === '013');
		expect(unnamed).toMatchObject({ name: 'Mijisa', nameLang: 'en' });
		const english = await listNamedLanguages('en');
		expect(english.find((language) => language.code === 'mal')!.label).toBe('Malayalam [mal]');
		expect(new Set(english.map((language) => language.label)).size).toBe(english.length);
		expect(new Set(korean.map((language) => language.label)).size).toBe(korean.length);
		expect(await listNamedLanguages('ko')).toBe(korean);
	});

	it('maps each UI locale to its declaration', () => {
		expect(['en', 'es', 'fr', 'ko', 'sv', 'ar'].map(defaultDeclarationCode)).toEqual(['eng', 'spa', 'fra', 'kor', 'swe', 'arb']);
		expect(defaultDeclarationCode('de')).toBe('eng');
	});

	it('searches names in the UI language, in English and in themselves, and codes, ignoring case and accents', async () => {
		const english = await listNamedLanguages('en');
		const codes = (query: string, languages = english) => searchLanguages(languages, query).map((language) => language.code);
		expect(codes('SWA')).toEqual(expect.arrayContaining(['swh', '062', '063', 'ssw']));
		expect(codes('swa')[0]).toBe('swh');
		expect(codes('francais')).toContain('fra');
		expect(codes('kiswahili')).toContain('swh');
		expect(codes('arb')[0]).toBe('arb');
		expect(codes('스와힐리', await listNamedLanguages('ko'))).toEqual(expect.arrayContaining(['swh', '063']));
		expect(codes('suédois', await listNamedLanguages('fr'))).toContain('swe');
		expect(codes('zzzz')).toEqual([]);
		expect(codes('  ')).toHaveLength(521);
	});
});

describe('reading a declaration', () => {
	it('reads and caches a language, and refuses codes without a complete text', async () => {
		const first = await readDeclaration('kor');
		expect(first.language.code).toBe('kor');
		expect(first.articles).toHaveLength(30);
		expect(await readDeclaration('kor')).toBe(first);
		expect(Object.isFrozen(first.articles[0])).toBe(true);
		await expect(readDeclaration('chv')).rejects.toSatisfy((error) => isDomainError(error, 'language_not_found'));
		await expect(readDeclaration('../../package')).rejects.toSatisfy((error) => isDomainError(error, 'language_not_found'));
	});

	it('keeps at most 16 languages parsed', async () => {
		const languages = await listDeclarationLanguages();
		for (const language of languages.slice(0, 20)) await readDeclaration(language.code);
		expect(cachedDeclarationCount()).toBe(16);
	});

	it('shows the default for the UI locale, and reports an unknown ?ul= code instead of failing', async () => {
		expect(await chooseDeclaration(undefined, 'ko')).toMatchObject({ chosen: undefined, unknown: undefined, declaration: { language: { code: 'kor' } } });
		expect(await chooseDeclaration('ARB', 'en')).toMatchObject({ chosen: 'arb', unknown: undefined, declaration: { language: { direction: 'rtl' } } });
		expect(await chooseDeclaration('xx-nope', 'sv')).toMatchObject({ chosen: undefined, unknown: 'xx-nope', declaration: { language: { code: 'swe' } } });
	});
});

describe('excerpt', () => {
	it('cuts at a word boundary and keeps short texts whole', () => {
		expect(excerpt('Everyone has the right to life, liberty and security of person.', 30)).toBe('Everyone has the right to life…');
		expect(excerpt('Everyone has the right to education.', 20)).toBe('Everyone has the…');
		expect(excerpt('Short text.', 30)).toBe('Short text.');
	});

	it('cuts scripts without spaces by characters, never inside a grapheme', () => {
		expect(excerpt('人人生而自由在尊严和权利上一律平等', 5)).toBe('人人生而自…');
		expect(excerpt('👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦', 2)).toBe('👩‍👩‍👧‍👦👩‍👩‍👧‍👦…');
	});
});
