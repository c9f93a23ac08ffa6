/**
 * Ledger entries as the public ledger page shows them: the time in the reader's locale (in the
 * city's time zone), the role, the kind of record and the action in words, a link to the record's
 * page, and the change as "field: before → after" with translatable text in the reader's language.
 * Only what the page shows leaves the server, long values shortened.
 */
import type { LedgerEntry } from '#lib/server/ledger/ledger.service.ts';
import { ledgerEntityTypes } from '#lib/server/modules.ts';
import { message } from '#lib/i18n/messages.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { pickText } from '#lib/i18n/localized-text.ts';

/** A value as the page shows it: `empty` (none), plain text (with its language), or a code. */
export interface ShownValue {
	kind: 'empty' | 'text' | 'code';
	text: string;
	/** Language of translatable text, when it is not the reader's. */
	lang?: string;
	shortened?: boolean;
}

export interface ChangeLine {
	field: string;
	/** The field in words, when the catalog knows it. */
	label: string | undefined;
	before: ShownValue;
	after: ShownValue;
}

export interface LedgerLine {
	seq: number;
	/** ISO 8601 (UTC), for <time datetime>. */
	at: string;
	time: string;
	role: string;
	type: string;
	action: string;
	actionCode: string;
	ref: string | null;
	href: string | null;
	changes: ChangeLine[];
	/** The change as JSON, as the downloadable ledger writes it (shortened when very long). */
	raw: string;
	rawShortened: boolean;
	hash: string;
	prevHash: string;
}

const MAX_TEXT = 300;
const MAX_RAW = 4000;
const LOCALE_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A label from the catalog, or undefined when it has none (the code is shown instead). */
function label(key: string): string | undefined {
	const text = message(key);
	return text === key ? undefined : text;
}

export function roleLabel(role: string): string {
	return label(`ledger_role_${role}`) ?? role;
}

export function typeLabel(type: string): string {
	return label(`ledger_type_${type}`) ?? type;
}

export function actionLabel(action: string): string {
	return label(`ledger_action_${action}`) ?? action;
}

/** `statusReason` and `status_reason` both find `ledger_field_status_reason`. */
function fieldLabel(field: string): string | undefined {
	const snake = field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
	return /^[a-z0-9_]+$/.test(snake) ? label(`ledger_field_${snake}`) : undefined;
}

function isLocalizedText(value: object): value is Record<string, string> {
	const entries = Object.entries(value);
	return entries.length > 0 && entries.every(([key, text]) => LOCALE_KEY.test(key) && typeof text === 'string');
}

function shorten(text: string, max = MAX_TEXT): { text: string; shortened?: boolean } {
	return text.length > max ? { text: `${text.slice(0, max).trimEnd()}…`, shortened: true } : { text };
}

export function showValue(value: unknown, locale: string): ShownValue {
	if (value === null || value === undefined || value === '') return { kind: 'empty', text: message('ledger_value_none') };
	if (typeof value === 'number') return { kind: 'text', text: formatNumber(value, locale, { useGrouping: false, maximumFractionDigits: 20 }) };
	if (typeof value === 'string') return { kind: 'text', ...shorten(value) };
	if (typeof value === 'boolean') return { kind: 'code', text: String(value) };
	if (Array.isArray(value)) {
		if (value.length === 0) return { kind: 'empty', text: message('ledger_value_none') };
		if (value.every((item) => typeof item === 'string' || typeof item === 'number')) return { kind: 'code', ...shorten(value.join(', ')) };
		return { kind: 'code', ...shorten(JSON.stringify(value)) };
	}
	// An empty translatable text (no language has one) is nothing, not `{}`.
	if (typeof value === 'object' && Object.keys(value).length === 0) return { kind: 'empty', text: message('ledger_value_none') };
	if (typeof value === 'object' && isLocalizedText(value)) {
		const picked = pickText(value, locale);
		if (!picked) return { kind: 'empty', text: message('ledger_value_none') };
		return { kind: 'text', ...shorten(picked.text), ...(picked.lang === locale ? {} : { lang: picked.lang }) };
	}
	return { kind: 'code', ...shorten(JSON.stringify(value)) };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The city's time zone when it names one Intl knows, else UTC. */
export function usableTimeZone(timeZone: string | null | undefined): string {
	if (!timeZone) return 'UTC';
	try {
		new Intl.DateTimeFormat('en', { timeZone });
		return timeZone;
	} catch {
		return 'UTC';
	}
}

export function formatTime(iso: string, locale: string, timeZone: string): string {
	const key = `${locale}|${timeZone}`;
	let format = timeFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
		timeFormats.set(key, format);
	}
	return `${format.format(new Date(iso))} (${timeZone})`;
}

/**
 * The public page where the entry's record is shown, by its stored reference, as the module that
 * writes the type declared it (milestones and progress updates carry their action's reference).
 */
const RECORD_PAGES = new Map(ledgerEntityTypes.flatMap((spec) => (spec.page ? [[spec.type, spec.page] as const] : [])));

function recordHref(entry: LedgerEntry, citySlug: string): string | null {
	const section = RECORD_PAGES.get(entry.entity_type);
	if (!entry.entity_ref || !section) return null;
	return `/cities/${citySlug}/${section}/${encodeURIComponent(entry.entity_ref)}`;
}

export function presentLedger(entries: LedgerEntry[], context: { citySlug: string; locale: string; timeZone: string }): LedgerLine[] {
	return entries.map((entry) => {
		const rawFull = JSON.stringify(entry.change);
		const raw = shorten(rawFull, MAX_RAW);
		return {
			seq: entry.seq,
			at: entry.at,
			time: formatTime(entry.at, context.locale, context.timeZone),
			role: roleLabel(entry.actor_role),
			type: typeLabel(entry.entity_type),
			action: actionLabel(entry.action),
			actionCode: entry.action,
			ref: entry.entity_ref,
			href: recordHref(entry, context.citySlug),
			changes: Object.entries(entry.change).map(([field, pair]) => {
				const [before, after] = Array.isArray(pair) && pair.length === 2 ? pair : [null, pair];
				return { field, label: fieldLabel(field), before: showValue(before, context.locale), after: showValue(after, context.locale) };
			}),
			raw: raw.text,
			rawShortened: raw.shortened ?? false,
			hash: entry.hash,
			prevHash: entry.prev_hash
		};
	});
}
