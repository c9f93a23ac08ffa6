/**
 * The text side of practice search, the same for both databases: folding text for matching
 * (case, accents, Arabic vowel marks and letter variants), reading what a person typed as plain
 * words — never as search-engine syntax — and cutting highlighted snippets.
 *
 * Whatever is typed (operators, quotes, brackets, `*`, `NEAR`, 10 KB of text, several scripts),
 * the words are letters and digits only, so nothing reaches SQLite FTS5 or PostgreSQL's tsquery
 * as syntax; anything unusable becomes a problem code the page explains.
 *
 * @example
 *   parseSearch('"housing" AND (인권 OR vivienda*)')
 *   // { terms: ['housing', 'and', '인권', 'or', 'vivienda'], dropped: 0 }
 *   snippet('Le droit au logement pour tous', ['logement'])
 *   // [{ text: 'Le droit au ', mark: false }, { text: 'logement', mark: true }, { text: ' pour tous', mark: false }]
 */

/** Longest query read (characters); longer is refused with a message, not cut silently. */
export const SEARCH_MAX_CHARS = 500;
/** Words searched at most; more are left out (and the page says so). */
export const SEARCH_MAX_TERMS = 8;
/** Longest word searched (characters); longer words are cut. */
export const TERM_MAX_CHARS = 64;

export type SearchProblem = 'search_too_long' | 'search_no_words';

export interface ParsedSearch {
	/** Folded words, at most SEARCH_MAX_TERMS, without repeats. */
	terms: string[];
	/** Words left out beyond SEARCH_MAX_TERMS. */
	dropped: number;
	problem?: SearchProblem;
}

/** Scripts whose words are short: one or two characters are real words there (집, 人权). */
const SHORT_WORD_SCRIPT = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ARABIC_VARIANTS: Record<string, string> = { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي' };
const ARABIC_VARIANT = /[أإآٱىةؤئ]/g;
const MARK = /\p{M}/gu;

/** One character folded: lower case, without combining marks, Arabic letter variants unified, tatweel gone. */
function foldChar(char: string): string {
	if (char === 'ـ') return '';
	const variant = ARABIC_VARIANTS[char];
	if (variant) return variant;
	const bare = char.normalize('NFKD').replace(MARK, '').normalize('NFC').toLowerCase();
	return bare;
}

/**
 * Text as it is indexed and matched. The same function folds documents and queries, so both
 * databases match "educación" with "EDUCACION", "Malmö" with "malmo" and "السكن" with "السَّكَن".
 */
export function foldText(text: string): string {
	// The whole text at once (indexing 100,000 practices must be quick); `foldWithMap` folds a
	// character at a time to the same result, keeping positions for highlighting.
	return text
		.normalize('NFKD')
		.replace(MARK, '')
		.normalize('NFC')
		.toLowerCase()
		.replace(ARABIC_VARIANT, (char) => ARABIC_VARIANTS[char]!)
		.replace(/ـ/g, '');
}

/** The folded text with, for each folded position, where it came from in the original. */
function foldWithMap(text: string): { folded: string; from: number[] } {
	let folded = '';
	const from: number[] = [];
	let offset = 0;
	for (const char of text) {
		const piece = foldChar(char);
		folded += piece;
		for (let index = 0; index < piece.length; index += 1) from.push(offset);
		offset += char.length;
	}
	from.push(offset);
	return { folded, from };
}

type ScriptClass = 'letter' | 'hangul' | 'han' | 'kana' | 'arabic' | 'cyrillic' | 'greek' | 'hebrew' | 'thai' | 'devanagari';

function scriptOf(char: string): ScriptClass {
	if (/\p{Script=Hangul}/u.test(char)) return 'hangul';
	if (/\p{Script=Han}/u.test(char)) return 'han';
	if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(char)) return 'kana';
	if (/\p{Script=Arabic}/u.test(char)) return 'arabic';
	if (/\p{Script=Cyrillic}/u.test(char)) return 'cyrillic';
	if (/\p{Script=Greek}/u.test(char)) return 'greek';
	if (/\p{Script=Hebrew}/u.test(char)) return 'hebrew';
	if (/\p{Script=Thai}/u.test(char)) return 'thai';
	if (/\p{Script=Devanagari}/u.test(char)) return 'devanagari';
	return 'letter';
}

/** Words of folded text: runs of letters and digits, split where the script changes (서울housing → 서울, housing). */
export function wordsOf(folded: string): string[] {
	const words: string[] = [];
	for (const run of folded.match(/[\p{L}\p{N}]+/gu) ?? []) {
		let current = '';
		let script: ScriptClass | undefined;
		for (const char of run) {
			const next = /\p{N}/u.test(char) ? script : scriptOf(char);
			if (current && script && next && next !== script) {
				words.push(current);
				current = '';
			}
			current += char;
			script = next ?? script;
		}
		if (current) words.push(current);
	}
	return words;
}

/** True for a word short enough that a trigram index cannot find it (under three characters). */
export function isShortTerm(term: string): boolean {
	return [...term].length < 3;
}

/** True when a short word is matched as a prefix (scripts whose words take particles: 인권 finds 인권을). */
export function isPrefixScript(term: string): boolean {
	return SHORT_WORD_SCRIPT.test(term);
}

/**
 * What a person typed, read as words. Single letters are left out (except in scripts where one
 * character is a word); repeated words count once; longer queries than SEARCH_MAX_CHARS are a
 * problem to report, not a search.
 */
export function parseSearch(raw: string): ParsedSearch {
	if (raw.length > SEARCH_MAX_CHARS) return { terms: [], dropped: 0, problem: 'search_too_long' };
	// People who type AND, OR, NOT or NEAR in capitals mean an operator, not the word: they are
	// left out (every word must match anyway) unless they are all there is.
	const plain = raw.split(/(?<![\p{L}\p{N}])(?:AND|OR|NOT|NEAR)(?![\p{L}\p{N}])/u).join(' ');
	const words = wordsOf(foldText(wordsOf(plain).length > 0 ? plain : raw))
		.map((word) => [...word].slice(0, TERM_MAX_CHARS).join(''))
		.filter((word) => [...word].length > 1 || SHORT_WORD_SCRIPT.test(word) || /^\p{N}+$/u.test(word));
	const unique = [...new Set(words)];
	if (unique.length === 0) return { terms: [], dropped: 0, problem: 'search_no_words' };
	return { terms: unique.slice(0, SEARCH_MAX_TERMS), dropped: Math.max(0, unique.length - SEARCH_MAX_TERMS) };
}

export interface SnippetPart {
	text: string;
	mark: boolean;
}

/** Where the terms occur in `text` (original positions), sorted, not overlapping. */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
	if (terms.length === 0) return [];
	const { folded, from } = foldWithMap(text);
	const ranges: [number, number][] = [];
	for (const term of terms) {
		if (!term) continue;
		let at = folded.indexOf(term);
		while (at >= 0) {
			ranges.push([from[at]!, from[at + term.length] ?? text.length]);
			at = folded.indexOf(term, at + term.length);
		}
	}
	ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	const merged: [number, number][] = [];
	for (const range of ranges) {
		const last = merged.at(-1);
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([range[0], range[1]]);
	}
	return merged;
}

/**
 * A piece of `text` around the first place a term occurs (about `length` characters, cut at
 * spaces), as parts to render — marked parts in <mark>. Parts are plain text: the page escapes
 * them like any other text, so a snippet can never inject markup.
 */
export function snippet(text: string, terms: readonly string[], length = 240): SnippetPart[] {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (!clean) return [];
	const ranges = matchRanges(clean, terms);
	let start = 0;
	if (ranges.length > 0 && ranges[0]![0] > length / 3) {
		start = ranges[0]![0] - Math.floor(length / 4);
		const space = clean.lastIndexOf(' ', start);
		start = space > 0 && start - space < 30 ? space + 1 : start;
	}
	let end = Math.min(clean.length, start + length);
	if (end < clean.length) {
		const space = clean.indexOf(' ', end);
		end = space > 0 && space - end < 30 ? space : end;
	}
	// Never cut inside a surrogate pair.
	if (/[\uDC00-\uDFFF]/.test(clean[start] ?? '')) start += 1;
	if (/[\uD800-\uDBFF]/.test(clean[end - 1] ?? '')) end -= 1;
	const parts: SnippetPart[] = [];
	const push = (value: string, mark: boolean) => {
		if (value) parts.push({ text: value, mark });
	};
	if (start > 0) push('… ', false);
	let position = start;
	for (const [from, to] of ranges) {
		if (to <= start || from >= end) continue;
		push(clean.slice(position, Math.max(position, from)), false);
		push(clean.slice(Math.max(from, position), Math.min(to, end)), true);
		position = Math.min(to, end);
	}
	push(clean.slice(position, end), false);
	if (end < clean.length) push(' …', false);
	return parts;
}
