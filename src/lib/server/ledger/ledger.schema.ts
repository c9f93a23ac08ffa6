/**
 * The public ledger page's filter and paging parameters (`?type=action&action=update&ref=A-2026-014
 * &from=2026-01-01&to=2026-03-31&before=120`), and how its dates become UTC instants in the city's
 * time zone. Each problem is reported against its field with a message key; the bad field is
 * dropped and the other filters still apply.
 */
import { z } from 'zod';
import { isRealDate, parseQuery } from '../validation.ts';
import type { LedgerAction } from './ledger.tables.ts';
import type { LedgerFilter } from './ledger.repository.ts';

export const LEDGER_ACTIONS = ['create', 'update', 'delete'] as const satisfies readonly LedgerAction[];
export const MAX_REF_LENGTH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Short references such as D-1, P-2, C-12 or A-2026-014, typed in any case. */
const SHORT_REF = /^[a-z]-(\d{4}-)?\d{1,6}$/i;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
const isoDate = z.preprocess(
	(value) => (typeof value === 'string' ? value.trim() : value),
	z.string().refine(isRealDate, { error: 'date_invalid' })
);

const seq = z.preprocess(
	(value) => (typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value === undefined ? undefined : Number.NaN),
	z.number({ error: 'cursor_invalid' }).int({ error: 'cursor_invalid' }).min(0, { error: 'cursor_invalid' }).optional()
);

export const ledgerQuerySchema = z
	.object({
		type: z.preprocess(blankToUndefined, z.string({ error: 'type_invalid' }).regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'type_invalid' }).optional()),
		action: z.preprocess(blankToUndefined, z.enum(LEDGER_ACTIONS, { error: 'action_invalid' }).optional()),
		ref: z.preprocess(
			blankToUndefined,
			z
				.string()
				.trim()
				.max(MAX_REF_LENGTH, { error: 'ref_invalid' })
				// Indicator values are referenced as `code period` (`housing.strategy 2024`): spaces are fine.
				.regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'ref_invalid' })
				.optional()
		),
		from: z.preprocess(blankToUndefined, isoDate.optional()),
		to: z.preprocess(blankToUndefined, isoDate.optional()),
		before: z.preprocess(blankToUndefined, seq),
		after: z.preprocess(blankToUndefined, seq)
	})
	.refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
		error: 'date_range_reversed',
		path: ['to']
	})
	.refine((query) => query.before === undefined || query.after === undefined, { error: 'cursor_both', path: ['after'] });

export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;
export type LedgerQueryErrors = Partial<Record<keyof LedgerQuery, string>>;
export const LEDGER_QUERY_FIELDS = ['type', 'action', 'ref', 'from', 'to', 'before', 'after'] as const satisfies readonly (keyof LedgerQuery)[];

/**
 * Reads the ledger page's URL parameters. A field with a problem is dropped (the page still shows
 * what the other filters select) and reported in `errors` as a message key. `entityTypes` are the
 * types the modules declared; any other `type` is refused.
 *
 * @example parseLedgerQuery(new URLSearchParams('type=action&from=2026-02-30'), ['action']) // { query: { type: 'action' }, errors: { from: 'date_invalid' } }
 */
export function parseLedgerQuery(params: URLSearchParams, entityTypes: readonly string[]): { query: LedgerQuery; errors: LedgerQueryErrors } {
	const raw: Record<string, string | undefined> = Object.fromEntries(LEDGER_QUERY_FIELDS.map((key) => [key, params.get(key) ?? undefined]));
	const { query, errors } = parseQuery(ledgerQuerySchema, raw, {});
	if (query.type !== undefined && !entityTypes.includes(query.type)) {
		errors.type = 'type_invalid';
		delete query.type;
	}
	return { query, errors: errors as LedgerQueryErrors };
}

/**
 * The repository filter for a query: a reference that is a UUID selects by entity id (entries
 * without a short reference), a short reference is matched in upper case, and the dates are whole
 * days in the city's time zone (`to` inclusive).
 */
export function toLedgerFilter(query: LedgerQuery, timeZone: string): LedgerFilter {
	const ref = query.ref;
	return {
		entityType: query.type,
		action: query.action,
		entityId: ref && UUID.test(ref) ? ref.toLowerCase() : undefined,
		entityRef: ref && !UUID.test(ref) ? (SHORT_REF.test(ref) ? ref.toUpperCase() : ref) : undefined,
		from: query.from ? startOfDay(query.from, timeZone) : undefined,
		to: query.to ? startOfDay(nextDay(query.to), timeZone) : undefined
	};
}

function nextDay(date: string): string {
	const next = new Date(`${date}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return next.toISOString().slice(0, 10);
}

/** The UTC offset (ms) of a time zone at an instant, from Intl (no time-zone data to ship). */
function offsetAt(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The ISO instant (UTC, as ledger times are stored) at which a calendar day begins in a time zone.
 *
 * @example startOfDay('2026-07-01', 'Europe/Stockholm') // '2026-06-30T22:00:00.000Z'
 */
export function startOfDay(date: string, timeZone: string): string {
	const midnightUtc = Date.parse(`${date}T00:00:00Z`);
	// Two passes settle the offset also when the day starts next to a daylight-saving change.
	let instant = midnightUtc - offsetAt(midnightUtc, timeZone);
	instant = midnightUtc - offsetAt(instant, timeZone);
	return new Date(instant).toISOString();
}
