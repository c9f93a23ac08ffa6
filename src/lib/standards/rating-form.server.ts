/**
 * The rating forms of the standards admin pages (assessment, review, positions): one group of
 * fields per criterion, named `<field>.<criterion code>`, read back into the services' inputs.
 * The version comes from a hidden field; one that is not a number is refused before any service.
 */
import type { PositionInput } from '#lib/server/standards/agreement.service.ts';
import type { RatingInput } from '#lib/server/standards/rating-input.ts';

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
};

export function readVersion(form: FormData): number | undefined {
	const value = text(form, 'version');
	return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export function readRatings(form: FormData, codes: readonly string[], withEvidence: boolean): RatingInput[] {
	return codes.map((code) => ({
		criterion: code,
		rating: text(form, `rating.${code}`),
		justification: text(form, `justification.${code}`),
		...(withEvidence ? { evidence: form.getAll(`evidence.${code}`).filter((value): value is string => typeof value === 'string') } : {}),
		links: text(form, `links.${code}`)
	}));
}

/** Positions stated (a criterion left on "keep our own rating" is not sent). */
export function readPositions(form: FormData, codes: readonly string[]): PositionInput[] {
	return codes.filter((code) => text(form, `position.${code}`) !== '').map((code) => ({ criterion: code, rating: text(form, `position.${code}`), note: text(form, `note.${code}`) }));
}
