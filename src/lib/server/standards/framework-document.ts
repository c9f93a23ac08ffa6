/**
 * A criteria framework version as data: the document the network admin publishes (the shipped
 * FRA, Gwangju and municipal-roles files in data/ have this shape). Each criterion has its text
 * per locale, where it comes from and whether that was confirmed, the evidence it requires and how
 * it is rated; the document also carries the maturity rule's parameters, so a later version can
 * change the rule without changing any past result.
 *
 * `parseFrameworkDocument` checks a document completely and names every problem by its path
 * (`criteria.3.evidence.met.count: count_order`); `documentHash` is what assessments keep.
 *
 * @example
 *   const parsed = parseFrameworkDocument(JSON.parse(text));
 *   if (!parsed.ok) return parsed.problems; // [{ path: 'criteria.0.title.en', rule: 'required' }]
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../ledger/index.ts';
import { LOCALES } from '../../i18n/locales.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';

export const DOCUMENT_FORMAT = 'rightscity-standards-framework/1';

/** Where evidence can come from: a kind of record on the platform, or a link the city adds. */
export const EVIDENCE_KINDS = [
	'declaration',
	'plan',
	'commitment',
	'action',
	'department',
	'indicator',
	'progress',
	'ledger',
	'profile',
	'staff',
	'peer_review',
	'shadow',
	'council',
	'concerns',
	'pairing',
	'link'
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The four levels, in order; level 0 is "not yet at the first level". */
export const LEVEL_CODES = ['declaration', 'commitment', 'implementation', 'effective'] as const;
export type LevelCode = (typeof LEVEL_CODES)[number];
export const CORE_RULES = ['one_partly', 'all_partly', 'all_met'] as const;
export type CoreRule = (typeof CORE_RULES)[number];

/** How the English (source) text relates to the source: its own words, a back-translation, or ours. */
export const WORDINGS = ['source', 'back_translation', 'project'] as const;
export const TRANSLATION_STATUSES = ['source', 'project', 'official', 'unverified'] as const;

const text = (max: number) =>
	z
		.record(z.string(), z.string().max(max, 'too_long'))
		.superRefine((texts, context) => {
			if (!texts.en?.trim()) context.addIssue({ code: 'custom', message: 'english_required', path: ['en'] });
			for (const locale of Object.keys(texts)) if (!(LOCALES as readonly string[]).includes(locale)) context.addIssue({ code: 'custom', message: 'locale_unknown', path: [locale] });
		});

const code = z.string().regex(/^[a-z][a-z0-9-]*(:[A-Za-z0-9.-]+)*$/, 'code_invalid').max(60, 'too_long');
const facet = z.string().regex(/^[a-z0-9_:.-]{1,60}$/, 'facet_invalid');
const evidenceSpec = z.object({ kind: z.enum(EVIDENCE_KINDS, 'kind_unknown'), facets: z.array(facet).max(5, 'too_many').optional() }).strict();

const criterionSchema = z
	.object({
		code,
		group: z.string().min(1, 'required'),
		confirmed: z.boolean('boolean_required'),
		wording: z.enum(WORDINGS, 'choice_invalid'),
		sourceLocation: z.string().min(1, 'required').max(1000, 'too_long'),
		confirmationNote: z.string().max(1000, 'too_long').optional(),
		title: text(300),
		description: text(2000),
		evidence: z
			.object({
				text: text(2000),
				accepts: z.array(evidenceSpec).max(12, 'too_many'),
				met: z.object({ count: z.number('number_required').int('count_invalid').min(1, 'count_invalid').max(10, 'count_invalid'), including: z.array(evidenceSpec).min(1, 'required').max(6, 'too_many').optional() }).strict(),
				partlyMet: z.object({ count: z.number('number_required').int('count_invalid').min(1, 'count_invalid').max(10, 'count_invalid') }).strict()
			})
			.strict()
			.refine((evidence) => evidence.partlyMet.count <= evidence.met.count, { message: 'count_order', path: ['met', 'count'] }),
		notApplicable: text(1000).optional()
	})
	.strict();

const levelSchema = z
	.object({
		code: z.enum(LEVEL_CODES, 'choice_invalid'),
		core: z.enum(CORE_RULES, 'choice_invalid'),
		atLeastPartly: z.number('number_required').min(0, 'share_invalid').max(1, 'share_invalid'),
		met: z.number('number_required').min(0, 'share_invalid').max(1, 'share_invalid')
	})
	.strict();

export const frameworkDocumentSchema = z
	.object({
		format: z.literal(DOCUMENT_FORMAT, 'format_unknown'),
		framework: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'code_invalid'),
		version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,30}$/, 'version_invalid'),
		title: text(300),
		short: text(80),
		source: z.object({ citation: z.string().min(1, 'required').max(2000, 'too_long'), urls: z.array(z.url('url_invalid')).max(10, 'too_many'), note: z.string().max(3000, 'too_long') }).strict(),
		translations: z
			.object({ note: z.string().max(1000, 'too_long') })
			.catchall(z.enum(TRANSLATION_STATUSES, 'choice_invalid')),
		groups: z.array(z.object({ code, title: text(300), confirmed: z.boolean('boolean_required').optional() }).strict()).min(1, 'required').max(30, 'too_many'),
		criteria: z.array(criterionSchema).min(1, 'required').max(200, 'too_many'),
		maturity: z.object({ core: z.array(code).max(50, 'too_many'), levels: z.array(levelSchema).length(4, 'levels_invalid') }).strict()
	})
	.strict()
	.superRefine((document, context) => {
		const groups = new Set(document.groups.map((group) => group.code));
		const seen = new Set<string>();
		document.criteria.forEach((criterion, index) => {
			if (seen.has(criterion.code)) context.addIssue({ code: 'custom', message: 'code_repeated', path: ['criteria', index, 'code'] });
			seen.add(criterion.code);
			if (!groups.has(criterion.group)) context.addIssue({ code: 'custom', message: 'group_unknown', path: ['criteria', index, 'group'] });
		});
		const criteria = new Map(document.criteria.map((criterion) => [criterion.code, criterion]));
		document.maturity.core.forEach((core, index) => {
			const criterion = criteria.get(core);
			if (!criterion) context.addIssue({ code: 'custom', message: 'criterion_unknown', path: ['maturity', 'core', index] });
			else if (criterion.notApplicable) context.addIssue({ code: 'custom', message: 'core_not_applicable', path: ['maturity', 'core', index] });
		});
		document.maturity.levels.forEach((level, index) => {
			if (level.code !== LEVEL_CODES[index]) context.addIssue({ code: 'custom', message: 'levels_invalid', path: ['maturity', 'levels', index, 'code'] });
			const before = document.maturity.levels[index - 1];
			if (before && (level.atLeastPartly < before.atLeastPartly || level.met < before.met || CORE_RULES.indexOf(level.core) < CORE_RULES.indexOf(before.core))) {
				context.addIssue({ code: 'custom', message: 'levels_order', path: ['maturity', 'levels', index] });
			}
		});
		for (const locale of Object.keys(document.translations)) {
			if (locale !== 'note' && !(LOCALES as readonly string[]).includes(locale)) context.addIssue({ code: 'custom', message: 'locale_unknown', path: ['translations', locale] });
		}
	});

export type FrameworkDocument = z.output<typeof frameworkDocumentSchema>;
export type Criterion = FrameworkDocument['criteria'][number];
export type EvidenceSpec = z.output<typeof evidenceSpec>;
export type LevelRule = FrameworkDocument['maturity']['levels'][number];
export type Localized = LocalizedText;

export interface DocumentProblem {
	/** Dotted path in the document (`criteria.3.title.en`), `` for the whole document. */
	path: string;
	rule: string;
	/** Where a JSON syntax error is (from 1). */
	line?: number;
	column?: number;
}

const RULE = /^[a-z][a-z0-9_]*$/;

/** Checks a document; every problem by path, the first per path. */
export function parseFrameworkDocument(input: unknown): { ok: true; document: FrameworkDocument } | { ok: false; problems: DocumentProblem[] } {
	const result = frameworkDocumentSchema.safeParse(input);
	if (result.success) return { ok: true, document: result.data };
	const problems = new Map<string, string>();
	for (const issue of result.error.issues) {
		const keys = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
		const path = [...issue.path.map(String), ...keys].join('.');
		const rule = RULE.test(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'required' : issue.code === 'unrecognized_keys' ? 'field_unknown' : 'invalid';
		if (!problems.has(path)) problems.set(path, rule);
	}
	return { ok: false, problems: [...problems].map(([path, rule]) => ({ path, rule })) };
}

/** SHA-256 of the document's canonical JSON, base64url: the same document always has the same hash. */
export function documentHash(document: FrameworkDocument): string {
	return createHash('sha256').update(canonicalJson(document)).digest('base64url');
}

export interface DocumentDiff {
	added: string[];
	removed: string[];
	changed: string[];
	maturityChanged: boolean;
}

/** What a new version changes against the one before (criteria by code). */
export function diffDocuments(before: FrameworkDocument, after: FrameworkDocument): DocumentDiff {
	const old = new Map(before.criteria.map((criterion) => [criterion.code, canonicalJson(criterion)]));
	const now = new Map(after.criteria.map((criterion) => [criterion.code, canonicalJson(criterion)]));
	return {
		added: [...now.keys()].filter((code) => !old.has(code)),
		removed: [...old.keys()].filter((code) => !now.has(code)),
		changed: [...now.keys()].filter((code) => old.has(code) && old.get(code) !== now.get(code)),
		maturityChanged: canonicalJson(before.maturity) !== canonicalJson(after.maturity)
	};
}

/** The criterion with this code, or undefined. */
export function criterionOf(document: FrameworkDocument, code: string): Criterion | undefined {
	return document.criteria.find((criterion) => criterion.code === code);
}
