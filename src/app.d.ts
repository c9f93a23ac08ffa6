// Types shared by the SvelteKit app: what hooks put on `locals`, and the error shape.
import type { Db, Dialect } from '#lib/server/db/database.ts';
import type { Config } from '#lib/server/config/config.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import type { Actor } from '#lib/server/accounts/actor.ts';
import type { FileStore } from '#lib/server/files/file-store.ts';

declare global {
	namespace App {
		interface Locals {
			db: Db;
			/** The validated configuration (see server/config). */
			config: Config;
			dialect: Dialect;
			/** Where evidence files are kept (built once with the app). */
			files: FileStore;
			locale: Locale;
			/** The signed-in person, or null for an anonymous visitor. */
			actor: Actor | null;
			/** The visitor's CSRF token, for the hidden `_csrf` field of every form. */
			csrf: string;
			/** Set when a post's body could not be read (http/form-body.ts): the page says so. */
			formProblem?: import('#lib/server/http/form-body.ts').FormBodyProblem;
		}
		interface Error {
			message: string;
			/** A stable code the error page translates, e.g. 'not_found'. */
			code?: string;
			/** Reference to quote when reporting a server error (no details leak to the page). */
			reference?: string;
		}
	}
}

export {};
