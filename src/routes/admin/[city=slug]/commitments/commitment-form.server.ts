// A commitment's form fields as the service's input (tags from the UDHR and Gwangju checkboxes and
// the SDG codes field), a stored commitment as form values, and the choices the form offers.
import type { Db } from '#lib/server/db/database.ts';
import type { CommitmentInput } from '#lib/server/commitments/commitments.schema.ts';
import type { Commitment } from '#lib/server/commitments/commitments.types.ts';
import { DUTIES, POPULATION_GROUPS } from '#lib/server/commitments/vocabulary.ts';
import { listEntries } from '#lib/server/frameworks/frameworks.service.ts';
import { list, localized, text } from './form-input.server.ts';
import { localizedValues } from './text.ts';
import { declarationChoices, planChoices } from './options.server.ts';

/** An SDG goal or target as people write it: `11`, `11.1`, `11.a`, optionally with `sdg:` before it. */
const SDG_CODE = /^(?:sdg:)?(\d{1,2}(?:\.[0-9a-z]{1,2})?)$/;

/** The SDG codes field split into codes; the ones that cannot be codes at all are `malformed`. */
export function sdgCodes(field: string | null): { codes: string[]; malformed: string[] } {
	const codes: string[] = [];
	const malformed: string[] = [];
	for (const token of (field ?? '').split(/[\s,;]+/).filter(Boolean)) {
		const match = SDG_CODE.exec(token.toLowerCase());
		if (match) codes.push(`sdg:${match[1]}`);
		else malformed.push(token);
	}
	return { codes, malformed };
}

export function commitmentInput(form: FormData): { input: CommitmentInput; malformed: string[] } {
	const sdg = sdgCodes(text(form, 'sdgTags'));
	return {
		input: {
			title: localized(form, 'title'),
			description: localized(form, 'description'),
			planId: text(form, 'planId'),
			declarationId: text(form, 'declarationId'),
			duty: text(form, 'duty') as CommitmentInput['duty'],
			groups: list(form, 'groups') as CommitmentInput['groups'],
			tags: [...list(form, 'udhr'), ...list(form, 'gwangju'), ...sdg.codes]
		},
		malformed: sdg.malformed
	};
}

export function commitmentValues(commitment: Commitment | undefined, defaults: { planId?: string | undefined } = {}): Record<string, string> {
	if (!commitment) return { planId: defaults.planId ?? '' };
	return {
		...localizedValues('title', commitment.title),
		...localizedValues('description', commitment.description),
		planId: commitment.planId ?? '',
		declarationId: commitment.declarationId ?? '',
		duty: commitment.duty ?? '',
		groups: commitment.groups.join('\n'),
		udhr: commitment.tags.filter((code) => code.startsWith('udhr:')).join('\n'),
		gwangju: commitment.tags.filter((code) => code.startsWith('gwangju:')).join('\n'),
		sdgTags: commitment.tags
			.filter((code) => code.startsWith('sdg:'))
			.map((code) => code.slice(4))
			.join(', ')
	};
}

/** What the form offers: containers, duties, groups, and the UDHR and Gwangju entries with their labels. */
export async function commitmentChoices(db: Db, cityId: string, locale: string) {
	const [plans, declarations, udhr, gwangju, goals] = await Promise.all([
		planChoices(db, cityId, locale),
		declarationChoices(db, cityId, locale),
		listEntries(db, 'udhr', locale),
		listEntries(db, 'gwangju', locale),
		listEntries(db, 'sdg', locale, { parent: null })
	]);
	const entry = (item: { code: string; label: { text: string; lang: string } }) => ({ code: item.code, number: item.code.split(':')[1]!, label: item.label.text, lang: item.label.lang });
	return {
		plans,
		declarations,
		duties: DUTIES,
		groups: POPULATION_GROUPS,
		udhr: udhr.map(entry).sort((a, b) => Number(a.number) - Number(b.number)),
		gwangju: gwangju.map(entry).sort((a, b) => Number(a.number) - Number(b.number)),
		goals: goals.map(entry).sort((a, b) => Number(a.number) - Number(b.number))
	};
}
