/**
 * Use cases for a city's declarations and departments. City admins only; every change writes
 * its ledger entry in the same transaction (ledgered.ts). Edits carry the version the editor
 * saw; a stale version is a `conflict` and changes nothing.
 *
 * @example
 *   const declaration = await createDeclaration(db, actor, cityId, { title: { en: 'York Human Rights City declaration' }, adoptedBy: 'council_decision', process: 'formal' });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as repository from './commitments.repository.ts';
import { canManageCommitments } from './commitments.policy.ts';
import { declarationInputSchema, departmentInputSchema, type DeclarationInput, type DepartmentInput } from './commitments.schema.ts';
import type { Declaration, Department } from './commitments.types.ts';
import { toDeclaration, toDepartment } from './mappers.ts';
import { declarationRow, departmentRow } from './ledger-rows.ts';
import { nextRef } from './refs.ts';

/** Throws `forbidden` unless the actor manages the city's commitments (its admins, the network admin). */
export function requireManager(actor: MaybeActor, cityId: string): void {
	if (!canManageCommitments(actor, cityId)) throw forbidden();
}

export async function listDeclarations(db: Db, cityId: string): Promise<Declaration[]> {
	return (await repository.listDeclarations(db, cityId)).map(toDeclaration);
}

export async function getDeclaration(db: Db, cityId: string, id: string): Promise<Declaration> {
	const row = await repository.findDeclaration(db, cityId, id);
	if (!row) throw new DomainError('declaration_not_found');
	return toDeclaration(row);
}

/** A declaration by its public reference (`D-1`). */
export async function getDeclarationByRef(db: Db, cityId: string, ref: string): Promise<Declaration> {
	// A city has a handful of declarations: reading them all is simpler than another query.
	const row = (await repository.listDeclarations(db, cityId)).find((declaration) => declaration.ref === ref);
	if (!row) throw new DomainError('declaration_not_found');
	return toDeclaration(row);
}

function declarationColumns(input: DeclarationInput) {
	const valid = parseInput(declarationInputSchema, input);
	return {
		title: JSON.stringify(valid.title),
		adopted_on: valid.adoptedOn,
		adopted_by: valid.adoptedBy as Declaration['adoptedBy'],
		process: valid.process,
		instruments: JSON.stringify(valid.instruments),
		full_text: JSON.stringify(valid.fullText),
		source_url: valid.sourceUrl
	};
}

export async function createDeclaration(db: Db, actor: MaybeActor, cityId: string, input: DeclarationInput): Promise<Declaration> {
	requireManager(actor, cityId);
	const columns = declarationColumns(input);
	return ledgered.create(db, declarationRow, { cityId, actor }, {
		insert: async (trx) => {
			const now = nowIso();
			const id = uuidv7();
			await repository.insertDeclaration(trx, { city_id: cityId, id, ref: await nextRef(trx, 'declaration', cityId), ...columns, version: 1, created_at: now, updated_at: now, deleted_at: null });
			return getDeclaration(trx, cityId, id);
		}
	});
}

export async function updateDeclaration(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: DeclarationInput): Promise<Declaration> {
	requireManager(actor, cityId);
	const columns = declarationColumns(input);
	return ledgered.update(db, declarationRow, { cityId, actor }, {
		load: (trx) => getDeclaration(trx, cityId, id),
		apply: (trx, _before, at) => repository.updateDeclaration(trx, cityId, id, version, { ...columns, updated_at: at })
	});
}

export async function deleteDeclaration(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	requireManager(actor, cityId);
	await ledgered.remove(db, declarationRow, { cityId, actor }, {
		load: (trx) => getDeclaration(trx, cityId, id),
		apply: (trx, _before, at) => repository.updateDeclaration(trx, cityId, id, version, { deleted_at: at, updated_at: at })
	});
}

export async function listDepartments(db: Db, cityId: string): Promise<Department[]> {
	return (await repository.listDepartments(db, cityId)).map(toDepartment);
}

async function getDepartment(db: Db, cityId: string, id: string): Promise<Department> {
	const row = await repository.findDepartment(db, cityId, id);
	if (!row) throw new DomainError('department_not_found');
	return toDepartment(row);
}

export async function createDepartment(db: Db, actor: MaybeActor, cityId: string, input: DepartmentInput): Promise<Department> {
	requireManager(actor, cityId);
	const valid = parseInput(departmentInputSchema, input);
	return ledgered.create(db, departmentRow, { cityId, actor }, {
		insert: async (trx) => {
			if (await repository.findDepartmentByCode(trx, cityId, valid.code)) throw fieldErrors({ code: 'code_taken' });
			const now = nowIso();
			const row = { city_id: cityId, id: uuidv7(), code: valid.code, name: JSON.stringify(valid.name), version: 1, created_at: now, updated_at: now, deleted_at: null };
			await repository.insertDepartment(trx, row);
			return toDepartment(row);
		}
	});
}

/** Renames a department (its code stays: officers' roles name it). */
export async function updateDepartment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: Pick<DepartmentInput, 'name'>): Promise<Department> {
	requireManager(actor, cityId);
	return ledgered.update(db, departmentRow, { cityId, actor }, {
		load: (trx) => getDepartment(trx, cityId, id),
		apply: (trx, before, at) => {
			const valid = parseInput(departmentInputSchema, { code: before.code, name: input.name });
			return repository.updateDepartment(trx, cityId, id, version, { name: JSON.stringify(valid.name), updated_at: at });
		}
	});
}

/** Removes a department no live action names; one still in use is a conflict. */
export async function deleteDepartment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	requireManager(actor, cityId);
	await ledgered.remove(db, departmentRow, { cityId, actor }, {
		load: (trx) => getDepartment(trx, cityId, id),
		check: async (trx) => {
			if ((await repository.countActionsOfDepartment(trx, cityId, id)) > 0) throw conflict('department_in_use');
		},
		apply: (trx, _before, at) => repository.updateDepartment(trx, cityId, id, version, { deleted_at: at, updated_at: at })
	});
}
