// A new action in a plan (`?plan=P-1&parent=A-2026-001&commitment=C-1` preselect where it goes).
// City admins and the network admin only; afterwards its page.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createAction } from '#lib/server/commitments/actions.service.ts';
import { cityForManager } from '../../../staff-access.server.ts';
import { formFailure } from '#lib/server/http/forms.ts';
import { actionFormChoices, actionInput, actionValues } from '../action-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const choices = await actionFormChoices(event.locals.db, city.id, event.locals.locale);
	const query = event.url.searchParams;
	const plan = choices.plans.find((item) => item.ref === query.get('plan')) ?? choices.plans[0];
	const parent = choices.parents.find((group) => group.planRef === plan?.ref)?.actions.find((item) => item.ref === query.get('parent'));
	const commitment = choices.commitments.find((item) => item.ref === query.get('commitment'));
	return { choices, values: actionValues(undefined, { planId: plan?.id, parentId: parent?.id, commitmentId: commitment?.id }) };
};

export const actions = {
	create: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			ref = (await createAction(event.locals.db, actor, city.id, actionInput(form))).ref;
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/commitments/actions/${ref}?done=created`);
	}
} satisfies Actions;
