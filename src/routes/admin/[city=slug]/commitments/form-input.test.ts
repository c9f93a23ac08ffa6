// Form fields to typed input and failures back to the page: what the commitments admin forms rely on.
import { describe, expect, it } from 'vitest';
import { DomainError } from '#lib/server/errors.ts';
import { fieldErrors } from '#lib/server/commitments/commitments.schema.ts';
import { failure, invalidForm, list, localized, number, text, typed, version } from './form-input.server.ts';
import { sdgCodes } from './commitment-form.server.ts';
import { listOf } from './ui/values.ts';
import { versionToSend } from './ui/form-state.ts';

function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [key, value] of entries) form.append(key, value);
	return form;
}

describe('reading the commitments admin forms', () => {
	it('reads numbers as people type them and refuses the rest as NaN', () => {
		const form = formOf([
			['a', '12500,50'],
			['b', ' 1 250 000 '],
			['c', '42'],
			['d', ''],
			['e', '12abc'],
			['f', '1,2,3'],
			['g', '-3.5']
		]);
		expect(number(form, 'a')).toBe(12500.5);
		expect(number(form, 'b')).toBe(1_250_000);
		expect(number(form, 'c')).toBe(42);
		expect(number(form, 'd')).toBeNull();
		expect(number(form, 'missing')).toBeNull();
		expect(number(form, 'e')).toBeNaN();
		expect(number(form, 'f')).toBeNaN();
		expect(number(form, 'g')).toBe(-3.5);
	});

	it('reads one text per UI language, repeated fields as lists, and the version', () => {
		const form = formOf([
			['title.en', 'Housing'],
			['title.ar', 'السكن'],
			['title.xx', 'ignored'],
			['groups', 'women'],
			['groups', ' '],
			['groups', 'children'],
			['version', '7'],
			['note', '  ']
		]);
		expect(localized(form, 'title')).toEqual({ en: 'Housing', ar: 'السكن' });
		expect(list(form, 'groups')).toEqual(['women', 'children']);
		expect(version(form)).toBe(7);
		expect(version(formOf([['version', 'x']]))).toBe(0);
		expect(text(form, 'note')).toBeNull();
	});

	it('keeps everything typed, multi-valued fields joined, but never the CSRF token or a password', () => {
		const values = typed(
			formOf([
				['_csrf', 'secret'],
				['password', 'secret'],
				['groups', 'women'],
				['groups', 'children'],
				['fullText.en', 'x'.repeat(10_000)]
			])
		);
		expect(values._csrf).toBeUndefined();
		expect(values.password).toBeUndefined();
		expect(listOf(values, 'groups')).toEqual(['women', 'children']);
		expect(values['fullText.en']).toHaveLength(10_000);
	});

	it('splits the SDG codes field and names what cannot be a code', () => {
		expect(sdgCodes('11.1, sdg:10.2;16  4.a')).toEqual({ codes: ['sdg:11.1', 'sdg:10.2', 'sdg:16', 'sdg:4.a'], malformed: [] });
		expect(sdgCodes('11/1, goal 5, 123')).toEqual({ codes: ['sdg:5'], malformed: ['11/1', 'goal', '123'] });
		expect(sdgCodes(null)).toEqual({ codes: [], malformed: [] });
	});
});

describe('failures shown on the page', () => {
	it('puts every field error of a service next to its field, with what was typed', () => {
		const result = failure(fieldErrors({ progress: 'progress_range', dueDate: 'due_before_start' }), formOf([['progress', '150']]));
		expect(result.status).toBe(400);
		expect(result.data.errors).toEqual({ progress: 'progress_range', dueDate: 'due_before_start' });
		expect(result.data.values.progress).toBe('150');
	});

	it('carries the file name and size limit of a rejected file, and the unknown tag codes, renamed to the form control', () => {
		const file = failure(new DomainError('file_rejected', 'file_too_large', { field: 'files', rule: 'file_too_large', file: 'scan.pdf', maxMb: 10 }), formOf([]));
		expect(file.data.errors).toEqual({ files: 'file_too_large' });
		expect(file.data.params).toEqual({ files: { file: 'scan.pdf', maxMb: 10 } });
		const tags = failure(new DomainError('invalid_input', 'tag_unknown', { field: 'tags', rule: 'tag_unknown', fields: { tags: 'tag_unknown' }, unknown: ['sdg:19.9'] }), formOf([]), { tags: 'sdgTags' });
		expect(tags.data.errors).toEqual({ sdgTags: 'tag_unknown' });
		expect(tags.data.params).toEqual({ sdgTags: { codes: 'sdg:19.9' } });
		expect(invalidForm({ sdgTags: 'tag_unknown' }, formOf([]), { sdgTags: { codes: 'x' } }).data.params).toEqual({ sdgTags: { codes: 'x' } });
	});

	it('answers a stale version with 409 and offers the current version only after a conflict', () => {
		const conflict = failure(new DomainError('conflict', 'edited_by_someone_else', { field: 'form', rule: 'conflict' }), formOf([['version', '3']]));
		expect(conflict.status).toBe(409);
		expect(versionToSend(conflict.data, 5)).toBe('5');
		const other = failure(fieldErrors({ title: 'required' }), formOf([['version', '3']]));
		expect(versionToSend(other.data, 5)).toBe('3');
		expect(versionToSend(undefined, 5)).toBe('5');
	});

	it('rethrows what is not a domain error (a bug is not a form error)', () => {
		expect(() => failure(new TypeError('boom'), formOf([]))).toThrow('boom');
	});
});
