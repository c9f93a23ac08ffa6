// The city's departments (who carries out actions; officers' roles name them by code): add,
// rename (the code stays), delete one no action uses. City admins and the network admin only.
import type { Actions, PageServerLoad } from './$types';
import { createDepartment, deleteDepartment, listDepartments, updateDepartment } from '#lib/server/commitments/declarations.service.ts';
import { sortByLabel } from '#lib/i18n/format.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cityForManager } from '../../staff-access.server.ts';
import { formFailure } from '#lib/server/http/forms.ts';
import { localized, text, version } from '../form-input.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const { db, locale } = event.locals;
	const departments = (await listDepartments(db, city.id)).map((department) => ({
		id: department.id,
		code: department.code,
		version: department.version,
		name: department.name,
		label: pickText(department.name, locale) ?? { text: department.code, lang: locale }
	}));
	return { departments: sortByLabel(departments, (department) => department.label.text, locale) };
};

export const actions = {
	add: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		try {
			const created = await createDepartment(event.locals.db, actor, city.id, { code: text(form, 'code') ?? '', name: localized(form, 'name') });
			return { done: 'added' as const, name: pickText(created.name, event.locals.locale)?.text ?? created.code };
		} catch (error) {
			return formFailure(error, form);
		}
	},
	rename: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		try {
			const renamed = await updateDepartment(event.locals.db, actor, city.id, text(form, 'departmentId') ?? '', version(form), { name: localized(form, 'name') });
			return { done: 'renamed' as const, name: pickText(renamed.name, event.locals.locale)?.text ?? renamed.code };
		} catch (error) {
			return formFailure(error, form);
		}
	},
	delete: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		try {
			await deleteDepartment(event.locals.db, actor, city.id, text(form, 'departmentId') ?? '', version(form));
			return { done: 'deleted' as const, name: text(form, 'label') ?? '' };
		} catch (error) {
			return formFailure(error, form);
		}
	}
} satisfies Actions;
