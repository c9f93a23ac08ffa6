import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../ledger/index.ts';
import { ChangeDigest, changeLine, type ObservationState } from './change-digest.ts';

describe('change digest', () => {
	const after: ObservationState = { value: 12.5, status: 'final', source: 'Census "2021"', note: null };
	const before: ObservationState = { value: null, status: 'provisional', source: null, note: 'ü\nline' };

	it('writes each line as the ledger’s canonical JSON of { period, group, before, after }', () => {
		expect(changeLine('2024-Q3', 'age=65+;sex=female', null, after)).toBe(`${canonicalJson({ period: '2024-Q3', group: 'age=65+;sex=female', before: null, after })}\n`);
		expect(changeLine('2024', '', before, after)).toBe(`${canonicalJson({ period: '2024', group: '', before, after })}\n`);
	});

	it('is the SHA-256 of the lines in order, however many there are', () => {
		const digest = new ChangeDigest();
		const lines: string[] = [];
		for (let i = 0; i < 3000; i++) {
			const period = String(1900 + (i % 200));
			digest.add(period, `n=${i}`, i % 2 ? before : null, { ...after, value: i });
			lines.push(changeLine(period, `n=${i}`, i % 2 ? before : null, { ...after, value: i }));
		}
		expect(digest.hex()).toBe(createHash('sha256').update(lines.join('')).digest('hex'));
	});
});
