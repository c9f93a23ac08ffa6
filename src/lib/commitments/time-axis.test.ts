import { describe, expect, it } from 'vitest';
import { buildTimeAxis, dayNumber } from './time-axis.ts';

describe('buildTimeAxis', () => {
	const events = [
		{ key: 'start', date: '2025-01-01', kind: 'start' as const },
		{ key: 'm1', date: '2026-01-01', kind: 'milestone_due' as const },
		{ key: 'due', date: '2027-01-01', kind: 'due' as const }
	];

	it('places the first and last events at the ends of the line and the others in proportion', () => {
		const axis = buildTimeAxis(events, { width: 640, padding: 20 })!;
		const x = Object.fromEntries(axis.marks.map((mark) => [mark.key, mark.x]));
		expect(x.start).toBe(20);
		expect(x.due).toBe(620);
		// 2025 has 365 days, 2026 has 365: the milestone sits in the middle.
		expect(x.m1).toBe(320);
		expect(axis.line).toEqual({ x1: 20, x2: 620, y: axis.line.y });
	});

	it('ticks each new year inside the span', () => {
		const axis = buildTimeAxis(events, { width: 640, padding: 20 })!;
		expect(axis.ticks.map((tick) => tick.year)).toEqual([2026, 2027]);
		expect(axis.ticks[0]!.x).toBe(320);
	});

	it('runs from right to left on right-to-left pages', () => {
		const axis = buildTimeAxis(events, { width: 640, padding: 20, dir: 'rtl' })!;
		const x = Object.fromEntries(axis.marks.map((mark) => [mark.key, mark.x]));
		expect(x.start).toBe(620);
		expect(x.due).toBe(20);
		expect(axis.line).toEqual({ x1: 20, x2: 620, y: axis.line.y });
	});

	it('marks today only when it falls inside the span', () => {
		expect(buildTimeAxis(events, { today: '2026-01-01', width: 640, padding: 20 })!.today).toEqual({ x: 320 });
		expect(buildTimeAxis(events, { today: '2030-01-01' })!.today).toBeUndefined();
	});

	it('gives a lone date a month-wide axis with the date in the middle', () => {
		const axis = buildTimeAxis([{ key: 'due', date: '2026-06-30', kind: 'due' }], { width: 640, padding: 20 })!;
		expect(axis.marks[0]!.x).toBe(320);
	});

	it('thins out the year ticks of a long span', () => {
		const axis = buildTimeAxis(
			[
				{ key: 'start', date: '2000-01-01', kind: 'start' },
				{ key: 'due', date: '2040-01-01', kind: 'due' }
			],
			{ maxTicks: 8 }
		)!;
		expect(axis.ticks.length).toBeLessThanOrEqual(8);
	});

	it('has no axis without a valid date, and ignores invalid dates', () => {
		expect(buildTimeAxis([])).toBeUndefined();
		expect(buildTimeAxis([{ key: 'x', date: 'soon', kind: 'due' }])).toBeUndefined();
		expect(dayNumber('2025-13-45')).toBeNaN();
	});
});
