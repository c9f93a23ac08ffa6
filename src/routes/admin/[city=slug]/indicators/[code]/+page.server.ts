// One indicator in the staff area. City admins edit the definition (texts per language,
// classification, measurement, baseline and target; an edit made by someone else in between is
// refused with a conflict), its links to commitments and actions, or delete it. Staff — admins
// and officers — record, correct and delete observations (a list filtered by period, paged).
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { isLocale, AUTONYMS } from '#lib/i18n/locales.ts';
import { deleteIndicator, getIndicator, linkIndicator, listIndicatorLinks, unlinkIndicator, updateIndicator } from '#lib/server/indicators/indicators.service.ts';
import { deleteObservation, getObservation, recordObservation, updateObservation } from '#lib/server/indicators/observations.service.ts';
import { indicatorFormInput, observationFormInput } from '#lib/server/indicators/indicators.schema.ts';
import { isValidPeriod } from '#lib/server/indicators/group-key.ts';
import { cityForManager, cityForStaff } from '../../staff-access.server.ts';
import { definitionOptions, definitionValues, otherTexts, textLanguages, textLocaleOf } from '../definition-form.server.ts';
import { linkChoices, observationPage, observationValues, recordFields } from './observations-view.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city, manager } = await cityForStaff(event);
	const { db, locale } = event.locals;
	const code = event.params.code;
	const indicator = await orHttpError(() => getIndicator(db, city.id, code));
	const textLocale = textLocaleOf(event.url, locale, indicator);
	const editingId = event.url.searchParams.get('obs');
	const editing = editingId ? await orHttpError(() => getObservation(db, city.id, editingId)) : null;
	if (editing && editing.indicatorId !== indicator.id) error(404, 'observation_not_found', { code: 'observation_not_found' });
	return {
		manager,
		code: indicator.code,
		title: indicator.title[locale] ?? indicator.title.en ?? Object.values(indicator.title)[0] ?? indicator.code,
		version: indicator.version,
		libraryCode: indicator.libraryCode,
		created: event.url.searchParams.has('created'),
		// The period just recorded (after the redirect of `record`); only a well-formed period is shown.
		recorded: recordedPeriod(event.url),
		definition: manager
			? {
					options: await definitionOptions(db, locale),
					values: definitionValues(indicator, textLocale),
					textLocale,
					textLanguage: AUTONYMS[textLocale],
					textLanguages: textLanguages(textLocale, indicator),
					otherTexts: otherTexts(indicator, textLocale)
				}
			: null,
		links: manager ? await linkChoices(db, city.id, indicator.code, locale) : null,
		record: recordFields(indicator),
		editing: editing ? observationValues(editing) : null,
		observations: await observationPage(db, city.id, indicator, event.url, locale)
	};
};

/** An observation of this page's indicator, else 404 (an id of another indicator is not edited here). */
async function ownObservation(event: { locals: App.Locals; params: { code: string } }, cityId: string, id: string): Promise<string> {
	const [indicator, observation] = await orHttpError(() => Promise.all([getIndicator(event.locals.db, cityId, event.params.code), getObservation(event.locals.db, cityId, id)]));
	if (observation.indicatorId !== indicator.id) error(404, 'observation_not_found', { code: 'observation_not_found' });
	return observation.id;
}

function recordedPeriod(url: URL): string | null {
	const period = url.searchParams.get('recorded');
	return period !== null && isValidPeriod(period) ? period : null;
}

/** The indicator code from the URL (never from the form). */
const codeOf = (event: { params: { code: string } }) => event.params.code;

export const actions = {
	save: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const textLocale = form.get('textLocale');
		if (!isLocale(textLocale)) return invalid({ form: 'invalid_input' }, form, { intent: 'save' });
		try {
			const indicator = await updateIndicator(event.locals.db, actor, city.id, codeOf(event), indicatorFormInput(form), { locale: textLocale });
			return { saved: true as const, version: indicator.version };
		} catch (error) {
			return formFailure(error, form, { intent: 'save' });
		}
	},
	links: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		const code = codeOf(event);
		const { db, locale } = event.locals;
		const choices = await linkChoices(db, city.id, code, locale);
		const known = new Map([...choices.commitments, ...choices.actions].map((choice) => [choice.id, choice.type]));
		const wanted = new Set<string>();
		for (const [field, type] of [
			['commitment', 'commitment'],
			['action', 'action']
		] as const) {
			for (const id of form.getAll(field)) {
				if (typeof id !== 'string' || known.get(id) !== type) return invalid({ links: 'indicator_link_target_not_found' }, form, { intent: 'links', values: {} });
				wanted.add(id);
			}
		}
		try {
			let changed = 0;
			for (const link of await listIndicatorLinks(db, city.id, code)) {
				if (!wanted.has(link.targetId) && (await unlinkIndicator(db, actor, city.id, code, link.targetType, link.targetId))) changed++;
			}
			for (const id of wanted) {
				if (await linkIndicator(db, actor, city.id, code, known.get(id)!, id)) changed++;
			}
			return { linked: changed };
		} catch (error) {
			return formFailure(error, form, { intent: 'links', values: {} });
		}
	},
	delete: async (event) => {
		const { actor, city } = await cityForManager(event);
		const form = await event.request.formData();
		if (form.get('confirm') !== 'on') return invalid({ confirm: 'delete_unconfirmed' }, form, { intent: 'delete', values: {} });
		const version = Number(form.get('version'));
		try {
			await deleteIndicator(event.locals.db, actor, city.id, codeOf(event), Number.isInteger(version) && version > 0 ? { version } : {});
		} catch (error) {
			return formFailure(error, form, { intent: 'delete', values: {} });
		}
		redirect(303, `/admin/${city.slug}/indicators?deleted=${encodeURIComponent(codeOf(event))}`);
	},
	record: async (event) => {
		const { actor, city } = await cityForStaff(event);
		const form = await event.request.formData();
		let observation;
		try {
			observation = await recordObservation(event.locals.db, actor, city.id, codeOf(event), observationFormInput(form));
		} catch (error) {
			return formFailure(error, form, { intent: 'record' });
		}
		// Post/redirect/get: the answer to the post is small (no page rendered for it), and
		// reloading the page that follows does not offer to post the value again.
		redirect(303, `/admin/${city.slug}/indicators/${encodeURIComponent(codeOf(event))}?recorded=${encodeURIComponent(observation.period)}`);
	},
	updateObservation: async (event) => {
		const { actor, city } = await cityForStaff(event);
		const form = await event.request.formData();
		const raw = form.get('id');
		const id = await ownObservation(event, city.id, typeof raw === 'string' ? raw : '');
		try {
			const observation = await updateObservation(event.locals.db, actor, city.id, id, observationFormInput(form));
			return { updated: observation.period };
		} catch (error) {
			return formFailure(error, form, { intent: 'updateObservation' });
		}
	},
	deleteObservation: async (event) => {
		const { actor, city } = await cityForStaff(event);
		const form = await event.request.formData();
		const raw = form.get('id');
		const id = await ownObservation(event, city.id, typeof raw === 'string' ? raw : '');
		try {
			await deleteObservation(event.locals.db, actor, city.id, id);
			return { deletedObservation: true as const };
		} catch (error) {
			return formFailure(error, form, { intent: 'deleteObservation', values: {} });
		}
	}
} satisfies Actions;
