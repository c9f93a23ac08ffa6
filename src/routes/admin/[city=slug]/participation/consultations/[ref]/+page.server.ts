// A consultation at the city's desk: the draft actions it is about, each with its number of
// published comments, leading to the page where the city gathers and answers them.
import type { PageServerLoad } from './$types';
import { countCommentsByAction, listDraftActions } from '#lib/server/participation/consultations.service.ts';
import { text } from '#lib/commitments/present.server.ts';
import { phaseLabel } from '#lib/participation/labels.ts';
import { openConsultation } from '../consultation.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city, process } = await openConsultation(event);
	const locale = event.locals.locale;
	const [actions, counts] = await Promise.all([listDraftActions(event.locals.db, process), countCommentsByAction(event.locals.db, city.id, process.id)]);
	return {
		process: { ref: process.ref, title: text(process.title, locale), active: process.activePhase ? phaseLabel(process.activePhase.kind) : null },
		actions: actions.map((action) => ({ ref: action.ref, title: text(action.title, locale), comments: counts.get(action.id) ?? 0 }))
	};
};
