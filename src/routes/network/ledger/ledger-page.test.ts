// The network's ledger page: what the network decided (requests, memberships, pairings) from its
// own chain, newest first, filtered by kind, with no personal data; a bad filter is reported.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin } from '#lib/server/testing/network-factories.ts';
import { requestEvent } from '#lib/server/testing/request-event.ts';
import { requestPairing } from '#lib/server/network/pairing.service.ts';
import { load } from './+page.server.ts';
import type { LedgerLine } from '../../cities/[slug=slug]/ledger/ledger-view.ts';

/** What the page gets (the load is typed loosely by SvelteKit's PageServerLoad). */
interface Loaded {
	errors: Record<string, string>;
	head: { seq: number };
	entries: LedgerLine[];
}

describe.each(DIALECTS)('the network ledger page on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	const open = async (search = '') => {
		const { event } = requestEvent(`https://example.org/network/ledger${search}`, { locals: { db: database.db, actor: null, locale: 'en' } as Partial<App.Locals> });
		return (await load(event as never)) as unknown as Loaded;
	};

	it('lists the decisions newest first with their record pages, filters by kind, and shows no personal data', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const lund = await memberCity(db, admin, { name: 'Lund' });
		const pitea = await memberCity(db, admin, { name: 'Piteå' });
		const pairing = await requestPairing(db, pitea.cityAdmin, { menteeCityId: pitea.city.id, mentorCityId: lund.city.id, message: 'Please', endsOn: null });

		const page = await open();
		expect(page.errors).toEqual({});
		expect(page.head.seq).toBe(page.entries.length);
		expect(page.entries.map((entry) => entry.seq)).toEqual([...page.entries.map((entry) => entry.seq)].sort((a, b) => b - a));
		expect(new Set(page.entries.map((entry) => entry.type))).toEqual(new Set(['Membership request', 'Network membership', 'Pairing with a mentor city']));
		const pairingEntry = page.entries.find((entry) => entry.ref === pairing.ref)!;
		expect(pairingEntry.href).toBe(`/network/pairings/${pairing.ref}`);
		expect(pairingEntry.changes.find((line) => line.field === 'mentor')).toMatchObject({ label: 'Mentor city', after: { text: 'Lund' } });
		expect(pairingEntry.role).not.toMatch(/@/);
		// The requests' contact and motivation never reach the ledger.
		const everything = JSON.stringify(page);
		for (const secret of ['office@example.org', 'Human rights office', 'To learn and share', admin.email, pitea.cityAdmin.email]) expect(everything).not.toContain(secret);

		const pairings = await open('?type=pairing');
		expect(pairings.entries.map((entry) => entry.ref)).toEqual([pairing.ref]);
		const bad = await open('?type=drop%20table&before=x');
		expect(bad.errors).toMatchObject({ type: 'type_invalid' });
		expect(bad.entries).toHaveLength(page.entries.length);
	});
});
