// A new declaration. City admins and the network admin only; afterwards its edit page.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createDeclaration } from '#lib/server/commitments/declarations.service.ts';
import { ADOPTED_BY, INSTRUMENTS } from '#lib/server/commitments/vocabulary.ts';
import { cityForManager } from '../../../staff-access.server.ts';
import { formFailure } from '#lib/server/http/forms.ts';
import { declarationInput, declarationValues } from '../declaration-form.server.ts';

export const load: PageServerLoad = async (event) => {
	await cityForManager(event);
	return { values: declarationValues(undefined), choices: { instruments: INSTRUMENTS, adoptedBy: ADOPTED_BY } };
};

export const actions = {
	create: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		let ref: string;
		try {
			ref = (await createDeclaration(event.locals.db, actor, city.id, declarationInput(form))).ref;
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/commitments/declarations/${ref}?done=created`);
	}
} satisfies Actions;
