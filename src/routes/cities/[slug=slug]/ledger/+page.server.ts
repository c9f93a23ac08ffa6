// A city's public ledger: newest first, filtered by a GET form (kind, change, reference, dates),
// paged both ways by seq. A bad filter is reported on its field; the other filters still apply.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { browseLedger, readLedgerHead } from '#lib/server/ledger/ledger.service.ts';
import { LEDGER_ACTIONS, parseLedgerQuery, toLedgerFilter, type LedgerQuery } from '#lib/server/ledger/ledger.schema.ts';
import { ledgerEntityTypes } from '#lib/server/modules.ts';
import { presentLedger, usableTimeZone } from './ledger-view.ts';

const FILTERS = ['type', 'action', 'ref', 'from', 'to'] as const;
const ENTITY_TYPES = ledgerEntityTypes.map((spec) => spec.type);

export const load: PageServerLoad = async ({ locals, url, setHeaders, parent }) => {
	const { city } = await parent();
	const { query, errors } = parseLedgerQuery(url.searchParams, ENTITY_TYPES);
	const timeZone = usableTimeZone(city.timeZone);
	const [page, head] = await Promise.all([
		browseLedger(locals.db, city.id, toLedgerFilter(query, timeZone), { before: query.before, after: query.after }),
		readLedgerHead(locals.db, city.id)
	]);
	const base = `/cities/${city.slug}/ledger`;
	const pageLink = (cursor: { before?: number; after?: number }) => {
		const search = new URLSearchParams();
		for (const key of FILTERS) {
			const value = query[key as keyof LedgerQuery];
			if (value !== undefined) search.set(key, String(value));
		}
		if (cursor.before !== undefined) search.set('before', String(cursor.before));
		if (cursor.after !== undefined) search.set('after', String(cursor.after));
		const text = search.toString();
		return text ? `${base}?${text}` : base;
	};
	const filtered = FILTERS.some((key) => query[key] !== undefined);
	const paged = query.before !== undefined || query.after !== undefined;
	if (Object.keys(errors).length > 0) setHeaders({ 'cache-control': 'no-store' });
	else cachePublicly({ setHeaders });
	return {
		city: { slug: city.slug, name: city.displayName },
		timeZone,
		// What the reader typed, so a bad value stays in its field to be corrected.
		values: Object.fromEntries(FILTERS.map((key) => [key, url.searchParams.get(key) ?? ''])) as Record<(typeof FILTERS)[number], string>,
		errors,
		filtered,
		types: ENTITY_TYPES,
		actions: LEDGER_ACTIONS,
		entries: presentLedger(page.entries, { citySlug: city.slug, locale: locals.locale, timeZone }),
		older: page.older !== undefined ? pageLink({ before: page.older }) : undefined,
		newer: page.newer !== undefined ? pageLink({ after: page.newer }) : undefined,
		newest: paged ? pageLink({}) : undefined,
		head
	};
};
