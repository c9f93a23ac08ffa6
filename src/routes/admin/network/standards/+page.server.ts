// The network admin's criteria frameworks: every stored version with its status, and the
// frameworks shipped with Rights City that are not yet published, each with a "publish" button.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { listFrameworkVersions, listUnpublishedBundles, publishBundledVersion } from '#lib/server/standards/frameworks.service.ts';
import { canPublishFrameworks } from '#lib/server/standards/standards.policy.ts';
import { textOf } from '#lib/standards/view.server.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	if (!canPublishFrameworks(actor)) error(403, { message: 'forbidden', code: 'forbidden' });
	const { db, locale } = event.locals;
	const [versions, unpublished] = await Promise.all([listFrameworkVersions(db), listUnpublishedBundles(db)]);
	return {
		versions: versions.map((version) => ({ id: version.id, title: textOf(version.document.title, locale, version.framework), version: version.version, status: version.status })),
		unpublished: unpublished.map((document) => ({ framework: document.framework, title: textOf(document.title, locale, document.framework), version: document.version }))
	};
};

export const actions = {
	publish: async (event) => {
		const actor = requireActor(event);
		if (!canPublishFrameworks(actor)) error(403, { message: 'forbidden', code: 'forbidden' });
		const form = await event.request.formData();
		const framework = form.get('framework');
		if (typeof framework !== 'string' || framework === '') return invalid({ form: 'framework_required' }, form);
		try {
			const version = await publishBundledVersion(event.locals.db, actor, framework);
			return { published: `${version.framework} ${version.version}` };
		} catch (problem) {
			return formFailure(problem, form);
		}
	}
} satisfies Actions;
