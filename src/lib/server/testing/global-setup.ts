/**
 * Vitest's global setup: one migrated database per dialect, made once per run, that every test
 * database starts as a copy of (`createTestDatabase`). Running every module's migrations took
 * 1–3 s per test on this machine; a copy takes a few milliseconds (SQLite: the file) or a fraction
 * of a second (PostgreSQL: `CREATE DATABASE … TEMPLATE`).
 *
 * The copies are what `migrateToLatest` makes, so the migrations themselves stay tested: the
 * template is made by them, and the migration tests start from empty databases (`migrate: false`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { adminQuery, databaseUrl } from './postgres-admin.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A migrated SQLite file to copy. */
		sqliteTemplate: string;
		/** The name of a migrated PostgreSQL database to copy, or '' without TEST_DATABASE_URL. */
		postgresTemplate: string;
	}
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-template-'));
	const file = path.join(dir, 'template.sqlite');
	const sqlite = await openDatabase({ dialect: 'sqlite', path: file });
	await migrateToLatest(sqlite.db);
	// Closing the last connection checkpoints the write-ahead log into the file: the file alone is the database.
	await sqlite.close();
	project.provide('sqliteTemplate', file);

	const base = process.env.TEST_DATABASE_URL;
	let template = '';
	if (base) {
		template = `rc_template_${randomBytes(6).toString('hex')}`;
		await adminQuery(base, `create database ${template}`);
		const postgres = await openDatabase({ dialect: 'postgres', url: databaseUrl(base, template) });
		await migrateToLatest(postgres.db, 'public');
		// A template may have no open connection while it is copied.
		await postgres.close();
	}
	project.provide('postgresTemplate', template);

	return async () => {
		fs.rmSync(dir, { recursive: true, force: true });
		if (!base || !template) return;
		// The copies a failed or interrupted test left behind, then the template.
		const left = await adminQuery<{ datname: string }>(base, 'select datname from pg_database where datname like $1', [`${template}\\_%`]);
		for (const { datname } of left) await adminQuery(base, `drop database if exists ${datname} with (force)`);
		await adminQuery(base, `drop database if exists ${template} with (force)`);
	};
}
