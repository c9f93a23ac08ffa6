/**
 * Ratings and evidence, as pure rules: the rating scale, what a piece of evidence is (a snapshot of
 * a record on the platform, or a link the city adds), which evidence counts for a criterion, and
 * whether a rating has the evidence it requires. Snapshots are stored with the rating, so later
 * edits of the record never change what was assessed.
 *
 * @example
 *   checkEvidence(criterion, 'met', items) // { ok: false, rule: 'evidence_missing', needed: 2, counted: 1 }
 */
import type { LocalizedText } from '../../i18n/localized-text.ts';
import type { Criterion, EvidenceKind, EvidenceSpec } from './framework-document.ts';

export const RATINGS = ['met', 'partly_met', 'not_met', 'not_applicable'] as const;
export type Rating = (typeof RATINGS)[number];

/** Order for "the lower of two ratings" (not applicable has no place on it). */
const RANK: Record<Exclude<Rating, 'not_applicable'>, number> = { not_met: 0, partly_met: 1, met: 2 };

export function isRating(value: unknown): value is Rating {
	return typeof value === 'string' && (RATINGS as readonly string[]).includes(value);
}

/** Facts a page shows with a piece of evidence (numbers, dates, codes), never personal data. */
export type EvidenceFacts = Record<string, string | number | null>;

export interface EvidenceItem {
	kind: EvidenceKind;
	/** The record's public reference (`D-1`, `A-2025-003`, an indicator code) or, for a link, its URL. */
	ref: string;
	/** The record's title when it has one (a link's label as `{ und: … }` is kept as typed). */
	label: LocalizedText | null;
	/** Where to see it: a path on the platform or, for a link, the URL; null when there is no public page. */
	href: string | null;
	/** What the record shows (`budget`, `sdg`, `data_2y`, `instrument:echr`, `udhr:25` …): what criteria look for. */
	facets: string[];
	facts: EvidenceFacts;
}

/** The key a form sends for a suggested item. */
export function evidenceKey(item: Pick<EvidenceItem, 'kind' | 'ref'>): string {
	return `${item.kind}|${item.ref}`;
}

export function matchesSpec(item: Pick<EvidenceItem, 'kind' | 'facets'>, spec: EvidenceSpec): boolean {
	return item.kind === spec.kind && (spec.facets ?? []).every((facet) => item.facets.includes(facet));
}

/** Whether an item counts as evidence for the criterion: a link always, a record when the criterion accepts it. */
export function countsFor(criterion: Criterion, item: Pick<EvidenceItem, 'kind' | 'facets'>): boolean {
	if (item.kind === 'link') return true;
	const specs = [...criterion.evidence.accepts, ...(criterion.evidence.met.including ?? [])];
	return specs.some((spec) => matchesSpec(item, spec));
}

export type EvidenceCheck = { ok: true } | { ok: false; rule: 'evidence_missing' | 'evidence_kind_missing'; needed: number; counted: number };

/**
 * Does the rating have the evidence its criterion requires? Met and partly met need the
 * criterion's counts (met: one of them of the kinds it names, when it names any); not met and not
 * applicable need a justification only.
 */
export function checkEvidence(criterion: Criterion, rating: Rating, items: readonly Pick<EvidenceItem, 'kind' | 'facets'>[]): EvidenceCheck {
	if (rating === 'not_met' || rating === 'not_applicable') return { ok: true };
	const counted = items.filter((item) => countsFor(criterion, item)).length;
	const needed = rating === 'met' ? criterion.evidence.met.count : criterion.evidence.partlyMet.count;
	if (counted < needed) return { ok: false, rule: 'evidence_missing', needed, counted };
	const including = rating === 'met' ? criterion.evidence.met.including : undefined;
	if (including && !items.some((item) => including.some((spec) => matchesSpec(item, spec)))) return { ok: false, rule: 'evidence_kind_missing', needed, counted };
	return { ok: true };
}

/**
 * The rating that counts when the two cities' final positions differ: the lower one; a criterion
 * is not applicable only when both say so (otherwise the rating given counts).
 */
export function lowerRating(a: Rating, b: Rating): Rating {
	if (a === 'not_applicable') return b;
	if (b === 'not_applicable') return a;
	return RANK[a] <= RANK[b] ? a : b;
}

/** A link the city or reviewers add: http(s) only, with an optional label. */
export function linkItem(url: string, label: string): EvidenceItem {
	return { kind: 'link', ref: url, label: label ? { und: label } : null, href: url, facets: [], facts: {} };
}

/** `https://… optional label` per line → links, or the number of the first bad line. */
export function parseLinks(text: string, max = 10): { ok: true; links: EvidenceItem[] } | { ok: false; line: number; rule: 'link_invalid' | 'too_many_links' } {
	const lines = text.split(/\r?\n/).map((line) => line.trim());
	const links: EvidenceItem[] = [];
	for (const [index, line] of lines.entries()) {
		if (!line) continue;
		const [url = '', ...rest] = line.split(/\s+/);
		let parsed: URL;
		try {
			parsed = new URL(url);
		} catch {
			return { ok: false, line: index + 1, rule: 'link_invalid' };
		}
		if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || url.length > 2000) return { ok: false, line: index + 1, rule: 'link_invalid' };
		links.push(linkItem(parsed.href, rest.join(' ').slice(0, 200)));
	}
	if (links.length > max) return { ok: false, line: max + 1, rule: 'too_many_links' };
	return { ok: true, links };
}

/** Links as the form's text shows them again. */
export function linksText(items: readonly EvidenceItem[]): string {
	return items
		.filter((item) => item.kind === 'link')
		.map((item) => [item.ref, item.label?.und ?? ''].filter(Boolean).join(' '))
		.join('\n');
}
