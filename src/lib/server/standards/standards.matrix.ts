/**
 * The standards module's part of the authorization matrix. Public pages, the badge and the
 * network's keys are the same for everyone. The admin pages are York's staff's; forms are
 * harmless for whoever may use them: York's demo self-assessment and its review are submitted
 * and published (so saving, submitting, discarding and positions are refused with 409), a start
 * without a framework version is refused on its field (400), an appointment of York to review
 * itself is refused (400). York reviews Gwangju's demo self-assessment (published: 409 too).
 * The network admin opens everything but speaks for no city: its saves are 403.
 */
import { all, CITY_A, cityAdminOnly, signedIn, staffArea, type Expectation } from '../testing/matrix.ts';

/** The demo's latest assessments and reviews are of last year (see demo-assessments.ts). */
const YEAR = new Date().getUTCFullYear() - 1;
const ASSESSMENT = `SA-${YEAR}-1`;
const REVIEW = `PR-${YEAR}-1`;
const ADMIN = `/admin/${CITY_A}/standards`;
const REVIEWING = `${ADMIN}/reviewing/gwangju/${REVIEW}`;
/** The demo's shadow assessment of York (submitted). */
const SHADOW = `/cities/${CITY_A}/standards/shadow/SH-${YEAR}-1`;
const staffButNetwork = (status: number) => ({ ...staffArea(status), networkAdmin: 403 });
const adminButNetwork = (status: number) => ({ ...cityAdminOnly(status), networkAdmin: 403 });

export const expectations: Record<string, Expectation> = {
	// ——— Public pages ———
	'GET /cities/[slug=slug]/standards': { path: `/cities/${CITY_A}/standards`, expect: all(200) },
	'GET /cities/[slug=slug]/standards/assessments/[ref]': { path: `/cities/${CITY_A}/standards/assessments/${ASSESSMENT}`, expect: all(200) },
	'GET /cities/[slug=slug]/standards/reviews/[ref]': { path: `/cities/${CITY_A}/standards/reviews/${REVIEW}`, expect: all(200) },
	'GET /cities/[slug=slug]/standards/badge.svg': { path: `/cities/${CITY_A}/standards/badge.svg`, expect: all(200) },
	'GET /network/standards': { expect: all(200) },

	// ——— Shadow assessments: only a CSO of the city files or edits one (no matrix actor is); the demo's is submitted ———
	'GET /cities/[slug=slug]/standards/shadow': { path: `/cities/${CITY_A}/standards/shadow`, expect: all(200) },
	'POST /cities/[slug=slug]/standards/shadow?/start': { path: `/cities/${CITY_A}/standards/shadow`, form: () => ({ organisation: 'Matrix coalition', versionId: '', year: String(YEAR) }), expect: signedIn(403) },
	'GET /cities/[slug=slug]/standards/shadow/[ref]': { path: SHADOW, expect: signedIn(200) },
	'POST /cities/[slug=slug]/standards/shadow/[ref]?/save': { path: SHADOW, form: () => ({ version: '1' }), expect: signedIn(403) },
	'POST /cities/[slug=slug]/standards/shadow/[ref]?/submit': { path: SHADOW, form: () => ({ version: '1' }), expect: signedIn(403) },
	'POST /cities/[slug=slug]/standards/shadow/[ref]?/discard': { path: SHADOW, form: () => ({ version: '1' }), expect: signedIn(403) },
	'GET /network/standards/keys.json': { expect: all(200) },
	// Verifying a badge reads only: an empty paste is refused on its field for everyone.
	'GET /network/standards/verify': { expect: all(200) },
	'POST /network/standards/verify?/verify': { path: '/network/standards/verify', form: () => ({ badge: '' }), expect: all(400) },

	// ——— The network admin's frameworks: the demo published every shipped one (publishing again: 409) ———
	'GET /admin/network/standards': { expect: { ...signedIn(403), networkAdmin: 200 } },
	'POST /admin/network/standards?/publish': { path: '/admin/network/standards', form: () => ({ framework: 'fra' }), expect: { ...signedIn(403), networkAdmin: 409 } },
	// An upload that is not JSON is refused with its place (400); the version buttons name no stored version (404).
	'POST /admin/network/standards?/upload': { path: '/admin/network/standards', file: { field: 'file', name: 'framework.json', mimeType: 'application/json', content: '{ not json' }, expect: { ...signedIn(403), networkAdmin: 400 } },
	'POST /admin/network/standards?/publishDraft': { path: '/admin/network/standards', form: () => ({ id: 'none' }), expect: { ...signedIn(403), networkAdmin: 404 } },
	'POST /admin/network/standards?/discard': { path: '/admin/network/standards', form: () => ({ id: 'none' }), expect: { ...signedIn(403), networkAdmin: 404 } },
	'POST /admin/network/standards?/retire': { path: '/admin/network/standards', form: () => ({ id: 'none', confirm: 'yes' }), expect: { ...signedIn(403), networkAdmin: 404 } },

	// ——— The staff area ———
	'GET /admin/[city=slug]/standards': { path: ADMIN, expect: staffArea(200) },
	'POST /admin/[city=slug]/standards?/start': { path: ADMIN, form: () => ({ versionId: '', year: String(YEAR) }), expect: { ...cityAdminOnly(400), networkAdmin: 403 } },
	'POST /admin/[city=slug]/standards?/appoint': { path: ADMIN, form: () => ({ assessmentId: 'none', reviewerCity: CITY_A }), expect: { ...staffArea(403), networkAdmin: 400 } },
	'GET /admin/[city=slug]/standards/assessments/[ref]': { path: `${ADMIN}/assessments/${ASSESSMENT}`, expect: staffArea(200) },
	'POST /admin/[city=slug]/standards/assessments/[ref]?/save': { path: `${ADMIN}/assessments/${ASSESSMENT}`, form: () => ({ version: '1' }), expect: staffButNetwork(409) },
	'POST /admin/[city=slug]/standards/assessments/[ref]?/submit': { path: `${ADMIN}/assessments/${ASSESSMENT}`, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/assessments/[ref]?/discard': { path: `${ADMIN}/assessments/${ASSESSMENT}`, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'GET /admin/[city=slug]/standards/reviews/[ref]': { path: `${ADMIN}/reviews/${REVIEW}`, expect: staffArea(200) },
	// Accepting or declining a proposal from the pairing: the demo's review is published (409).
	'POST /admin/[city=slug]/standards/reviews/[ref]?/accept': { path: `${ADMIN}/reviews/${REVIEW}`, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviews/[ref]?/decline': { path: `${ADMIN}/reviews/${REVIEW}`, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/accept': { path: REVIEWING, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/decline': { path: REVIEWING, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviews/[ref]?/positions': { path: `${ADMIN}/reviews/${REVIEW}`, form: () => ({ version: '1' }), expect: staffButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviews/[ref]?/confirm': { path: `${ADMIN}/reviews/${REVIEW}`, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'GET /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]': { path: REVIEWING, expect: staffArea(200) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/rate': { path: REVIEWING, form: () => ({ version: '1' }), expect: staffButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/submit': { path: REVIEWING, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/positions': { path: REVIEWING, form: () => ({ version: '1' }), expect: staffButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/confirm': { path: REVIEWING, form: () => ({ version: '1' }), expect: adminButNetwork(409) },
	'POST /admin/[city=slug]/standards/reviewing/[reviewed=slug]/[ref]?/withdraw': { path: REVIEWING, form: () => ({ version: '1', confirm: 'yes' }), expect: adminButNetwork(409) }
};
