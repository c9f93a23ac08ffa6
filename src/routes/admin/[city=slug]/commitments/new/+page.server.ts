// A new commitment, in a plan or a declaration (`?plan=P-1` preselects the plan). City admins
// and the network admin only; afterwards its edit page.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createCommitment } from '#lib/server/commitments/plans.service.ts';
import { cityForManager } from '../../staff-access.server.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { commitmentChoices, commitmentInput, commitmentValues } from '../commitment-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const choices = await commitmentChoices(event.locals.db, city.id, event.locals.locale);
	const plan = choices.plans.find((item) => item.ref === event.url.searchParams.get('plan')) ?? (choices.plans.length === 1 ? choices.plans[0] : undefined);
	return { choices, values: commitmentValues(undefined, { planId: plan?.id }) };
};

export const actions = {
	create: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const { input, malformed } = commitmentInput(form);
		if (malformed.length) return invalid({ sdgTags: 'tag_unknown' }, form, { params: { sdgTags: { codes: malformed.join(', ') } } });
		let ref: string;
		try {
			ref = (await createCommitment(event.locals.db, actor, city.id, input)).ref;
		} catch (error) {
			return formFailure(error, form, { rename: { tags: 'sdgTags' } });
		}
		redirect(303, `/admin/${city.slug}/commitments/${ref}?done=created`);
	}
} satisfies Actions;
