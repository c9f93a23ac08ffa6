import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { staffActor as actorIn } from '../testing/commitment-factories.ts';
import { listCityAudit, type Actor } from '../accounts/index.ts';
import { listDistricts, parseDistrictsText, saveDistricts } from './districts.service.ts';

describe('reading districts as lines', () => {
	it('reads `code: name` lines, skipping blank ones and accepting CRLF and spaces', () => {
		expect(parseDistrictsText(' dong-gu : Dong-gu \r\n\r\nseo-gu:Seo-gu\n')).toEqual({ districts: [{ code: 'dong-gu', name: 'Dong-gu' }, { code: 'seo-gu', name: 'Seo-gu' }], problems: [] });
	});

	it('names every bad line with its rule', () => {
		const { problems } = parseDistrictsText('north\nNorth Side: x\nsouth: South\nsouth: Again\neast:\nwest: ' + 'w'.repeat(121));
		expect(problems.map((problem) => [problem.line, problem.rule])).toEqual([
			[1, 'district_line_invalid'],
			[2, 'district_code_invalid'],
			[4, 'district_code_duplicate'],
			[5, 'district_name_missing'],
			[6, 'district_name_too_long']
		]);
	});
});

describe.each(DIALECTS)('a city’s districts on %s', (dialect) => {
	let database: TestDatabase;
	let cityId: string;
	let admin: Actor;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		cityId = (await createCity(database.db, { slug: 'districtville' })).id;
		admin = await actorIn(database.db, cityId, 'city_admin');
	});
	afterEach(() => database.cleanup());

	it('keeps the names other languages have, adds the editor’s, and records the change in the audit log', async () => {
		await saveDistricts(database.db, admin, cityId, 'dong-gu: Dong-gu\nseo-gu: Seo-gu', { locale: 'en' });
		await saveDistricts(database.db, admin, cityId, 'dong-gu: 동구\nbuk-gu: 북구', { locale: 'ko' });
		expect(await listDistricts(database.db, cityId)).toEqual([
			{ code: 'dong-gu', name: { en: 'Dong-gu', ko: '동구' } },
			{ code: 'buk-gu', name: { ko: '북구' } }
		]);
		const audit = await listCityAudit(database.db, cityId);
		expect(audit[0]).toMatchObject({ action: 'city.districts_updated', details: { added: ['buk-gu'], removed: ['seo-gu'], locale: 'ko' } });
	});

	it('saves nothing when a line is wrong, and lists the lines', async () => {
		await saveDistricts(database.db, admin, cityId, 'dong-gu: Dong-gu', { locale: 'en' });
		await expect(saveDistricts(database.db, admin, cityId, 'seo-gu: Seo-gu\nnot a line', { locale: 'en' })).rejects.toMatchObject({
			code: 'invalid_input',
			details: { field: 'districts', rule: 'district_line_invalid', rows: [{ line: 2, rule: 'district_line_invalid', text: 'not a line' }] }
		});
		expect(await listDistricts(database.db, cityId)).toEqual([{ code: 'dong-gu', name: { en: 'Dong-gu' } }]);
	});

	it('answers 403 to an officer, the admin of another city and an anonymous user', async () => {
		const other = (await createCity(database.db, { slug: 'elsewhere' })).id;
		for (const actor of [await actorIn(database.db, cityId, 'officer'), await actorIn(database.db, other, 'city_admin'), null]) {
			await expect(saveDistricts(database.db, actor, cityId, 'a: A', { locale: 'en' })).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect(await listDistricts(database.db, cityId)).toEqual([]);
	});
});
