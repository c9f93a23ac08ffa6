// Reading the practice form (create and edit) into the service's input, and what the form shows:
// the stored practice as the form's fields in one language, the choices it offers. Texts are
// written in one language (`lang`) at a time: the other languages are kept as they were.
import { error } from '@sveltejs/kit';
import { LOCALES, isLocale } from '#lib/i18n/locales.ts';
import type { LocalizedText } from '#lib/i18n/localized-text.ts';
import type { Actor } from '#lib/server/accounts/index.ts';
import { POPULATION_GROUPS } from '#lib/server/commitments/index.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '#lib/server/commitments/vocabulary.ts';
import { ACCEPTED_EXTENSIONS } from '#lib/server/files/file-type.ts';
import { canManagePractices } from '#lib/server/network/network.policy.ts';
import { LAYERS, type PracticeInput } from '#lib/server/network/network.schema.ts';
import type { Practice } from '#lib/server/network/practices.service.ts';
import type { UploadedFile } from '#lib/server/commitments/index.ts';
import { formText } from '../network-view.server.ts';

/** Link rows the form offers beyond the stored ones (the schema takes at most 20). */
export const EXTRA_LINK_ROWS = 3;
export const MAX_LINK_ROWS = 20;
export const LINK_TYPES = ['commitment', 'action', 'indicator', 'url'] as const;
/** The texts written per language, as the form's fields. */
const TEXTS = ['title', 'summary', 'body', 'results', 'practitionerNotes'] as const;

/** The city's staff (or the network admin) may write its practices; everyone else is refused. */
export function requirePracticeWriter(actor: Actor, cityId: string): void {
	if (!canManagePractices(actor, cityId)) error(403, 'forbidden', { code: 'forbidden' });
}

function textsOf(texts: LocalizedText | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(texts ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

/** An optional number: '' is none, anything else must read as a number (NaN is refused by the schema). */
function optionalNumber(text: string): number | null {
	return text === '' ? null : Number(text.replace(/[\s,](?=\d{3}\b)/g, ''));
}

/** The link rows (`link.1.type`, `link.1.target`, `link.1.label`, …) that were filled in, in order. */
function linksOf(form: FormData): PracticeInput['links'] {
	const links: NonNullable<PracticeInput['links']> = [];
	for (let row = 1; row <= MAX_LINK_ROWS; row += 1) {
		const target = formText(form, `link.${row}.target`);
		const label = formText(form, `link.${row}.label`);
		if (!target && !label) continue;
		links.push({ type: formText(form, `link.${row}.type`) as (typeof LINK_TYPES)[number], target, label });
	}
	return links;
}

/** The service input from the form, and the language its texts were written in. */
export function practiceInputOf(form: FormData, existing?: Pick<Practice, 'title' | 'summary' | 'body' | 'results' | 'practitionerNotes' | 'originalLocale'>): { input: PracticeInput; lang: string } {
	const lang = isLocale(formText(form, 'lang')) ? formText(form, 'lang') : 'en';
	const texts = Object.fromEntries(
		TEXTS.map((name) => {
			const kept = textsOf(existing?.[name]);
			const typed = formText(form, name);
			if (typed) kept[lang] = typed;
			else delete kept[lang];
			return [name, kept];
		})
	) as Record<(typeof TEXTS)[number], Record<string, string>>;
	// Title and summary in the form's language are required even when other languages have
	// them: without, the service is given none and reports it with every other problem at once.
	if (!formText(form, 'title')) texts.title = {};
	if (!formText(form, 'summary')) texts.summary = {};
	return {
		lang,
		input: {
			layer: formText(form, 'layer') as PracticeInput['layer'],
			originalLocale: existing?.originalLocale ?? lang,
			title: texts.title,
			summary: texts.summary,
			body: texts.body,
			results: texts.results,
			practitionerNotes: texts.practitionerNotes,
			budgetAmount: optionalNumber(formText(form, 'budgetAmount')),
			budgetCurrency: formText(form, 'budgetCurrency') || null,
			startedYear: optionalNumber(formText(form, 'startedYear')),
			groups: form.getAll('groups').filter((value): value is string => typeof value === 'string') as PracticeInput['groups'],
			tags: formText(form, 'tags')
				.split(/[\s,;]+/)
				.filter(Boolean),
			contact: { name: formText(form, 'contactName'), role: formText(form, 'contactRole'), email: formText(form, 'contactEmail') },
			links: linksOf(form)
		}
	};
}

/** The stored practice as the form's fields, with its texts in `lang`. */
export function practiceFields(practice: Practice | undefined, lang: string): Record<string, string> {
	if (!practice) return { lang, layer: 'public' };
	const fields: Record<string, string> = {
		lang,
		layer: practice.layer,
		budgetAmount: practice.budget ? String(practice.budget.amount) : '',
		budgetCurrency: practice.budget?.currency ?? '',
		startedYear: practice.startedYear === null ? '' : String(practice.startedYear),
		groups: practice.groups.join('\n'),
		tags: practice.tags.join(', '),
		contactName: practice.contact?.name ?? '',
		contactRole: practice.contact?.role ?? '',
		contactEmail: practice.contact?.email ?? ''
	};
	for (const name of TEXTS) fields[name] = practice[name][lang] ?? '';
	practice.links.forEach((link, index) => {
		fields[`link.${index + 1}.type`] = link.type;
		fields[`link.${index + 1}.target`] = link.target;
		fields[`link.${index + 1}.label`] = link.label;
	});
	return fields;
}

/** The files of an upload field. */
export async function uploadedFiles(form: FormData, name = 'files'): Promise<UploadedFile[]> {
	const files = form.getAll(name).filter((value): value is File => typeof value !== 'string' && value.size > 0);
	return Promise.all(files.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

export function practiceChoices(storedLinks: number) {
	return {
		locales: LOCALES,
		layers: LAYERS,
		groups: POPULATION_GROUPS,
		linkTypes: LINK_TYPES,
		linkRows: Math.min(MAX_LINK_ROWS, storedLinks + EXTRA_LINK_ROWS),
		limits: { files: EVIDENCE_MAX_FILES, maxMb: EVIDENCE_MAX_BYTES / 1024 / 1024, extensions: ACCEPTED_EXTENSIONS }
	};
}
