// The transport hook: SvelteKit's wrapper of a page's server data becomes one placeholder (the
// data is never written out: no page hydrates), and nothing else is touched.
import { describe, expect, it } from 'vitest';
import { transport } from './hooks.ts';

const encode = (value: unknown) => Object.values(transport).map((transporter) => transporter.encode(value));

describe('the transport hook', () => {
	it('hands a page data node over as a placeholder', () => {
		expect(encode({ type: 'data', data: { entries: [1, 2, 3] }, uses: {} })).toEqual([1]);
		expect(encode({ type: 'data', data: null, uses: {}, slash: 'never' })).toEqual([1]);
	});

	it('leaves everything else to SvelteKit: load data itself (as __data.json sends it), form results, values', () => {
		for (const value of [{ entries: [] }, { type: 'data', data: 1 }, { type: 'success', status: 200, data: {} }, [1, 2], new Date(0), 'data', null, undefined, 3]) {
			expect(encode(value)).toEqual([false]);
		}
	});
});
