/**
 * The arguments of `rightscity create-admin`, checked before the database is opened: each problem
 * stops the command with one line naming the option.
 */
import { z } from 'zod';
import type { Config } from '../lib/server/config/config.ts';
import type { CityRole } from '../lib/server/accounts/accounts.tables.ts';
import { CliError } from './cli-error.ts';

export const ADMIN_ROLES = ['resident', 'officer', 'city_admin', 'cso', 'network_admin'] as const;
export type AdminRole = CityRole | 'network_admin';

export interface CreateAdminInput {
	email: string;
	role: AdminRole;
	citySlug?: string | undefined;
	displayName?: string | undefined;
	/** Scheme, host and port of the site, without a trailing slash. */
	origin: string;
}

const emailSchema = z.email();

function text(value: string | boolean | undefined): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The site's address for the link: --origin, else the configured HOST:PORT. */
function originOf(value: string | undefined, config: Pick<Config, 'host' | 'port'>): string {
	if (value === undefined) {
		// An "any address" bind is not an address to visit; a bare IPv6 address needs brackets.
		const host = ['0.0.0.0', '::'].includes(config.host) ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
		return `http://${host}:${config.port}`;
	}
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new CliError(`--origin: "${value}" is not an address like https://rights.example.org`);
	}
	if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash) {
		throw new CliError(`--origin: "${value}" must be an http(s) address without a path, like https://rights.example.org`);
	}
	return url.origin;
}

/**
 * @example parseCreateAdminOptions({ email: 'a@b.org', city: 'york', role: 'city_admin' }, config)
 *   // { email: 'a@b.org', role: 'city_admin', citySlug: 'york', origin: 'http://127.0.0.1:3000' }
 */
export function parseCreateAdminOptions(options: Record<string, string | boolean | undefined>, config: Pick<Config, 'host' | 'port'>): CreateAdminInput {
	const rawEmail = text(options.email);
	if (!rawEmail) throw new CliError('--email is required (the address of the administrator)');
	const email = rawEmail.toLowerCase();
	if (email.length > 254 || !emailSchema.safeParse(email).success) throw new CliError(`--email: "${rawEmail}" is not an e-mail address`);
	const role = text(options.role) ?? 'city_admin';
	if (!(ADMIN_ROLES as readonly string[]).includes(role)) throw new CliError(`--role: unknown role "${role}" (use one of ${ADMIN_ROLES.join(', ')})`);
	const city = text(options.city)?.toLowerCase();
	if (role === 'network_admin' && city) throw new CliError('--city: the network_admin role is not tied to a city; leave --city out');
	if (role !== 'network_admin' && !city) throw new CliError(`--city is required for the role ${role} (the city's slug, e.g. --city york)`);
	const displayName = text(options.name);
	if (displayName && displayName.length > 100) throw new CliError('--name: at most 100 characters');
	return { email, role: role as AdminRole, citySlug: city, displayName, origin: originOf(text(options.origin), config) };
}
