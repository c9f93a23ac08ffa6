/**
 * The concerns module's part of the authorization matrix: the public report, tracking and
 * statistics pages, the office's queue, case page and API keys, and the Open311 API. The world is
 * one York case, reported through the service (sealed with the development key the test server
 * runs with) and assigned to nobody: only York's admins may read it. It is dated in 2001, so its
 * reference is the first of that year whatever the demo holds (`MATRIX_CASE_REF`).
 */
import { all, CITY_A, cityAdminOnly, type Expectation, type MatrixWorldContext, type Statuses } from '../testing/matrix.ts';
import { findCityBySlug } from '../cities/index.ts';
import { DEVELOPMENT_CONCERNS_KEY } from '../config/config.ts';
import { keyRing } from './crypto.ts';
import { submitConcern } from './report.service.ts';
import { findCaseByRef } from './concerns.repository.ts';

/** The matrix's York case: open, assigned to nobody. */
export const MATRIX_CASE_REF = 'R-2001-0001';

export interface ConcernsWorld {
	ref: string;
}

/** Finds or reports the matrix's case (through the service, as a resident would). */
export async function world({ db, run }: MatrixWorldContext): Promise<ConcernsWorld> {
	const york = await findCityBySlug(db, CITY_A);
	if (!york) throw new Error(`The matrix needs the city ${CITY_A}`);
	if (await findCaseByRef(db, york.id, MATRIX_CASE_REF)) return { ref: MATRIX_CASE_REF };
	const ring = keyRing({ source: 'development', keys: [DEVELOPMENT_CONCERNS_KEY] });
	const { ref } = await submitConcern(
		db,
		ring,
		{ id: york.id, slug: york.slug, name: york.display_name },
		{ category: 'public_service', description: `Authorization matrix check ${run}`, consent: 'yes', anonymous: 'yes' },
		{ locale: 'en', limit: false, now: new Date('2001-03-01T10:00:00Z') }
	);
	// Another worker's world may have reported it first (its case is then the one used).
	if (ref !== MATRIX_CASE_REF && !(await findCaseByRef(db, york.id, MATRIX_CASE_REF))) throw new Error(`The matrix case got ${ref}, not ${MATRIX_CASE_REF}`);
	return { ref: MATRIX_CASE_REF };
}

/** The office's pages: York's admins only; officers and the network admin read no one's case unassigned. */
const officeOnly = (ok: number): Statuses => ({ ...cityAdminOnly(ok), networkAdmin: 403 });
/** The queue: the office and York's officers (who see only their own cases). */
const queueArea = (ok: number): Statuses => ({ ...officeOnly(ok), officerA: ok });

const REPORT = `/cities/${CITY_A}/concerns`;
const TRACK = `/cities/${CITY_A}/concerns/track`;
const KEYS = `/admin/${CITY_A}/concerns/keys`;
const CASE = `/admin/${CITY_A}/concerns/${MATRIX_CASE_REF}`;

export const expectations: Record<string, Expectation> = {
	// ——— Public: the report form (a report without its text: 400 for everyone, nothing stored, no
	// spam count), tracking (without a token every form is 404: nothing to act on), statistics. ———
	'GET /cities/[slug=slug]/concerns': { path: REPORT, expect: all(200) },
	'POST /cities/[slug=slug]/concerns?/report': { path: REPORT, form: () => ({ category: 'discrimination', description: '', consent: 'yes' }), expect: all(400) },
	'GET /cities/[slug=slug]/concerns/track': { path: TRACK, expect: all(200) },
	'POST /cities/[slug=slug]/concerns/track?/add': { path: TRACK, form: () => ({ body: 'More information' }), expect: all(404) },
	'POST /cities/[slug=slug]/concerns/track?/appeal': { path: TRACK, form: () => ({ body: 'I appeal' }), expect: all(404) },
	'POST /cities/[slug=slug]/concerns/track?/withdraw': { path: TRACK, form: () => ({ confirm: 'yes' }), expect: all(404) },
	'GET /cities/[slug=slug]/concerns/stats': { path: `${REPORT}/stats`, expect: all(200) },
	// ——— The office: the queue (officers too), a case (York's admins: it is assigned to nobody),
	// its forms with a stale version (409 for York's admins, nothing changes), a reply and a note on
	// the world's own case (200), and the Open311 keys (an empty name: 400; an unknown key: 404). ———
	'GET /admin/[city=slug]/concerns': { path: `/admin/${CITY_A}/concerns`, expect: queueArea(200) },
	'GET /admin/[city=slug]/concerns/[ref]': { path: CASE, expect: officeOnly(200) },
	'POST /admin/[city=slug]/concerns/[ref]?/assign': { path: CASE, form: () => ({ version: '0', handlerId: '' }), expect: officeOnly(409) },
	'POST /admin/[city=slug]/concerns/[ref]?/refer': { path: CASE, form: () => ({ version: '0', referredTo: 'body:ombudsperson' }), expect: officeOnly(409) },
	'POST /admin/[city=slug]/concerns/[ref]?/status': { path: CASE, form: () => ({ version: '0', status: 'under_review' }), expect: officeOnly(409) },
	'POST /admin/[city=slug]/concerns/[ref]?/reply': { path: CASE, form: () => ({ body: 'Matrix reply to the reporter' }), expect: officeOnly(200) },
	'POST /admin/[city=slug]/concerns/[ref]?/note': { path: CASE, form: () => ({ body: 'Matrix internal note' }), expect: officeOnly(200) },
	'POST /admin/[city=slug]/concerns/[ref]?/deadline': { path: CASE, form: () => ({ version: '0', dueOn: '2030-01-31' }), expect: officeOnly(409) },
	'POST /admin/[city=slug]/concerns/[ref]?/link': { path: CASE, form: () => ({ version: '0', target: '' }), expect: officeOnly(409) },
	'GET /admin/[city=slug]/concerns/keys': { path: KEYS, expect: officeOnly(200) },
	'POST /admin/[city=slug]/concerns/keys?/issue': { path: KEYS, form: () => ({ name: '' }), expect: officeOnly(400) },
	'POST /admin/[city=slug]/concerns/keys?/revoke': { path: KEYS, form: () => ({ keyId: '00000000-0000-7000-8000-000000000000' }), expect: officeOnly(404) },
	// ——— Open311: reads are public; a POST without an api_key is 403 for everyone (no session counts). ———
	'GET /open311/v2/[...path]': { path: `/open311/v2/services.json?jurisdiction_id=${CITY_A}`, expect: all(200) },
	'POST /open311/v2/[...path]': {
		path: `/open311/v2/requests.json?jurisdiction_id=${CITY_A}`,
		form: () => ({ service_code: 'discrimination', description: 'Matrix', address_string: 'Matrix street' }),
		expect: all(403)
	}
	// ——— end of the concerns module ———
};
