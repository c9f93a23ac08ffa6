/**
 * Universal hooks. `transport`: no page runs in the browser (`csr = false` in the root layout),
 * so what a page's server `load` returns is only rendered into the HTML — yet SvelteKit still
 * writes each page's load data out as JavaScript for a hydration that never comes (and then
 * drops it), a tenth or more of the CPU time of a long page (the ledger, a plan's actions).
 * The data of a page (SvelteKit's `{ type: 'data', data, uses }` for each layout and page) is
 * therefore handed over as one placeholder instead: nothing is walked or written out, and what
 * the page shows is unchanged. Client navigations' `__data.json` (not used by this app's pages)
 * serialize the data itself, not that wrapper, and stay as they were.
 */
import type { Transport } from '@sveltejs/kit/hooks';

/** SvelteKit's wrapper of one layout's or page's server data in the page it renders. */
function isPageDataNode(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	const node = value as Record<string, unknown>;
	return node.type === 'data' && 'data' in node && 'uses' in node;
}

export const transport: Transport = {
	ServerRenderedOnly: {
		encode: (value: unknown) => isPageDataNode(value) && 1,
		decode: () => null
	}
};
