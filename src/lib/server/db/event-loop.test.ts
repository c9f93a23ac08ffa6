import { describe, expect, it } from 'vitest';
import { SLICE_MS, workBreather } from './event-loop.ts';

const busy = (ms: number) => {
	const end = performance.now() + ms;
	while (performance.now() < end) {
		// the work of a long transaction
	}
};

describe('workBreather (a transaction holding the write lock)', () => {
	it('does not pause a transaction younger than a slice, however long the turn already ran', () => {
		busy(SLICE_MS + 5); // the turn is old: the shared breather() would pause here
		const breather = workBreather();
		expect(breather()).toBeUndefined();
	});

	it('pauses once the transaction itself ran a slice, and counts the next slice from the pause', async () => {
		const breather = workBreather();
		busy(SLICE_MS + 2);
		const pause = breather();
		expect(pause).toBeInstanceOf(Promise);
		await pause;
		expect(breather()).toBeUndefined();
	});
});
