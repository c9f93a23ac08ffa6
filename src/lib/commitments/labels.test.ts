import { describe, expect, it } from 'vitest';
import { countText, dutyLabel, label, tagName } from './labels.ts';

describe('countText', () => {
	it('asks the message once per locale and count, then answers from memory', () => {
		const asked: number[] = [];
		const message = ({ count }: { count: number }) => {
			asked.push(count);
			return `${count} things`;
		};
		expect(countText('probe', message, 'en', 3)).toBe('3 things');
		expect(countText('probe', message, 'en', 3)).toBe('3 things');
		expect(countText('probe', message, 'fr', 3)).toBe('3 things');
		expect(countText('probe', message, 'en', 4)).toBe('4 things');
		expect(asked).toEqual([3, 3, 4]);
	});
});

describe('labels', () => {
	it('names framework tags by scheme and kind', () => {
		expect(tagName({ scheme: 'udhr', number: '25', target: false })).toBe('Article 25');
		expect(tagName({ scheme: 'gwangju', number: '3', target: false })).toBe('Principle 3');
		expect(tagName({ scheme: 'sdg', number: '11', target: false })).toBe('Goal 11');
		expect(tagName({ scheme: 'sdg', number: '11.1', target: true })).toBe('Target 11.1');
	});

	it('reads codes in words, and unknown codes as written', () => {
		expect(dutyLabel('duty:protect')).toBe('Protect');
		expect(label('status', 'delayed')).toBe('Delayed');
		expect(label('status', 'abandoned')).toBe('abandoned');
	});
});
