import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-database.ts';
import { createCity } from '../../testing/factories.ts';
import { staffActor } from '../../testing/commitment-factories.ts';
import { hashIp, type Actor } from '../../accounts/index.ts';
import { REPORT_LIMITS } from '../vocabulary.ts';
import { message } from '../../../i18n/messages.ts';
import { keyRing, type KeyRing } from '../crypto.ts';
import { issueApiKey, revokeApiKey } from '../api-keys.service.ts';
import { submitConcern, type ConcernCity } from '../report.service.ts';
import { changeStatus } from '../cases.service.ts';
import { open311BodyProblem, open311Response, parseW3c, type Open311Context } from './open311.ts';
import { asXmlText, validateSchema, xmlToValue, type Schema } from './conformance.ts';

const ORIGIN = 'https://rights.example';
const SCHEMAS = path.join(path.dirname(new URL(import.meta.url).pathname), 'schemas');
const schema = (name: string) => JSON.parse(fs.readFileSync(path.join(SCHEMAS, `${name}.json`), 'utf8')) as Schema;

interface Answer {
	status: number;
	type: string | null;
	body: string;
	json: unknown;
}

describe.each(DIALECTS)('Open311 GeoReport v2 on %s', (dialect) => {
	let database: TestDatabase;
	let city: ConcernCity;
	let admin: Actor;
	let ring: KeyRing;
	let apiKey: string;

	const context = (): Open311Context => ({ db: database.db, ring, origin: ORIGIN, ip: '198.51.100.7', locale: 'en', text: (key, params) => message(key, params) });

	async function call(resource: string, options: { query?: Record<string, string>; form?: Record<string, string | string[]>; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Answer> {
		const url = new URL(`${ORIGIN}/open311/v2/${resource}`);
		for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
		let request: Request;
		if (options.form || options.body) {
			const form = new URLSearchParams();
			for (const [key, value] of Object.entries(options.form ?? {})) for (const item of [value].flat()) form.append(key, item);
			request = new Request(url, { method: 'POST', body: options.body ?? form, headers: options.headers });
		} else request = new Request(url);
		const response = await open311Response(resource, request, url, context());
		const body = await response.text();
		const type = response.headers.get('content-type');
		return { status: response.status, type, body, json: type?.startsWith('application/json') ? JSON.parse(body) : undefined };
	}

	/** The JSON answer, valid against its schema, and the same resource as XML: well-formed, the same fields. */
	async function both(resource: string, schemaName: string, root: string, options: Parameters<typeof call>[1] = {}): Promise<{ status: number; json: unknown }> {
		const json = await call(`${resource}.json`, options);
		expect(json.type).toBe('application/json; charset=utf-8');
		expect(validateSchema(schema(schemaName), json.json), `${resource}.json against ${schemaName}`).toEqual([]);
		if (!options.form) {
			const xml = await call(`${resource}.xml`, options);
			expect(xml.type).toBe('text/xml; charset=utf-8');
			expect(xml.status).toBe(json.status);
			expect(xmlToValue(xml.body)).toEqual({ root, value: asXmlText(json.json) });
		}
		return { status: json.status, json: json.json };
	}

	const jurisdiction = () => ({ jurisdiction_id: city.slug });

	/** A form-encoded POST of requests.json. */
	const postOf = (form: Record<string, string>, key: string) => new Request(`${ORIGIN}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams({ ...form, api_key: key }) });

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		const row = await createCity(database.db);
		city = { id: row.id, slug: row.slug, name: row.display_name };
		admin = await staffActor(database.db, city.id, 'city_admin');
		// The city's districts, as its admin would keep them (the cities module's table).
		await database.db
			.insertInto('city_district')
			.values(['centre', 'north'].map((code, position) => ({ city_id: city.id, code, name: JSON.stringify({ en: code }), position })))
			.execute();
		ring = keyRing({ source: 'configured', keys: [{ id: 'k1', key: randomBytes(32) }] });
		apiKey = (await issueApiKey(database.db, admin, city.id, { name: 'Test client' })).key;
	});
	afterEach(() => database.cleanup());

	it('answers discovery, the service list and service definitions as the schemas say, in JSON and the same in XML', async () => {
		const discovery = await both('discovery', 'discovery', 'discovery');
		expect(discovery).toMatchObject({ status: 200, json: { endpoints: [{ url: `${ORIGIN}/open311/v2`, specification: 'http://wiki.open311.org/GeoReport_v2' }] } });
		const services = await both('services', 'services', 'services', { query: jurisdiction() });
		expect((services.json as { service_code: string }[]).map((service) => service.service_code)).toContain('discrimination');
		const definition = await both('services/discrimination', 'service-definition', 'service_definition', { query: jurisdiction() });
		const district = (definition.json as { attributes: { code: string; values?: { key: string }[] }[] }).attributes.find((attribute) => attribute.code === 'district');
		expect(district?.values?.map((value) => value.key)).toEqual(['centre', 'north']);
		// No extension: XML, the required format.
		const bare = await call('services', { query: jurisdiction() });
		expect(bare.type).toBe('text/xml; charset=utf-8');
		expect(xmlToValue(bare.body).root).toBe('services');
	});

	it('refuses a missing or unknown jurisdiction, service, resource or format in the spec’s error format', async () => {
		expect(await both('services', 'errors', 'errors')).toMatchObject({ status: 400 });
		expect(await both('services', 'errors', 'errors', { query: { jurisdiction_id: 'atlantis' } })).toMatchObject({ status: 404 });
		expect(await both('services/parking', 'errors', 'errors', { query: jurisdiction() })).toMatchObject({ status: 404 });
		expect(await both('widgets', 'errors', 'errors', { query: jurisdiction() })).toMatchObject({ status: 404 });
		expect((await call('services.csv', { query: jurisdiction() })).status).toBe(404);
		const wrongMethod = await call('services.json', { query: jurisdiction(), form: { api_key: apiKey } });
		expect(wrongMethod.status).toBe(400);
		expect(validateSchema(schema('errors'), wrongMethod.json)).toEqual([]);
	});

	it('takes a POSTed request only with a valid key of the city: missing, wrong, another city’s or revoked keys get 403', async () => {
		const form = { ...jurisdiction(), service_code: 'accessibility', description: 'The town hall lift has been broken for a month.', address_string: 'Town hall', email: 'reporter@example.org', first_name: 'Kim' };
		for (const key of [undefined, 'rc_wrongwrongwrongwrong']) {
			const refused = await call('requests.json', { form: key ? { ...form, api_key: key } : form });
			expect(refused.status).toBe(403);
			expect(validateSchema(schema('errors'), refused.json)).toEqual([]);
		}
		const other = await createCity(database.db);
		const otherKey = (await issueApiKey(database.db, await staffActor(database.db, other.id, 'city_admin'), other.id, { name: 'Other' })).key;
		expect((await call('requests.json', { form: { ...form, api_key: otherKey } })).status).toBe(403);

		const posted = await both('requests', 'post-requests-response', 'service_requests', { form: { ...form, api_key: apiKey } });
		expect(posted.status).toBe(200);
		const ref = (posted.json as { service_request_id: string }[])[0]!.service_request_id;
		expect(ref).toMatch(/^R-\d{4}-0001$/);
		// The key may also come in the query string (as some client libraries send it); XML answers the same.
		const xml = await call('requests.xml', { query: { api_key: apiKey, ...jurisdiction() }, form: { service_code: 'other', description: 'Second', lat: '59.3', long: '18.1' } });
		expect(xml.status).toBe(200);
		expect((xmlToValue(xml.body).value as { service_request_id: string }[])[0]!.service_request_id).toMatch(/-0002$/);

		const keys = await database.db.selectFrom('concern_api_key').select('id').where('city_id', '=', city.id).execute();
		await revokeApiKey(database.db, admin, city.id, keys[0]!.id);
		expect((await call('requests.json', { form: { ...form, api_key: apiKey } })).status).toBe(403);
	});

	it('refuses bad POSTed requests with one error per field and stores nothing', async () => {
		const base = { ...jurisdiction(), api_key: apiKey, service_code: 'discrimination', description: 'Refused at the counter.', address_string: 'Counter 3' };
		const cases: [Record<string, string>, number, RegExp][] = [
			[{ ...base, description: '' }, 400, /description/],
			[{ ...base, description: 'x'.repeat(4001) }, 400, /description/],
			[{ ...base, 'attribute[occurred_on]': '2026-02-30' }, 400, /occurred_on/],
			[{ ...base, 'attribute[district]': 'atlantis' }, 400, /district/],
			[{ ...base, email: 'nobody' }, 400, /email/],
			[{ ...base, service_code: '' }, 400, /service_code/],
			[{ ...base, service_code: 'parking' }, 404, /parking/],
			[{ ...base, address_string: '' }, 400, /./],
			[{ ...base, 'attribute[public_listing]': 'perhaps' }, 400, /./]
		];
		for (const [form, status, mentions] of cases) {
			const answer = await call('requests.json', { form });
			expect(answer.status, JSON.stringify(form).slice(0, 120)).toBe(status);
			expect(validateSchema(schema('errors'), answer.json)).toEqual([]);
			expect((answer.json as { description: string }[]).map((error) => error.description).join(' ')).toMatch(mentions);
		}
		const media = new FormData();
		for (const [key, value] of Object.entries(base)) media.set(key, value);
		media.set('media', new Blob([new Uint8Array(5 * 1024 * 1024 + 1)], { type: 'image/jpeg' }), 'photo.jpg');
		const oversize = await call('requests.json', { body: media });
		expect(oversize.status).toBe(400);
		expect((oversize.json as { description: string }[])[0]!.description).toMatch(/5/);
		const count = await database.db.selectFrom('concern_case').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(0);
	});

	it('lists only the cases reporters agreed to list, without anything personal, with the spec’s filters and its 90-day window', async () => {
		const day = 86_400_000;
		const now = Date.now();
		const listed = await submitConcern(database.db, ring, city, { category: 'accessibility', description: 'PRIVATE TEXT one', consent: 'yes', email: 'a@example.org', name: 'Ana', publicListing: 'yes' }, { locale: 'en', limit: false, now: new Date(now - 10 * day) });
		const closed = await submitConcern(database.db, ring, city, { category: 'discrimination', description: 'PRIVATE TEXT two', consent: 'yes', publicListing: 'yes' }, { locale: 'en', limit: false, now: new Date(now - 5 * day) });
		await changeStatus(database.db, ring, admin, city, closed.ref, 1, { status: 'resolved', body: 'PRIVATE reply' });
		await submitConcern(database.db, ring, city, { category: 'accessibility', description: 'PRIVATE TEXT unlisted', consent: 'yes' }, { locale: 'en', limit: false, now: new Date(now - 3 * day) });
		await submitConcern(database.db, ring, city, { category: 'accessibility', description: 'PRIVATE TEXT old', consent: 'yes', publicListing: 'yes' }, { locale: 'en', limit: false, now: new Date(now - 200 * day) });

		const all = await both('requests', 'requests', 'service_requests', { query: jurisdiction() });
		const refs = (rows: unknown) => (rows as { service_request_id: string }[]).map((row) => row.service_request_id);
		expect(refs(all.json)).toEqual([closed.ref, listed.ref]);
		expect(JSON.stringify(all.json)).not.toMatch(/PRIVATE|example\.org|Ana/);
		expect((all.json as { status: string }[]).map((row) => row.status)).toEqual(['closed', 'open']);
		for (const row of all.json as { requested_datetime: string }[]) expect(parseW3c(row.requested_datetime)).toBeDefined();

		expect(refs((await both('requests', 'requests', 'service_requests', { query: { ...jurisdiction(), status: 'open' } })).json)).toEqual([listed.ref]);
		expect(refs((await both('requests', 'requests', 'service_requests', { query: { ...jurisdiction(), service_code: 'discrimination' } })).json)).toEqual([closed.ref]);
		expect(refs((await both('requests', 'requests', 'service_requests', { query: { ...jurisdiction(), service_request_id: `${listed.ref},R-1999-0001` } })).json)).toEqual([listed.ref]);
		const old = new Date(now - 210 * day).toISOString().slice(0, 19) + 'Z';
		const older = new Date(now - 150 * day).toISOString().slice(0, 19) + '+02:00';
		expect(refs((await both('requests', 'requests', 'service_requests', { query: { ...jurisdiction(), start_date: old, end_date: older } })).json)).toHaveLength(1);
		expect(refs((await both(`requests/${listed.ref}`, 'requests', 'service_requests', { query: jurisdiction() })).json)).toEqual([listed.ref]);

		// Over 90 days, not dates, reversed, an unknown status or service.
		const refusals: Record<string, string>[] = [{ start_date: old, end_date: new Date(now).toISOString() }, { start_date: 'yesterday' }, { end_date: '2026-13-01T00:00:00Z' }, { start_date: older, end_date: old }, { status: 'pending' }, { service_code: 'parking' }];
		for (const query of refusals) {
			const refused = await call('requests.json', { query: { ...jurisdiction(), ...query } });
			expect(refused.status, JSON.stringify(query)).toBe(400);
			expect(validateSchema(schema('errors'), refused.json)).toEqual([]);
		}
		expect((await both('requests/R-2026-9999', 'errors', 'errors', { query: jurisdiction() })).status).toBe(404);
	});

	it('limits POSTs per api_key (429, the spec’s error list, Retry-After) without touching other keys, and keyless POSTs per address', async () => {
		const form = { ...jurisdiction(), service_code: 'accessibility', description: 'The ramp at the library is blocked.', address_string: 'Library' };
		const second = await issueApiKey(database.db, admin, city.id, { name: 'Second client' });
		const [first] = await database.db.selectFrom('concern_api_key').select('id').where('city_id', '=', city.id).where('id', '<>', second.id).execute();
		const ipHash = (await hashIp(database.db, '198.51.100.7'))!;
		// This hour, the first key has sent its 200 reports, all from this address (the counters as 200 POSTs leave them).
		const window = Math.floor(Date.now() / 60_000 / 60) * 60;
		await database.db
			.insertInto('rate_limit')
			.values([
				{ key: `concern:key:${first!.id}`, window_start: window, hits: REPORT_LIMITS.perKeyHour },
				{ key: `concern:api-ip:${ipHash}`, window_start: window, hits: REPORT_LIMITS.perKeyHour }
			])
			.execute();
		const over = await both('requests', 'errors', 'errors', { form: { ...form, api_key: apiKey } });
		expect(over.status).toBe(429);
		expect(over.json).toEqual([{ code: 429, description: expect.stringMatching(/Too many requests\. Try again in \d+ minutes\./) }]);
		const overXml = await call('requests.xml', { form: { ...form, api_key: apiKey } });
		expect(overXml.status).toBe(429);
		expect(xmlToValue(overXml.body)).toMatchObject({ root: 'errors', value: [{ code: '429' }] });
		const retry = await open311Response('requests.json', postOf(form, apiKey), new URL(`${ORIGIN}/open311/v2/requests.json`), context());
		expect(Number(retry.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(Number(retry.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
		// Another client from the same address still posts: its own key is under its limit, the address's wider one too.
		expect((await call('requests.json', { form: { ...form, api_key: second.key } })).status).toBe(200);
		const stored = await database.db.selectFrom('concern_case').select('api_key_id').where('city_id', '=', city.id).execute();
		expect(stored).toEqual([{ api_key_id: second.id }]);

		// Without a key (or with a wrong one): 403 each time, counted per address; over the limit, 429.
		for (let index = 0; index < REPORT_LIMITS.keylessPerIpHour; index++) expect((await call('requests.json', { form: index % 2 ? form : { ...form, api_key: `rc_guess${index}guessguessguess` } })).status).toBe(403);
		const guessing = await call('requests.json', { form });
		expect(guessing.status).toBe(429);
		expect(validateSchema(schema('errors'), guessing.json)).toEqual([]);
		// A valid key from that address is not refused for the guesses.
		expect((await call('requests.json', { form: { ...form, api_key: second.key } })).status).toBe(200);
	});

	it('answers the GeoReport v2 specification’s example requests, sent as the spec shows them', async () => {
		// A client reads the service list first, then posts with one of its codes: the spec's example
		// POST (its parameters and values as the spec gives them, attributes this service does not
		// define included), to the XML resource, form-encoded.
		const services = await call('services.xml', { query: jurisdiction() });
		expect(services.status).toBe(200);
		const code = (xmlToValue(services.body).value as { service_code: string }[])[0]!.service_code;
		const body =
			`api_key=${apiKey}&jurisdiction_id=${city.slug}&service_code=${code}&lat=37.76524078&long=-122.4212043&address_string=1234+5th+street` +
			'&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john&last_name=smith&phone=111111111' +
			'&description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Fwww.city.gov%2Fmedia%2Fimage1.jpg&attribute%5BWHISETN%5D=123&attribute%5BWHISETN%5D=456';
		const posted = await call('requests.xml', { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(posted.status, posted.body).toBe(200);
		const created = xmlToValue(posted.body);
		expect(created.root).toBe('service_requests');
		const [request] = created.value as { service_request_id: string; service_notice: string }[];
		expect(request!.service_request_id).toMatch(/^R-\d{4}-0001$/);
		// The spec's example GET of requests: a window with a zone, and a status.
		const window = await call('requests.xml', { query: { ...jurisdiction(), start_date: '2010-05-24T00:00:00Z', end_date: '2010-06-24T00:00:00Z', status: 'open' } });
		expect(window.status).toBe(200);
		expect(xmlToValue(window.body)).toEqual({ root: 'service_requests', value: [] });
		// The spec's example ids are not ours: its error format, 404.
		for (const resource of ['requests/638344.xml', 'tokens/123456.xml']) {
			const missing = await call(resource, { query: jurisdiction() });
			expect(missing.status, resource).toBe(404);
			expect(xmlToValue(missing.body).root).toBe('errors');
		}
	});

	it('answers a body the server would not read (too large, not a form) in the spec’s error format, in the format asked for', async () => {
		const text = (key: string, params?: Record<string, unknown>) => message(key, params);
		const tooLarge = open311BodyProblem('requests.json', 'form_too_large', { text });
		expect(tooLarge.status).toBe(413);
		const errors = (await tooLarge.json()) as unknown;
		expect(validateSchema(schema('errors'), errors)).toEqual([]);
		expect(errors).toEqual([{ code: 413, description: expect.stringContaining('smaller photo') }]);
		const unreadable = open311BodyProblem('requests.xml', 'form_unreadable', { text });
		expect(unreadable.status).toBe(400);
		expect(xmlToValue(await unreadable.text())).toMatchObject({ root: 'errors', value: [{ code: '400' }] });
	});

	it('answers a token with the request it created; an unknown token is 404', async () => {
		const posted = await call('requests.json', { form: { ...jurisdiction(), api_key: apiKey, service_code: 'privacy', description: 'My file was read aloud.', address_string: 'Office', 'attribute[public_listing]': 'yes' } });
		expect(posted.status).toBe(200);
		const ref = (posted.json as { service_request_id: string }[])[0]!.service_request_id;
		const row = await database.db.selectFrom('concern_token').select('token').where('city_id', '=', city.id).executeTakeFirstOrThrow();
		const answer = await both(`tokens/${row.token}`, 'token', 'service_requests', { query: jurisdiction() });
		expect(answer.json).toEqual([{ service_request_id: ref, token: row.token }]);
		expect((await both('tokens/unknown-token-123', 'errors', 'errors', { query: jurisdiction() })).status).toBe(404);
	});
});

describe('W3C datetimes', () => {
	it('reads dates and datetimes with a zone, and nothing else', () => {
		expect(parseW3c('2026-03-01T10:00:00+02:00')?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
		expect(parseW3c('2026-03-01')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
		for (const bad of ['2026-03-01T10:00:00', '2026-02-30T00:00:00Z', '01/03/2026', '2026-03-01T25:00:00Z']) expect(parseW3c(bad), bad).toBeUndefined();
	});
});
