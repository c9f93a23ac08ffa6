/**
 * Look-alike letters (Unicode Technical Standard #39, "confusable detection"): a header or value
 * that differs from a definition only by letters that look the same — a Latin `O` inside a
 * Cyrillic word — is found, named letter by letter, and merged only when the user says so.
 *
 * The skeleton is UTS #39's: NFD, drop default-ignorable code points, replace each character by
 * its prototype from `confusables.txt` (version 17.0.0, `../data/unicode/`), NFD again. Two texts
 * are confusable when their skeletons are equal. A skeleton is only ever compared, never stored
 * or shown (the standard warns it is not a normalisation): what the file and the definition say is
 * kept as written. Right-to-left text is compared in logical order (the standard's bidiSkeleton
 * would compare visual order; logical order is enough for single words and cells).
 *
 * @example
 *   skeleton('Oбласть') === skeleton('Область') // true: Latin O, Cyrillic О
 *   letterDifferences('Oбласть', 'Область') // [{ found: 'O', expected: 'О' }]
 *   describeDifferences([{ found: 'O', expected: 'О' }]) // 'Latin O where the definition has Cyrillic О'
 */
import confusables from '../data/unicode/confusables-17.0.0.json' with { type: 'json' };

/** The Unicode version of the confusables data (the tests pin it). */
export const CONFUSABLES_VERSION = confusables.header.find((line) => line.startsWith('# Version: '))!.slice('# Version: '.length);

let prototypes: Map<string, string> | undefined;

/** Source character → prototype, built on first use (6,565 entries, a few milliseconds). */
function prototypeTable(): Map<string, string> {
	if (prototypes) return prototypes;
	const table = new Map<string, string>();
	for (const mapping of confusables.mappings) {
		const [source, target] = mapping.split(';') as [string, string];
		table.set(String.fromCodePoint(Number.parseInt(source, 16)), target.split(' ').map((hex) => String.fromCodePoint(Number.parseInt(hex, 16))).join(''));
	}
	prototypes = table;
	return table;
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/** The UTS #39 skeleton of a text (for comparing only; see the module comment). */
export function skeleton(text: string): string {
	const table = prototypeTable();
	let out = '';
	for (const character of text.normalize('NFD').replace(IGNORABLE, '')) out += table.get(character) ?? character;
	return out.normalize('NFD');
}

/** True when two different texts look the same (equal skeletons). */
export function looksAlike(a: string, b: string): boolean {
	return a !== b && skeleton(a) === skeleton(b);
}

/** One letter that differs: what the file has and what the definition has in its place. */
export interface LetterDifference {
	found: string;
	expected: string;
}

/**
 * The letters in which `found` differs from `expected`, position by position, when both have the
 * same number of characters and every differing pair looks alike; otherwise null (the texts differ
 * in length — `rn` against `m`, an invisible character — and are named whole).
 */
export function letterDifferences(found: string, expected: string): LetterDifference[] | null {
	const a = [...found.normalize('NFC')];
	const b = [...expected.normalize('NFC')];
	if (a.length !== b.length) return null;
	const differences: LetterDifference[] = [];
	for (let index = 0; index < a.length; index += 1) {
		if (a[index] === b[index]) continue;
		if (skeleton(a[index]!) !== skeleton(b[index]!)) return null;
		if (!differences.some((difference) => difference.found === a[index] && difference.expected === b[index])) differences.push({ found: a[index]!, expected: b[index]! });
	}
	return differences;
}

/** Scripts named in messages, as ISO 15924 codes (Intl.DisplayNames names them in any language). */
const SCRIPTS: [string, RegExp][] = [
	['Latn', /\p{Script=Latin}/u],
	['Cyrl', /\p{Script=Cyrillic}/u],
	['Grek', /\p{Script=Greek}/u],
	['Armn', /\p{Script=Armenian}/u],
	['Geor', /\p{Script=Georgian}/u],
	['Arab', /\p{Script=Arabic}/u],
	['Hebr', /\p{Script=Hebrew}/u],
	['Hang', /\p{Script=Hangul}/u],
	['Hani', /\p{Script=Han}/u],
	['Hira', /\p{Script=Hiragana}/u],
	['Kana', /\p{Script=Katakana}/u],
	['Deva', /\p{Script=Devanagari}/u],
	['Thai', /\p{Script=Thai}/u],
	['Cher', /\p{Script=Cherokee}/u],
	['Copt', /\p{Script=Coptic}/u]
];

/** The script of a character as an ISO 15924 code, or null for digits, punctuation and the rest. */
export function scriptOf(character: string): string | null {
	for (const [code, pattern] of SCRIPTS) if (pattern.test(character)) return code;
	return null;
}

/** `U+041E` */
export function codePointOf(character: string): string {
	return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A compact, language-neutral form of the differences for a message's parameters
 * (`U+004F:U+041E|…`: found and expected code points), which a page turns into a sentence in the
 * reader's language with `describeDifferences(parseDifferences(text), options)`.
 */
export function encodeDifferences(differences: readonly LetterDifference[]): string {
	return differences.map(({ found, expected }) => `${codePointOf(found)}:${codePointOf(expected)}`).join('|');
}

export function parseDifferences(text: string): LetterDifference[] {
	const differences: LetterDifference[] = [];
	for (const part of text.split('|')) {
		const match = /^U\+([0-9A-F]{4,6}):U\+([0-9A-F]{4,6})$/.exec(part);
		if (match) differences.push({ found: String.fromCodePoint(Number.parseInt(match[1]!, 16)), expected: String.fromCodePoint(Number.parseInt(match[2]!, 16)) });
	}
	return differences;
}

export interface DescribeOptions {
	locale: string;
	/** One character with its script: English `{script} {char}` ("Latin O"). */
	letter: (script: string, character: string) => string;
	/** A character without a script: its code point is named instead. */
	other: (character: string, codePoint: string) => string;
	/** One difference: English `{found} where the definition has {expected}`. */
	pair: (found: string, expected: string) => string;
}

const ENGLISH: DescribeOptions = {
	locale: 'en',
	letter: (script, character) => `${script} ${character}`,
	other: (character, codePoint) => `${character} (${codePoint})`,
	pair: (found, expected) => `${found} where the definition has ${expected}`
};

/**
 * The differences as a phrase: English by default ("Latin O where the definition has Cyrillic О,
 * and Latin C where the definition has Cyrillic С"), or in the language the options give.
 */
export function describeDifferences(differences: readonly LetterDifference[], options: DescribeOptions = ENGLISH): string {
	const scripts = new Intl.DisplayNames([options.locale, 'en'], { type: 'script', fallback: 'code' });
	const letter = (character: string) => {
		const script = scriptOf(character);
		return script ? options.letter(scripts.of(script) ?? script, character) : options.other(character, codePointOf(character));
	};
	const pairs = differences.map(({ found, expected }) => options.pair(letter(found), letter(expected)));
	return new Intl.ListFormat([options.locale, 'en'], { type: 'conjunction' }).format(pairs);
}

/** What a name matches among look-alikes: nothing, exactly one name, or several (the definition itself has look-alikes). */
export type LookalikeMatch = { kind: 'none' } | { kind: 'one'; name: string } | { kind: 'many'; names: string[] };

/**
 * Finds which of a set of names a text looks like. `fold` is applied to both sides first (headers
 * are matched ignoring case: pass `toLowerCase`). Answers are remembered per text (a file repeats
 * its cells), up to a bound.
 */
export class LookalikeIndex {
	readonly #bySkeleton = new Map<string, string[]>();
	readonly #fold: (text: string) => string;
	readonly #seen = new Map<string, LookalikeMatch>();

	constructor(names: Iterable<string>, fold: (text: string) => string = (text) => text) {
		this.#fold = fold;
		for (const name of names) {
			const key = skeleton(fold(name));
			const list = this.#bySkeleton.get(key);
			if (list) list.push(name);
			else this.#bySkeleton.set(key, [name]);
		}
	}

	match(text: string): LookalikeMatch {
		let match = this.#seen.get(text);
		if (match) return match;
		const names = (this.#bySkeleton.get(skeleton(this.#fold(text))) ?? []).filter((name) => name !== text);
		match = names.length === 0 ? { kind: 'none' } : names.length === 1 ? { kind: 'one', name: names[0]! } : { kind: 'many', names };
		if (this.#seen.size < 10_000) this.#seen.set(text, match);
		return match;
	}
}
