/**
 * Configuration: read once from the environment, validated, typed and frozen.
 * A bad value stops start-up with a message naming the variable (see `ConfigError`).
 *
 * @example
 *   const config = loadConfig(process.env); // throws ConfigError('PORT must be …')
 */
import path from 'node:path';
import { z } from 'zod';

export interface Config {
	readonly database:
		| { readonly dialect: 'sqlite'; readonly path: string }
		| { readonly dialect: 'postgres'; readonly url: string };
	readonly host: string;
	readonly port: number;
	readonly dataDir: string;
	/** Trust X-Forwarded-Proto/-For from a reverse proxy in front of the app. */
	readonly trustProxy: boolean;
	/** Seed the demo network when the database is empty (`serve`). */
	readonly seedDemo: boolean;
	/** Show the mail outbox at /outbox to anyone (development and tests only; no mail server yet). */
	readonly exposeOutbox: boolean;
	/**
	 * The address people reach the site at, for links in mails. Never taken from the request's
	 * Host header (anyone can send a forged one and receive the reset link of someone else).
	 */
	readonly publicOrigin: string;
	/**
	 * Where mail goes out (`SMTP_URL`, `smtp://user:password@host:587` or `smtps://…:465`), and the
	 * sender (`MAIL_FROM`). Unset: mails stay in the outbox (development), nothing is sent.
	 */
	readonly mail: { readonly smtpUrl: string; readonly from: string } | undefined;
	/**
	 * The keys that encrypt rights-concern reports at rest (AES-256-GCM): the first encrypts, all
	 * decrypt (rotation). `development` is the published development key, refused in production.
	 */
	readonly concernsKeys: ConcernsKeys;
	/** NODE_ENV=production, or a public https origin: real residents may be using it. */
	readonly production: boolean;
}

/** One key of CONCERNS_KEYS: an id stored beside every ciphertext, and 32 bytes. */
export interface ConcernsKey {
	readonly id: string;
	readonly key: Buffer;
}

export interface ConcernsKeys {
	/** `configured`: from CONCERNS_KEYS; `development`: the published key (CONCERNS_KEYS=development); `none`: unset. */
	readonly source: 'configured' | 'development' | 'none';
	readonly keys: readonly ConcernsKey[];
}

/** The development key: published in the source, so it protects nothing. Only for the demo and tests. */
export const DEVELOPMENT_CONCERNS_KEY: ConcernsKey = Object.freeze({ id: 'dev', key: Buffer.alloc(32, 'rights-city-development-key-only') });

/**
 * CONCERNS_KEYS: `id:base64key` entries separated by commas, the current key first (e.g.
 * `k2:…,k1:…` after a rotation: new text is encrypted with k2, old text still decrypts with k1
 * until the re-encryption job has moved it). Each key is 32 random bytes in base64 or base64url
 * (`openssl rand -base64 32`).
 */
export function parseConcernsKeys(raw: string | undefined, production: boolean): ConcernsKeys {
	const value = raw?.trim() ?? '';
	// Unset: the server runs, and the report form says that reporting is closed here.
	if (value === '') return { source: 'none', keys: [] };
	if (value === 'development') {
		if (production) throw new ConfigError('CONCERNS_KEYS', 'the published development key may not be used in production; set id:key entries');
		return { source: 'development', keys: [DEVELOPMENT_CONCERNS_KEY] };
	}
	const keys: ConcernsKey[] = [];
	for (const entry of value.split(',')) {
		const match = /^([A-Za-z0-9_-]{1,16}):([A-Za-z0-9+/_-]+={0,2})$/.exec(entry.trim());
		if (!match) throw new ConfigError('CONCERNS_KEYS', 'must be id:key entries separated by commas (id: letters, digits, - or _, at most 16; key: base64)');
		const [, id, encoded] = match;
		const key = Buffer.from(encoded!.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
		if (key.length !== 32) throw new ConfigError('CONCERNS_KEYS', `key "${id}" must be 32 bytes (got ${key.length}); make one with: openssl rand -base64 32`);
		if (id === DEVELOPMENT_CONCERNS_KEY.id) throw new ConfigError('CONCERNS_KEYS', `the id "${id}" is kept for the development key`);
		if (keys.some((known) => known.id === id)) throw new ConfigError('CONCERNS_KEYS', `the id "${id}" is given twice`);
		keys.push(Object.freeze({ id: id!, key }));
	}
	return { source: 'configured', keys: Object.freeze(keys) };
}

export class ConfigError extends Error {
	readonly variable: string;
	constructor(variable: string, message: string) {
		super(`${variable}: ${message}`);
		this.name = 'ConfigError';
		this.variable = variable;
	}
}

const flag = (name: string) =>
	z
		.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''], {
			error: () => `${name} must be true or false`
		})
		.optional()
		.transform((value) => (value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(value)));

const schema = z.object({
	DATABASE_URL: z.string().optional(),
	PORT: z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return 3000;
			const port = Number(value);
			if (!/^\d+$/.test(value) || port < 1 || port > 65535) {
				ctx.addIssue({ code: 'custom', message: `must be a whole number from 1 to 65535 (got "${value}")` });
				return z.NEVER;
			}
			return port;
		}),
	HOST: z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return '127.0.0.1';
			if (!/^[A-Za-z0-9.:\-[\]]+$/.test(value)) {
				ctx.addIssue({ code: 'custom', message: `is not a host name or address (got "${value}")` });
				return z.NEVER;
			}
			return value;
		}),
	DATA_DIR: z.string().optional(),
	TRUST_PROXY: flag('TRUST_PROXY'),
	SEED_DEMO: flag('SEED_DEMO'),
	EXPOSE_OUTBOX: flag('EXPOSE_OUTBOX'),
	CONCERNS_KEYS: z.string().optional(),
	NODE_ENV: z.string().optional(),
	PUBLIC_ORIGIN: z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return undefined;
			try {
				const url = new URL(value);
				if ((url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && !url.search) return url.origin;
			} catch {
				// reported below
			}
			ctx.addIssue({ code: 'custom', message: `must be an origin such as https://rights.example.org (got "${value}")` });
			return z.NEVER;
		}),
	SMTP_URL: z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return undefined;
			try {
				const url = new URL(value.trim());
				if ((url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname && (url.pathname === '' || url.pathname === '/')) return url.href;
			} catch {
				// reported below
			}
			// Never echo the value: it may hold the mail server's password.
			ctx.addIssue({ code: 'custom', message: 'must be smtp://user:password@host:587 or smtps://user:password@host:465 (host required, no path)' });
			return z.NEVER;
		}),
	MAIL_FROM: z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return undefined;
			const text = value.trim();
			if (/^[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+$/.test(text) || /^[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>$/.test(text)) return text;
			ctx.addIssue({ code: 'custom', message: `must be an address such as rights@example.org or "Rights City <rights@example.org>" (got "${text.slice(0, 60)}")` });
			return z.NEVER;
		})
});

function parseDatabase(raw: string | undefined, dataDir: string): Config['database'] {
	if (raw === undefined || raw.trim() === '') {
		return { dialect: 'sqlite', path: path.join(dataDir, 'rightscity.sqlite') };
	}
	const value = raw.trim();
	if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
		}
		if (!url.hostname) throw new ConfigError('DATABASE_URL', 'names no host (postgres://user:password@host:5432/database)');
		if (url.pathname.length <= 1) {
			throw new ConfigError('DATABASE_URL', 'names no database (postgres://user:password@host:5432/database)');
		}
		return { dialect: 'postgres', url: value };
	}
	if (value.startsWith('sqlite:') || value.startsWith('file:')) {
		const file = value.replace(/^(sqlite|file):(\/\/)?/, '');
		if (!file) throw new ConfigError('DATABASE_URL', 'names no SQLite file (sqlite:./data/rightscity.sqlite)');
		return { dialect: 'sqlite', path: path.resolve(file) };
	}
	throw new ConfigError(
		'DATABASE_URL',
		`must start with postgres:// or sqlite: (got "${value.slice(0, 40)}"); leave it unset for the default SQLite file`
	);
}

/** Parse and validate the environment; throws `ConfigError` naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const variable = String(issue.path[0] ?? 'environment');
		throw new ConfigError(variable, issue.message.replace(new RegExp(`^${variable} `), ''));
	}
	const values = parsed.data;
	const dataDir = path.resolve(values.DATA_DIR || './data');
	const production = values.NODE_ENV === 'production' || (values.PUBLIC_ORIGIN?.startsWith('https:') ?? false);
	const publicOrigin = values.PUBLIC_ORIGIN ?? `http://${values.HOST.includes(':') ? `[${values.HOST}]` : values.HOST === '0.0.0.0' ? 'localhost' : values.HOST}:${values.PORT}`;
	return Object.freeze({
		database: Object.freeze(parseDatabase(values.DATABASE_URL, dataDir)),
		host: values.HOST,
		port: values.PORT,
		dataDir,
		trustProxy: values.TRUST_PROXY ?? false,
		seedDemo: values.SEED_DEMO ?? true,
		exposeOutbox: values.EXPOSE_OUTBOX ?? false,
		concernsKeys: Object.freeze(parseConcernsKeys(values.CONCERNS_KEYS, production)),
		production,
		publicOrigin,
		mail: values.SMTP_URL ? Object.freeze({ smtpUrl: values.SMTP_URL, from: values.MAIL_FROM ?? `Rights City <no-reply@${new URL(publicOrigin).hostname.replace(/^\[|\]$/g, '') || 'localhost'}>` }) : undefined
	});
}

/** A description of where the data lives that never prints a password. */
export function describeDatabase(database: Config['database']): string {
	if (database.dialect === 'sqlite') return `SQLite ${database.path}`;
	const url = new URL(database.url);
	return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
