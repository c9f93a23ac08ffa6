import { describe, expect, it } from 'vitest';
import { descendantsOf, outlineOrder } from './outline.ts';

const rows = [
	{ id: 'a', parentId: null },
	{ id: 'b', parentId: null },
	{ id: 'a2', parentId: 'a' },
	{ id: 'a1', parentId: 'a' },
	{ id: 'a2x', parentId: 'a2' },
	{ id: 'orphan', parentId: 'gone' }
];

describe('outlineOrder', () => {
	it('puts parents before their children, keeping the given sibling order', () => {
		expect(outlineOrder(rows).map(({ node, depth }) => `${node.id}@${depth}`)).toEqual(['a@0', 'a2@1', 'a2x@2', 'a1@1', 'b@0', 'orphan@0']);
	});

	it('keeps actions caught in a cycle, as roots', () => {
		const order = outlineOrder([
			{ id: 'x', parentId: 'y' },
			{ id: 'y', parentId: 'x' },
			{ id: 'self', parentId: 'self' }
		]);
		expect(order.map(({ node, depth }) => `${node.id}@${depth}`)).toEqual(['self@0', 'x@0', 'y@1']);
	});
});

describe('descendantsOf', () => {
	it('lists a branch in tree order with depths below its root', () => {
		expect(descendantsOf(rows, 'a')).toEqual([
			{ id: 'a2', depth: 0 },
			{ id: 'a2x', depth: 1 },
			{ id: 'a1', depth: 0 }
		]);
		expect(descendantsOf(rows, 'b')).toEqual([]);
	});

	it('stops at a cycle instead of looping', () => {
		expect(descendantsOf([{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }], 'x')).toEqual([{ id: 'y', depth: 0 }]);
	});
});
