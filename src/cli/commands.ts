/**
 * The CLI's commands: the installation's own (migrate, seed the demo, serve) and every module's.
 * Each opens what it needs from the validated configuration, does one job, reports in plain
 * words and returns an exit code.
 */
import { migrateToLatest, pendingMigrations } from '../lib/server/db/migrate.ts';
import { seedDemo } from '../lib/server/demo/seed-demo.ts';
import { commandsOf } from '../lib/server/module.ts';
import { modules } from '../lib/server/modules.ts';
import { withDatabase, type Command } from '../lib/server/cli/command.ts';
import { serve } from './serve.ts';

const coreCommands: Command[] = [
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
	}
];

export const commands: Command[] = commandsOf(modules, coreCommands);
