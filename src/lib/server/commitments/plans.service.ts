/**
 * Use cases for action plans and commitments. A commitment sits in a declaration or a plan and is
 * tagged with UDHR articles, Gwangju principles and SDG targets (a target implies its goal), a
 * duty and the population groups it is for. City admins only; every change is in the ledger.
 * Commitments are created in batches (a plan import, the demo) by the same use case that
 * creates one from the admin form.
 *
 * @example
 *   const plan = await createPlan(db, actor, cityId, { title: { en: 'Action plan 2025–2028' }, periodStart: 2025, periodEnd: 2028 });
 *   await createCommitment(db, actor, cityId, { planId: plan.id, title: { en: 'Adequate housing for all' }, tags: ['udhr:25', 'sdg:11.1'] });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, fieldErrors } from '../errors.ts';
import { parseInput, safeParseInput } from '../validation.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { findFrameworkCodes } from '../frameworks/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as repository from './commitments.repository.ts';
import { listActions as listActionRows } from './actions.repository.ts';
import { commitmentInputSchema, planInputSchema, type CommitmentInput, type PlanInput } from './commitments.schema.ts';
import type { ActionPlan, Commitment } from './commitments.types.ts';
import type { CommitmentTable } from './commitments.tables.ts';
import { toCommitment, toPlan } from './mappers.ts';
import { commitmentRow, planRow } from './ledger-rows.ts';
import { allocateRefs, nextRef } from './refs.ts';
import { requireManager } from './declarations.service.ts';
import { BatchProblems } from '../batch-problems.ts';
import { TAG_SCHEMES } from './vocabulary.ts';

export async function listPlans(db: Db, cityId: string): Promise<ActionPlan[]> {
	return (await repository.listPlans(db, cityId)).map(toPlan);
}

export async function getPlan(db: Db, cityId: string, id: string): Promise<ActionPlan> {
	const row = await repository.findPlan(db, cityId, id);
	if (!row) throw new DomainError('plan_not_found');
	return toPlan(row);
}

export async function getPlanByRef(db: Db, cityId: string, ref: string): Promise<ActionPlan> {
	const row = await repository.findPlanByRef(db, cityId, ref);
	if (!row) throw new DomainError('plan_not_found');
	return toPlan(row);
}

async function checkDeclaration(db: Db, cityId: string, declarationId: string | null): Promise<void> {
	if (declarationId && !(await repository.findDeclaration(db, cityId, declarationId))) throw fieldErrors({ declarationId: 'declaration_unknown' });
}

function planColumns(input: PlanInput) {
	const valid = parseInput(planInputSchema, input);
	return {
		declaration_id: valid.declarationId,
		title: JSON.stringify(valid.title),
		period_start: valid.periodStart,
		period_end: valid.periodEnd,
		rollup: valid.rollup as ActionPlan['rollup']
	};
}

export async function createPlan(db: Db, actor: MaybeActor, cityId: string, input: PlanInput): Promise<ActionPlan> {
	requireManager(actor, cityId);
	const columns = planColumns(input);
	return ledgered.create(db, planRow, { cityId, actor }, {
		insert: async (trx) => {
			await checkDeclaration(trx, cityId, columns.declaration_id);
			const now = nowIso();
			const id = uuidv7();
			await repository.insertPlan(trx, { city_id: cityId, id, ref: await nextRef(trx, 'action_plan', cityId), ...columns, version: 1, created_at: now, updated_at: now, deleted_at: null });
			return getPlan(trx, cityId, id);
		}
	});
}

export async function updatePlan(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: PlanInput): Promise<ActionPlan> {
	requireManager(actor, cityId);
	const columns = planColumns(input);
	return ledgered.update(db, planRow, { cityId, actor }, {
		load: (trx) => getPlan(trx, cityId, id),
		check: (trx) => checkDeclaration(trx, cityId, columns.declaration_id),
		apply: (trx, _before, at) => repository.updatePlan(trx, cityId, id, version, { ...columns, updated_at: at })
	});
}

/**
 * Claims a plan for a change of its whole contents (an import): counts its version up, so two such
 * changes of one plan cannot both pass their checks. A stale version is a conflict.
 */
export async function claimPlan(db: Db, actor: MaybeActor, cityId: string, plan: Pick<ActionPlan, 'id' | 'version'>): Promise<void> {
	requireManager(actor, cityId);
	if (!(await repository.updatePlan(db, cityId, plan.id, plan.version, {}))) throw conflict();
}

/**
 * Checks tag codes against the frameworks (only rights, principles and SDGs tag a commitment) and
 * adds the goal each SDG target implies. Returns the tags of each list, or the unknown codes.
 */
async function resolveTagLists(db: Db, lists: readonly (readonly string[])[]): Promise<({ code: string; implied: boolean }[] | { unknown: string[] })[]> {
	const found = await findFrameworkCodes(db, [...new Set(lists.flat())]);
	const known = new Map(found.map((entry) => [entry.code, entry.parent_code]));
	return lists.map((tags) => {
		const wanted = [...new Set(tags)];
		const unknown = wanted.filter((code) => !known.has(code) || !(TAG_SCHEMES as readonly string[]).includes(code.split(':')[0]!));
		if (unknown.length) return { unknown };
		const result = wanted.map((code) => ({ code, implied: false }));
		for (const code of wanted) {
			const parent = known.get(code);
			if (code.startsWith('sdg:') && parent && !wanted.includes(parent) && !result.some((tag) => tag.code === parent)) result.push({ code: parent, implied: true });
		}
		return result.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	});
}

/** Tags of one commitment; unknown codes are a field error on `tags` naming them. */
export async function resolveTags(db: Db, tags: readonly string[]): Promise<{ code: string; implied: boolean }[]> {
	const [resolved] = await resolveTagLists(db, [tags]);
	if ('unknown' in resolved!) throw fieldErrors({ tags: 'tag_unknown' }, { unknown: resolved.unknown });
	return resolved!;
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
	if (!row) throw new DomainError('commitment_not_found');
	return toCommitment(row, await repository.listTags(db, cityId, [id]));
}

export async function getCommitmentByRef(db: Db, cityId: string, ref: string): Promise<Commitment> {
	const row = await repository.findCommitmentByRef(db, cityId, ref);
	if (!row) throw new DomainError('commitment_not_found');
	return toCommitment(row, await repository.listTags(db, cityId, [row.id]));
}

/**
 * A commitment to create. `id` may be chosen by the caller (so the actions of the same import can
 * name it); `ref` asks for a reference (kept when it is free in the city).
 */
export type NewCommitment = CommitmentInput & { id?: string; ref?: string | null };

/**
 * Creates commitments — one from the admin form, or many (an import, the demo) — each checked
 * with the form's schema, its declaration or plan and its tags; numbered after the ones already
 * in their plan or declaration. All or nothing: problems are reported per item (batch-problems.ts).
 */
export async function createCommitments(db: Db, actor: MaybeActor, cityId: string, inputs: readonly NewCommitment[]): Promise<Commitment[]> {
	requireManager(actor, cityId);
	const problems = new BatchProblems();
	const valid = inputs.map((input, index) => problems.take(index, safeParseInput(commitmentInputSchema, input)));
	return ledgered.createMany(db, commitmentRow, { cityId, actor }, {
		insert: async (trx) => {
			const declarations = new Set((await repository.listDeclarations(trx, cityId)).map((row) => row.id));
			const plans = new Set((await repository.listPlans(trx, cityId)).map((row) => row.id));
			const tags = await resolveTagLists(trx, valid.map((item) => item?.tags ?? []));
			valid.forEach((item, index) => {
				if (!item) return;
				if (item.declarationId && !declarations.has(item.declarationId)) problems.add(index, 'declarationId', 'declaration_unknown');
				if (item.planId && !plans.has(item.planId)) problems.add(index, 'planId', 'plan_unknown');
				const resolved = tags[index]!;
				if ('unknown' in resolved) problems.add(index, 'tags', 'tag_unknown', { unknown: resolved.unknown });
			});
			problems.throwIfAny();
			const refs = await allocateRefs(trx, 'commitment', cityId, inputs.map((input) => input.ref ?? null));
			const positions = new Map<string, number>();
			const now = nowIso();
			const rows: CommitmentTable[] = [];
			const created: Commitment[] = [];
			for (const [index, item] of (valid as NonNullable<(typeof valid)[number]>[]).entries()) {
				const container = item.planId ? `plan:${item.planId}` : `declaration:${item.declarationId}`;
				if (!positions.has(container)) {
					const siblings = await repository.listCommitments(trx, cityId, item.planId ? { planId: item.planId } : { declarationId: item.declarationId ?? undefined });
					positions.set(container, siblings.length);
				}
				const position = positions.get(container)!;
				positions.set(container, position + 1);
				const row: CommitmentTable = {
					city_id: cityId,
					id: inputs[index]!.id ?? uuidv7(),
					ref: refs[index]!,
					declaration_id: item.declarationId,
					plan_id: item.planId,
					title: JSON.stringify(item.title),
					description: JSON.stringify(item.description),
					duty: item.duty,
					groups: JSON.stringify(item.groups),
					position,
					version: 1,
					created_at: now,
					updated_at: now,
					deleted_at: null
				};
				rows.push(row);
				const itemTags = tags[index] as { code: string; implied: boolean }[];
				created.push(toCommitment(row, itemTags.map((tag) => ({ code: tag.code, implied: tag.implied ? 1 : 0 }))));
			}
			await repository.insertCommitments(trx, rows);
			await repository.insertTags(trx, rows.flatMap((row, index) => (tags[index] as { code: string; implied: boolean }[]).map((tag) => ({ city_id: cityId, commitment_id: row.id, code: tag.code, implied: tag.implied ? 1 : 0 }))));
			return created;
		}
	});
}

export async function createCommitment(db: Db, actor: MaybeActor, cityId: string, input: NewCommitment): Promise<Commitment> {
	return (await createCommitments(db, actor, cityId, [input]))[0]!;
}

export async function updateCommitment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: CommitmentInput): Promise<Commitment> {
	requireManager(actor, cityId);
	const valid = parseInput(commitmentInputSchema, input);
	return ledgered.update(db, commitmentRow, { cityId, actor }, {
		load: (trx) => getCommitment(trx, cityId, id),
		apply: async (trx, _before, at) => {
			await checkDeclaration(trx, cityId, valid.declarationId);
			if (valid.planId && !(await repository.findPlan(trx, cityId, valid.planId))) throw fieldErrors({ planId: 'plan_unknown' });
			const tags = await resolveTags(trx, valid.tags);
			const saved = await repository.updateCommitment(trx, cityId, id, version, {
				declaration_id: valid.declarationId,
				plan_id: valid.planId,
				title: JSON.stringify(valid.title),
				description: JSON.stringify(valid.description),
				duty: valid.duty,
				groups: JSON.stringify(valid.groups),
				updated_at: at
			});
			if (saved) await repository.replaceTags(trx, cityId, id, tags);
			return saved;
		}
	});
}

/** Soft-deletes a commitment that no live action serves (move or delete those first). */
export async function deleteCommitment(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	requireManager(actor, cityId);
	await ledgered.remove(db, commitmentRow, { cityId, actor }, {
		load: (trx) => getCommitment(trx, cityId, id),
		check: async (trx) => {
			if ((await listActionRows(trx, cityId, { commitmentIds: [id] })).length > 0) throw conflict('commitment_has_actions');
		},
		apply: (trx, _before, at) => repository.updateCommitment(trx, cityId, id, version, { deleted_at: at, updated_at: at })
	});
}
