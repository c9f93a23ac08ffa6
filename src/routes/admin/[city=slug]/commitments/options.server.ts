/**
 * The choices the commitments admin forms offer (declarations, plans, commitments, departments,
 * staff, actions of a plan), reduced to what a select or checkbox shows: an id, a reference and
 * a label in the reader's language with the language it is really in.
 */
import type { Db } from '#lib/server/db/database.ts';
import { listDeclarations, listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { listCommitments, listPlans } from '#lib/server/commitments/plans.service.ts';
import { listActions, listStaff } from '#lib/server/commitments/actions.service.ts';
import { actionTree } from '#lib/server/commitments/accountability.service.ts';
import { todayIso } from '#lib/server/commitments/rollup.ts';
import { sortByLabel } from '#lib/i18n/format.ts';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';

export interface Choice {
	id: string;
	/** Public reference or code (`P-1`, `housing`). */
	ref: string;
	label: string;
	lang: string;
}

function choice(id: string, ref: string, texts: LocalizedText, locale: string): Choice {
	const picked = pickText(texts, locale);
	return { id, ref, label: picked?.text ?? ref, lang: picked?.lang ?? locale };
}

export async function declarationChoices(db: Db, cityId: string, locale: string): Promise<Choice[]> {
	return (await listDeclarations(db, cityId)).map((item) => choice(item.id, item.ref, item.title, locale));
}

export async function planChoices(db: Db, cityId: string, locale: string): Promise<(Choice & { period: string })[]> {
	return (await listPlans(db, cityId)).map((plan) => ({ ...choice(plan.id, plan.ref, plan.title, locale), period: `${plan.periodStart}–${plan.periodEnd}` }));
}

export async function commitmentChoices(db: Db, cityId: string, locale: string): Promise<(Choice & { planId: string | null })[]> {
	return (await listCommitments(db, cityId)).map((item) => ({ ...choice(item.id, item.ref, item.title, locale), planId: item.planId }));
}

export async function departmentChoices(db: Db, cityId: string, locale: string): Promise<Choice[]> {
	const departments = (await listDepartments(db, cityId)).map((item) => choice(item.id, item.code, item.name, locale));
	return sortByLabel(departments, (item) => item.label, locale);
}

export async function staffChoices(db: Db, cityId: string, locale: string): Promise<{ id: string; label: string; department: string | null }[]> {
	const staff = (await listStaff(db, cityId)).map((member) => ({ id: member.id, label: member.displayName, department: member.department }));
	return sortByLabel(staff, (member) => member.label, locale);
}

/** A plan's actions in tree order with their depth, for "parent action" choices. */
export async function actionChoices(db: Db, cityId: string, planId: string, locale: string, exceptId?: string): Promise<(Choice & { depth: number; planId: string })[]> {
	const actions = await listActions(db, cityId, { planId });
	const tree = actionTree(actions, 'weighted', todayIso());
	// An action cannot be its own parent, nor a child of its descendants: leave its subtree out.
	const result: (Choice & { depth: number; planId: string })[] = [];
	let skipBelow: number | undefined;
	for (const node of tree) {
		if (skipBelow !== undefined && node.depth > skipBelow) continue;
		skipBelow = undefined;
		if (node.action.id === exceptId) {
			skipBelow = node.depth;
			continue;
		}
		result.push({ ...choice(node.action.id, node.action.ref, node.action.title, locale), depth: node.depth, planId });
	}
	return result;
}
