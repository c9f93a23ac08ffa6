import { describe, expect, it } from 'vitest';
import { nest, treePages } from './tree.ts';

const depths = (...values: number[]) => values.map((depth, index) => ({ depth, id: `n${index}` }));

describe('treePages', () => {
	it('keeps everything on one page when it fits', () => {
		expect(treePages(depths(0, 1, 1, 0, 1))).toEqual([{ start: 0, end: 5 }]);
	});

	it('never cuts a branch in two', () => {
		// Branches of 3, 2 and 3 nodes with room for 4 per page.
		expect(treePages(depths(0, 1, 2, 0, 1, 0, 1, 1), { maxNodes: 4 })).toEqual([
			{ start: 0, end: 3 },
			{ start: 3, end: 5 },
			{ start: 5, end: 8 }
		]);
	});

	it('gives an oversized branch a page of its own', () => {
		expect(treePages(depths(0, 0, 1, 1, 1, 1, 0), { maxNodes: 3 })).toEqual([
			{ start: 0, end: 1 },
			{ start: 1, end: 6 },
			{ start: 6, end: 7 }
		]);
	});

	it('closes a page after the most top-level branches allowed', () => {
		expect(treePages(depths(0, 0, 0, 0, 0), { maxTops: 2 })).toEqual([
			{ start: 0, end: 2 },
			{ start: 2, end: 4 },
			{ start: 4, end: 5 }
		]);
	});

	it('treats a list that starts below the top level as one branch', () => {
		expect(treePages(depths(1, 2, 0))).toEqual([{ start: 0, end: 3 }]);
		expect(treePages([])).toEqual([]);
	});
});

describe('nest', () => {
	it('turns a depth-first list into nested children', () => {
		const tree = nest(depths(0, 1, 2, 1, 0));
		expect(tree.map((node) => node.item.id)).toEqual(['n0', 'n4']);
		expect(tree[0]!.children.map((node) => node.item.id)).toEqual(['n1', 'n3']);
		expect(tree[0]!.children[0]!.children.map((node) => node.item.id)).toEqual(['n2']);
	});

	it('attaches a node that skips a level to the nearest shallower one', () => {
		const tree = nest(depths(0, 2, 1));
		expect(tree[0]!.children.map((node) => node.item.id)).toEqual(['n1', 'n2']);
	});
});
