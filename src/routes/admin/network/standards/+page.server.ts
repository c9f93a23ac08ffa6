// The network admin's criteria frameworks: every stored version with its status; the frameworks
// shipped with Rights City that are not yet published, each with a "publish" button; a new
// version uploaded as a JSON document (all-or-nothing: a bad file comes back with every problem
// by path, or by line and column, and nothing is stored) kept as a draft with what it changes
// against the current version, then published or discarded; a published version retired.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { formFailure, invalid, requireActor } from '#lib/server/http/forms.ts';
import { createDraftVersion, diffAgainstCurrent, discardDraftVersion, listFrameworkVersions, listUnpublishedBundles, publishBundledVersion, publishVersion, retireVersion } from '#lib/server/standards/frameworks.service.ts';
import { canPublishFrameworks } from '#lib/server/standards/standards.policy.ts';
import { textOf } from '#lib/standards/view.server.ts';

/** A framework document is some hundred kilobytes at most; beyond this the upload is refused unread. */
const MAX_DOCUMENT_MB = 2;

function publisher(event: Pick<RequestEvent, 'locals' | 'url' | 'request'>) {
	const actor = requireActor(event);
	if (!canPublishFrameworks(actor)) error(403, 'forbidden', { code: 'forbidden' });
	return actor;
}

export const load: PageServerLoad = async (event) => {
	publisher(event);
	const { db, locale } = event.locals;
	const [versions, unpublished] = await Promise.all([listFrameworkVersions(db), listUnpublishedBundles(db)]);
	const codes = (document: (typeof versions)[number]['document'], list: string[]) => list.map((code) => ({ code, title: textOf(document.criteria.find((criterion) => criterion.code === code)?.title, locale, code) }));
	const drafts = await Promise.all(
		versions
			.filter((version) => version.status === 'draft')
			.map(async (version) => {
				const diff = await diffAgainstCurrent(db, version);
				return {
					id: version.id,
					title: textOf(version.document.title, locale, version.framework),
					framework: version.framework,
					version: version.version,
					criteria: version.document.criteria.length,
					diff: diff && { added: codes(version.document, diff.added), removed: diff.removed, changed: codes(version.document, diff.changed), maturityChanged: diff.maturityChanged }
				};
			})
	);
	return {
		versions: versions.map((version) => ({ id: version.id, title: textOf(version.document.title, locale, version.framework), framework: version.framework, version: version.version, status: version.status, publishedAt: version.publishedAt?.slice(0, 10) ?? null, retiredAt: version.retiredAt?.slice(0, 10) ?? null })),
		drafts,
		unpublished: unpublished.map((document) => ({ framework: document.framework, title: textOf(document.title, locale, document.framework), version: document.version })),
		maxMb: MAX_DOCUMENT_MB
	};
};

/** The version a button acts on (its hidden `id`), else a refusal at the form. */
function versionId(form: FormData, intent: string) {
	const id = form.get('id');
	return typeof id === 'string' && id !== '' ? { id } : { refused: invalid({ form: 'framework_required' }, form, { intent }) };
}

export const actions = {
	publish: async (event) => {
		const actor = publisher(event);
		const form = await event.request.formData();
		const framework = form.get('framework');
		if (typeof framework !== 'string' || framework === '') return invalid({ form: 'framework_required' }, form, { intent: 'publish' });
		try {
			const version = await publishBundledVersion(event.locals.db, actor, framework);
			return { published: `${version.framework} ${version.version}` };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'publish' });
		}
	},
	upload: async (event) => {
		const actor = publisher(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return invalid({ file: file instanceof File && file.name ? 'document_empty' : 'document_file_required' }, form, { intent: 'upload' });
		if (file.size > MAX_DOCUMENT_MB * 1024 * 1024) return invalid({ file: 'document_too_large' }, form, { intent: 'upload', params: { file: { maxMb: MAX_DOCUMENT_MB } } });
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
		} catch {
			return invalid({ file: 'document_not_utf8' }, form, { intent: 'upload' });
		}
		try {
			const draft = await createDraftVersion(event.locals.db, actor, text.replace(/^\uFEFF/, ''));
			return { uploaded: `${draft.framework} ${draft.version}` };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'upload', values: { intent: 'upload' }, rename: { document: 'file' } });
		}
	},
	publishDraft: async (event) => {
		const actor = publisher(event);
		const form = await event.request.formData();
		const { id, refused } = versionId(form, 'draft');
		if (refused) return refused;
		try {
			const version = await publishVersion(event.locals.db, actor, id);
			return { published: `${version.framework} ${version.version}` };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'draft' });
		}
	},
	discard: async (event) => {
		const actor = publisher(event);
		const form = await event.request.formData();
		const { id, refused } = versionId(form, 'draft');
		if (refused) return refused;
		try {
			await discardDraftVersion(event.locals.db, actor, id);
			return { discarded: true };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'draft' });
		}
	},
	retire: async (event) => {
		const actor = publisher(event);
		const form = await event.request.formData();
		const { id, refused } = versionId(form, 'retire');
		if (refused) return refused;
		if (form.get('confirm') !== 'yes') return invalid({ [`confirm-${id}`]: 'retire_confirm_required' }, form, { intent: 'retire' });
		try {
			const version = await retireVersion(event.locals.db, actor, id);
			return { retired: `${version.framework} ${version.version}` };
		} catch (problem) {
			return formFailure(problem, form, { intent: 'retire' });
		}
	}
} satisfies Actions;
