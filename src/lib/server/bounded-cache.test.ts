import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
	const cache = () => new BoundedCache<string, string>(100, (key, value) => key.length + value.length);

	it('keeps entries within its byte budget, the least recently used leaving first', () => {
		const kept = cache();
		kept.set('a', 'x'.repeat(39));
		kept.set('b', 'x'.repeat(39));
		expect(kept.get('a')).toHaveLength(39); // now the most recently used
		kept.set('c', 'x'.repeat(39));
		expect(kept.bytes).toBeLessThanOrEqual(100);
		expect(kept.get('b')).toBeUndefined();
		expect(kept.get('a')).toHaveLength(39);
		expect(kept.get('c')).toHaveLength(39);
		expect(kept.size).toBe(2);
	});

	it('never keeps an entry larger than the budget, and counts a replaced entry once', () => {
		const kept = cache();
		kept.set('big', 'x'.repeat(200));
		expect(kept.get('big')).toBeUndefined();
		expect(kept.bytes).toBe(0);
		kept.set('a', 'xx');
		kept.set('a', 'xxxx');
		expect(kept.bytes).toBe(5);
		kept.delete('a');
		expect(kept.bytes).toBe(0);
		kept.set('known', 'x', 60);
		expect(kept.bytes).toBe(60);
	});
});
