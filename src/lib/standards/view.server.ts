/**
 * What the standards pages show, as plain data in the reader's language: framework and criterion
 * titles picked from the document's texts, levels named, the maturity rule as it was applied,
 * an assessment's or a review's rows. Pages render these; the services stay free of wording.
 *
 * @example
 *   const rows = assessmentRows(view, locale); // one row per criterion, evidence as links
 */
import { message } from '#lib/i18n/messages.ts';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';
import type { Assessment, AssessmentView } from '#lib/server/standards/assessments.service.ts';
import type { FrameworkVersion } from '#lib/server/standards/frameworks.service.ts';
import type { AssessmentListItem } from './AssessmentList.svelte';
import type { EvidenceItem } from '#lib/server/standards/evidence.ts';
import type { Criterion, FrameworkDocument } from '#lib/server/standards/framework-document.ts';
import type { MaturityOutcome } from '#lib/server/standards/maturity.ts';
import { outcomesOf } from '#lib/server/standards/agreement.service.ts';
import type { ReviewView } from '#lib/server/standards/reviews.service.ts';
import { levelCodeOf } from '#lib/server/standards/results.service.ts';

export interface Text {
	text: string;
	lang: string;
}

/** A document text in the reader's language (else English), with the language it is in. */
export function textOf(texts: LocalizedText | null | undefined, locale: string, fallback = ''): Text {
	const picked = texts ? pickText(texts, locale) : undefined;
	return picked ? { text: picked.text, lang: picked.lang } : { text: fallback, lang: locale };
}

/** "Commitment", "Not yet at a level", … */
export function levelName(level: number): string {
	const code = levelCodeOf(level);
	return message(code === 'none' ? 'standards_level_0' : `standards_level_${code}`);
}

export function ratingName(rating: string | undefined): string {
	return rating ? message(`standards_rating_${rating}`) : message('standards_rating_none');
}

export interface EvidenceLink {
	label: Text;
	href: string | null;
	ref: string;
}

export function evidenceLinks(items: readonly EvidenceItem[], locale: string): EvidenceLink[] {
	return items.map((item) => ({ label: textOf(item.label, locale, item.ref), href: item.href, ref: item.ref }));
}

function titles(document: FrameworkDocument, locale: string, codes: readonly string[]): string {
	const byCode = new Map(document.criteria.map((criterion) => [criterion.code, criterion]));
	return codes.map((code) => textOf(byCode.get(code)?.title, locale, code).text).join('; ');
}

export interface RuleLine {
	level: number;
	name: string;
	holds: boolean;
	conditions: { text: string; holds: boolean }[];
}

/** The maturity rule as applied: each level's conditions in words, and whether they hold. */
export function ruleLines(document: FrameworkDocument, maturity: MaturityOutcome): RuleLine[] {
	return maturity.levels.map((check) => ({
		level: check.level,
		name: levelName(check.level),
		holds: check.holds,
		conditions: check.conditions.map((condition) => ({
			holds: condition.holds,
			text:
				condition.kind === 'core'
					? message(`standards_rule_core_${condition.rule}`)
					: message(`standards_rule_share_${condition.kind}`, { needed: condition.needed, total: maturity.applicable, have: condition.have })
		}))
	}));
}

export interface NextLevel {
	level: number;
	name: string;
	core: string | null;
	candidates: string | null;
}

/** What keeps the city from the level above its own (none at the top). */
export function nextLevel(document: FrameworkDocument, maturity: MaturityOutcome, locale: string): NextLevel | null {
	const next = maturity.next;
	if (!next) return null;
	let core: string | null = null;
	let candidates: string | null = null;
	for (const condition of next.conditions) {
		if (condition.holds) continue;
		if (condition.kind === 'core') core = titles(document, locale, condition.short);
		else candidates = titles(document, locale, condition.candidates);
	}
	return { level: next.level, name: levelName(next.level), core, candidates };
}

export function coreTitles(document: FrameworkDocument, locale: string): string {
	return titles(document, locale, document.maturity.core);
}

export interface CriterionHead {
	code: string;
	group: Text;
	title: Text;
	evidenceText: Text;
	notApplicable: boolean;
}

export function criterionHead(document: FrameworkDocument, criterion: Criterion, locale: string): CriterionHead {
	const group = document.groups.find((item) => item.code === criterion.group);
	return {
		code: criterion.code,
		group: textOf(group?.title, locale, criterion.group),
		title: textOf(criterion.title, locale, criterion.code),
		evidenceText: textOf(criterion.evidence.text, locale),
		notApplicable: Boolean(criterion.notApplicable)
	};
}

export interface AssessmentRowView extends CriterionHead {
	rating: string | null;
	ratingName: string;
	justification: Text | null;
	evidence: EvidenceLink[];
	/** Suggested evidence ticked, by key (forms). */
	ticked: string[];
	links: string;
}

/** One row per criterion of an assessment, in the document's order. */
export function assessmentRows(view: AssessmentView, locale: string): AssessmentRowView[] {
	const document = view.framework.document;
	return document.criteria.map((criterion) => {
		const entry = view.ratings.get(criterion.code);
		const links = entry?.evidence.filter((item) => item.kind === 'link') ?? [];
		return {
			...criterionHead(document, criterion, locale),
			rating: entry?.rating ?? null,
			ratingName: ratingName(entry?.rating),
			justification: entry ? textOf(entry.justification, locale) : null,
			evidence: evidenceLinks(entry?.evidence ?? [], locale),
			ticked: (entry?.evidence ?? []).filter((item) => item.kind !== 'link').map((item) => `${item.kind}|${item.ref}`),
			links: links.map((item) => (item.label && Object.values(item.label)[0] ? `${item.ref} ${Object.values(item.label)[0]}` : item.ref)).join('\n')
		};
	});
}

export interface ReviewRowView extends CriterionHead {
	city: { rating: string | null; ratingName: string; text: Text | null };
	reviewer: { rating: string | null; ratingName: string; text: Text | null; links: string };
	positions: { city: { rating: string; ratingName: string; note: Text | null } | null; reviewer: { rating: string; ratingName: string; note: Text | null } | null };
	outcome: { agreed: boolean; counted: string; countedName: string } | null;
}

function noteOf(note: LocalizedText, locale: string): Text | null {
	return Object.keys(note).length ? textOf(note, locale) : null;
}

/** One row per criterion of a review: both voices, both positions and, once published, the outcome. */
export function reviewRows(view: ReviewView, locale: string): ReviewRowView[] {
	const document = view.assessment.framework.document;
	const outcomes = view.review.status === 'published' ? new Map(outcomesOf(view).map((outcome) => [outcome.criterion, outcome])) : undefined;
	return document.criteria.map((criterion) => {
		const own = view.assessment.ratings.get(criterion.code);
		const theirs = view.ratings.get(criterion.code);
		const cityPosition = view.positions.city.get(criterion.code);
		const reviewerPosition = view.positions.reviewer.get(criterion.code);
		const outcome = outcomes?.get(criterion.code);
		return {
			...criterionHead(document, criterion, locale),
			city: { rating: own?.rating ?? null, ratingName: ratingName(own?.rating), text: own ? textOf(own.justification, locale) : null },
			reviewer: {
				rating: theirs?.rating ?? null,
				ratingName: ratingName(theirs?.rating),
				text: theirs ? textOf(theirs.comment, locale) : null,
				links: (theirs?.evidence ?? []).map((item) => item.ref).join('\n')
			},
			positions: {
				city: cityPosition ? { rating: cityPosition.rating, ratingName: ratingName(cityPosition.rating), note: noteOf(cityPosition.note, locale) } : null,
				reviewer: reviewerPosition ? { rating: reviewerPosition.rating, ratingName: ratingName(reviewerPosition.rating), note: noteOf(reviewerPosition.note, locale) } : null
			},
			outcome: outcome ? { agreed: outcome.agreed, counted: outcome.counted, countedName: ratingName(outcome.counted) } : null
		};
	});
}

/** A framework version as lists and menus name it: its short title in the reader's language and its version ("FRA 2021 2021.1"). */
export function versionLabel(version: Pick<FrameworkVersion, 'document' | 'framework' | 'version'>, locale: string): string {
	return `${textOf(version.document.short, locale, version.framework).text} ${version.version}`;
}

/** Assessments as the shared list shows them (AssessmentList.svelte); `versions` holds every version they use. */
export function assessmentListItems(assessments: readonly Assessment[], versions: readonly FrameworkVersion[], locale: string, href: (assessment: Assessment) => string): AssessmentListItem[] {
	const byId = new Map(versions.map((version) => [version.id, version]));
	return assessments.map((assessment) => {
		const version = byId.get(assessment.frameworkVersionId);
		return {
			ref: assessment.ref,
			kind: assessment.kind,
			organisation: assessment.organisation,
			framework: version ? versionLabel(version, locale) : `${assessment.framework} ${assessment.frameworkVersion}`,
			year: assessment.year,
			status: assessment.status,
			demo: assessment.demo,
			href: href(assessment)
		};
	});
}
