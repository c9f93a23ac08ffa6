// A city's staff (or the network admin) change one of its practices (its texts one language at
// a time), choose who reads it (everyone, or practitioners only), publish it, take it back to a
// draft or archive it, and add or remove its files (for everyone or for practitioners only).
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { isLocale } from '#lib/i18n/locales.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { addAttachments, getPractice, removeAttachment, setPracticeStatus, updatePractice } from '#lib/server/network/practices.service.ts';
import type { Layer, PracticeStatus } from '#lib/server/network/network.tables.ts';
import { practiceChoices, practiceFields, practiceInputOf, requirePracticeWriter, uploadedFiles } from '../../../practice-form.server.ts';
import { formText } from '../../../../network-view.server.ts';

async function writerAndPractice(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const actor = requireActor(event);
	const { db } = event.locals;
	const city = await findCityBySlug(db, event.params.city);
	if (!city) error(404, 'practice_not_found', { code: 'practice_not_found' });
	requirePracticeWriter(actor, city.id);
	const practice = await orHttpError(async () => getPractice(db, await viewerOf(db, actor), city.id, event.params.ref));
	return { actor, city, practice };
}

function versionOf(form: FormData): number | null {
	const version = Number(formText(form, 'version'));
	return Number.isInteger(version) && version > 0 ? version : null;
}

const STATUS_DONE: Record<PracticeStatus, string> = { published: 'published', draft: 'drafted', archived: 'archived' };

export const load: PageServerLoad = async (event) => {
	const { city, practice } = await writerAndPractice(event);
	const { locale } = event.locals;
	const asked = event.url.searchParams.get('text');
	const lang = isLocale(asked) ? asked : (pickText(practice.title, locale)?.lang ?? locale);
	return {
		city: { slug: city.slug, name: city.display_name },
		ref: practice.ref,
		version: practice.version,
		status: practice.status,
		layer: practice.layer,
		lang,
		languages: Object.keys(practice.title),
		title: pickText(practice.title, locale) ?? { text: practice.ref, lang: 'en' },
		values: practiceFields(practice, lang),
		choices: practiceChoices(practice.links.length),
		attachments: practice.attachments.map((file) => ({ id: file.id, name: file.name, size: file.size, type: file.contentType, layer: file.layer })),
		done: event.url.searchParams.get('done')
	};
};

export const actions = {
	save: async (event) => {
		const { actor, city, practice } = await writerAndPractice(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		if (version === null) return invalid({ form: 'invalid_input' }, form);
		const { input, lang } = practiceInputOf(form, practice);
		try {
			await updatePractice(event.locals.db, actor, city.id, practice.id, version, input);
		} catch (caught) {
			return formFailure(caught, form);
		}
		redirect(303, `/network/practices/${city.slug}/${encodeURIComponent(practice.ref)}/edit?text=${lang}&done=saved`);
	},
	status: async (event) => {
		const { actor, city, practice } = await writerAndPractice(event);
		const form = await event.request.formData();
		const version = versionOf(form);
		const status = formText(form, 'status') as PracticeStatus;
		if (version === null) return invalid({ form: 'invalid_input' }, form, { intent: 'status' });
		try {
			await setPracticeStatus(event.locals.db, actor, city.id, practice.id, version, status);
		} catch (caught) {
			return formFailure(caught, form, { intent: 'status' });
		}
		redirect(303, `/network/practices/${city.slug}/${encodeURIComponent(practice.ref)}/edit?done=${STATUS_DONE[status]}`);
	},
	attach: async (event) => {
		const { actor, city, practice } = await writerAndPractice(event);
		const form = await event.request.formData();
		try {
			await addAttachments(event.locals.db, event.locals.files, actor, city.id, practice.id, await uploadedFiles(form), formText(form, 'layer') as Layer);
		} catch (caught) {
			return formFailure(caught, form, { intent: 'attach', rename: { form: 'files' } });
		}
		redirect(303, `/network/practices/${city.slug}/${encodeURIComponent(practice.ref)}/edit?done=attached#files`);
	},
	detach: async (event) => {
		const { actor, city, practice } = await writerAndPractice(event);
		const form = await event.request.formData();
		try {
			await removeAttachment(event.locals.db, event.locals.files, actor, city.id, practice.id, formText(form, 'attachmentId'));
		} catch (caught) {
			return formFailure(caught, form, { intent: 'detach' });
		}
		redirect(303, `/network/practices/${city.slug}/${encodeURIComponent(practice.ref)}/edit?done=detached#files`);
	}
} satisfies Actions;
