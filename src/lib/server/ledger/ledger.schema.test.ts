import { describe, expect, it } from 'vitest';
import { parseLedgerQuery, startOfDay, toLedgerFilter } from './ledger.schema.ts';

/** The types the installed modules declare (as modules.ts collects them). */
const TYPES = ['declaration', 'department', 'plan', 'commitment', 'action', 'milestone', 'progress_update', 'indicator', 'observation'];
const parse = (query: string) => parseLedgerQuery(new URLSearchParams(query), TYPES);

describe('the ledger page query', () => {
	it('reads every filter and the cursor', () => {
		expect(parse('type=action&action=update&ref=A-2026-014&from=2026-01-01&to=2026-03-31&before=120')).toEqual({
			query: { type: 'action', action: 'update', ref: 'A-2026-014', from: '2026-01-01', to: '2026-03-31', before: 120 },
			errors: {}
		});
		expect(parse('type=&action=&ref=+&from=&after=7')).toEqual({ query: { after: 7 }, errors: {} });
	});

	it('reports each bad field and keeps the good ones', () => {
		const { query, errors } = parse('type=budget&action=update&ref=A-1&from=2026-02-30&to=tomorrow&before=-3');
		expect(errors).toEqual({ type: 'type_invalid', from: 'date_invalid', to: 'date_invalid', before: 'cursor_invalid' });
		expect(query).toEqual({ action: 'update', ref: 'A-1' });
	});

	it('rejects a reversed date range on the end date, and both cursors at once on `after`', () => {
		expect(parse('from=2026-05-01&to=2026-04-30')).toEqual({ query: { from: '2026-05-01' }, errors: { to: 'date_range_reversed' } });
		expect(parse('before=5&after=2')).toEqual({ query: { before: 5 }, errors: { after: 'cursor_both' } });
	});

	it('rejects a reference that is too long or holds control characters, and keeps inner spaces', () => {
		expect(parse(`ref=${'A'.repeat(101)}`).errors).toEqual({ ref: 'ref_invalid' });
		expect(parse('ref=A-1%0A').errors).toEqual({});
		expect(parse('ref=A-1%0AOR%201').errors).toEqual({ ref: 'ref_invalid' });
		expect(parse('ref=+housing.strategy%202024+').query).toEqual({ ref: 'housing.strategy 2024' });
		expect(parse('before=1.5&after=12345678901234567').errors).toMatchObject({ before: 'cursor_invalid', after: 'cursor_invalid' });
	});

	it('turns the query into a repository filter: references, ids and whole days', () => {
		expect(toLedgerFilter({ ref: 'a-2026-014', from: '2026-01-01', to: '2026-01-31' }, 'UTC')).toEqual({
			entityType: undefined,
			action: undefined,
			entityId: undefined,
			entityRef: 'A-2026-014',
			from: '2026-01-01T00:00:00.000Z',
			to: '2026-02-01T00:00:00.000Z'
		});
		expect(toLedgerFilter({ ref: '019A4B8E-7C1A-7D2E-9F00-1B2C3D4E5F60' }, 'UTC')).toMatchObject({ entityId: '019a4b8e-7c1a-7d2e-9f00-1b2c3d4e5f60', entityRef: undefined });
		expect(toLedgerFilter({ ref: 'housing.rent-burden' }, 'UTC')).toMatchObject({ entityRef: 'housing.rent-burden' });
	});

	it('starts a day at midnight in the city’s time zone, also on daylight-saving days', () => {
		expect(startOfDay('2026-07-01', 'Europe/Stockholm')).toBe('2026-06-30T22:00:00.000Z');
		expect(startOfDay('2026-01-15', 'Europe/Stockholm')).toBe('2026-01-14T23:00:00.000Z');
		expect(startOfDay('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
		expect(startOfDay('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
		expect(startOfDay('2026-05-18', 'Asia/Seoul')).toBe('2026-05-17T15:00:00.000Z');
		expect(startOfDay('2026-05-18', 'America/Mexico_City')).toBe('2026-05-18T06:00:00.000Z');
	});
});
