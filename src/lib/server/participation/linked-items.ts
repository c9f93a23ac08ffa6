/**
 * The participation records linked to an action — what residents proposed, voted for or the
 * council recommended — for another module's page of that action (the way back along the chain).
 *
 * @example const linked = await linkedToAction(db, cityId, action.id); // { proposals: [{ ref: 'PR-12', title: 'Shade…' }], projects: [], recommendations: [] }
 */
import type { Db } from '../db/database.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import * as proposals from './proposals.repository.ts';
import * as budgets from './budgets.repository.ts';
import * as council from './council.repository.ts';

export interface LinkedItems {
	proposals: { ref: string; title: string; lang: string }[];
	projects: { ref: string; title: LocalizedText }[];
	recommendations: { ref: string; title: LocalizedText }[];
}

export async function linkedToAction(db: Db, cityId: string, actionId: string): Promise<LinkedItems> {
	const [proposalRows, projectRows, recommendationRows] = await Promise.all([
		proposals.listProposalsOfAction(db, cityId, actionId),
		budgets.listProjectsOfAction(db, cityId, actionId),
		council.listRecommendationRows(db, cityId, { actionId })
	]);
	return {
		proposals: proposalRows.map((row) => ({ ref: row.ref, title: row.title, lang: row.lang })),
		projects: projectRows.map((row) => ({ ref: row.ref, title: parseLocalizedText(row.title) })),
		recommendations: recommendationRows.map((row) => ({ ref: row.ref, title: parseLocalizedText(row.title) }))
	};
}
