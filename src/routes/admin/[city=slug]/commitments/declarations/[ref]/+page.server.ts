// One declaration: edit it (against the version the editor saw) or delete it (soft; the ledger
// keeps the record). City admins and the network admin only.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { deleteDeclaration, getDeclarationByRef, updateDeclaration } from '#lib/server/commitments/declarations.service.ts';
import { ADOPTED_BY, INSTRUMENTS } from '#lib/server/commitments/vocabulary.ts';
import { cityForManager } from '../../../staff-access.server.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { version } from '../../form-input.server.ts';
import { declarationInput, declarationValues } from '../declaration-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const declaration = await orHttpError(() => getDeclarationByRef(event.locals.db, city.id, event.params.ref));
	return {
		declaration: { ref: declaration.ref, version: declaration.version, values: declarationValues(declaration) },
		choices: { instruments: INSTRUMENTS, adoptedBy: ADOPTED_BY },
		done: event.url.searchParams.get('done') === 'created' ? ('created' as const) : undefined
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		try {
			const current = await getDeclarationByRef(event.locals.db, city.id, event.params.ref);
			await updateDeclaration(event.locals.db, actor, city.id, current.id, version(form), declarationInput(form));
		} catch (error) {
			return formFailure(error, form);
		}
		return { saved: true as const };
	},
	delete: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes') return invalid({ confirm: 'confirm_required' }, form);
		try {
			const current = await getDeclarationByRef(event.locals.db, city.id, event.params.ref);
			await deleteDeclaration(event.locals.db, actor, city.id, current.id, version(form));
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/commitments?deleted=${encodeURIComponent(event.params.ref)}`);
	}
} satisfies Actions;
