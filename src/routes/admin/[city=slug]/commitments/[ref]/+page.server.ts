// One commitment: edit it (against the version the editor saw), see its actions, delete it (soft;
// its actions stay in their plan). City admins and the network admin only.
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { deleteCommitment, getCommitmentByRef, updateCommitment } from '#lib/server/commitments/plans.service.ts';
import { listActions } from '#lib/server/commitments/actions.service.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { cityForManager } from '../../staff-access.server.ts';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { version } from '../form-input.server.ts';
import { commitmentChoices, commitmentInput, commitmentValues } from '../commitment-form.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForManager(event);
	const { db, locale } = event.locals;
	const commitment = await orHttpError(() => getCommitmentByRef(db, city.id, event.params.ref));
	const [choices, actions] = await Promise.all([commitmentChoices(db, city.id, locale), listActions(db, city.id, { commitmentIds: [commitment.id] })]);
	return {
		commitment: {
			ref: commitment.ref,
			version: commitment.version,
			values: commitmentValues(commitment),
			impliedTags: commitment.impliedTags,
			planRef: choices.plans.find((plan) => plan.id === commitment.planId)?.ref
		},
		actions: actions.map((action) => ({ ref: action.ref, title: pickText(action.title, locale) ?? { text: action.ref, lang: locale }, status: action.status, progress: action.progress })),
		choices,
		done: event.url.searchParams.get('done') === 'created' ? ('created' as const) : undefined
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const { input, malformed } = commitmentInput(form);
		if (malformed.length) return invalid({ sdgTags: 'tag_unknown' }, form, { params: { sdgTags: { codes: malformed.join(', ') } } });
		try {
			const current = await getCommitmentByRef(event.locals.db, city.id, event.params.ref);
			await updateCommitment(event.locals.db, actor, city.id, current.id, version(form), input);
		} catch (error) {
			return formFailure(error, form, { rename: { tags: 'sdgTags' } });
		}
		return { saved: true as const };
	},
	delete: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes') return invalid({ confirm: 'confirm_required' }, form);
		try {
			const current = await getCommitmentByRef(event.locals.db, city.id, event.params.ref);
			await deleteCommitment(event.locals.db, actor, city.id, current.id, version(form));
		} catch (error) {
			return formFailure(error, form);
		}
		redirect(303, `/admin/${city.slug}/commitments?deleted=${encodeURIComponent(event.params.ref)}`);
	}
} satisfies Actions;
