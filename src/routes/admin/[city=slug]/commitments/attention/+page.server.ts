// Actions that need attention, most urgent first: overdue, delayed, a milestone past its date, or
// under way without an update for a long time. City admins see all; officers their own.
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { needsAttention } from '#lib/server/commitments/progress.service.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { STALE_AFTER_DAYS } from '#lib/server/commitments/vocabulary.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cityForStaff } from '../../staff-access.server.ts';

export const load: PageServerLoad = async (event) => {
	const { actor, city, manager } = await cityForStaff(event);
	const { db, locale } = event.locals;
	const [items, departments] = await Promise.all([orHttpError(() => needsAttention(db, actor, city.id)), listDepartments(db, city.id)]);
	const departmentName = new Map(departments.map((department) => [department.id, pickText(department.name, locale)?.text ?? department.code]));
	return {
		manager,
		staleDays: STALE_AFTER_DAYS,
		items: items.map((item) => ({
			ref: item.action.ref,
			title: pickText(item.action.title, locale) ?? { text: item.action.ref, lang: locale },
			status: item.action.status,
			progress: item.action.progress,
			dueDate: item.action.dueDate,
			departments: item.action.departmentIds.map((id) => departmentName.get(id) ?? '').filter(Boolean),
			reasons: item.reasons,
			lastUpdate: item.lastUpdate
		}))
	};
};
