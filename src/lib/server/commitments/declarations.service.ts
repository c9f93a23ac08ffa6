/**
 * Use cases for a city's declarations and departments. City admins only; every change writes
 * its ledger entry in the same transaction. Edits carry the version the editor saw; a stale
 * version is a `conflict` and changes nothing.
 *
 * @example
 *   const declaration = await createDeclaration(db, actor, cityId, { title: { en: 'York Human Rights City declaration' }, adoptedBy: 'council_decision', process: 'formal' });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import type { MaybeActor } from '../accounts/actor.ts';
import * as repository from './commitments.repository.ts';
import { canManageCommitments } from './commitments.policy.ts';
import { declarationInputSchema, departmentInputSchema, fieldErrors, validateInput, type DeclarationInput, type DepartmentInput } from './commitments.schema.ts';
import type { Declaration, Department } from './commitments.types.ts';
import { snapshot, toDeclaration, toDepartment } from './mappers.ts';
import { appendLedger } from './ledger.service.ts';
import { diffSnapshots } from './ledger-hash.ts';
import { nextRef } from './refs.ts';

export function forbid(): DomainError {
	return new DomainError('forbidden', 'forbidden');
}

export function conflict(): DomainError {
	return new DomainError('conflict', 'edited_by_someone_else', { field: 'form', rule: 'conflict' });
}

function requireManager(actor: MaybeActor, cityId: string): void {
	if (!canManageCommitments(actor, cityId)) throw forbid();
}

export async function listDeclarations(db: Db, cityId: string): Promise<Declaration[]> {
	return (await repository.listDeclarations(db, cityId)).map(toDeclaration);
}

export async function getDeclaration(db: Db, cityId: string, id: string): Promise<Declaration> {
	const row = await repository.findDeclaration(db, cityId, id);
	if (!row) throw new DomainError('declaration_not_found', 'declaration_not_found');
	return toDeclaration(row);
}

/** A declaration by its public reference (`D-1`). */
export async function getDeclarationByRef(db: Db, cityId: string, ref: string): Promise<Declaration> {
	// A city has a handful of declarations: reading them all is simpler than another query.
	const row = (await repository.listDeclarations(db, cityId)).find((declaration) => declaration.ref === ref);
	if (!row) throw new DomainError('declaration_not_found', 'declaration_not_found');
	return toDeclaration(row);
}

export async function createDeclaration(db: Db, actor: MaybeActor, cityId: string, input: DeclarationInput): Promise<Declaration> {
	requireManager(actor, cityId);
	const valid = validateInput(declarationInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const now = nowIso();
		const id = uuidv7();
		const ref = await nextRef(trx, 'declaration', cityId);
		await repository.insertDeclaration(trx, {
			city_id: cityId,
			id,
			ref,
			title: JSON.stringify(valid.title),
			adopted_on: valid.adoptedOn,
			adopted_by: valid.adoptedBy as Declaration['adoptedBy'],
			process: valid.process,
			instruments: JSON.stringify(valid.instruments),
			full_text: JSON.stringify(valid.fullText),
			source_url: valid.sourceUrl,
			version: 1,
			created_at: now,
			updated_at: now,
			deleted_at: null
		});
		const created = await getDeclaration(trx, cityId, id);
		await appendLedger(trx, { cityId, actor, entityType: 'declaration', entityId: id, entityRef: ref, action: 'create', change: diffSnapshots({}, snapshot(created)) });
		return created;
	});
}

export async function updateDeclaration(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: DeclarationInput): Promise<Declaration> {
	requireManager(actor, cityId);
	const valid = validateInput(declarationInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const before = await getDeclaration(trx, cityId, id);
		const saved = await repository.updateDeclaration(trx, cityId, id, version, {
			title: JSON.stringify(valid.title),
			adopted_on: valid.adoptedOn,
			adopted_by: valid.adoptedBy as Declaration['adoptedBy'],
			process: valid.process,
			instruments: JSON.stringify(valid.instruments),
			full_text: JSON.stringify(valid.fullText),
			source_url: valid.sourceUrl,
			updated_at: nowIso()
		});
		if (!saved) throw conflict();
		const after = await getDeclaration(trx, cityId, id);
		const change = diffSnapshots(snapshot(before), snapshot(after));
		if (Object.keys(change).length) await appendLedger(trx, { cityId, actor, entityType: 'declaration', entityId: id, entityRef: before.ref, action: 'update', change });
		return after;
	});
}

export async function deleteDeclaration(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	requireManager(actor, cityId);
	await db.transaction().execute(async (trx) => {
		const before = await getDeclaration(trx, cityId, id);
		const at = nowIso();
		if (!(await repository.updateDeclaration(trx, cityId, id, version, { deleted_at: at, updated_at: at }))) throw conflict();
		await appendLedger(trx, { cityId, actor, entityType: 'declaration', entityId: id, entityRef: before.ref, action: 'delete', change: { deleted_at: [null, at] } });
	});
}

export async function listDepartments(db: Db, cityId: string): Promise<Department[]> {
	return (await repository.listDepartments(db, cityId)).map(toDepartment);
}

export async function createDepartment(db: Db, actor: MaybeActor, cityId: string, input: DepartmentInput): Promise<Department> {
	requireManager(actor, cityId);
	const valid = validateInput(departmentInputSchema, input);
	return db.transaction().execute(async (trx) => {
		if (await repository.findDepartmentByCode(trx, cityId, valid.code)) throw fieldErrors({ code: 'code_taken' });
		const now = nowIso();
		const row = { city_id: cityId, id: uuidv7(), code: valid.code, name: JSON.stringify(valid.name), version: 1, created_at: now, updated_at: now, deleted_at: null };
		await repository.insertDepartment(trx, row);
		const created = toDepartment(row);
		await appendLedger(trx, { cityId, actor, entityType: 'department', entityId: row.id, entityRef: row.code, action: 'create', change: diffSnapshots({}, snapshot(created)) });
		return created;
	});
}

/** Renames a department (its code stays: officers' roles name it). */
export async function updateDepartment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: Pick<DepartmentInput, 'name'>): Promise<Department> {
	requireManager(actor, cityId);
	return db.transaction().execute(async (trx) => {
		const row = await repository.findDepartment(trx, cityId, id);
		if (!row) throw new DomainError('department_not_found', 'department_not_found');
		const valid = validateInput(departmentInputSchema, { code: row.code, name: input.name });
		if (!(await repository.updateDepartment(trx, cityId, id, version, { name: JSON.stringify(valid.name), updated_at: nowIso() }))) throw conflict();
		const after = toDepartment((await repository.findDepartment(trx, cityId, id))!);
		await appendLedger(trx, { cityId, actor, entityType: 'department', entityId: id, entityRef: row.code, action: 'update', change: diffSnapshots(snapshot(toDepartment(row)), snapshot(after)) });
		return after;
	});
}

/** Removes a department no live action names; one still in use is a conflict. */
export async function deleteDepartment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	requireManager(actor, cityId);
	await db.transaction().execute(async (trx) => {
		const row = await repository.findDepartment(trx, cityId, id);
		if (!row) throw new DomainError('department_not_found', 'department_not_found');
		if ((await repository.countActionsOfDepartment(trx, cityId, id)) > 0) throw new DomainError('conflict', 'department_in_use', { field: 'form', rule: 'department_in_use' });
		const at = nowIso();
		if (!(await repository.updateDepartment(trx, cityId, id, version, { deleted_at: at, updated_at: at }))) throw conflict();
		await appendLedger(trx, { cityId, actor, entityType: 'department', entityId: id, entityRef: row.code, action: 'delete', change: { deleted_at: [null, at] } });
	});
}
