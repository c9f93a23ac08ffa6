/**
 * The CLI's commands. Each opens what it needs from the validated configuration, does one job,
 * reports in plain words and returns an exit code.
 */
import { migrateToLatest, pendingMigrations } from '../lib/server/db/migrate.ts';
import { seedDemo } from '../lib/server/demo/seed-demo.ts';
import { serve } from './serve.ts';
import { withDatabase, type Command } from './command.ts';
import { loadConfig } from '../lib/server/config/config.ts';
import { commitmentCommands } from './commitments-commands.ts';
import { indicatorCommands } from './indicators-commands.ts';
import { CliError } from './cli-error.ts';
import { ADMIN_ROLES, parseCreateAdminOptions } from './create-admin-options.ts';
import { createAdmin } from '../lib/server/accounts/roles.service.ts';
import { passwordSetupLink, SETUP_LINK_HOURS } from '../lib/server/accounts/admin-invite.ts';
import { getCity } from '../lib/server/cities/cities.service.ts';
import { isDomainError } from '../lib/server/errors.ts';

export const commands: Command[] = [
	{
		name: 'migrate',
		summary: 'Apply pending database migrations',
		details: 'Works on the database named by DATABASE_URL (default: the SQLite file ./data/rightscity.sqlite).',
		options: [{ name: 'status', type: 'boolean', description: 'List pending migrations without applying them' }],
		run: (options) =>
			withDatabase(async (database) => {
				if (options.status) {
					const pending = await pendingMigrations(database.db);
					console.log(pending.length ? `Pending on ${database.description}:\n  ${pending.join('\n  ')}` : `${database.description} is up to date.`);
					return 0;
				}
				const applied = await migrateToLatest(database.db);
				console.log(applied.length ? `Applied ${applied.length} migration(s) to ${database.description}: ${applied.join(', ')}` : `${database.description} is up to date.`);
				return 0;
			})
	},
	{
		name: 'seed-demo',
		summary: 'Load the demo network (the human rights cities) into an empty database',
		details: 'Does nothing when the registry already has cities, so it never touches real data.',
		options: [],
		run: () =>
			withDatabase(async (database) => {
				await migrateToLatest(database.db);
				const result = await seedDemo(database.db);
				console.log(result.seeded ? `Seeded ${result.cities} demo cities into ${database.description}.` : `${database.description} already has data; nothing seeded.`);
				return 0;
			})
	},
	{
		name: 'serve',
		summary: 'Start the web server (migrates, and seeds demo data into an empty database)',
		details: 'Serves the built app (npm run build) on HOST:PORT (default 127.0.0.1:3000).',
		options: [
			{ name: 'port', type: 'string', placeholder: 'number', description: 'Port to listen on (overrides PORT)' },
			{ name: 'host', type: 'string', placeholder: 'address', description: 'Address to listen on (overrides HOST)' },
			{ name: 'no-seed', type: 'boolean', description: 'Do not seed demo data into an empty database' }
		],
		run: (options) =>
			serve({
				port: typeof options.port === 'string' ? options.port : undefined,
				host: typeof options.host === 'string' ? options.host : undefined,
				seed: !options['no-seed']
			})
	},
	{
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
				await migrateToLatest(database.db);
				let cityName: string | undefined;
				if (input.citySlug) {
					const city = await getCity(database.db, input.citySlug).catch((error: unknown) => {
						if (isDomainError(error, 'city_not_found')) throw new CliError(`no city with the slug "${input.citySlug}" (the slugs are in the addresses of the directory, /cities/<slug>)`);
						throw error;
					});
					cityName = city.displayName;
				}
				const { personId, created } = await createAdmin(database.db, input);
				const link = await passwordSetupLink(database.db, personId, input.origin);
				const what = input.role === 'network_admin' ? 'network_admin' : `${input.role} of ${cityName}`;
				console.log(created ? `Created the account ${input.email}; it is now ${what}.` : `${input.email} already had an account; it is now ${what}.`);
				console.log(`Give this one-time link to ${input.email} to set a password (valid for ${SETUP_LINK_HOURS} hours):`);
				console.log(`  ${link}`);
				return 0;
			});
		}
	},
	...commitmentCommands,
	...indicatorCommands
];
