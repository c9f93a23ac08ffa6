import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT, cliWorkspace } from '../testing/cli-process.ts';
import { openDatabase } from '../db/database.ts';
import { hashToken } from './secrets.ts';

const cli = cliWorkspace('create-admin');
const { dataDir, run, exec } = cli;

/** What the database holds for an address: the person, their roles and their unused reset tokens. */
async function lookUp(email: string) {
	const database = await openDatabase({ dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') });
	try {
		const db = database.db;
		const person = await db.selectFrom('person').selectAll().where('email', '=', email).executeTakeFirst();
		if (!person) return undefined;
		const roles = await db.selectFrom('city_role').innerJoin('city', 'city.id', 'city_role.city_id').select(['city.slug', 'city_role.role']).where('person_id', '=', person.id).execute();
		const tokens = await db.selectFrom('account_token').selectAll().where('person_id', '=', person.id).execute();
		return { person, roles, tokens };
	} finally {
		await database.close();
	}
}

describe('rightscity create-admin', { timeout: CLI_TEST_TIMEOUT }, () => {
	beforeAll(async () => {
		expect((await exec(['seed-demo'])).code).toBe(0);
	});

	// As a process: what an operator sees on the terminal, with the exit status.
	it('creates a city admin and prints a one-time link to set the password', async () => {
		const { code, stdout, stderr } = run(['create-admin', '--email', 'Clerk@York.example', '--city', 'york', '--role', 'city_admin'], { PORT: '3999' });
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(stdout).toContain('Created the account clerk@york.example; it is now city_admin of York.');
		const link = /http:\/\/127\.0\.0\.1:3999\/reset-password\/([A-Za-z0-9_-]{40,})/.exec(stdout);
		expect(link, stdout).not.toBeNull();
		const found = await lookUp('clerk@york.example');
		expect(found?.roles).toEqual([{ slug: 'york', role: 'city_admin' }]);
		expect(found?.tokens).toEqual([expect.objectContaining({ token_hash: hashToken(link![1]!), purpose: 'reset', used_at: null })]);
		expect(Date.parse(found!.tokens[0]!.expires_at)).toBeGreaterThan(Date.now() + 71 * 3600_000);
	});

	it('adds a role to an existing account and uses --origin for the link', async () => {
		const { code, stdout } = await exec(['create-admin', '--email', 'clerk@york.example', '--city', 'graz', '--role', 'officer', '--origin', 'https://rights.example.org/']);
		expect(code).toBe(0);
		expect(stdout).toContain('clerk@york.example already had an account; it is now officer of Graz.');
		expect(stdout).toMatch(/^ {2}https:\/\/rights\.example\.org\/reset-password\/[A-Za-z0-9_-]+$/m);
		expect((await lookUp('clerk@york.example'))?.roles).toEqual(expect.arrayContaining([{ slug: 'graz', role: 'officer' }, { slug: 'york', role: 'city_admin' }]));
	});

	it('makes a network admin without a city', async () => {
		const { code, stdout } = await exec(['create-admin', '--email', 'coordinator@network.example', '--role', 'network_admin', '--name', 'Coordinator']);
		expect(code).toBe(0);
		expect(stdout).toContain('it is now network_admin');
		const found = await lookUp('coordinator@network.example');
		expect(found?.person).toMatchObject({ network_admin: 1, display_name: 'Coordinator' });
	});

	it.each([
		[['--email', 'a@b.example', '--city', 'atlantis', '--role', 'city_admin'], 'rightscity create-admin: no city with the slug "atlantis"'],
		[['--email', 'not-an-address', '--city', 'york'], 'rightscity create-admin: --email: "not-an-address" is not an e-mail address'],
		[['--city', 'york'], 'rightscity create-admin: --email is required'],
		[['--email', 'a@b.example', '--city', 'york', '--role', 'mayor'], 'rightscity create-admin: --role: unknown role "mayor" (use one of resident, officer, city_admin, cso, network_admin)'],
		[['--email', 'a@b.example', '--role', 'city_admin'], 'rightscity create-admin: --city is required for the role city_admin'],
		[['--email', 'a@b.example', '--role', 'network_admin', '--city', 'york'], 'rightscity create-admin: --city: the network_admin role is not tied to a city'],
		[['--email', 'a@b.example', '--city', 'york', '--origin', 'ftp://x'], 'rightscity create-admin: --origin: "ftp://x" must be an http(s) address']
	])('stops with one line for %j', async (args, expected) => {
		const { code, stdout, stderr } = await exec(['create-admin', ...args]);
		expect(code).toBe(1);
		expect(stdout).toBe('');
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr.trim().startsWith(expected), stderr).toBe(true);
		expect(await lookUp('a@b.example')).toBeUndefined();
	});
});
