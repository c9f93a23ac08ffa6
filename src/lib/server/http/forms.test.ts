// The form-failure layer every route with actions uses: what a failed post sends back to its page.
import { describe, expect, it } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import { DomainError } from '../errors.ts';
import { formFailure, invalid, keptValues, requireActor } from './forms.ts';
import { versionToSend } from '#lib/forms/form-state.ts';
import { formOf } from '../testing/request-event.ts';

describe('keeping what was typed', () => {
	it('keeps every typed text, repeated fields joined by new lines, long texts in full', () => {
		const values = keptValues(
			formOf([
				['groups', 'women'],
				['groups', 'children'],
				['fullText.en', 'x'.repeat(10_000)],
				['title', 'Housing']
			])
		);
		expect(values).toEqual({ groups: 'women\nchildren', 'fullText.en': 'x'.repeat(10_000), title: 'Housing' });
	});

	it('never sends back a password, a token, the CSRF field or a ticked "delete" confirmation', () => {
		const values = keptValues(formOf([['_csrf', 's'], ['password', 's'], ['newPassword', 's'], ['token', 's'], ['confirm', 'yes'], ['email', 'a@example.org']]));
		expect(values).toEqual({ email: 'a@example.org' });
	});

	it('stops at 50,000 characters a field', () => {
		expect(keptValues(formOf([['text', 'y'.repeat(60_000)]])).text).toHaveLength(50_000);
	});
});

describe('a page’s own check', () => {
	it('answers 400 with the errors, what was typed and the placeholders of a message', () => {
		const result = invalid({ sdgTags: 'tag_unknown' }, formOf([['sdgTags', '19.9']]), { params: { sdgTags: { codes: 'sdg:19.9' } } });
		expect(result.status).toBe(400);
		expect(result.data).toEqual({ errors: { sdgTags: 'tag_unknown' }, values: { sdgTags: '19.9' }, params: { sdgTags: { codes: 'sdg:19.9' } } });
	});

	it('names the form that failed on a page with several, and can send back nothing typed', () => {
		const result = invalid({ confirm: 'delete_unconfirmed' }, formOf([['reason', 'x']]), { intent: 'delete', values: {} });
		expect(result.data.values).toEqual({ intent: 'delete' });
	});

	it('carries extra data the page shows, such as an upload’s row problems', () => {
		const result = invalid({ file: 'csv_invalid' }, formOf([]), { values: {}, extra: { rows: [{ row: 2 }], total: 1 } });
		expect(result.data).toMatchObject({ errors: { file: 'csv_invalid' }, rows: [{ row: 2 }], total: 1 });
	});
});

describe('a domain error as a form failure', () => {
	it('puts the error at the field its details name, with the rule, and the status of its code', () => {
		const result = formFailure(new DomainError('email_taken', 'email_taken', { field: 'email' }), formOf([['email', 'a@example.org']]));
		expect(result.status).toBe(400);
		expect(result.data).toEqual({ errors: { email: 'email_taken' }, values: { email: 'a@example.org' } });
	});

	it('puts every field error of `details.fields` next to its field', () => {
		const error = new DomainError('invalid_input', 'invalid', { fields: { progress: 'progress_range', dueDate: 'due_before_start' } });
		const result = formFailure(error, formOf([['progress', '150']]));
		expect(result.status).toBe(400);
		expect(result.data.errors).toEqual({ progress: 'progress_range', dueDate: 'due_before_start' });
		expect(result.data.values.progress).toBe('150');
	});

	it('shows an error without a field as one of the whole form, using the code when the message is prose', () => {
		const result = formFailure(new DomainError('forbidden', 'You may not do this.'), formOf([]));
		expect(result.status).toBe(403);
		expect(result.data.errors).toEqual({ form: 'forbidden' });
	});

	it('carries the minutes to wait, the file and limit, and the unknown codes its message names, renamed to the form control', () => {
		const limited = formFailure(new DomainError('rate_limited', 'rate_limited', { retryAfterMinutes: 12 }), formOf([]));
		expect(limited.data.params).toEqual({ form: { minutes: 12 } });
		const file = formFailure(new DomainError('file_rejected', 'file_too_large', { field: 'files', rule: 'file_too_large', file: 'scan.pdf', maxMb: 10 }), formOf([]));
		expect(file.data).toMatchObject({ errors: { files: 'file_too_large' }, params: { files: { file: 'scan.pdf', maxMb: 10 } } });
		const tags = formFailure(
			new DomainError('invalid_input', 'tag_unknown', { field: 'tags', rule: 'tag_unknown', fields: { tags: 'tag_unknown' }, unknown: ['sdg:19.9', 'sdg:4.z'] }),
			formOf([]),
			{ rename: { tags: 'sdgTags' } }
		);
		expect(tags.data).toMatchObject({ errors: { sdgTags: 'tag_unknown' }, params: { sdgTags: { codes: 'sdg:19.9, sdg:4.z' } } });
	});

	it('passes on the rows of a rejected upload, and can show a whole-form problem at a field', () => {
		const result = formFailure(new DomainError('census_invalid', 'census_rows', { rows: [{ row: 3, code: 'identifier_empty' }] }), formOf([]), { values: {}, rename: { form: 'file' } });
		expect(result.data).toEqual({ errors: { file: 'census_rows' }, values: {}, rows: [{ row: 3, code: 'identifier_empty' }] });
	});

	it('answers a stale version with 409 and offers the current version only after a conflict', () => {
		const conflict = formFailure(new DomainError('conflict', 'edited_by_someone_else', { field: 'form', rule: 'conflict' }), formOf([['version', '3']]));
		expect(conflict.status).toBe(409);
		expect(versionToSend({ ...conflict.data, area: 'commitments-admin' }, 5)).toBe('5');
		const other = formFailure(new DomainError('invalid_input', 'invalid', { fields: { title: 'required' } }), formOf([['version', '3']]));
		expect(versionToSend({ ...other.data, area: 'commitments-admin' }, 5)).toBe('3');
		expect(versionToSend(undefined, 5)).toBe('5');
	});

	it('rethrows what is not a domain error (a bug is not a form error)', () => {
		expect(() => formFailure(new TypeError('boom'), formOf([]))).toThrow('boom');
	});
});

describe('who is acting', () => {
	it('sends an anonymous visitor to sign in and back to the page (not to the action’s address)', () => {
		const event = { locals: { actor: null }, url: new URL('http://example.org/admin/york/people?/grant'), request: new Request('http://example.org/admin/york/people?/grant', { method: 'POST' }) };
		try {
			requireActor(event as never);
			expect.unreachable();
		} catch (caught) {
			expect(isRedirect(caught) && caught.location).toBe('/signin?next=%2Fadmin%2Fyork%2Fpeople');
		}
	});
});
