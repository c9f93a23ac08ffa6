import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_ERROR_CODES } from '../csv/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity, createPerson } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import * as accounts from './accounts.service.ts';
import { loadActor, resolveSession, startSession } from './sessions.service.ts';
import { readOutbox } from './mail.ts';
import { grantRole, revokeRole, createAdmin, listCityPeople } from './roles.service.ts';
import { claimCensusVerification, parseCensusCsv, uploadCensus } from './census.service.ts';
import { listCityAudit } from './audit.ts';
import { verificationLevel } from './actor.ts';

const texts: accounts.MailTexts = {
	verifySubject: 'Confirm',
	verifyBody: (link) => `Confirm: ${link}`,
	resetSubject: 'Reset',
	resetBody: (link) => `Reset: ${link}`,
	existsSubject: 'Exists',
	existsBody: ({ signin, reset }) => `Exists: ${signin} ${reset}`
};
const context = { ip: '203.0.113.5', userAgent: 'test', origin: 'http://127.0.0.1', locale: 'en' };
const code = (expected: string) => (error: unknown) => isDomainError(error) && (error.code === expected || error.message === expected);
const tokenIn = (body: string) => body.split('/').at(-1)!;

describe.each(DIALECTS)('accounts on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(async () => {
		await database.cleanup();
	});

	it('signs up a resident of a city, mails a confirmation link, and confirms the address', async () => {
		const city = await createCity(database.db, { name: 'Lund' });
		expect(await accounts.signUp(database.db, { displayName: 'Ada', email: 'ada@example.org', password: 'a long passphrase', city: 'lund' }, context, texts)).toEqual({ created: true });
		const { token, personId } = await accounts.signIn(database.db, { email: 'ada@example.org', password: 'a long passphrase' }, context);
		const session = await resolveSession(database.db, token);
		expect(session?.actor).toMatchObject({ personId, email: 'ada@example.org', roles: [{ cityId: city.id, role: 'resident' }] });
		const [mail] = await readOutbox(database.db, 'ada@example.org');
		expect(mail?.body).toMatch(/^Confirm: http:\/\/127\.0\.0\.1\/verify-email\//);
		await accounts.confirmEmail(database.db, tokenIn(mail!.body), context);
		expect(verificationLevel(await loadActor(database.db, personId), city.id)).toBe('email');
		await expect(accounts.confirmEmail(database.db, tokenIn(mail!.body), context)).rejects.toSatisfy(code('reset_token_invalid'));
	});

	it('answers a taken address as a new one, mails its owner instead and changes nothing of the account', async () => {
		const owner = await createPerson(database.db, { email: 'taken@example.org' }, 'the owner password');
		const attempt = { displayName: 'X', email: 'taken@example.org', password: 'a long passphrase' };
		expect(await accounts.signUp(database.db, attempt, context, texts)).toEqual({ created: false });
		const [mail, ...more] = await readOutbox(database.db, 'taken@example.org');
		expect(more).toEqual([]);
		expect(mail).toMatchObject({ subject: 'Exists', body: 'Exists: http://127.0.0.1/signin http://127.0.0.1/reset-password' });
		await expect(accounts.signIn(database.db, { email: attempt.email, password: attempt.password }, context)).rejects.toSatisfy(code('invalid_credentials'));
		await expect(accounts.signIn(database.db, { email: owner.email, password: 'the owner password' }, context)).resolves.toBeTruthy();
	});

	it('takes as long for a taken address as for a new one, and for a password reset of a known address as of an unknown one', async () => {
		await createPerson(database.db, { email: 'known@example.org' });
		const timed = async (work: () => Promise<unknown>) => {
			const started = performance.now();
			await work();
			return performance.now() - started;
		};
		const even = { minMs: 300 };
		for (const took of [
			await timed(() => accounts.signUp(database.db, { displayName: 'X', email: 'known@example.org', password: 'a long passphrase' }, context, texts, even)),
			await timed(() => accounts.signUp(database.db, { displayName: 'X', email: 'fresh@example.org', password: 'a long passphrase' }, context, texts, even)),
			await timed(() => accounts.requestPasswordReset(database.db, 'known@example.org', context, texts, even)),
			await timed(() => accounts.requestPasswordReset(database.db, 'unknown@example.org', context, texts, even))
		]) {
			// Every answer waits at least the same floor, whatever work its address needed.
			expect(took).toBeGreaterThanOrEqual(295);
		}
	});

	it('refuses a weak password, naming the rule', async () => {
		await expect(accounts.signUp(database.db, { displayName: 'X', email: 'new@example.org', password: 'short' }, context, texts)).rejects.toSatisfy(code('password_too_short'));
		await expect(accounts.signUp(database.db, { displayName: 'X', email: 'newperson@example.org', password: 'newperson-is-me' }, context, texts)).rejects.toSatisfy(code('password_contains_email'));
	});

	it('gives the same error for an unknown address and a wrong password', async () => {
		await createPerson(database.db, { email: 'ben@example.org' }, 'right password here');
		const unknown = await accounts.signIn(database.db, { email: 'nobody@example.org', password: 'whatever it is' }, context).catch((e: unknown) => e);
		const wrong = await accounts.signIn(database.db, { email: 'ben@example.org', password: 'wrong password here' }, context).catch((e: unknown) => e);
		expect(isDomainError(unknown, 'invalid_credentials') && isDomainError(wrong, 'invalid_credentials')).toBe(true);
		expect((unknown as Error).message).toBe((wrong as Error).message);
		const ok = await accounts.signIn(database.db, { email: 'ben@example.org', password: 'right password here' }, context);
		expect(await resolveSession(database.db, ok.token)).not.toBeNull();
	});

	it('locks an address after five failures from one address, but not for other addresses', async () => {
		await createPerson(database.db, { email: 'cleo@example.org' }, 'right password here');
		for (let i = 0; i < 5; i++) {
			await expect(accounts.signIn(database.db, { email: 'cleo@example.org', password: `wrong ${i} password` }, context)).rejects.toSatisfy(code('invalid_credentials'));
		}
		const locked = await accounts.signIn(database.db, { email: 'cleo@example.org', password: 'right password here' }, context).catch((e: unknown) => e);
		expect(isDomainError(locked, 'account_locked')).toBe(true);
		expect((locked as { details: { retryAfterMinutes: number } }).details.retryAfterMinutes).toBeLessThanOrEqual(15);
		// The owner, from another network, can still sign in: nobody locks another out for good.
		const owner = await accounts.signIn(database.db, { email: 'cleo@example.org', password: 'right password here' }, { ...context, ip: '198.51.100.7' });
		expect(owner.token).toBeTruthy();
	});

	it('resets a password through a one-time link that then stops working', async () => {
		const person = await createPerson(database.db, { email: 'dan@example.org' }, 'old password here');
		const old = await startSession(database.db, person.id, context);
		await accounts.requestPasswordReset(database.db, 'dan@example.org', context, texts);
		await accounts.requestPasswordReset(database.db, 'nobody@example.org', context, texts);
		const mails = await readOutbox(database.db);
		expect(mails.map((mail) => mail.to)).toEqual(['dan@example.org']);
		const token = tokenIn(mails[0]!.body);
		await expect(accounts.resetPassword(database.db, token, 'short', context)).rejects.toSatisfy(code('password_too_short'));
		await accounts.resetPassword(database.db, token, 'brand new password', context);
		expect(await resolveSession(database.db, old.token)).toBeNull();
		await expect(accounts.resetPassword(database.db, token, 'another new password', context)).rejects.toSatisfy(code('reset_token_invalid'));
		await expect(accounts.signIn(database.db, { email: 'dan@example.org', password: 'brand new password' }, context)).resolves.toBeTruthy();
	});

	it('voids every outstanding reset link once any of them is used, or the password is changed', async () => {
		const person = await createPerson(database.db, { email: 'fay@example.org' }, 'old password here');
		await accounts.requestPasswordReset(database.db, 'fay@example.org', context, texts);
		await accounts.requestPasswordReset(database.db, 'fay@example.org', context, texts);
		// The outbox lists the newest mail first.
		const [newer, older] = (await readOutbox(database.db, 'fay@example.org')).map((mail) => tokenIn(mail.body));
		expect(older).not.toBe(newer);
		await accounts.resetPassword(database.db, newer!, 'brand new password', context);
		await expect(accounts.checkResetToken(database.db, older!)).rejects.toSatisfy(code('reset_token_invalid'));
		await expect(accounts.resetPassword(database.db, older!, 'attacker password', context)).rejects.toSatisfy(code('reset_token_invalid'));

		await accounts.requestPasswordReset(database.db, 'fay@example.org', context, texts);
		const pending = tokenIn((await readOutbox(database.db, 'fay@example.org'))[0]!.body);
		await accounts.checkResetToken(database.db, pending);
		const actor = (await loadActor(database.db, person.id))!;
		await accounts.changePassword(database.db, actor, { currentPassword: 'brand new password', newPassword: 'changed again here' }, context);
		await expect(accounts.resetPassword(database.db, pending, 'attacker password', context)).rejects.toSatisfy(code('reset_token_invalid'));
		await expect(accounts.signIn(database.db, { email: 'fay@example.org', password: 'changed again here' }, context)).resolves.toBeTruthy();
	});

	it('changes the password only with the current one, ending other sessions', async () => {
		const person = await createPerson(database.db, { email: 'eva@example.org' }, 'current password');
		const actor = (await loadActor(database.db, person.id))!;
		const other = await startSession(database.db, person.id, context);
		await expect(accounts.changePassword(database.db, actor, { currentPassword: 'not the password', newPassword: 'next password ok' }, context)).rejects.toSatisfy(code('current_password_wrong'));
		const fresh = await accounts.changePassword(database.db, actor, { currentPassword: 'current password', newPassword: 'next password ok' }, context);
		expect(await resolveSession(database.db, other.token)).toBeNull();
		expect(await resolveSession(database.db, fresh.token)).not.toBeNull();
	});

	it('exports my data without secrets and deletes my account', async () => {
		const person = await createPerson(database.db, { email: 'fay@example.org' }, 'my password here');
		const actor = (await loadActor(database.db, person.id))!;
		const data = await accounts.exportMyData(database.db, actor);
		expect(data.person.email).toBe('fay@example.org');
		expect(JSON.stringify(data)).not.toContain('scrypt$');
		await expect(accounts.deleteAccount(database.db, actor, 'wrong password', context)).rejects.toSatisfy(code('current_password_wrong'));
		await accounts.deleteAccount(database.db, actor, 'my password here', context);
		expect(await loadActor(database.db, person.id)).toBeNull();
	});

	it('lets a city admin manage roles of their own city only, and never remove its last admin', async () => {
		const cityA = await createCity(database.db, { name: 'Graz' });
		const cityB = await createCity(database.db, { name: 'York' });
		const admin = await createAdmin(database.db, { email: 'admin-a@example.org', role: 'city_admin', citySlug: 'graz' });
		await createAdmin(database.db, { email: 'admin-b@example.org', role: 'city_admin', citySlug: 'york' });
		const officer = await createPerson(database.db, { email: 'officer@example.org' });
		const actorA = await loadActor(database.db, admin.personId);
		await grantRole(database.db, actorA, cityA.id, { email: 'officer@example.org', role: 'officer', department: 'Housing' }, context);
		expect((await listCityPeople(database.db, actorA, cityA.id)).find((p) => p.personId === officer.id)?.roles).toEqual([{ role: 'officer', department: 'Housing' }]);
		await expect(grantRole(database.db, actorA, cityB.id, { email: 'officer@example.org', role: 'officer' }, context)).rejects.toSatisfy(code('forbidden'));
		await expect(listCityPeople(database.db, actorA, cityB.id)).rejects.toSatisfy(code('forbidden'));
		await expect(grantRole(database.db, actorA, cityA.id, { email: 'officer@example.org', role: 'city_admin' }, context)).rejects.toSatisfy(code('forbidden'));
		const network = await createAdmin(database.db, { email: 'net@example.org', role: 'network_admin' });
		const networkActor = await loadActor(database.db, network.personId);
		await expect(revokeRole(database.db, networkActor, cityA.id, { personId: admin.personId, role: 'city_admin' }, context)).rejects.toSatisfy(code('last_city_admin'));
		await revokeRole(database.db, actorA, cityA.id, { personId: officer.id, role: 'officer' }, context);
		const audit = await listCityAudit(database.db, cityA.id);
		expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['role.granted', 'role.revoked']));
		expect(audit.every((entry) => entry.ipHash === null || !entry.ipHash.includes('203.0.113.5'))).toBe(true);
		expect(await listCityAudit(database.db, cityB.id)).toHaveLength(1);
	});

	it('verifies a resident against the uploaded census, storing hashes only', async () => {
		const city = await createCity(database.db, { name: 'Utrecht' });
		const admin = await loadActor(database.db, (await createAdmin(database.db, { email: 'admin@example.org', role: 'city_admin', citySlug: 'utrecht' })).personId);
		await expect(uploadCensus(database.db, admin, city.id, 'identifier\nAB-123\nab123\n', context)).rejects.toSatisfy(
			(error: unknown) => isDomainError(error, 'census_invalid') && JSON.stringify(error.details).includes('"row":3')
		);
		expect(await uploadCensus(database.db, admin, city.id, '\uFEFFidentifier\r\n850101-1234\r\nXY999\r\n', context)).toEqual({ entries: 2 });
		const stored = await database.db.selectFrom('census_entry').select('identifier_hash').execute();
		expect(JSON.stringify(stored)).not.toContain('8501011234');
		const resident = await createPerson(database.db, { email: 'res@example.org' });
		await grantRole(database.db, admin, city.id, { email: 'res@example.org', role: 'resident' }, context);
		const actor = await loadActor(database.db, resident.id);
		await expect(claimCensusVerification(database.db, actor, city.id, '000000', context)).rejects.toSatisfy(code('census_no_match'));
		await claimCensusVerification(database.db, actor, city.id, '850101 1234', context);
		expect(verificationLevel(await loadActor(database.db, resident.id), city.id)).toBe('census');
	});
});

describe('census CSV parsing', () => {
	it('accepts only an identifier column and reports rows with their numbers', () => {
		expect(parseCensusCsv('').problem).toBe('census_empty');
		expect(parseCensusCsv('name,identifier\nx,1').problem).toBe('census_header');
		expect(parseCensusCsv('identifier\n12345\n\n#!\n12345').errors).toEqual([
			{ row: 3, column: 'identifier', code: 'identifier_empty' },
			{ row: 4, column: 'identifier', code: 'identifier_invalid', value: '#!' },
			{ row: 5, column: 'identifier', code: 'identifier_duplicate', value: '12345' }
		]);
	});

	it('reads the file as CSV: quoted cells, CRLF or CR line ends, blank rows at the end ignored, quoted commas are one column', () => {
		expect(parseCensusCsv('\r\n"Identifier"\r\n"AB-123"\r\n850101-1234\rXY999\r\n\r\n  \r\n')).toEqual({ identifiers: ['AB123', '8501011234', 'XY999'], errors: [] });
		expect(parseCensusCsv('identifier\rAB123\r\rXY999\r').errors).toEqual([{ row: 3, column: 'identifier', code: 'identifier_empty' }]);
		expect(parseCensusCsv('identifier\n"AB,123"\nx,y\n').errors).toEqual([
			{ row: 2, column: 'identifier', code: 'identifier_invalid', value: 'AB,123' },
			{ row: 3, column: 'identifier', code: 'too_many_columns' }
		]);
		expect(parseCensusCsv('identifier\n\n\n').problem).toBe('census_empty');
	});

	it('has a message for every problem the CSV reader reports', () => {
		const english = JSON.parse(fs.readFileSync('src/lib/server/accounts/messages/en.json', 'utf8')) as Record<string, string>;
		for (const code of CSV_ERROR_CODES) expect(english[`admin_error_${code}`], code).toBeTruthy();
	});

	it('refuses bytes that are not UTF-8 and control characters at their row, instead of storing replacement characters', () => {
		const latin1 = new Uint8Array([...new TextEncoder().encode('identifier\nAB123\nZ'), 0xfc, ...new TextEncoder().encode('RICH1\n')]);
		expect(parseCensusCsv(latin1)).toEqual({ identifiers: [], errors: [{ row: 3, column: 'identifier', code: 'csv_invalid_utf8', value: 'byte 19: 0xfc' }] });
		expect(parseCensusCsv('identifier\nAB\u0000123\n').errors).toEqual([{ row: 2, column: 'identifier', code: 'csv_control_character', value: 'U+0000' }]);
		expect(parseCensusCsv('identifier\n"AB123\n').errors).toEqual([{ row: 2, column: 'identifier', code: 'csv_unclosed_quote' }]);
	});
});
