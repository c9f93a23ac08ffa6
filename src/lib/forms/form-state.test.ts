import { describe, expect, it } from 'vitest';
import { describe as describeField, errorAt, errorIdOf, isConflict, listOf, stateOf } from './form-state.ts';

const failure = { errors: { email: 'email_taken', form: 'rate_limited' }, values: { email: 'a@example.org', intent: 'grant' }, params: { form: { minutes: 3 } } };

describe('a form’s outcome on its page', () => {
	it('is the failure of the form that was sent, with the area whose sentences explain it', () => {
		expect(stateOf(failure, 'admin', 'grant')).toEqual({ ...failure, area: 'admin' });
		expect(stateOf(failure, 'admin', 'create')).toBeUndefined();
		expect(stateOf({ saved: true }, 'admin')).toBeUndefined();
		expect(stateOf(null, 'admin')).toBeUndefined();
		// A public filter form's load returns `errors` (and no values).
		expect(stateOf({ errors: { q: 'search_too_long' } }, 'rights')).toEqual({ errors: { q: 'search_too_long' }, values: {}, area: 'rights' });
	});

	it('ties a control to its hint and error for screen readers', () => {
		const state = stateOf(failure, 'site');
		expect(describeField(state, 'email', { hint: 'email-hint' })).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'email-hint email-error' });
		expect(describeField(state, 'name', { hint: 'name-hint' })).toEqual({ 'aria-describedby': 'name-hint' });
		expect(describeField(state, 'name')).toEqual({});
		expect(describeField(state, 'password', { fallback: 'form', errorId: 'signin-password-error' })).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'signin-password-error' });
		expect(describeField(state, 'email', { prefix: 'grant-' })['aria-describedby']).toBe('grant-email-error');
		expect(errorIdOf('email', 'grant-')).toBe('grant-email-error');
		expect(errorAt(state, 'password', 'form')).toBe('rate_limited');
		expect(errorAt(undefined, 'email')).toBeUndefined();
	});

	it('reads repeated fields back as lists and knows a conflict', () => {
		expect(listOf({ groups: 'women\nchildren' }, 'groups')).toEqual(['women', 'children']);
		expect(listOf({}, 'groups')).toEqual([]);
		expect(isConflict(stateOf({ errors: { form: 'conflict' } }, 'commitments-admin'))).toBe(true);
		expect(isConflict(stateOf(failure, 'admin'))).toBe(false);
	});
});
