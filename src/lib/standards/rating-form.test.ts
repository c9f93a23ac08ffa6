// The standards rating forms read back: per criterion code, ticked evidence kept as a list,
// positions left on "keep our own" not sent, a version that is not a number refused.
import { describe, expect, it } from 'vitest';
import { criterionId } from '#lib/standards/field-id.ts';
import { readPositions, readRatings, readVersion } from './rating-form.server.ts';

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [key, value] of entries) form.append(key, value);
	return form;
}

describe('the standards rating forms', () => {
	it('reads each criterion’s rating, justification, ticked evidence and links', () => {
		const form = formOf([
			['rating.role:employer', 'partly_met'],
			['justification.role:employer', 'Begun.'],
			['evidence.role:employer', 'action|A-2025-001'],
			['evidence.role:employer', 'plan|P-1'],
			['links.role:employer', 'https://example.org/report Report']
		]);
		expect(readRatings(form, ['role:employer', 'role:welfare'], true)).toEqual([
			{ criterion: 'role:employer', rating: 'partly_met', justification: 'Begun.', evidence: ['action|A-2025-001', 'plan|P-1'], links: 'https://example.org/report Report' },
			{ criterion: 'role:welfare', rating: '', justification: '', evidence: [], links: '' }
		]);
		expect(readRatings(form, ['role:employer'], false)[0]).not.toHaveProperty('evidence');
	});

	it('sends only the positions stated, with their notes', () => {
		const form = formOf([
			['position.role:employer', 'partly_met'],
			['note.role:employer', 'We accept.'],
			['position.role:welfare', ''],
			['note.role:welfare', 'ignored']
		]);
		expect(readPositions(form, ['role:employer', 'role:welfare'])).toEqual([{ criterion: 'role:employer', rating: 'partly_met', note: 'We accept.' }]);
	});

	it('takes a version only as a whole number', () => {
		expect(readVersion(formOf([['version', '3']]))).toBe(3);
		for (const bad of ['', '-1', '1.5', 'x', '12345678901']) expect(readVersion(formOf([['version', bad]]))).toBeUndefined();
		expect(readVersion(formOf([]))).toBeUndefined();
	});

	it('turns a criterion code into an HTML id', () => {
		expect(criterionId('gwangju:1.2')).toBe('gwangju-1-2');
	});
});
