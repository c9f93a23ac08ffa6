import { describe, expect, it } from 'vitest';
import { combine, isOverdue, rollUp, rollUpGroup, type RollupNode } from './rollup.ts';

const node = (id: string, parentId: string | null, progress: number, weight = 1, status: RollupNode['status'] = 'in_progress'): RollupNode => ({ id, parentId, progress, weight, status });

describe('progress roll-up', () => {
	it('weights children by their weight', () => {
		const rolled = rollUp([node('a', null, 0), node('b', 'a', 100, 3, 'completed'), node('c', 'a', 20, 1)], 'weighted');
		expect(rolled.get('a')).toBe(80); // (3·100 + 1·20) / 4
		expect(rolled.get('b')).toBe(100);
	});

	it('averages children plainly when the plan says so', () => {
		const rolled = rollUp([node('a', null, 0), node('b', 'a', 100, 3, 'completed'), node('c', 'a', 20, 1)], 'average');
		expect(rolled.get('a')).toBe(60);
	});

	it('rolls up through several levels, using each child’s rolled-up value', () => {
		const rolled = rollUp([node('root', null, 0), node('mid', 'root', 0), node('leaf1', 'mid', 50), node('leaf2', 'mid', 100), node('other', 'root', 0)], 'weighted');
		expect(rolled.get('mid')).toBe(75);
		expect(rolled.get('root')).toBe(37.5);
	});

	it('leaves cancelled children out, and keeps a parent’s own progress when all are cancelled', () => {
		expect(rollUp([node('a', null, 10), node('b', 'a', 90), node('c', 'a', 0, 5, 'cancelled')], 'weighted').get('a')).toBe(90);
		expect(rollUp([node('a', null, 10), node('c', 'a', 0, 5, 'cancelled')], 'weighted').get('a')).toBe(10);
	});

	it('keeps the parent’s own progress when every child weighs 0', () => {
		expect(rollUp([node('a', null, 40), node('b', 'a', 100, 0)], 'weighted').get('a')).toBe(40);
	});

	it('survives a cycle and a missing parent without looping', () => {
		const rolled = rollUp([node('a', 'b', 10), node('b', 'a', 30), node('orphan', 'gone', 70)], 'weighted');
		expect(rolled.get('orphan')).toBe(70);
		expect(rolled.size).toBe(3);
	});

	it('rounds to one decimal', () => {
		expect(rollUp([node('a', null, 0), node('b', 'a', 100), node('c', 'a', 0), node('d', 'a', 0)], 'average').get('a')).toBe(33.3);
	});

	it('combines a group of top-level actions, or says there is nothing to combine', () => {
		const tops = [node('x', null, 50, 1), node('y', null, 100, 1), node('z', null, 0, 1, 'cancelled')];
		expect(rollUpGroup(tops, new Map(), 'weighted')).toBe(75);
		expect(rollUpGroup([], new Map(), 'weighted')).toBeUndefined();
		expect(combine([{ progress: 10, weight: 0 }], 'weighted')).toBeUndefined();
	});
});

describe('overdue', () => {
	it('flags an open action past its due date, not a completed or cancelled one', () => {
		expect(isOverdue({ dueDate: '2026-01-01', status: 'in_progress' }, '2026-01-02')).toBe(true);
		expect(isOverdue({ dueDate: '2026-01-02', status: 'in_progress' }, '2026-01-02')).toBe(false);
		expect(isOverdue({ dueDate: '2026-01-01', status: 'completed' }, '2026-02-01')).toBe(false);
		expect(isOverdue({ dueDate: '2026-01-01', status: 'cancelled' }, '2026-02-01')).toBe(false);
		expect(isOverdue({ dueDate: null, status: 'delayed' }, '2026-02-01')).toBe(false);
	});
});
