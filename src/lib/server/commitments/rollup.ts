/**
 * Progress roll-up of an action tree. A leaf's progress is its own; a parent's is the weighted
 * mean (Σ weight·progress / Σ weight) or the plain mean of its children's rolled-up progress, as
 * the plan says. Cancelled children drop out of the roll-up; a parent whose children are all
 * cancelled (or whose weights are all 0) keeps its own progress. Also: overdue, the shared rule.
 *
 * @example
 *   rollUp([{ id: 'a', parentId: null, progress: 0, weight: 1, status: 'in_progress' },
 *           { id: 'b', parentId: 'a', progress: 100, weight: 3, status: 'completed' },
 *           { id: 'c', parentId: 'a', progress: 20, weight: 1, status: 'in_progress' }], 'weighted').get('a') // 80
 */
export { todayIso } from '../db/ids.ts';
import type { ActionStatus, RollupMethod } from './commitments.tables.ts';
import { CLOSED_STATUSES } from './vocabulary.ts';

export interface RollupNode {
	id: string;
	parentId: string | null;
	progress: number;
	weight: number;
	status: ActionStatus;
}

/** Rolled-up progress of every node (0–100, one decimal). Cycles and missing parents are treated as roots. */
export function rollUp(nodes: readonly RollupNode[], method: RollupMethod): Map<string, number> {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const children = new Map<string, RollupNode[]>();
	for (const node of nodes) {
		if (node.parentId && byId.has(node.parentId) && node.parentId !== node.id) {
			const list = children.get(node.parentId) ?? [];
			list.push(node);
			children.set(node.parentId, list);
		}
	}
	const result = new Map<string, number>();
	const visiting = new Set<string>();
	const visit = (node: RollupNode): number => {
		const known = result.get(node.id);
		if (known !== undefined) return known;
		if (visiting.has(node.id)) return node.progress; // a cycle: stop here
		visiting.add(node.id);
		const counted = (children.get(node.id) ?? []).filter((child) => child.status !== 'cancelled');
		const value = counted.length ? combine(counted.map((child) => ({ progress: visit(child), weight: child.weight })), method) ?? node.progress : node.progress;
		visiting.delete(node.id);
		const rounded = Math.round(value * 10) / 10;
		result.set(node.id, rounded);
		return rounded;
	};
	for (const node of nodes) visit(node);
	return result;
}

/** The weighted or plain mean; undefined when there is nothing to average (no items, all weights 0). */
export function combine(items: readonly { progress: number; weight: number }[], method: RollupMethod): number | undefined {
	if (items.length === 0) return undefined;
	if (method === 'average') return items.reduce((sum, item) => sum + item.progress, 0) / items.length;
	const total = items.reduce((sum, item) => sum + item.weight, 0);
	if (total <= 0) return undefined;
	return items.reduce((sum, item) => sum + item.weight * item.progress, 0) / total;
}

/**
 * Progress of a set of top-level actions (a plan, a commitment): their rolled-up values combined
 * the same way, cancelled ones left out; undefined when there is none.
 */
export function rollUpGroup(tops: readonly RollupNode[], rolled: Map<string, number>, method: RollupMethod): number | undefined {
	const counted = tops.filter((node) => node.status !== 'cancelled');
	const value = combine(counted.map((node) => ({ progress: rolled.get(node.id) ?? node.progress, weight: node.weight })), method);
	return value === undefined ? undefined : Math.round(value * 10) / 10;
}

/** Past its due date (a `YYYY-MM-DD` before `today`) and neither completed nor cancelled. */
export function isOverdue(action: { dueDate: string | null; status: ActionStatus }, today: string): boolean {
	return action.dueDate !== null && action.dueDate < today && !CLOSED_STATUSES.includes(action.status);
}

