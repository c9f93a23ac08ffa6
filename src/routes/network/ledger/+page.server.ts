// What the network decided, from its own ledger chain (the same hash-chained rules as a city's):
// membership requests decided, members accepted, suspended, reinstated or leaving with the public
// reason, pairings asked, accepted and ended. Newest first, by kind of record, paged both ways.
// The chain holds public facts only (never a contact, a motivation letter or a person's name):
// the author is shown by role.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { browseLedger, NETWORK_CHAIN, readLedgerHead, parseLedgerQuery, toLedgerFilter } from '#lib/server/ledger/index.ts';
import { presentLedger } from '../../cities/[slug=slug]/ledger/ledger-view.ts';

/** The kinds of record the network writes to its own chain (an adoption goes to the adopting city's). */
const NETWORK_TYPES = ['network_request', 'network_membership', 'pairing'] as const;

/** A record's public page under /network, where there is one. */
function recordHref(type: string, ref: string | null): string | null {
	if (type === 'pairing' && ref) return `/network/pairings/${encodeURIComponent(ref)}`;
	if (type === 'network_membership') return '/network/members';
	return null;
}

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const { query, errors } = parseLedgerQuery(url.searchParams, NETWORK_TYPES);
	const [page, head] = await Promise.all([
		browseLedger(locals.db, NETWORK_CHAIN, toLedgerFilter({ type: query.type }, 'UTC'), { before: query.before, after: query.after }),
		readLedgerHead(locals.db, NETWORK_CHAIN)
	]);
	const link = (cursor: { before?: number; after?: number }) => {
		const search = new URLSearchParams();
		if (query.type) search.set('type', query.type);
		if (cursor.before !== undefined) search.set('before', String(cursor.before));
		if (cursor.after !== undefined) search.set('after', String(cursor.after));
		const text = search.toString();
		return text ? `/network/ledger?${text}` : '/network/ledger';
	};
	if (Object.keys(errors).length > 0) setHeaders({ 'cache-control': 'no-store' });
	else cachePublicly({ setHeaders });
	return {
		types: NETWORK_TYPES,
		type: url.searchParams.get('type') ?? '',
		errors,
		entries: presentLedger(page.entries, { citySlug: '', locale: locals.locale, timeZone: 'UTC' }).map((entry, index) => ({
			...entry,
			href: recordHref(page.entries[index]!.entity_type, entry.ref)
		})),
		older: page.older !== undefined ? link({ before: page.older }) : undefined,
		newer: page.newer !== undefined ? link({ after: page.newer }) : undefined,
		newest: query.before !== undefined || query.after !== undefined ? link({}) : undefined,
		head: { seq: head.seq, hash: head.hash }
	};
};
