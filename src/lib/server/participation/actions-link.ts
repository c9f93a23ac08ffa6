/**
 * The chain to delivery: proposals, budget projects and council recommendations are linked to an
 * action of the city's plan (an existing one, or one made from them through the commitments
 * module's own `createAction`, in the same transaction), and their pages show that action live —
 * status, rolled-up progress, milestones, progress updates with evidence, and the indicators that
 * measure it — through the commitments and indicators modules' exported queries.
 *
 * @example const delivery = await deliveryOf(db, cityId, proposal.actionId); // undefined when unlinked or deleted
 */
import type { Db } from '../db/database.ts';
import { fieldErrors } from '../errors.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { createAction, findLinkTarget, getAction, loadAction, type Action, type ActionDetail } from '../commitments/index.ts';
import { listIndicators, listIndicatorsOf, type IndicatorWithScore } from '../indicators/index.ts';
import { readLedgerHead } from '../ledger/index.ts';
import * as processes from './processes.repository.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';

/** The public reference of a live action of the city, or undefined. */
export async function findActionRef(db: Db, cityId: string, actionId: string): Promise<string | undefined> {
	return (await findLinkTarget(db, cityId, 'action', actionId))?.ref;
}

/** An action to link: it must be a live action of this city. */
export async function requireAction(db: Db, cityId: string, actionId: string, field = 'actionId'): Promise<string> {
	const ref = await findActionRef(db, cityId, actionId);
	if (!ref) throw fieldErrors({ [field]: 'action_unknown' });
	return ref;
}

/**
 * Makes sure the notification job reads the city's action changes from now on (from the ledger's
 * current head, so the past is not told again). Called when something is linked to an action.
 */
export async function watchActions(db: Db, cityId: string): Promise<void> {
	await processes.startCursor(db, cityId, (await readLedgerHead(db, cityId)).seq);
}

export interface NewLinkedAction {
	planId: string;
	commitmentId?: string | null;
	departmentIds?: string[];
	title: LocalizedText;
	description?: LocalizedText;
	dueDate?: string | null;
	budgetAmount?: number | null;
	budgetCurrency?: string | null;
}

/** Creates the action through the commitments module (its policy, checks and ledger entry), in the caller's transaction. */
export async function createLinkedAction(db: Db, actor: MaybeActor, cityId: string, input: NewLinkedAction): Promise<Action> {
	return createAction(db, actor, cityId, {
		planId: input.planId,
		commitmentId: input.commitmentId ?? null,
		title: definedTexts(input.title),
		description: definedTexts(input.description ?? {}),
		departmentIds: input.departmentIds ?? [],
		dueDate: input.dueDate ?? null,
		budgetAmount: input.budgetAmount ?? null,
		budgetCurrency: input.budgetCurrency ?? null,
		status: 'planned',
		progress: 0
	});
}

export interface Delivery {
	detail: ActionDetail;
	indicators: IndicatorWithScore[];
}

/** The linked action as it stands now, with its indicators and their latest values; undefined when there is none (or it was deleted). */
export async function deliveryOf(db: Db, cityId: string, actionId: string | null): Promise<Delivery | undefined> {
	if (!actionId) return undefined;
	const ref = await findActionRef(db, cityId, actionId);
	if (!ref) return undefined;
	const detail = await loadAction(db, cityId, ref);
	const linked = await listIndicatorsOf(db, cityId, 'action', actionId);
	const codes = new Set(linked.map((indicator) => indicator.code));
	const indicators = codes.size ? (await listIndicators(db, cityId)).filter((indicator) => codes.has(indicator.code)) : [];
	return { detail, indicators };
}

export { getAction };

/** A text's languages that have a text (the action's schema takes no empty entries). */
function definedTexts(text: LocalizedText): Record<string, string> {
	return Object.fromEntries(Object.entries(text).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
