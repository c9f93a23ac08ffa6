/**
 * Copies of the migrated databases made once per run by Vitest's global setup (global-setup.ts):
 * a test database starts as one of these copies instead of running every migration again.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { adminQuery, databaseUrl } from './postgres-admin.ts';

// Vitest names itself in its workers; the browser tests (Playwright) import the factories too, and
// make their databases without templates.
const inVitest = Boolean(process.env.VITEST);

/** Copies the migrated SQLite template to `file` (which must not exist yet); false without a template. */
export function copySqliteTemplate(file: string): boolean {
	const template = inVitest ? inject('sqliteTemplate') : undefined;
	if (!template) return false;
	fs.copyFileSync(template, file, fs.constants.COPYFILE_EXCL);
	return true;
}

export interface PostgresCopy {
	url: string;
	drop(): Promise<void>;
}

/**
 * Copies dropped but not yet gone. PostgreSQL checkpoints for every DROP DATABASE (up to seconds
 * on a busy machine), so a test does not wait for it: the drops run one after another behind the
 * tests, and the test file ends when they are done (the disk holds a file's copies at most).
 */
let drops: Promise<void> = Promise.resolve();
// Drops queued behind a file's last tests may take a while on a busy machine: the run's end drops
// whatever is left anyway, so waiting here only keeps the disk small; it must not fail the file.
if (inVitest) afterAll(() => drops, 300_000);

/** A new database on the server of `base`, copied from the migrated template; null without a template. */
export async function copyPostgresTemplate(base: string): Promise<PostgresCopy | null> {
	const template = inVitest ? inject('postgresTemplate') : undefined;
	if (!template) return null;
	// Named after the run's template, so that the run's end drops whatever a failed test left.
	const name = `${template}_${randomBytes(6).toString('hex')}`;
	await adminQuery(base, `create database ${name} template ${template}`);
	return {
		url: databaseUrl(base, name),
		drop: async () => {
			drops = drops.then(async () => void (await adminQuery(base, `drop database if exists ${name} with (force)`))).catch((error: unknown) => console.warn(`Could not drop the test database ${name}: ${String(error)}`));
		}
	};
}
