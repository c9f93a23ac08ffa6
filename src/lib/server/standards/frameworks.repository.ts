/**
 * Queries for framework versions and the signing keys (network-level rows).
 */
import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FrameworkVersionTable, SigningKeyTable } from './standards.tables.ts';

export async function insertVersion(db: Db, row: Insertable<FrameworkVersionTable>): Promise<void> {
	await db.insertInto('standards_framework_version').values(row).execute();
}

export async function findVersion(db: Db, id: string) {
	return db.selectFrom('standards_framework_version').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVersionByLabel(db: Db, framework: string, version: string) {
	return db.selectFrom('standards_framework_version').selectAll().where('framework', '=', framework).where('version', '=', version).executeTakeFirst();
}

/** Every version (documents included), newest first within a framework. */
export async function listVersions(db: Db) {
	return db.selectFrom('standards_framework_version').selectAll().orderBy('framework').orderBy('created_at', 'desc').execute();
}

export async function listVersionsByIds(db: Db, ids: readonly string[]) {
	if (ids.length === 0) return [];
	return db.selectFrom('standards_framework_version').selectAll().where('id', 'in', [...ids]).execute();
}

/** Changes a version's status only from the status the caller saw (false when it moved meanwhile). */
export async function updateVersionStatus(db: Db, id: string, from: FrameworkVersionTable['status'], values: Updateable<FrameworkVersionTable>): Promise<boolean> {
	const result = await db.updateTable('standards_framework_version').set(values).where('id', '=', id).where('status', '=', from).executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function deleteDraftVersion(db: Db, id: string): Promise<boolean> {
	const result = await db.deleteFrom('standards_framework_version').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

export async function listSigningKeys(db: Db): Promise<Pick<SigningKeyTable, 'kid' | 'public_jwk' | 'created_at' | 'retired_at'>[]> {
	return db.selectFrom('standards_signing_key').select(['kid', 'public_jwk', 'created_at', 'retired_at']).orderBy('created_at', 'desc').execute();
}

/** The key that signs now: the newest one not retired. */
export async function findCurrentSigningKey(db: Db) {
	return db.selectFrom('standards_signing_key').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').executeTakeFirst();
}

export async function insertSigningKey(db: Db, row: SigningKeyTable): Promise<void> {
	await db.insertInto('standards_signing_key').values(row).execute();
}

export async function retireSigningKeys(db: Db, at: string): Promise<void> {
	await db.updateTable('standards_signing_key').set({ retired_at: at }).where('retired_at', 'is', null).execute();
}
