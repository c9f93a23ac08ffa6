// A new action plan. City admins and the network admin only; afterwards its page.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createPlan } from '#lib/server/commitments/plans.service.ts';
import { cityForManager } from '../../../staff-access.server.ts';
import { formFailure } from '#lib/server/http/forms.ts';
import { declarationChoices } from '../../options.server.ts';
import { planInput, planValues } from '../plan-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const declarations = await declarationChoices(event.locals.db, city.id, event.locals.locale);
	return { declarations, values: planValues(undefined, declarations.length === 1 ? declarations[0]!.id : undefined) };
};

export const actions = {
	create: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			ref = (await createPlan(event.locals.db, actor, city.id, planInput(form))).ref;
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/commitments/plans/${ref}?done=created`);
	}
} satisfies Actions;
