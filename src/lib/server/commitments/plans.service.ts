/**
 * Use cases for action plans and commitments. A commitment sits in a declaration or a plan and is
 * tagged with UDHR articles, Gwangju principles and SDG targets (a target implies its goal), a
 * duty and the population groups it is for. City admins only; every change is in the ledger.
 *
 * @example
 *   const plan = await createPlan(db, actor, cityId, { title: { en: 'Action plan 2025–2028' }, periodStart: 2025, periodEnd: 2028 });
 *   await createCommitment(db, actor, cityId, { planId: plan.id, title: { en: 'Adequate housing for all' }, tags: ['udhr:25', 'sdg:11.1'] });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import type { MaybeActor } from '../accounts/actor.ts';
import * as repository from './commitments.repository.ts';
import { listActions as listActionRows } from './actions.repository.ts';
import { canManageCommitments } from './commitments.policy.ts';
import { commitmentInputSchema, fieldErrors, planInputSchema, validateInput, type CommitmentInput, type PlanInput } from './commitments.schema.ts';
import type { ActionPlan, Commitment } from './commitments.types.ts';
import { snapshot, toCommitment, toPlan } from './mappers.ts';
import { appendLedger } from './ledger.service.ts';
import { diffSnapshots } from './ledger-hash.ts';
import { nextRef } from './refs.ts';
import { conflict, forbid } from './declarations.service.ts';

function requireManager(actor: MaybeActor, cityId: string): void {
	if (!canManageCommitments(actor, cityId)) throw forbid();
}

export async function listPlans(db: Db, cityId: string): Promise<ActionPlan[]> {
	return (await repository.listPlans(db, cityId)).map(toPlan);
}

export async function getPlan(db: Db, cityId: string, id: string): Promise<ActionPlan> {
	const row = await repository.findPlan(db, cityId, id);
	if (!row) throw new DomainError('plan_not_found', 'plan_not_found');
	return toPlan(row);
}

export async function getPlanByRef(db: Db, cityId: string, ref: string): Promise<ActionPlan> {
	const row = await repository.findPlanByRef(db, cityId, ref);
	if (!row) throw new DomainError('plan_not_found', 'plan_not_found');
	return toPlan(row);
}

async function checkDeclaration(db: Db, cityId: string, declarationId: string | null): Promise<void> {
	if (declarationId && !(await repository.findDeclaration(db, cityId, declarationId))) throw fieldErrors({ declarationId: 'declaration_unknown' });
}

export async function createPlan(db: Db, actor: MaybeActor, cityId: string, input: PlanInput): Promise<ActionPlan> {
	requireManager(actor, cityId);
	const valid = validateInput(planInputSchema, input);
	return db.transaction().execute(async (trx) => {
		await checkDeclaration(trx, cityId, valid.declarationId);
		const now = nowIso();
		const id = uuidv7();
		const ref = await nextRef(trx, 'action_plan', cityId);
		await repository.insertPlan(trx, {
			city_id: cityId,
			id,
			ref,
			declaration_id: valid.declarationId,
			title: JSON.stringify(valid.title),
			period_start: valid.periodStart,
			period_end: valid.periodEnd,
			rollup: valid.rollup as ActionPlan['rollup'],
			version: 1,
			created_at: now,
			updated_at: now,
			deleted_at: null
		});
		const created = await getPlan(trx, cityId, id);
		await appendLedger(trx, { cityId, actor, entityType: 'plan', entityId: id, entityRef: ref, action: 'create', change: diffSnapshots({}, snapshot(created)) });
		return created;
	});
}

export async function updatePlan(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: PlanInput): Promise<ActionPlan> {
	requireManager(actor, cityId);
	const valid = validateInput(planInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const before = await getPlan(trx, cityId, id);
		await checkDeclaration(trx, cityId, valid.declarationId);
		const saved = await repository.updatePlan(trx, cityId, id, version, {
			declaration_id: valid.declarationId,
			title: JSON.stringify(valid.title),
			period_start: valid.periodStart,
			period_end: valid.periodEnd,
			rollup: valid.rollup as ActionPlan['rollup'],
			updated_at: nowIso()
		});
		if (!saved) throw conflict();
		const after = await getPlan(trx, cityId, id);
		const change = diffSnapshots(snapshot(before), snapshot(after));
		if (Object.keys(change).length) await appendLedger(trx, { cityId, actor, entityType: 'plan', entityId: id, entityRef: before.ref, action: 'update', change });
		return after;
	});
}

/**
 * Checks tag codes against the frameworks and adds the goal each SDG target implies.
 * Unknown codes are a field error on `tags` naming them.
 */
export async function resolveTags(db: Db, tags: readonly string[]): Promise<{ code: string; implied: boolean }[]> {
	const wanted = [...new Set(tags)];
	const found = await repository.existingFrameworkCodes(db, wanted);
	const known = new Map(found.map((entry) => [entry.code, entry.parent_code]));
	const unknown = wanted.filter((code) => !known.has(code) || !/^(udhr|gwangju|sdg):/.test(code));
	if (unknown.length) throw new DomainError('invalid_input', 'tag_unknown', { field: 'tags', rule: 'tag_unknown', fields: { tags: 'tag_unknown' }, unknown });
	const result = wanted.map((code) => ({ code, implied: false }));
	for (const code of wanted) {
		const parent = known.get(code);
		if (code.startsWith('sdg:') && parent && !wanted.includes(parent) && !result.some((tag) => tag.code === parent)) result.push({ code: parent, implied: true });
	}
	return result;
}

export async function listCommitments(db: Db, cityId: string, filter: { planId?: string; declarationId?: string } = {}): Promise<Commitment[]> {
	const rows = await repository.listCommitments(db, cityId, filter);
	const tags = await repository.listTags(db, cityId, filter.planId || filter.declarationId ? rows.map((row) => row.id) : undefined);
	const byCommitment = new Map<string, { code: string; implied: number }[]>();
	for (const tag of tags) {
		const list = byCommitment.get(tag.commitment_id) ?? [];
		list.push(tag);
		byCommitment.set(tag.commitment_id, list);
	}
	return rows.map((row) => toCommitment(row, byCommitment.get(row.id) ?? []));
}

export async function getCommitment(db: Db, cityId: string, id: string): Promise<Commitment> {
	const row = await repository.findCommitment(db, cityId, id);
	if (!row) throw new DomainError('commitment_not_found', 'commitment_not_found');
	return toCommitment(row, await repository.listTags(db, cityId, [id]));
}

export async function getCommitmentByRef(db: Db, cityId: string, ref: string): Promise<Commitment> {
	const row = await repository.findCommitmentByRef(db, cityId, ref);
	if (!row) throw new DomainError('commitment_not_found', 'commitment_not_found');
	return toCommitment(row, await repository.listTags(db, cityId, [row.id]));
}

async function checkContainers(db: Db, cityId: string, declarationId: string | null, planId: string | null): Promise<void> {
	await checkDeclaration(db, cityId, declarationId);
	if (planId && !(await repository.findPlan(db, cityId, planId))) throw fieldErrors({ planId: 'plan_unknown' });
}

export async function createCommitment(db: Db, actor: MaybeActor, cityId: string, input: CommitmentInput): Promise<Commitment> {
	requireManager(actor, cityId);
	const valid = validateInput(commitmentInputSchema, input);
	return db.transaction().execute(async (trx) => {
		await checkContainers(trx, cityId, valid.declarationId, valid.planId);
		const tags = await resolveTags(trx, valid.tags);
		const now = nowIso();
		const id = uuidv7();
		const ref = await nextRef(trx, 'commitment', cityId);
		const siblings = await repository.listCommitments(trx, cityId, valid.planId ? { planId: valid.planId } : { declarationId: valid.declarationId ?? undefined });
		await repository.insertCommitment(trx, {
			city_id: cityId,
			id,
			ref,
			declaration_id: valid.declarationId,
			plan_id: valid.planId,
			title: JSON.stringify(valid.title),
			description: JSON.stringify(valid.description),
			duty: valid.duty,
			groups: JSON.stringify(valid.groups),
			position: siblings.length,
			version: 1,
			created_at: now,
			updated_at: now,
			deleted_at: null
		});
		await repository.replaceTags(trx, cityId, id, tags);
		const created = await getCommitment(trx, cityId, id);
		await appendLedger(trx, { cityId, actor, entityType: 'commitment', entityId: id, entityRef: ref, action: 'create', change: diffSnapshots({}, snapshot(created)) });
		return created;
	});
}

export async function updateCommitment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: CommitmentInput): Promise<Commitment> {
	requireManager(actor, cityId);
	const valid = validateInput(commitmentInputSchema, input);
	return db.transaction().execute(async (trx) => {
		const before = await getCommitment(trx, cityId, id);
		await checkContainers(trx, cityId, valid.declarationId, valid.planId);
		const tags = await resolveTags(trx, valid.tags);
		const saved = await repository.updateCommitment(trx, cityId, id, version, {
			declaration_id: valid.declarationId,
			plan_id: valid.planId,
			title: JSON.stringify(valid.title),
			description: JSON.stringify(valid.description),
			duty: valid.duty,
			groups: JSON.stringify(valid.groups),
			updated_at: nowIso()
		});
		if (!saved) throw conflict();
		await repository.replaceTags(trx, cityId, id, tags);
		const after = await getCommitment(trx, cityId, id);
		const change = diffSnapshots(snapshot(before), snapshot(after));
		if (Object.keys(change).length) await appendLedger(trx, { cityId, actor, entityType: 'commitment', entityId: id, entityRef: before.ref, action: 'update', change });
		return after;
	});
}

/** Soft-deletes a commitment that no live action serves (move or delete those first). */
export async function deleteCommitment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	requireManager(actor, cityId);
	await db.transaction().execute(async (trx) => {
		const before = await getCommitment(trx, cityId, id);
		if ((await listActionRows(trx, cityId, { commitmentIds: [id] })).length > 0) throw new DomainError('conflict', 'commitment_has_actions', { field: 'form', rule: 'commitment_has_actions' });
		const at = nowIso();
		if (!(await repository.updateCommitment(trx, cityId, id, version, { deleted_at: at, updated_at: at }))) throw conflict();
		await appendLedger(trx, { cityId, actor, entityType: 'commitment', entityId: id, entityRef: before.ref, action: 'delete', change: { deleted_at: [null, at] } });
	});
}
