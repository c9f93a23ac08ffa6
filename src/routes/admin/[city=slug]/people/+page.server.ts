// People and roles of a city: grant a role by e-mail, revoke one, record in-person verification.
// Each action: the city from the URL and its admin check → validate → service (policy) → result.
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { grantRoleSchema, parseForm, revokeRoleSchema } from '#lib/server/accounts/accounts.schema.ts';
import { grantRole, listCityPeople, revokeRole, verifyInPerson } from '#lib/server/accounts/roles.service.ts';
import { canManageRole, canVerifyInPerson } from '#lib/server/accounts/accounts.policy.ts';
import type { CityRole } from '#lib/server/accounts/accounts.tables.ts';
import { sortByLabel } from '#lib/i18n/format.ts';
import { cityForAdmin } from '../city-access.server.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { pickText } from '#lib/i18n/localized-text.ts';

const ROLES: CityRole[] = ['resident', 'officer', 'cso', 'city_admin'];
const verifySchema = z.object({ personId: z.string().min(1).max(64) });

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForAdmin(event);
	const [people, departments] = await Promise.all([orHttpError(() => listCityPeople(event.locals.db, actor, city.id)), listDepartments(event.locals.db, city.id)]);
	return {
		// Suggestions for an officer's department: the codes the commitments module matches actions by.
		departments: departments.map((department) => ({ code: department.code, name: pickText(department.name, event.locals.locale)?.text ?? department.code })),
		people: sortByLabel(people, (person) => person.displayName, event.locals.locale).map((person) => ({
			...person,
			roles: person.roles.map((held) => ({ ...held, revocable: canManageRole(actor, city.id, held.role) }))
		})),
		grantable: ROLES.filter((role) => canManageRole(actor, city.id, role)),
		// In-person checks are for the city's own admins and officers (not the network admin).
		canVerify: canVerifyInPerson(actor, city.id)
	};
};

export const actions = {
	grant: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(grantRoleSchema, form);
		if (!parsed.ok) return invalid(parsed.errors, form);
		try {
			await grantRole(event.locals.db, actor, city.id, parsed.data, { ip: clientIp(event) });
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'granted' as const, email: parsed.data.email, role: parsed.data.role };
	},
	revoke: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(revokeRoleSchema, form);
		if (!parsed.ok) return invalid({ form: parsed.errors.role ?? 'invalid_input' }, form);
		try {
			await revokeRole(event.locals.db, actor, city.id, parsed.data, { ip: clientIp(event) });
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'revoked' as const, name: form.get('name')?.toString() ?? '', role: parsed.data.role };
	},
	verify: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const parsed = parseForm(verifySchema, form);
		if (!parsed.ok) return invalid({ form: 'invalid_input' }, form);
		try {
			await verifyInPerson(event.locals.db, actor, city.id, parsed.data.personId, { ip: clientIp(event) });
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'verified' as const, name: form.get('name')?.toString() ?? '' };
	}
} satisfies Actions;
