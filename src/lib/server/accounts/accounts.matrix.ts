/**
 * The accounts module's part of the authorization matrix: sign-up, sign-in and the one-time links
 * (forms valid for the authorization check but harmless: wrong passwords, invalid addresses,
 * unknown tokens), the account page, and the city administration area (people, census, audit).
 */
import { CITY_A, all, anonymousOnly, cityAdminOnly, signedIn, type Expectation } from '../testing/matrix.ts';

export const expectations: Record<string, Expectation> = {

	// Accounts. Forms are valid for the authorization check but harmless: wrong passwords,
	// invalid e-mail addresses (refused before any rate limit counts), unknown tokens.
	'GET /signup': { expect: anonymousOnly(200, 303) },
	// Signed-in people are sent on to their account before any form is read.
	'POST /signup': { form: () => ({ displayName: 'X', email: 'not-an-address', password: 'a long passphrase' }), expect: anonymousOnly(400, 303) },
	'GET /signin': { expect: anonymousOnly(200, 303) },
	'POST /signin': { form: () => ({ email: 'not-an-address', password: 'whatever it is' }), expect: anonymousOnly(400, 303) },
	'GET /signout': { expect: all(200) },
	'POST /signout': { last: true, expect: all(303) },
	'GET /reset-password': { expect: all(200) },
	'POST /reset-password': { form: () => ({ email: 'not-an-address' }), expect: all(400) },
	'GET /reset-password/[token]': { path: '/reset-password/not-a-real-token', expect: all(400) },
	'POST /reset-password/[token]': { path: '/reset-password/not-a-real-token', form: () => ({ password: 'a long passphrase' }), expect: all(400) },
	'GET /verify-email/[token]': { path: '/verify-email/not-a-real-token', expect: all(200) },
	'POST /verify-email/[token]': { path: '/verify-email/not-a-real-token', expect: all(400) },
	'GET /outbox': { expect: all(200) },
	'GET /account': { expect: signedIn(200) },
	'GET /account/data.json': { expect: signedIn(200, 401) },
	'POST /account?/profile': { form: (actor) => ({ displayName: actor, preferredLocale: '' }), expect: signedIn(303) },
	'POST /account?/password': { form: () => ({ currentPassword: 'not the password', newPassword: 'a long passphrase 2' }), expect: signedIn(400) },
	// Census: members of York get "no match" (400); people of other cities may not claim in York.
	'POST /account?/census': {
		form: (_actor, world) => ({ city: world.cityIdA, identifier: '00000000' }),
		expect: { anonymous: 303, residentA: 400, officerA: 400, adminA: 400, adminB: 403, networkAdmin: 403 }
	},
	'POST /account?/delete': { form: () => ({ password: 'not the password', confirm: 'on' }), expect: signedIn(400) },
	'POST /account?/signoutEverywhere': { last: true, expect: signedIn(303) },

	// Administration: city A's pages and actions are for its admins and the network admin.
	'GET /admin': { expect: { anonymous: 303, residentA: 403, officerA: 200, adminA: 200, adminB: 200, networkAdmin: 200 } },
	'GET /admin/[city=slug]': { path: `/admin/${CITY_A}`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/audit': { path: `/admin/${CITY_A}/audit`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/census': { path: `/admin/${CITY_A}/census`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/people': { path: `/admin/${CITY_A}/people`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/census?/upload': {
		path: `/admin/${CITY_A}/census`,
		file: { field: 'file', name: 'census.csv', mimeType: 'text/csv', content: 'identifier\nMATRIX0001\n' },
		expect: cityAdminOnly(200)
	},
	'POST /admin/[city=slug]/people?/grant': { path: `/admin/${CITY_A}/people`, form: (_actor, world) => ({ email: world.someoneEmail, role: 'cso' }), expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/people?/revoke': { path: `/admin/${CITY_A}/people`, form: (_actor, world) => ({ personId: world.someoneId, role: 'cso' }), expect: cityAdminOnly(200) },
	// After the revoke "someone" holds no role in York (404); the network admin does not verify in person (403).
	'POST /admin/[city=slug]/people?/verify': { path: `/admin/${CITY_A}/people`, form: (_actor, world) => ({ personId: world.someoneId }), expect: { ...cityAdminOnly(404), networkAdmin: 403 } },
};
