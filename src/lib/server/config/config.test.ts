import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, DEVELOPMENT_CONCERNS_KEY, describeDatabase, loadConfig } from './config.ts';

function errorOf(env: Record<string, string>): ConfigError {
	try {
		loadConfig(env);
	} catch (error) {
		if (error instanceof ConfigError) return error;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
	it('defaults to the SQLite file under ./data on 127.0.0.1:3000', () => {
		const config = loadConfig({});
		expect(config.database).toEqual({ dialect: 'sqlite', path: path.resolve('data/rightscity.sqlite') });
		expect(config.port).toBe(3000);
		expect(config.host).toBe('127.0.0.1');
		expect(config.seedDemo).toBe(true);
		expect(Object.isFrozen(config)).toBe(true);
	});

	it('switches to PostgreSQL for a postgres:// DATABASE_URL', () => {
		const config = loadConfig({ DATABASE_URL: 'postgres://app:secret@db.example:5433/rights' });
		expect(config.database.dialect).toBe('postgres');
		expect(describeDatabase(config.database)).toBe('PostgreSQL db.example:5433/rights');
		expect(describeDatabase(config.database)).not.toContain('secret');
	});

	it('takes links in mails from PUBLIC_ORIGIN, else from HOST and PORT, never from a request', () => {
		expect(loadConfig({ PUBLIC_ORIGIN: 'https://rights.example.org/' }).publicOrigin).toBe('https://rights.example.org');
		expect(loadConfig({ PORT: '8080' }).publicOrigin).toBe('http://127.0.0.1:8080');
	});

	it('accepts a sqlite: URL as a file path', () => {
		const config = loadConfig({ DATABASE_URL: 'sqlite:/tmp/x/rights.sqlite' });
		expect(config.database).toEqual({ dialect: 'sqlite', path: '/tmp/x/rights.sqlite' });
	});

	it.each([
		[{ PORT: 'abc' }, 'PORT'],
		[{ PORT: '70000' }, 'PORT'],
		[{ PORT: '0' }, 'PORT'],
		[{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
		[{ DATABASE_URL: 'postgres://host-only' }, 'DATABASE_URL'],
		[{ HOST: 'not a host!' }, 'HOST'],
		[{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
		[{ PUBLIC_ORIGIN: 'rights.example.org' }, 'PUBLIC_ORIGIN'],
		[{ PUBLIC_ORIGIN: 'https://rights.example.org/path' }, 'PUBLIC_ORIGIN'],
		[{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
		[{ SMTP_URL: 'smtp://' }, 'SMTP_URL'],
		[{ SMTP_URL: 'smtp://mail.example.org/inbox' }, 'SMTP_URL'],
		[{ SMTP_URL: 'smtp://u:p@mail.example.org', MAIL_FROM: 'not an address' }, 'MAIL_FROM']
	])('stops with a message naming the variable for %j', (env, variable) => {
		const error = errorOf(env);
		expect(error.variable).toBe(variable);
		expect(error.message.startsWith(`${variable}:`)).toBe(true);
	});

	it('reads CONCERNS_KEYS: the first key encrypts, all decrypt; unset closes reporting; the development key only outside production', () => {
		const k1 = Buffer.alloc(32, 1).toString('base64');
		const k2 = Buffer.alloc(32, 2).toString('base64url');
		const keys = loadConfig({ CONCERNS_KEYS: `k2:${k2}, k1:${k1}` }).concernsKeys;
		expect(keys.source).toBe('configured');
		expect(keys.keys.map((key) => key.id)).toEqual(['k2', 'k1']);
		expect(keys.keys[0]!.key).toEqual(Buffer.alloc(32, 2));
		expect(loadConfig({}).concernsKeys).toEqual({ source: 'none', keys: [] });
		expect(loadConfig({ PUBLIC_ORIGIN: 'https://rights.example.org' }).concernsKeys.source).toBe('none');
		expect(loadConfig({ CONCERNS_KEYS: 'development' }).concernsKeys.keys).toEqual([DEVELOPMENT_CONCERNS_KEY]);
	});

	it.each([
		[{ CONCERNS_KEYS: 'development', NODE_ENV: 'production' }, 'development key'],
		[{ CONCERNS_KEYS: 'development', PUBLIC_ORIGIN: 'https://rights.example.org' }, 'development key'],
		[{ CONCERNS_KEYS: 'k1' }, 'id:key'],
		[{ CONCERNS_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }, '32 bytes'],
		[{ CONCERNS_KEYS: `dev:${Buffer.alloc(32).toString('base64')}` }, 'kept for the development key'],
		[{ CONCERNS_KEYS: `k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}` }, 'twice']
	])('refuses CONCERNS_KEYS %j, saying why', (env, why) => {
		const error = errorOf(env);
		expect(error.variable).toBe('CONCERNS_KEYS');
		expect(error.message).toContain(why);
	});

	it('sends mail through SMTP_URL when it is set, from MAIL_FROM or no-reply at the public host; else keeps it in the outbox', () => {
		expect(loadConfig({}).mail).toBeUndefined();
		expect(loadConfig({ SMTP_URL: 'smtp://user:pw@mail.example.org:587', PUBLIC_ORIGIN: 'https://rights.example.org' }).mail).toEqual({
			smtpUrl: 'smtp://user:pw@mail.example.org:587',
			from: 'Rights City <no-reply@rights.example.org>'
		});
		expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org', MAIL_FROM: 'York HRC <hrc@york.example>' }).mail?.from).toBe('York HRC <hrc@york.example>');
	});

	it('never prints the mail server password in its message', () => {
		expect(errorOf({ SMTP_URL: 'ftp://user:secret-pw@mail.example.org' }).message).not.toContain('secret-pw');
	});
});
