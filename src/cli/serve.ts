/**
 * `rightscity serve`: migrate, seed demo data into an empty database, then serve the built
 * SvelteKit app with Node's http server on HOST:PORT, shutting down gracefully on SIGINT/SIGTERM.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../lib/server/config/config.ts';
import { openDatabase } from '../lib/server/db/database.ts';
import { migrateToLatest } from '../lib/server/db/migrate.ts';
import { seedDemo } from '../lib/server/demo/seed-demo.ts';
import { CliError } from '../lib/server/cli/cli-error.ts';
import { cacheFront } from '../lib/server/http/page-cache-front.ts';
import { watchLaunchers } from './launcher-watch.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function serve(options: { port?: string | undefined; host?: string | undefined; seed: boolean }): Promise<number> {
	const env = { ...process.env };
	if (options.port !== undefined) env.PORT = options.port;
	if (options.host !== undefined) env.HOST = options.host;
	const config = loadConfig(env);
	// The app inside the handler reads the same environment.
	process.env.PORT = String(config.port);
	process.env.HOST = config.host;

	const database = await openDatabase(config.database);
	try {
		const applied = await migrateToLatest(database.db);
		if (applied.length) console.log(`Applied ${applied.length} migration(s) to ${database.description}.`);
		if (options.seed && config.seedDemo) {
			const seeded = await seedDemo(database.db);
			if (seeded.seeded) console.log(`Seeded ${seeded.cities} demo cities.`);
		}
	} finally {
		await database.close();
	}

	const handlerFile = path.resolve(PROJECT_ROOT, process.env.BUILD_DIR || 'build', 'handler.js');
	if (!fs.existsSync(handlerFile)) throw new CliError('the app is not built yet: run "npm run build" first (npm start does it for you).');
	// SvelteKit checks that form posts come from its own origin, so it must know the protocol:
	// this server speaks plain http; behind a trusted proxy, the proxy's X-Forwarded-Proto says.
	process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
	// Census lists and evidence (up to 5 files of 10 MB with one progress update) are larger than
	// adapter-node's 512 KB default; the services check each file's own limit with a field error.
	process.env.BODY_SIZE_LIMIT ??= '60M';
	if (config.trustProxy) {
		process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
		process.env.XFF_DEPTH ??= '1';
	}
	const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: http.RequestListener };

	const server = http.createServer((request, response) => {
		// An anonymous visitor's page already in the app's render cache is answered here, before
		// SvelteKit (same bytes and headers; see http/page-cache.ts); everything else goes on.
		if (cacheFront()?.(request, response)) return;
		if (!config.trustProxy || !request.headers['x-forwarded-proto']) request.headers['x-forwarded-proto'] = 'http';
		handler(request, response);
	});
	server.keepAliveTimeout = 65_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => {
			reject(
				new CliError(
					error.code === 'EADDRINUSE'
						? `port ${config.port} on ${config.host} is already in use; set PORT to another port.`
						: error.code === 'EADDRNOTAVAIL'
							? `cannot listen on ${config.host}: no such address on this machine; check HOST.`
							: `cannot listen on ${config.host}:${config.port}: ${error.message}`
				)
			);
		});
		server.listen(config.port, config.host, () => resolve());
	});
	const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
	console.log(`Rights City is listening on http://${shown}:${config.port} (${database.description})`);

	await new Promise<void>((resolve) => {
		let stopping = false;
		const stop = (reason: string) => {
			if (stopping) return;
			stopping = true;
			console.log(`${reason}, closing…`);
			server.close(() => resolve());
			server.closeIdleConnections();
			setTimeout(() => server.closeAllConnections(), 10_000).unref();
		};
		process.once('SIGINT', () => stop('SIGINT received'));
		process.once('SIGTERM', () => stop('SIGTERM received'));
		// A launcher killed with SIGKILL cannot pass the signal on: the server notices it is gone.
		watchLaunchers((gone) => stop(`The process that started the server (${gone.pid}) is gone`));
	});
	// Lets the app close its database (hooks listen for this event, as with adapter-node's server).
	process.emit('sveltekit:shutdown' as never, 'SIGTERM' as never);
	return 0;
}
