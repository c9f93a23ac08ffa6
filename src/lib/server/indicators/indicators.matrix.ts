// The indicators module's part of the authorization matrix: its routes (public pages, exports, admin).
// Public pages and downloads are the same for everyone. The admin area is York's staff's: its
// admins and the network admin manage definitions, officers record and import data. Forms are
// refused for everyone else before anything is read; for the people allowed they are harmless:
// invalid (400), naming nothing (404), or re-importing a value York already has (unchanged).
import { all, CITY_A, cityAdminOnly, staffArea, type Expectation } from '../testing/matrix.ts';

/** A York demo indicator (adopted from the library) with a breakdown by age group. */
const CODE = 'living.child-poverty';
const ADMIN = `/admin/${CITY_A}/indicators`;
const NO_SUCH_OBSERVATION = '00000000-0000-7000-8000-000000000000';

export const expectations: Record<string, Expectation> = {
	// ——— Public pages and downloads ———
	'GET /cities/[slug=slug]/indicators': { path: `/cities/${CITY_A}/indicators`, expect: all(200) },
	'GET /cities/[slug=slug]/indicators/[code]': { path: `/cities/${CITY_A}/indicators/${CODE}`, expect: all(200) },
	'GET /cities/[slug=slug]/indicators/[code]/data.csv': { path: `/cities/${CITY_A}/indicators/${CODE}/data.csv`, expect: all(200) },
	'GET /cities/[slug=slug]/indicators/[code]/data.json': { path: `/cities/${CITY_A}/indicators/${CODE}/data.json`, expect: all(200) },
	'GET /cities/[slug=slug]/indicators/[code]/sdmx.csv': { path: `/cities/${CITY_A}/indicators/${CODE}/sdmx.csv`, expect: all(200) },
	'GET /cities/[slug=slug]/indicators/sdmx.csv': { path: `/cities/${CITY_A}/indicators/sdmx.csv`, expect: all(200) },
	'GET /cities/[slug=slug]/indicators/sdmx-structure.xml': { path: `/cities/${CITY_A}/indicators/sdmx-structure.xml`, expect: all(200) },
	'GET /network/indicators': { expect: all(200) },
	'GET /network/indicators/[code]': { path: `/network/indicators/${CODE}`, expect: all(200) },

	// ——— The staff area ———
	'GET /admin/[city=slug]/indicators': { path: ADMIN, expect: staffArea(200) },
	'GET /admin/[city=slug]/indicators/new': { path: `${ADMIN}/new`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/indicators/[code]': { path: `${ADMIN}/${CODE}`, expect: staffArea(200) },
	'GET /admin/[city=slug]/indicators/import': { path: `${ADMIN}/import`, expect: staffArea(200) },
	// York has adopted this library indicator already: refused as such (400), nothing changes.
	'POST /admin/[city=slug]/indicators?/adopt': { path: ADMIN, form: () => ({ libraryCode: CODE }), expect: cityAdminOnly(400) },
	// No title: refused on its field.
	'POST /admin/[city=slug]/indicators/new?/create': {
		path: `${ADMIN}/new`,
		form: () => ({ textLocale: 'en', code: 'matrix.indicator', title: '', type: 'outcome', unit: 'percent', direction: 'higher_is_better' }),
		expect: cityAdminOnly(400)
	},
	// A data file read to fill in the form: shown, nothing saved.
	'POST /admin/[city=slug]/indicators/new?/fromFile': {
		path: `${ADMIN}/new`,
		file: { field: 'file', name: 'indicator_1-2-1.csv', mimeType: 'text/csv', content: 'Year,Sex,Units,Value\n2024,,Percentage,15.6\n2024,female,Percentage,16\n' },
		expect: cityAdminOnly(200)
	},
	'POST /admin/[city=slug]/indicators/[code]?/save': {
		path: `${ADMIN}/${CODE}`,
		form: () => ({ textLocale: 'en', version: '1', title: '', type: 'outcome', unit: 'percent', direction: 'lower_is_better' }),
		expect: cityAdminOnly(400)
	},
	// A commitment that does not exist: refused before any link changes.
	'POST /admin/[city=slug]/indicators/[code]?/links': { path: `${ADMIN}/${CODE}`, form: () => ({ commitment: 'no-such-commitment' }), expect: cityAdminOnly(400) },
	// Not confirmed: nothing is deleted.
	'POST /admin/[city=slug]/indicators/[code]?/delete': { path: `${ADMIN}/${CODE}`, form: () => ({ version: '1' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/indicators/[code]?/record': { path: `${ADMIN}/${CODE}`, form: () => ({ period: 'not a period', value: '1' }), expect: staffArea(400) },
	'POST /admin/[city=slug]/indicators/[code]?/updateObservation': {
		path: `${ADMIN}/${CODE}`,
		form: () => ({ id: NO_SUCH_OBSERVATION, period: '2024', value: '1' }),
		expect: staffArea(404)
	},
	'POST /admin/[city=slug]/indicators/[code]?/deleteObservation': { path: `${ADMIN}/${CODE}`, form: () => ({ id: NO_SUCH_OBSERVATION }), expect: staffArea(404) },
	// York's 2024 total again, as stored: imported as "unchanged".
	'POST /admin/[city=slug]/indicators/import?/upload': {
		path: `${ADMIN}/import`,
		file: { field: 'files', name: `${CODE}.csv`, mimeType: 'text/csv', content: 'Year,age,Units,Value\n2024,,percent,15.6\n' },
		expect: staffArea(200)
	}
};
