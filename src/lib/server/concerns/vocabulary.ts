/**
 * The words of the concerns module: the plain-language categories a resident picks (each mapped
 * to the UDHR articles it is about), the case statuses and the groups they fall into on the
 * statistics page, where a case can be referred, the groups of people affected, and the limits
 * and periods of ombudsperson practice (deadline to answer, appeal window, retention).
 */
import { POPULATION_GROUPS } from '../commitments/index.ts';

/** What a resident reports, in their words; the articles are the frameworks module's `udhr:N` codes. */
export const CATEGORIES = [
	{ code: 'discrimination', articles: [2, 7], group: 'equality' },
	{ code: 'hate_incident', articles: [3, 7], group: 'equality' },
	{ code: 'accessibility', articles: [21, 25], group: 'equality' },
	{ code: 'housing_eviction', articles: [25, 12, 17], group: 'social_rights' },
	{ code: 'health_social', articles: [22, 25], group: 'social_rights' },
	{ code: 'education', articles: [26], group: 'social_rights' },
	{ code: 'work', articles: [23], group: 'social_rights' },
	{ code: 'public_service', articles: [21, 8], group: 'public_services' },
	{ code: 'police_justice', articles: [9, 10, 5], group: 'civil_liberties' },
	{ code: 'privacy', articles: [12], group: 'civil_liberties' },
	{ code: 'expression_assembly', articles: [19, 20], group: 'civil_liberties' },
	{ code: 'other', articles: [], group: 'other' }
] as const;
export type CategoryCode = (typeof CATEGORIES)[number]['code'];
export const CATEGORY_CODES: readonly CategoryCode[] = CATEGORIES.map((category) => category.code);

export function isCategory(code: string): code is CategoryCode {
	return (CATEGORY_CODES as readonly string[]).includes(code);
}

export const STATUSES = ['received', 'under_review', 'referred', 'resolved', 'not_upheld', 'withdrawn'] as const;
export type ConcernStatus = (typeof STATUSES)[number];
export const OPEN_STATUSES: readonly ConcernStatus[] = ['received', 'under_review', 'referred'];
export const CLOSED_STATUSES: readonly ConcernStatus[] = ['resolved', 'not_upheld', 'withdrawn'];
export function isOpen(status: ConcernStatus): boolean {
	return OPEN_STATUSES.includes(status);
}

/** The statistics page's columns: every open status counts as `open`. */
export const STATUS_GROUPS = ['open', 'resolved', 'not_upheld', 'withdrawn'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];
export function statusGroupOf(status: ConcernStatus): StatusGroup {
	return isOpen(status) ? 'open' : (status as StatusGroup);
}

/** Time from receipt to closure, in days, as the statistics page groups it. */
export const RESOLUTION_BUCKETS = [
	{ code: 'd30', maxDays: 30 },
	{ code: 'd90', maxDays: 90 },
	{ code: 'd180', maxDays: 180 },
	{ code: 'longer', maxDays: Infinity }
] as const;
export type ResolutionBucket = (typeof RESOLUTION_BUCKETS)[number]['code'];
export function resolutionBucket(days: number): ResolutionBucket {
	return RESOLUTION_BUCKETS.find((bucket) => days <= bucket.maxDays)!.code;
}

/** Bodies outside the city a case can be referred to (departments are the commitments module's). */
export const EXTERNAL_BODIES = ['ombudsperson', 'equality_body', 'national_human_rights_institution', 'police', 'legal_aid', 'other_body'] as const;
export type ExternalBody = (typeof EXTERNAL_BODIES)[number];

/** Who was affected (optional, several): the commitments module's population groups, as codes (all but `everyone`). */
export const AFFECTED_GROUPS = POPULATION_GROUPS.filter((group) => group !== 'everyone') as readonly Exclude<(typeof POPULATION_GROUPS)[number], 'everyone'>[];
export type AffectedGroup = (typeof AFFECTED_GROUPS)[number];

/** Free text: the GeoReport v2 limit for a description, used for every text a person writes. */
export const TEXT_MAX = 4000;
export const SHORT_MAX = 200;
/** Days the office has to answer a new concern (staff may set another deadline). */
export const ANSWER_DAYS = 30;
/** Days after a decision (resolved or not upheld) in which the reporter may appeal, once. */
export const APPEAL_DAYS = 30;
/** Months after closure when a case's personal data is erased (its counts stay for the statistics). */
export const RETENTION_MONTHS = 24;
/** Cells of the statistics page below this are shown as "<5". */
export const SUPPRESS_BELOW = 5;
/** Months the statistics page shows one by one; earlier ones are one row. */
export const STATS_MONTHS = 24;

/** Spam limits: reports per IP address (web form and Open311 alike) and per API key. */
/**
 * Spam limits: web reports per address; Open311 reports per client key, and per address across
 * all keys (wider: one office may run several clients); POSTs without a usable key per address
 * (so keys cannot be guessed by trying).
 */
export const REPORT_LIMITS = { perIpHour: 5, perIpDay: 20, perKeyHour: 200, perApiIpHour: 1000, keylessPerIpHour: 20 } as const;
/** Messages a reporter adds through the tracking link, per hour. */
export const INFO_LIMIT_PER_HOUR = 10;
