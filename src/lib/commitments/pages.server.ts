/**
 * Helpers the public accountability loads share: a long action tree cut into pages of whole
 * top-level branches (`?page=`), and user text split into paragraphs.
 *
 * @example
 *   const { nodes, paging } = treeSlice(detail.actions, url, '/cities/york/plans/P-1');
 */
import { treePages } from './tree.ts';
import type { TreePaging } from './view.ts';

/** Nodes of the asked page (`?page=N`, default 1) and links to its neighbours. */
export function treeSlice<T extends { depth: number }>(nodes: readonly T[], url: URL, base: string, limits?: { maxNodes?: number; maxTops?: number }): { nodes: T[]; paging: TreePaging } {
	const pages = treePages(nodes, limits);
	const raw = url.searchParams.get('page');
	const asked = raw === null || raw === '' ? 1 : /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
	const valid = Number.isInteger(asked) && asked >= 1 && asked <= Math.max(1, pages.length);
	const page = valid ? asked : 1;
	const range = pages[page - 1] ?? { start: 0, end: 0 };
	const href = (target: number) => (target === 1 ? base : `${base}?page=${target}`);
	return {
		nodes: nodes.slice(range.start, range.end),
		paging: {
			page,
			pages: pages.length,
			from: range.end > range.start ? range.start + 1 : 0,
			to: range.end,
			total: nodes.length,
			previous: page > 1 ? href(page - 1) : undefined,
			next: page < pages.length ? href(page + 1) : undefined,
			invalid: !valid
		}
	};
}

/** Paragraphs of user text: separated by blank lines; single line breaks stay inside a paragraph. */
export function paragraphs(text: string): string[] {
	return text
		.split(/\r?\n\s*\r?\n/)
		.map((paragraph) => paragraph.trim())
		.filter(Boolean);
}
