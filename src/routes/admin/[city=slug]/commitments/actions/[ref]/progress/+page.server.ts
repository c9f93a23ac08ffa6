// Progress of one action: record an update (text, status, progress, date, up to 5 links and 5
// files as evidence) — the responsible officer or a city admin; see past updates with their
// evidence; withdraw one (city admins; the ledger keeps the record).
import type { Actions, PageServerLoad } from './$types';
import { deleteProgressUpdate, listProgressUpdates, recordProgress, type UploadedFile } from '#lib/server/commitments/progress.service.ts';
import { ACCEPTED_EXTENSIONS } from '#lib/server/files/file-type.ts';
import { ACTION_STATUSES, EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, EVIDENCE_MAX_LINKS } from '#lib/server/commitments/vocabulary.ts';
import type { ProgressInput } from '#lib/server/commitments/commitments.schema.ts';
import { todayIso } from '#lib/server/commitments/rollup.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { formFailure } from '#lib/server/http/forms.ts';
import { localized, number, text, version } from '../../../form-input.server.ts';
import { localizedValues } from '../../../text.ts';
import { editableAction } from '../../action-access.server.ts';

export const load: PageServerLoad = async (event) => {
	const { city, manager, action, canRecord } = await editableAction(event);
	const { db, locale } = event.locals;
	const updates = await listProgressUpdates(db, city.id, action.id);
	return {
		action: {
			ref: action.ref,
			version: action.version,
			title: pickText(action.title, locale) ?? { text: action.ref, lang: locale },
			status: action.status,
			progress: action.progress,
			values: { status: action.status, progress: String(action.progress), reportedOn: todayIso(), ...localizedValues('statusReason', action.statusReason) }
		},
		canRecord,
		canWithdraw: manager,
		statuses: ACTION_STATUSES,
		limits: { files: EVIDENCE_MAX_FILES, links: EVIDENCE_MAX_LINKS, maxMb: EVIDENCE_MAX_BYTES / 1024 / 1024, extensions: ACCEPTED_EXTENSIONS },
		updates: updates.map((update) => ({
			id: update.id,
			reportedOn: update.reportedOn,
			authorRole: update.authorRole,
			status: update.status,
			progress: update.progress,
			text: pickText(update.text, locale) ?? { text: '', lang: locale },
			links: update.evidence.filter((item) => item.kind === 'link').map((item) => ({ id: item.id, url: item.url ?? '', label: item.label })),
			files: update.evidence.filter((item) => item.kind === 'file').map((item) => ({ id: item.id, name: item.fileName ?? '', type: item.contentType ?? '', size: item.size, sha256: item.sha256 ?? '' }))
		}))
	};
};

/** The link rows (`link.1.url`, `link.1.label`, …) that were filled in, in order. */
function linksOf(form: FormData): { url: string; label: string }[] {
	const links: { url: string; label: string }[] = [];
	for (let row = 1; row <= EVIDENCE_MAX_LINKS; row += 1) {
		const url = text(form, `link.${row}.url`) ?? '';
		const label = text(form, `link.${row}.label`) ?? '';
		if (url || label) links.push({ url, label });
	}
	return links;
}

async function filesOf(form: FormData): Promise<UploadedFile[]> {
	const files = form.getAll('files').filter((value): value is File => typeof value !== 'string');
	return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

export const actions = {
	record: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const { db, files } = event.locals;
		const form = await event.request.formData();
		const input: ProgressInput = {
			text: localized(form, 'text'),
			status: text(form, 'status') ?? '',
			statusReason: localized(form, 'statusReason'),
			progress: number(form, 'progress') ?? Number.NaN,
			reportedOn: text(form, 'reportedOn') ?? '',
			links: linksOf(form)
		};
		try {
			await recordProgress(db, files, actor, city.id, action.id, version(form), input, await filesOf(form));
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'recorded' as const };
	},
	withdraw: async (event) => {
		const { actor, city, action } = await editableAction(event);
		const form = await event.request.formData();
		try {
			const update = (await listProgressUpdates(event.locals.db, city.id, action.id)).find((item) => item.id === text(form, 'updateId'));
			// Only this action's updates are withdrawn from its page.
			await deleteProgressUpdate(event.locals.db, actor, city.id, update?.id ?? '');
		} catch (error) {
			return formFailure(error, form);
		}
		return { done: 'withdrawn' as const };
	}
} satisfies Actions;
