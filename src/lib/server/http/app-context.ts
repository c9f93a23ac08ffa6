/**
 * First handler with state: puts the running app's pieces on `locals` (database, its dialect,
 * configuration, file store), opening the app on the first request if `init` has not yet.
 *
 * @example sequence(appContext(), sessionHandle, …)
 */
import type { Handle } from '@sveltejs/kit/hooks';
import { startApp, type App } from '../app.ts';

/** `start` is the app to use (tests pass their own); by default the one app of this process. */
export function appContext(start: () => Promise<App> = () => startApp()): Handle {
	return async function appContextHandle({ event, resolve }) {
		const app = await start();
		event.locals.db = app.database.db;
		event.locals.dialect = app.database.dialect;
		event.locals.config = app.config;
		event.locals.files = app.files;
		return resolve(event);
	};
}
