/**
 * The safe Markdown subset of proposals, comments, council agendas and minutes: strict and
 * small on purpose. Everything the author typed is escaped; only these constructs become HTML:
 *
 *   blank line            a new paragraph (single line breaks are kept as <br>)
 *   - item / * item       a bullet list (every line of the block)
 *   1. item               a numbered list (every line of the block)
 *   > quoted              a quotation
 *   **strong**  *emphasis*  _emphasis_  `code`
 *   [text](https://…)     a link (http, https and mailto only; rel="nofollow ugc noopener noreferrer")
 *
 * No raw HTML, no images, no headings (the page's own headings keep their order), no attributes
 * from the author. The output is therefore safe for `{@html}`.
 *
 * @example renderMarkdown('**More** benches, see [the map](https://example.org)')
 *   // '<p><strong>More</strong> benches, see <a href="https://example.org" rel="nofollow ugc noopener noreferrer">the map</a></p>'
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** The longest text rendered (longer input is cut, never parsed: every pattern stays linear). */
export const MARKDOWN_MAX = 20_000;

const LINK = /\[([^\[\]\n]{1,300})\]\(([^()\s]{1,2000})\)/;
const CODE = /`([^`\n]{1,500})`/;
const STRONG = /\*\*([^*\n]{1,1000})\*\*/;
const EMPHASIS = /(?:\*([^*\n]{1,1000})\*|(?<![\p{L}\p{N}])_([^_\n]{1,1000})_(?![\p{L}\p{N}]))/u;

/** A link target the page may point to: http(s) or mailto, nothing that runs or loads. */
export function safeUrl(raw: string): string | undefined {
	const url = raw.trim();
	// Control characters and spaces can hide a scheme (`java\tscript:`): refuse them outright.
	if (/[\u0000-\u0020\u007f-\u009f]/.test(url)) return undefined;
	try {
		const parsed = new URL(url);
		if (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:') return parsed.href;
	} catch {
		return undefined;
	}
	return undefined;
}

type Rule = { pattern: RegExp; render: (match: RegExpExecArray, inline: (text: string, links: boolean) => string, links: boolean) => string | undefined };

const RULES: Rule[] = [
	{ pattern: CODE, render: (match) => `<code>${escapeHtml(match[1]!)}</code>` },
	{
		pattern: LINK,
		render: (match, inline, links) => {
			const href = links ? safeUrl(match[2]!) : undefined;
			// A refused target stays visible as text, so the reader sees what was written.
			if (!href) return undefined;
			return `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener noreferrer">${inline(match[1]!, false)}</a>`;
		}
	},
	{ pattern: STRONG, render: (match, inline, links) => `<strong>${inline(match[1]!, links)}</strong>` },
	{ pattern: EMPHASIS, render: (match, inline, links) => `<em>${inline(match[1] ?? match[2]!, links)}</em>` }
];

/** Inline constructs of one line or paragraph; `links` is false inside a link's own text. */
function inline(text: string, links = true): string {
	let out = '';
	let rest = text;
	while (rest.length > 0) {
		let best: { index: number; match: RegExpExecArray; rule: Rule } | undefined;
		for (const rule of RULES) {
			const match = rule.pattern.exec(rest);
			if (match && (!best || match.index < best.index)) best = { index: match.index, match, rule };
		}
		if (!best) return out + escapeHtml(rest);
		const rendered = best.rule.render(best.match, inline, links);
		if (rendered === undefined) {
			// Not rendered: keep its first character as text and look again after it.
			out += escapeHtml(rest.slice(0, best.index + 1));
			rest = rest.slice(best.index + 1);
			continue;
		}
		out += escapeHtml(rest.slice(0, best.index)) + rendered;
		rest = rest.slice(best.index + best.match[0].length);
	}
	return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,4}[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;

function block(lines: string[]): string {
	if (lines.every((line) => BULLET.test(line))) return `<ul>${lines.map((line) => `<li>${inline(BULLET.exec(line)![1]!)}</li>`).join('')}</ul>`;
	if (lines.every((line) => NUMBERED.test(line))) return `<ol>${lines.map((line) => `<li>${inline(NUMBERED.exec(line)![1]!)}</li>`).join('')}</ol>`;
	if (lines.every((line) => QUOTE.test(line))) return `<blockquote><p>${lines.map((line) => inline(QUOTE.exec(line)![1]!)).join('<br>')}</p></blockquote>`;
	return `<p>${lines.map((line) => inline(line.trim())).join('<br>')}</p>`;
}

/** The author's Markdown as safe HTML (see the header for what is understood). */
export function renderMarkdown(source: string): string {
	const text = source.slice(0, MARKDOWN_MAX).replace(/\r\n?/g, '\n');
	const blocks: string[][] = [];
	let current: string[] = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') {
			if (current.length) blocks.push(current);
			current = [];
		} else current.push(line);
	}
	if (current.length) blocks.push(current);
	return blocks.map(block).join('');
}

/** The text without its markup, on one line (for excerpts, titles of mails, search snippets). */
export function plainText(source: string, max = 280): string {
	const text = source
		.slice(0, MARKDOWN_MAX)
		.replace(/\[([^\[\]\n]{1,300})\]\([^()\s]{1,2000}\)/g, '$1')
		.replace(/^\s*(?:[-*]|\d{1,4}[.)]|>)\s+/gm, '')
		.replace(/\*\*|`|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|\*/gu, '')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
