/**
 * Parent links that go round in a circle, among new actions that name each other as parents (a
 * plan import, a batch of creations): the one rule both the action service and the plan CSV's
 * row-by-row report use.
 *
 * @example parentCycles([{ id: 'a', parentId: 'b' }, { id: 'b', parentId: 'a' }, { id: 'c', parentId: 'a' }]) // Set {0, 1}
 */
export function parentCycles(items: readonly { id: string; parentId: string | null }[]): Set<number> {
	const index = new Map(items.map((item, position) => [item.id, position]));
	const state = new Map<number, 'visiting' | 'done'>();
	const inCycle = new Set<number>();
	for (let start = 0; start < items.length; start += 1) {
		const path: number[] = [];
		let cursor: number | undefined = start;
		while (cursor !== undefined && !state.has(cursor)) {
			state.set(cursor, 'visiting');
			path.push(cursor);
			const parent: string | null = items[cursor]!.parentId;
			cursor = parent === null ? undefined : index.get(parent);
		}
		if (cursor !== undefined && state.get(cursor) === 'visiting') for (const member of path.slice(path.indexOf(cursor))) inCycle.add(member);
		for (const member of path) state.set(member, 'done');
	}
	return inCycle;
}
