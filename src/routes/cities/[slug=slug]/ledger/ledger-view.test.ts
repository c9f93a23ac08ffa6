import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { createCity } from '#lib/server/testing/factories.ts';
import { createLedgerChain } from '#lib/server/testing/ledger-factories.ts';
import type { LedgerEntry } from '#lib/server/ledger/ledger.service.ts';
import { formatTime, presentLedger, showValue, usableTimeZone } from './ledger-view.ts';
import { load } from './+page.server.ts';
import { load as loadCity } from '../+layout.server.ts';
import type { PageServerData } from './$types';

const entry = (overrides: Partial<LedgerEntry>): LedgerEntry => ({
	seq: 7,
	at: '2026-03-02T09:30:00.000Z',
	city_id: 'c',
	actor_role: 'officer',
	entity_type: 'action',
	entity_id: 'a1',
	entity_ref: 'A-2026-014',
	action: 'update',
	change: {},
	prev_hash: 'a'.repeat(64),
	hash: 'b'.repeat(64),
	...overrides
});

describe('ledger entries as the page shows them', () => {
	it('shows translatable text in the reader’s language, marking text in another language', () => {
		expect(showValue({ en: 'Housing first', es: 'Vivienda primero' }, 'es')).toEqual({ kind: 'text', text: 'Vivienda primero' });
		expect(showValue({ en: 'Housing first' }, 'ko')).toEqual({ kind: 'text', text: 'Housing first', lang: 'en' });
	});

	it('shows nothing, numbers, lists, long text and other objects readably', () => {
		expect(showValue(null, 'en')).toMatchObject({ kind: 'empty' });
		expect(showValue([], 'en')).toMatchObject({ kind: 'empty' });
		// An empty translatable text (a description nobody wrote) is nothing, never `{}`.
		expect(showValue({}, 'en')).toEqual({ kind: 'empty', text: '(none)' });
		expect(showValue(2025, 'en')).toEqual({ kind: 'text', text: '2025' });
		expect(showValue(0.5, 'fr')).toEqual({ kind: 'text', text: '0,5' });
		expect(showValue(['udhr:25', 'sdg:11.1'], 'en')).toEqual({ kind: 'code', text: 'udhr:25, sdg:11.1' });
		expect(showValue({ weight: 2, id: 'x' }, 'en')).toEqual({ kind: 'code', text: '{"weight":2,"id":"x"}' });
		const long = showValue('x'.repeat(1000), 'en');
		expect(long.text).toHaveLength(301);
		expect(long.shortened).toBe(true);
	});

	it('links records to their public pages by reference, and labels roles, kinds and fields', () => {
		const [action, commitment, update, indicator, observation, department] = presentLedger(
			[
				entry({ change: { progress: [10, 20], statusReason: [null, { en: 'Waiting for the budget' }] } }),
				entry({ entity_type: 'commitment', entity_ref: 'C-3', actor_role: 'city_admin', action: 'create' }),
				entry({ entity_type: 'progress_update', entity_ref: 'A-2026-014', actor_role: 'import' }),
				entry({ entity_type: 'indicator', entity_ref: 'housing.temporary-accommodation' }),
				entry({ entity_type: 'observation', entity_ref: 'housing.temporary-accommodation 2019' }),
				entry({ entity_type: 'department', entity_ref: 'housing' })
			],
			{ citySlug: 'york', locale: 'en', timeZone: 'Europe/London' }
		);
		expect(action).toMatchObject({ href: '/cities/york/actions/A-2026-014', role: 'City officer', type: 'Action', action: 'Changed', time: 'Mar 2, 2026, 9:30 AM (Europe/London)' });
		expect(action!.changes).toEqual([
			{ field: 'progress', label: 'Progress (%)', before: { kind: 'text', text: '10' }, after: { kind: 'text', text: '20' } },
			{ field: 'statusReason', label: 'Reason for the status', before: { kind: 'empty', text: '(none)' }, after: { kind: 'text', text: 'Waiting for the budget' } }
		]);
		expect(action!.raw).toContain('"progress"');
		expect(commitment).toMatchObject({ href: '/cities/york/commitments/C-3', role: 'City administrator', action: 'Created' });
		expect(update).toMatchObject({ href: '/cities/york/actions/A-2026-014', role: 'Data import', type: 'Progress update' });
		expect(indicator!.href).toBe('/cities/york/indicators/housing.temporary-accommodation');
		expect(observation).toMatchObject({ href: null, ref: 'housing.temporary-accommodation 2019', type: 'Indicator value' });
		expect(department).toMatchObject({ href: null, ref: 'housing' });
		expect(presentLedger([entry({ entity_ref: null })], { citySlug: 'york', locale: 'en', timeZone: 'UTC' })[0]!.href).toBeNull();
		expect(presentLedger([entry({ actor_role: 'robot', change: { mystery_field: [1, 2] } })], { citySlug: 'york', locale: 'en', timeZone: 'UTC' })[0]).toMatchObject({
			role: 'robot',
			changes: [{ field: 'mystery_field', label: undefined }]
		});
	});

	it('writes times in the city’s time zone, or UTC when it has none or an unknown one', () => {
		expect(usableTimeZone(null)).toBe('UTC');
		expect(usableTimeZone('Mars/Olympus_Mons')).toBe('UTC');
		expect(usableTimeZone('Asia/Seoul')).toBe('Asia/Seoul');
		expect(formatTime('2026-03-02T23:30:00.000Z', 'en', 'Asia/Seoul')).toBe('Mar 3, 2026, 8:30 AM (Asia/Seoul)');
	});
});

describe('the ledger page', () => {
	let database: TestDatabase;
	beforeEach(async () => (database = await createTestDatabase('sqlite')));
	afterEach(() => database.cleanup());

	async function open(slug: string, query = '') {
		const headers: Record<string, string> = {};
		const locals = { db: database.db, locale: 'en' };
		const data = await load({
			locals,
			params: { slug },
			parent: () => loadCity({ locals, params: { slug } } as never),
			url: new URL(`http://localhost/cities/${slug}/ledger${query}`),
			setHeaders: (values: Record<string, string>) => Object.assign(headers, values)
		} as never);
		return { data: data as PageServerData, headers };
	}

	it('pages through the newest entries and keeps the filters in the page links', async () => {
		const city = await createCity(database.db, { name: 'York', slug: 'york' });
		const head = await createLedgerChain(database.db, city.id, 120, (seq) => ({ entityType: seq % 2 ? 'action' : 'commitment', entityRef: seq % 2 ? 'A-2026-001' : `C-${seq}` }));
		const first = await open('york');
		expect(first.data.entries.map((line) => line.seq)).toEqual(Array.from({ length: 50 }, (_, index) => 120 - index));
		expect(first.data).toMatchObject({ older: '/cities/york/ledger?before=71', newer: undefined, newest: undefined, head, filtered: false });
		const actions = await open('york', '?type=action&before=71');
		expect(actions.data.entries[0]!.seq).toBe(69);
		expect(actions.data.entries).toHaveLength(35);
		expect(actions.data).toMatchObject({ older: undefined, newer: '/cities/york/ledger?type=action&after=69', newest: '/cities/york/ledger?type=action' });
	});

	it('reports a bad filter on its field, keeps what was typed, and still applies the other filters', async () => {
		const city = await createCity(database.db, { name: 'York', slug: 'york' });
		await createLedgerChain(database.db, city.id, 10, (seq) => ({ action: seq === 4 ? 'delete' : 'update' }));
		const { data, headers } = await open('york', '?action=delete&from=2026-13-01&type=everything');
		expect(data.errors).toEqual({ from: 'date_invalid', type: 'type_invalid' });
		expect(data.values).toMatchObject({ action: 'delete', from: '2026-13-01', type: 'everything' });
		expect(data.entries.map((line) => line.seq)).toEqual([4]);
		expect(headers['cache-control']).toBe('no-store');
	});

	it('answers 404 for a city that does not exist', async () => {
		await expect(open('atlantis')).rejects.toMatchObject({ status: 404 });
	});
});
