/**
 * Tree order of a plan's actions from their outline rows alone (id and parent, already sorted by
 * position): parents before children, and one action's branch. Thousands of actions are ordered
 * without loading their texts; only the part a page shows is then read in full.
 *
 * @example
 *   outlineOrder([{ id: 'b', parentId: 'a' }, { id: 'a', parentId: null }]) // [{ node: a, depth: 0 }, { node: b, depth: 1 }]
 *   descendantsOf(rows, 'a') // [{ id: 'b', depth: 0 }]
 */

interface OutlineRow {
	id: string;
	parentId: string | null;
}

function childrenOf<T extends OutlineRow>(nodes: readonly T[]): Map<string | null, T[]> {
	const ids = new Set(nodes.map((node) => node.id));
	const children = new Map<string | null, T[]>();
	for (const node of nodes) {
		const parent = node.parentId && ids.has(node.parentId) && node.parentId !== node.id ? node.parentId : null;
		const list = children.get(parent);
		if (list) list.push(node);
		else children.set(parent, [node]);
	}
	return children;
}

/** Depth-first order; actions caught in a cycle (unreachable from the top) are shown as roots, not lost. */
export function outlineOrder<T extends OutlineRow>(nodes: readonly T[]): { node: T; depth: number }[] {
	const children = childrenOf(nodes);
	const result: { node: T; depth: number }[] = [];
	const seen = new Set<string>();
	const walk = (parent: string, depth: number) => {
		for (const node of children.get(parent) ?? []) {
			if (seen.has(node.id)) continue;
			seen.add(node.id);
			result.push({ node, depth });
			walk(node.id, depth + 1);
		}
	};
	for (const node of [...(children.get(null) ?? []), ...nodes]) {
		if (seen.has(node.id)) continue;
		seen.add(node.id);
		result.push({ node, depth: 0 });
		walk(node.id, 1);
	}
	return result;
}

/** An action's descendants in tree order, with their depth below it (0 for its children). */
export function descendantsOf(nodes: readonly OutlineRow[], rootId: string): { id: string; depth: number }[] {
	const children = childrenOf(nodes);
	const result: { id: string; depth: number }[] = [];
	const seen = new Set<string>([rootId]);
	const walk = (parent: string, depth: number) => {
		for (const node of children.get(parent) ?? []) {
			if (seen.has(node.id)) continue;
			seen.add(node.id);
			result.push({ id: node.id, depth });
			walk(node.id, depth + 1);
		}
	};
	walk(rootId, 0);
	return result;
}
