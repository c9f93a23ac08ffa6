import { describe, expect, it } from 'vitest';
import confusables from '../data/unicode/confusables-17.0.0.json' with { type: 'json' };
import { CONFUSABLES_VERSION, describeDifferences, encodeDifferences, letterDifferences, LookalikeIndex, looksAlike, parseDifferences, scriptOf, skeleton } from './lookalikes.ts';

describe('the confusables data', () => {
	it('is the extract of confusables.txt 17.0.0: its header, and 6,565 mappings of source and prototype code points', () => {
		expect(CONFUSABLES_VERSION).toBe('17.0.0');
		expect(confusables.header).toContain('# Date: 2025-07-22, 05:49:37 GMT');
		expect(confusables.header.some((line) => line.includes('Unicode®, Inc.'))).toBe(true);
		expect(confusables.original_sha256).toBe('ec88ecebcf89f63f813d460842b0cf8322744b40a0b2c06f88a2cea48c0351ea');
		expect(confusables.mappings).toHaveLength(6565);
		expect(confusables.mappings.every((line) => /^[0-9A-F]{4,6};[0-9A-F]{4,6}(?: [0-9A-F]{4,6})*$/.test(line))).toBe(true);
		// Lines of the original file, as the README's command prints them.
		for (const line of ['041E;004F', '0421;0043', '0423;0059', '006D;0072 006E', '0030;004F']) expect(confusables.mappings).toContain(line);
	});
});

describe('skeleton', () => {
	it('makes words with a Latin O, C or Y inside a Cyrillic word equal to the Cyrillic ones', () => {
		expect(skeleton('Oбласть')).toBe(skeleton('Область'));
		expect(skeleton('Вoзраст')).toBe(skeleton('Возраст'));
		expect(skeleton('Pегионы')).toBe(skeleton('Регионы'));
		expect(skeleton('Уеs')).toBe(skeleton('Yes'));
		expect(skeleton('Сat')).toBe(skeleton('Cat'));
	});

	it('drops default-ignorable characters and compares decomposed forms', () => {
		expect(skeleton('ab\u200Bc')).toBe(skeleton('abc'));
		expect(skeleton('e\u0301')).toBe(skeleton('é'));
		expect(skeleton('m')).toBe(skeleton('rn'));
	});

	it('keeps different words apart', () => {
		expect(looksAlike('Возраст', 'Регионы')).toBe(false);
		expect(looksAlike('Год', 'Roд')).toBe(false);
		expect(looksAlike('Возраст', 'Возраст')).toBe(false);
		expect(looksAlike('성별', '연령')).toBe(false);
		expect(looksAlike('Φύλο', 'Ηλικία')).toBe(false);
	});
});

describe('letterDifferences and describeDifferences', () => {
	it('name each letter by its script: "Latin O where the definition has Cyrillic О"', () => {
		const differences = letterDifferences('Oбласть', 'Область');
		expect(differences).toEqual([{ found: 'O', expected: 'О' }]);
		expect(describeDifferences(differences!)).toBe('Latin O where the definition has Cyrillic О');
		expect(describeDifferences(letterDifferences('СOЮЗ', 'СОЮЗ')!)).toBe('Latin O where the definition has Cyrillic О');
		expect(describeDifferences(letterDifferences('Yчаcток', 'Участок')!)).toBe('Latin Y where the definition has Cyrillic У and Latin c where the definition has Cyrillic с');
	});

	it('name a character without a script by its code point, and give up on texts of different lengths', () => {
		expect(describeDifferences(letterDifferences('Group 0', 'Group O')!)).toBe('0 (U+0030) where the definition has Latin O');
		expect(letterDifferences('modern', 'rnodern')).toBeNull();
		expect(letterDifferences('abc', 'abd')).toBeNull();
	});

	it('travel in message parameters as code points and read back in another language', () => {
		const text = encodeDifferences([{ found: 'O', expected: 'О' }]);
		expect(text).toBe('U+004F:U+041E');
		const spanish = describeDifferences(parseDifferences(text), {
			locale: 'es',
			letter: (script, character) => `${character} (${script})`,
			other: (character, codePoint) => `${character} (${codePoint})`,
			pair: (found, expected) => `${found} donde la definición tiene ${expected}`
		});
		expect(spanish).toBe('O (latino) donde la definición tiene О (cirílico)');
	});

	it('knows the scripts of letters', () => {
		expect(['O', 'О', 'Ο', 'ا', '한', '7'].map(scriptOf)).toEqual(['Latn', 'Cyrl', 'Grek', 'Arab', 'Hang', null]);
	});
});

describe('LookalikeIndex', () => {
	it('finds the one name a text looks like, ignoring case when asked, and never the text itself', () => {
		const index = new LookalikeIndex(['Область', 'Возраст', 'Year'], (text) => text.toLowerCase());
		expect(index.match('oбласть')).toEqual({ kind: 'one', name: 'Область' });
		expect(index.match('Yеar')).toEqual({ kind: 'one', name: 'Year' });
		expect(index.match('Регионы')).toEqual({ kind: 'none' });
		expect(index.match('Возраст')).toEqual({ kind: 'none' });
	});

	it('reports several names when the definition itself holds look-alikes', () => {
		const index = new LookalikeIndex(['Cоюз', 'Союз']);
		expect(index.match('Coюз')).toEqual({ kind: 'many', names: ['Cоюз', 'Союз'] });
	});
});
