/**
 * The cities module's part of the authorization matrix: the directory, city profiles and the map
 * are public; a city's profile is edited by its admins and the network admin, and the network
 * admin alone creates cities and appoints their first admins.
 */
import { CITY_A, all, cityAdminOnly, signedIn, type Expectation } from '../testing/matrix.ts';
import demoDistricts from './data/demo-districts.json' with { type: 'json' };

export const expectations: Record<string, Expectation> = {
	'GET /cities': { expect: all(200) },
	'GET /cities/[slug=slug]': { path: `/cities/${CITY_A}`, expect: all(200) },
	'GET /map/land.svg': { expect: all(200) },
	'GET /admin/[city=slug]/profile': { path: `/admin/${CITY_A}/profile`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/districts': { path: `/admin/${CITY_A}/districts`, expect: cityAdminOnly(200) },
	// York's demo wards saved again unchanged: harmless for whoever may save them.
	'POST /admin/[city=slug]/districts?/save': {
		path: `/admin/${CITY_A}/districts`,
		form: () => ({ districts: demoDistricts.cities.york.map(([code, name]) => `${code}: ${(name as { en: string }).en}`).join('\n') }),
		expect: cityAdminOnly(200)
	},
	'GET /admin/network': { expect: { ...signedIn(403), networkAdmin: 200 } },
	'POST /admin/[city=slug]/profile?/save': {
		path: `/admin/${CITY_A}/profile`,
		form: () => ({ displayName: 'York', year: '2017', process: 'formal', processConfirmed: 'on', latitude: '53.96', longitude: '-1.08' }),
		expect: cityAdminOnly(200)
	},
	'POST /admin/network?/appoint': { path: '/admin/network', form: (_actor, world) => ({ city: CITY_A, email: world.someoneEmail }), expect: { ...signedIn(403), networkAdmin: 200 } },
	'POST /admin/network?/create': {
		path: '/admin/network',
		form: (actor) => ({ name: `Matrix ${actor}`, countryCode: 'IS', latitude: '64.15', longitude: '-21.94', process: 'formal' }),
		expect: { ...signedIn(403), networkAdmin: 200 }
	}
};
