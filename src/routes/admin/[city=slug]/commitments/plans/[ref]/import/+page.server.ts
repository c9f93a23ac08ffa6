// Fill an empty action plan from a CSV file (commitments, actions, milestones). All or nothing:
// a bad file changes nothing and comes back with its problems by row and column. City admins
// and the network admin only.
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getPlanByRef } from '#lib/server/commitments/plans.service.ts';
import { importPlanCsv, planContents, planCsvErrorsOf } from '#lib/server/commitments/plan-csv.service.ts';
import { PLAN_CSV_COLUMNS } from '#lib/server/commitments/plan-csv.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cityForManager } from '../../../../staff-access.server.ts';

/** Beyond this the upload is refused before reading (a 5,000-action plan is about 2 MB). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForManager(event);
	const { db, locale } = event.locals;
	const plan = await orHttpError(() => getPlanByRef(db, city.id, event.params.ref));
	const contents = await orHttpError(() => planContents(db, actor, city.id, plan.id));
	return {
		plan: { ref: plan.ref, title: pickText(plan.title, locale) ?? { text: plan.ref, lang: locale }, period: `${plan.periodStart}–${plan.periodEnd}` },
		contents,
		columns: PLAN_CSV_COLUMNS,
		planHref: `/admin/${city.slug}/commitments/plans/${plan.ref}`
	};
};

export const actions = {
	upload: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return invalid({ file: 'file_required' }, form);
		if (file.size > MAX_FILE_BYTES) return invalid({ file: 'file_too_large' }, form);
		try {
			const plan = await getPlanByRef(event.locals.db, city.id, event.params.ref);
			const result = await importPlanCsv(event.locals.db, actor, city.id, plan.id, new Uint8Array(await file.arrayBuffer()));
			return { imported: { commitments: result.commitments, actions: result.actions, milestones: result.milestones, renumbered: result.renumbered.length, example: result.renumbered[0] } };
		} catch (error) {
			const problems = planCsvErrorsOf(error);
			if (problems) return invalid({ file: 'csv_invalid' }, form, { values: {}, extra: { rows: problems.rows, total: problems.total } });
			return formFailure(error, form);
		}
	}
} satisfies Actions;
