/**
 * Action trees for the public pages: pages of whole top-level branches (so a plan with
 * thousands of actions is shown a few branches at a time, never a branch cut in two), and the
 * flat depth-first list turned into nested lists for rendering.
 *
 * @example
 *   treePages([{ depth: 0 }, { depth: 1 }, { depth: 0 }], { maxNodes: 2 }) // [{ start: 0, end: 2 }, { start: 2, end: 3 }]
 *   nest([{ depth: 0, id: 'a' }, { depth: 1, id: 'b' }]) // [{ item: a, children: [{ item: b, children: [] }] }]
 */

export interface TreePage {
	/** Index of the page's first node in the flat list. */
	start: number;
	/** One past its last node. */
	end: number;
}

/**
 * Splits a depth-first list (depth 0 = top level) into pages of whole top-level branches: a
 * page closes before a branch that would take it past `maxNodes` nodes or `maxTops` branches.
 * A single branch larger than `maxNodes` gets a page of its own.
 */
export function treePages(nodes: readonly { depth: number }[], limits: { maxNodes?: number; maxTops?: number } = {}): TreePage[] {
	const maxNodes = limits.maxNodes ?? 150;
	const maxTops = limits.maxTops ?? 25;
	const branches: TreePage[] = [];
	for (let index = 0; index < nodes.length; index += 1) {
		if (nodes[index]!.depth === 0 || branches.length === 0) branches.push({ start: index, end: index + 1 });
		else branches.at(-1)!.end = index + 1;
	}
	const pages: TreePage[] = [];
	let tops = 0;
	for (const branch of branches) {
		const current = pages.at(-1);
		if (current && tops < maxTops && current.end - current.start + (branch.end - branch.start) <= maxNodes) {
			current.end = branch.end;
			tops += 1;
		} else {
			pages.push({ ...branch });
			tops = 1;
		}
	}
	return pages;
}

export interface Nested<T> {
	item: T;
	children: Nested<T>[];
}

/** Nests a depth-first list with depths; a node deeper than one below its predecessor is attached to the nearest shallower one. */
export function nest<T extends { depth: number }>(nodes: readonly T[]): Nested<T>[] {
	const roots: Nested<T>[] = [];
	const stack: { depth: number; node: Nested<T> }[] = [];
	for (const item of nodes) {
		const node: Nested<T> = { item, children: [] };
		while (stack.length > 0 && stack.at(-1)!.depth >= item.depth) stack.pop();
		if (stack.length === 0) roots.push(node);
		else stack.at(-1)!.node.children.push(node);
		stack.push({ depth: item.depth, node });
	}
	return roots;
}
