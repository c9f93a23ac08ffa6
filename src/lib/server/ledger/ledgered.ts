/**
 * The one write recipe for rows the public ledger follows: read the row before, apply the
 * versioned change (a stale version is a `conflict` and changes nothing), read it after, diff
 * the two snapshots and append one ledger entry — all inside the caller's transaction (or a new
 * one). Services describe their row once (`LedgeredRow`) and call `create` (or `createMany`),
 * `update` or `remove`;
 * the recipe exists in this one place (as Decidim's traceability and `UpdateResource` do).
 *
 * @example
 *   const row = ledgeredRow<Declaration>({ entityType: 'declaration', snapshot: (d) => snapshot(d) });
 *   return ledgered.update(db, row, { cityId, actor }, {
 *     load: (trx) => getDeclaration(trx, cityId, id),
 *     apply: (trx) => repository.updateDeclaration(trx, cityId, id, version, columns),
 *   });
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict } from '../errors.ts';
import { diffSnapshots } from './ledger-hash.ts';
import { appendLedger, appendLedgerMany, type LedgerActor } from './ledger.service.ts';

/** How the ledger sees one kind of row. */
export interface LedgeredRow<T> {
	entityType: string;
	/** What the ledger records of a value; the entry holds the fields that differ. */
	snapshot(value: T): Record<string, unknown>;
	/** The row's id and public reference in the entry. */
	identify(value: T): { id: string; ref: string | null };
}

/** Describes a kind of row; `identify` defaults to the value's `id` and `ref`. */
export function ledgeredRow<T extends { id: string }>(spec: { entityType: string; snapshot(value: T): Record<string, unknown>; identify?(value: T): { id: string; ref: string | null } }): LedgeredRow<T> {
	return {
		entityType: spec.entityType,
		snapshot: spec.snapshot,
		identify: spec.identify ?? ((value) => ({ id: value.id, ref: (value as { ref?: string | null }).ref ?? null }))
	};
}

export interface LedgerAuthor {
	/** The chain (the city's id, or `network`). */
	cityId: string;
	actor: LedgerActor | null;
}

export interface CreateSteps<T> {
	/** Writes the row; returns the new value as the services return it. */
	insert(trx: Db): Promise<T>;
}

export interface CreateManySteps<T> {
	/** Writes the rows (in bulk); returns the new values in the order their entries should have. */
	insert(trx: Db): Promise<T[]>;
}

export interface ChangeSteps<T> {
	/** Reads the current value (throws the module's not-found error). */
	load(trx: Db): Promise<T>;
	/** Checks that need the current value (authorization, references); throws to refuse. */
	check?(trx: Db, before: T): Promise<void> | void;
	/** The versioned write; false when the row changed since the editor read it. */
	apply(trx: Db, before: T, at: string): Promise<boolean>;
}

async function append(trx: Db, row: LedgeredRow<never>, author: LedgerAuthor, value: { id: string; ref: string | null }, action: 'create' | 'update' | 'delete', change: Record<string, unknown>): Promise<void> {
	await appendLedger(trx, { cityId: author.cityId, actor: author.actor, entityType: row.entityType, entityId: value.id, entityRef: value.ref, action, change });
}

/** Inserts a row and records it (every field as `[null, value]`). */
async function create<T>(db: Db, row: LedgeredRow<T>, author: LedgerAuthor, steps: CreateSteps<T>): Promise<T> {
	return inTransaction(db, async (trx) => {
		const created = await steps.insert(trx);
		await append(trx, row as LedgeredRow<never>, author, row.identify(created), 'create', diffSnapshots({}, row.snapshot(created)));
		return created;
	});
}

/** Inserts many rows of one kind and records each (an import, a seed): one entry per row, in order. */
async function createMany<T>(db: Db, row: LedgeredRow<T>, author: LedgerAuthor, steps: CreateManySteps<T>): Promise<T[]> {
	return inTransaction(db, async (trx) => {
		const created = await steps.insert(trx);
		await appendLedgerMany(
			trx,
			author.cityId,
			created.map((value) => {
				const { id, ref } = row.identify(value);
				return { actor: author.actor, entityType: row.entityType, entityId: id, entityRef: ref, action: 'create' as const, change: diffSnapshots({}, row.snapshot(value)) };
			})
		);
		return created;
	});
}

/** Changes a row and records what differs (nothing when nothing did). */
async function update<T>(db: Db, row: LedgeredRow<T>, author: LedgerAuthor, steps: ChangeSteps<T>): Promise<T> {
	return inTransaction(db, async (trx) => {
		const before = await steps.load(trx);
		await steps.check?.(trx, before);
		if (!(await steps.apply(trx, before, nowIso()))) throw conflict();
		const after = await steps.load(trx);
		const change = diffSnapshots(row.snapshot(before), row.snapshot(after));
		if (Object.keys(change).length) await append(trx, row as LedgeredRow<never>, author, row.identify(before), 'update', change);
		return after;
	});
}

/** Soft-deletes a row (`apply` sets `deleted_at` to the time given) and records the deletion. */
async function remove<T>(db: Db, row: LedgeredRow<T>, author: LedgerAuthor, steps: ChangeSteps<T>): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await steps.load(trx);
		await steps.check?.(trx, before);
		const at = nowIso();
		if (!(await steps.apply(trx, before, at))) throw conflict();
		await append(trx, row as LedgeredRow<never>, author, row.identify(before), 'delete', { deleted_at: [null, at] });
	});
}

export const ledgered = { create, createMany, update, remove };
