/**
 * `rightscity create-admin`: makes someone an administrator and prints a one-time link to set
 * their password. The arguments are checked before the database is opened: each problem stops
 * the command with one line naming the option.
 */
import { z } from 'zod';
import { loadConfig, type Config } from '../config/config.ts';
import type { CityRole } from './accounts.tables.ts';
import { CliError } from '../cli/cli-error.ts';
import { withDatabase, requireCity, type Command } from '../cli/command.ts';
import { createAdmin } from './roles.service.ts';
import { passwordSetupLink, SETUP_LINK_HOURS } from './admin-invite.ts';

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

export const createAdminCommand: Command = {
	name: 'create-admin',
	summary: 'Make someone an administrator and print a one-time link to set their password',
	details: [
		'Creates the account if the e-mail address has none, grants the role, and prints a link',
		`(valid for ${SETUP_LINK_HOURS} hours, usable once) with which the person sets a password.`,
		'Example: rightscity create-admin --email clerk@york.gov.uk --city york --role city_admin'
	].join('\n'),
	options: [
		{ name: 'email', type: 'string', placeholder: 'address', description: 'E-mail address of the administrator (required)' },
		{ name: 'role', type: 'string', placeholder: 'role', description: `${ADMIN_ROLES.join(', ')} (default city_admin)` },
		{ name: 'city', type: 'string', placeholder: 'slug', description: 'City the role applies to (not for network_admin)' },
		{ name: 'name', type: 'string', placeholder: 'text', description: 'Display name of a new account (default: the part before @)' },
		{ name: 'origin', type: 'string', placeholder: 'url', description: 'Address of the site in the link (default http://HOST:PORT)' }
	],
	run: async (options) => {
		const config = loadConfig();
		const input = parseCreateAdminOptions(options, config);
		return withDatabase(async (database) => {
			const cityName = input.citySlug ? (await requireCity(database.db, input.citySlug)).displayName : undefined;
			const { personId, created } = await createAdmin(database.db, input);
			const link = await passwordSetupLink(database.db, personId, input.origin);
			const what = input.role === 'network_admin' ? 'network_admin' : `${input.role} of ${cityName}`;
			console.log(created ? `Created the account ${input.email}; it is now ${what}.` : `${input.email} already had an account; it is now ${what}.`);
			console.log(`Give this one-time link to ${input.email} to set a password (valid for ${SETUP_LINK_HOURS} hours):`);
			console.log(`  ${link}`);
			return 0;
		}, { migrate: true });
	}
};
