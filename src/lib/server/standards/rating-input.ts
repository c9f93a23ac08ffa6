/**
 * One criterion's rating as a form sends it, checked against its criterion: the rating on the
 * scale (not applicable only where the criterion allows it), a justification, the suggested
 * evidence ticked (by key) and links typed, and the evidence the rating requires. Shared by
 * self and shadow assessments and by the reviewers' ratings.
 */
import type { LocalizedText } from '../../i18n/localized-text.ts';
import { checkEvidence, evidenceKey, isRating, parseLinks, type EvidenceItem, type Rating } from './evidence.ts';
import type { Criterion, FrameworkDocument } from './framework-document.ts';
import { JUSTIFICATION_MAX } from './standards.schema.ts';

export interface RatingInput {
	criterion: string;
	/** `met`, `partly_met`, `not_met`, `not_applicable`, or empty for "not rated yet". */
	rating: string;
	justification: string;
	/** Keys (`kind|ref`) of suggested evidence ticked. */
	evidence?: readonly string[];
	/** Links, one per line: `https://… optional label`. */
	links?: string;
}

export interface CheckedRating {
	criterion: string;
	rating: Rating;
	text: LocalizedText;
	evidence: EvidenceItem[];
}

export interface RatingCheckOptions {
	/** The language the justification is written in. */
	locale: string;
	/** Evidence the form may tick, by key. */
	suggestions: ReadonlyMap<string, EvidenceItem>;
	/** Evidence that counts without being ticked (a reviewer rates on the city's evidence). */
	given?: (criterion: Criterion) => readonly EvidenceItem[];
}

export interface RatingCheck {
	/** Per criterion: the checked rating, or null to remove a rating left blank. */
	ratings: { criterion: string; value: CheckedRating | null }[];
	/** Criterion code → rule. */
	errors: Record<string, string>;
}

export function checkRatings(document: FrameworkDocument, inputs: readonly RatingInput[], options: RatingCheckOptions): RatingCheck {
	const criteria = new Map(document.criteria.map((criterion) => [criterion.code, criterion]));
	const ratings: RatingCheck['ratings'] = [];
	const errors: Record<string, string> = {};
	for (const input of inputs) {
		const criterion = criteria.get(input.criterion);
		if (!criterion) {
			errors[input.criterion] = 'criterion_unknown';
			continue;
		}
		const justification = input.justification.trim();
		const links = parseLinks(input.links ?? '');
		const ticked = input.evidence ?? [];
		if (!input.rating) {
			if (justification || ticked.length > 0 || (links.ok && links.links.length > 0)) errors[criterion.code] = 'rating_required';
			else ratings.push({ criterion: criterion.code, value: null });
			continue;
		}
		if (!isRating(input.rating)) {
			errors[criterion.code] = 'choice_invalid';
			continue;
		}
		if (input.rating === 'not_applicable' && !criterion.notApplicable) {
			errors[criterion.code] = 'not_applicable_refused';
			continue;
		}
		if (!justification) {
			errors[criterion.code] = 'justification_required';
			continue;
		}
		if (justification.length > JUSTIFICATION_MAX) {
			errors[criterion.code] = 'justification_too_long';
			continue;
		}
		if (!links.ok) {
			errors[criterion.code] = links.rule;
			continue;
		}
		const chosen: EvidenceItem[] = [];
		let unknown = false;
		for (const key of new Set(ticked)) {
			const item = options.suggestions.get(key);
			if (item) chosen.push(item);
			else unknown = true;
		}
		if (unknown) {
			errors[criterion.code] = 'evidence_unknown';
			continue;
		}
		const evidence = [...chosen, ...links.links];
		const check = checkEvidence(criterion, input.rating, [...(options.given?.(criterion) ?? []), ...evidence]);
		if (!check.ok) {
			errors[criterion.code] = check.rule;
			continue;
		}
		ratings.push({ criterion: criterion.code, value: { criterion: criterion.code, rating: input.rating, text: { [options.locale]: justification }, evidence } });
	}
	return { ratings, errors };
}

/** Suggestions by the key the form sends. */
export function byKey(items: readonly EvidenceItem[]): Map<string, EvidenceItem> {
	return new Map(items.map((item) => [evidenceKey(item), item]));
}
