/**
 * Domain read models to the small shapes the public accountability pages show (view.ts): text
 * picked in the reader's language, counts in display order, action-tree nodes, framework tags
 * with their labels, and ledger history lines. Used by the pages' loads only.
 *
 * @example
 *   const summary = summaryView(detail.summary); // { progress: 62.5, actions: 12, overdue: 1, counts: [3, 5, 1, 3, 0] }
 */
import type { Db } from '#lib/server/db/database.ts';
import { pickText, type LocalizedText } from '#lib/i18n/localized-text.ts';
import { listEntries, type FrameworkEntry } from '#lib/server/frameworks/frameworks.service.ts';
import type { ActionNode, ProgressSummary } from '#lib/server/commitments/accountability.service.ts';
import type { Department } from '#lib/server/commitments/commitments.types.ts';
import type { LedgerEntry } from '#lib/server/ledger/ledger.service.ts';
import { presentLedger, usableTimeZone } from '../../routes/cities/[slug=slug]/ledger/ledger-view.ts';
import { statusLabel } from './labels.ts';
import { STATUS_ORDER, type ActionNodeView, type HistoryLine, type SummaryView, type Text } from './view.ts';

/** Text in the reader's language, or the fallback the text has; empty when there is none. */
export function text(localized: LocalizedText, locale: string): Text {
	return pickText(localized, locale) ?? { text: '', lang: locale };
}

export function summaryView(summary: ProgressSummary): SummaryView {
	return {
		progress: summary.progress ?? null,
		actions: summary.actions,
		overdue: summary.overdue,
		counts: STATUS_ORDER.map((status) => summary.counts[status])
	};
}

export function departmentNames(ids: readonly string[], departments: ReadonlyMap<string, Department>, locale: string): Text[] {
	return ids.flatMap((id) => {
		const department = departments.get(id);
		return department ? [text(department.name, locale)] : [];
	});
}

export function nodeView(node: ActionNode, departments: ReadonlyMap<string, Department>, locale: string): ActionNodeView {
	return {
		ref: node.action.ref,
		title: text(node.action.title, locale),
		status: node.action.status,
		progress: node.progress,
		dueDate: node.action.dueDate,
		overdue: node.overdue,
		departments: departmentNames(node.action.departmentIds, departments, locale),
		depth: node.depth
	};
}

export interface TagView {
	code: string;
	scheme: 'udhr' | 'gwangju' | 'sdg';
	/** `25`, `3`, `11`, `11.1` */
	number: string;
	/** True for an SDG target (its label is its number; the description says what it is). */
	target: boolean;
	label: Text | undefined;
	description: Text | undefined;
	/** The UDHR article's page, for rights. */
	href: string | undefined;
	implied: boolean;
}

const SCHEMES = ['udhr', 'gwangju', 'sdg'] as const;

/** The framework entries of some codes, labelled for the reader (one query per scheme used). */
export async function frameworkEntries(db: Db, codes: Iterable<string>, locale: string): Promise<Map<string, FrameworkEntry>> {
	const wanted = new Set(codes);
	const schemes = SCHEMES.filter((scheme) => [...wanted].some((code) => code.startsWith(`${scheme}:`)));
	const lists = await Promise.all(schemes.map((scheme) => listEntries(db, scheme, locale)));
	return new Map(
		lists
			.flat()
			.filter((entry) => wanted.has(entry.code))
			.map((entry) => [entry.code, entry])
	);
}

export function tagView(code: string, entries: ReadonlyMap<string, FrameworkEntry>, implied = false): TagView {
	const [scheme, number = ''] = code.split(':') as [TagView['scheme'], string | undefined];
	const entry = entries.get(code);
	const target = scheme === 'sdg' && number.includes('.');
	return {
		code,
		scheme,
		number,
		target,
		label: entry && !target ? entry.label : undefined,
		description: entry?.description ? { text: entry.description, lang: 'en' } : undefined,
		href: scheme === 'udhr' && /^\d+$/.test(number) ? `/rights/${number}` : undefined,
		implied
	};
}

const MAX_CHANGES = 6;
/** A creation lists the new record's every field; the page shows the few a reader looks for. */
const MAX_CREATED = 3;
const MAX_VALUE = 120;
/** Internal ids and references (the ledger page shows them; here they are noise). */
const INTERNAL = /^(id|ref|action_id|update_id)$|(Id|Ids|_id|_ids)$/;

function clip(value: { text: string; lang?: string | undefined }): { text: string; lang?: string } {
	const clipped = value.text.length > MAX_VALUE ? `${value.text.slice(0, MAX_VALUE).trimEnd()}…` : value.text;
	return value.lang ? { text: clipped, lang: value.lang } : { text: clipped };
}

/**
 * Ledger entries as compact history lines: a few changed fields each (statuses in words, long
 * values cut, internal ids left out); the full record, with its hashes, is on the ledger page.
 */
export function historyView(entries: LedgerEntry[], city: { slug: string; timeZone: string | null }, locale: string): HistoryLine[] {
	return presentLedger(entries, { citySlug: city.slug, locale, timeZone: usableTimeZone(city.timeZone) }).map((line) => {
		const created = line.actionCode === 'create';
		const changes = line.changes
			.filter((change) => !INTERNAL.test(change.field))
			.map((change) => {
				const word = (value: typeof change.before) => (change.field === 'status' && value.kind !== 'empty' ? { text: statusLabel(value.text) } : value);
				return { field: change.label ?? change.field, before: clip(word(change.before)), after: clip(word(change.after)) };
			});
		const shown = changes.slice(0, created ? MAX_CREATED : MAX_CHANGES);
		return {
			seq: line.seq,
			at: line.at,
			time: line.time,
			role: line.role,
			action: line.action,
			created,
			type: line.type,
			ref: line.ref,
			href: line.href,
			changes: shown,
			moreChanges: changes.length - shown.length
		};
	});
}
