/**
 * Open311 GeoReport v2 at `/open311/v2/`, as the specification says: discovery, services,
 * services/{code} (service definitions with attributes), POST requests (an API key per client),
 * GET requests (filters, a window of at most 90 days, 1,000 at most), requests/{id} and
 * tokens/{token}, each as `.json` or `.xml` (no extension: XML, the required format).
 * `jurisdiction_id` is the city's slug. Only publicly listed cases are ever returned, and only
 * their non-personal fields (right, status, dates, who handles it): never what happened, where
 * or who. Errors are the spec's list of `{code, description}` with 400/403/404 (429 with
 * Retry-After when a client is over its limit).
 *
 * Real clients send things their own way: FixMyStreet posts form-encoded or multipart with
 * `api_key`/`jurisdiction_id` in the body, the Python wrapper puts them in the query string,
 * GeoReporter adds a `media` file part; attributes come as `attribute[code]=v` or
 * `attribute[code][]=v`. All of these are read; unknown parameters are ignored; a successful
 * POST answers 200.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { isDomainError } from '../../errors.ts';
import { findCityBySlug, listDistricts } from '../../cities/index.ts';
import type { KeyRing } from '../crypto.ts';
import * as repository from '../concerns.repository.ts';
import type { PublicCaseRow } from '../concerns.repository.ts';
import { findUsableApiKey } from '../api-keys.service.ts';
import { enforceLimits, keylessLimits, submitConcern } from '../report.service.ts';
import { AFFECTED_GROUPS, CATEGORIES, isCategory, TEXT_MAX } from '../vocabulary.ts';
import { render, w3c, type Format, type Open311Value } from './format.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When the service list and definitions last changed (discovery's `changeset`). */
export const CHANGESET = '2026-12-08T10:00:00Z';
const WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;
const MEDIA_MAX_BYTES = 5 * 1024 * 1024;

/** The sentences of the API, in the client's language (the route passes the UI messages). */
export type Open311Text = (key: string, params?: Record<string, unknown>) => string;

export interface Open311Context {
	db: Db;
	/** Undefined when the server has no CONCERNS_KEYS: reports cannot be stored (reads still work). */
	ring: KeyRing | undefined;
	/** The public origin, for discovery's endpoint and the reporter's tracking link. */
	origin: string;
	ip: string | undefined;
	locale: string;
	text: Open311Text;
}

type City = { id: string; slug: string; name: string };

class Open311Error extends Error {
	readonly status: number;
	readonly errors: { code: number; description: string }[];
	readonly headers: Record<string, string>;
	constructor(status: number, errors: { code: number; description: string }[], headers: Record<string, string> = {}) {
		super(errors.map((error) => error.description).join('; '));
		this.status = status;
		this.errors = errors;
		this.headers = headers;
	}
}

function fail(status: number, description: string, headers?: Record<string, string>): Open311Error {
	return new Open311Error(status, [{ code: status, description }], headers);
}

/** The format from the resource's extension: `.json`, `.xml`, or none (XML). */
function splitFormat(resource: string): { name: string; format: Format | undefined } {
	const match = /^(.*?)(?:\.([A-Za-z0-9]+))?$/.exec(resource)!;
	const extension = match[2]?.toLowerCase();
	if (extension === undefined) return { name: match[1]!, format: 'xml' };
	return { name: match[1]!, format: extension === 'json' || extension === 'xml' ? extension : undefined };
}

/** Query parameters and (for POST) body fields; the body wins. A field sent twice keeps every value. */
async function readParameters(request: Request, url: URL, context: Open311Context): Promise<{ fields: Map<string, string[]>; files: File[] }> {
	const fields = new Map<string, string[]>();
	const files: File[] = [];
	const put = (target: Map<string, string[]>, key: string, value: string) => target.set(key, [...(target.get(key) ?? []), value]);
	for (const [key, value] of url.searchParams) put(fields, key, value);
	if (request.method === 'POST') {
		const type = request.headers.get('content-type') ?? '';
		const body = new Map<string, string[]>();
		if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
			let form: FormData;
			try {
				form = await request.formData();
			} catch {
				throw fail(400, context.text('concerns_open311_error_body'));
			}
			for (const [key, value] of form) {
				if (typeof value === 'string') put(body, key, value);
				else files.push(value);
			}
		} else if ((request.headers.get('content-length') ?? '0') !== '0' && type !== '') {
			throw fail(400, context.text('concerns_open311_error_body'));
		}
		for (const [key, values] of body) fields.set(key, values);
	}
	return { fields, files };
}

function first(fields: Map<string, string[]>, key: string): string | undefined {
	const value = fields.get(key)?.[0]?.trim();
	return value ? value : undefined;
}

/** `attribute[code]=v` and `attribute[code][]=v` (also sent percent-encoded: the form parser decodes them). */
function attributesOf(fields: Map<string, string[]>): Map<string, string[]> {
	const attributes = new Map<string, string[]>();
	for (const [key, values] of fields) {
		const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
		if (match) attributes.set(match[1]!, [...(attributes.get(match[1]!) ?? []), ...values]);
	}
	return attributes;
}

/**
 * Answers one GeoReport v2 request. `path` is what follows `/open311/v2/`.
 *
 * @example await open311Response('services.json', request, url, context)
 */
export async function open311Response(path: string, request: Request, url: URL, context: Open311Context): Promise<Response> {
	const segments = path.split('/').filter(Boolean);
	const last = splitFormat(segments.at(-1) ?? '');
	const format: Format = last.format ?? 'xml';
	const { text } = context;
	try {
		if (!last.format) throw fail(404, text('concerns_open311_error_format'));
		const resource = [...segments.slice(0, -1), last.name];
		const method = request.method;
		if (resource.length === 1 && resource[0] === 'discovery') return await onlyGet(method, text, async () => discovery(format, context));
		const { fields, files } = await readParameters(request, url, context);
		const city = await jurisdiction(fields, context);
		const [kind, id, ...rest] = resource;
		if (rest.length > 0) throw fail(404, text('concerns_open311_error_resource'));
		if (kind === 'services' && id === undefined) return await onlyGet(method, text, async () => render(format, 'services', services(context), 200, PUBLIC_CACHE));
		// `service/{code}` is what the Python wrapper asks for (a typo of the spec's `services/`).
		if ((kind === 'services' || kind === 'service') && id !== undefined) return await onlyGet(method, text, async () => render(format, 'service_definition', await serviceDefinition(city, id, context), 200, PUBLIC_CACHE));
		if (kind === 'requests' && id === undefined) {
			if (method === 'POST') return render(format, 'service_requests', await postRequest(city, fields, files, context), 200);
			return await onlyGet(method, text, async () => render(format, 'service_requests', await getRequests(city, fields, context), 200, FRESH));
		}
		if (kind === 'requests' && id !== undefined) return await onlyGet(method, text, async () => render(format, 'service_requests', await getRequest(city, id, context), 200, FRESH));
		if (kind === 'tokens' && id !== undefined) {
			return await onlyGet(method, text, async () => {
				const found = /^[A-Za-z0-9_-]{8,64}$/.test(id) ? await repository.findToken(context.db, city.id, id) : undefined;
				if (!found) throw fail(404, text('concerns_open311_error_token'));
				return render(format, 'service_requests', [{ service_request_id: found.ref, token: id }], 200, FRESH);
			});
		}
		throw fail(404, text('concerns_open311_error_resource'));
	} catch (error) {
		if (error instanceof Open311Error) return render(format, 'errors', error.errors, error.status, { 'cache-control': 'no-store', ...error.headers });
		throw error;
	}
}

/**
 * A POST whose body the server would not read (the form-body handler found it too large for
 * BODY_SIZE_LIMIT, or not a form), answered in the spec's error format: the route gets it as a
 * GET, which must never answer with a list of requests.
 */
export function open311BodyProblem(path: string, problem: 'form_unreadable' | 'form_too_large', context: Pick<Open311Context, 'text'>): Response {
	const format = splitFormat(path.split('/').filter(Boolean).at(-1) ?? '').format ?? 'xml';
	const error = problem === 'form_too_large' ? fail(413, context.text('concerns_open311_error_too_large')) : fail(400, context.text('concerns_open311_error_body'));
	return render(format, 'errors', error.errors, error.status, { 'cache-control': 'no-store' });
}

const PUBLIC_CACHE = { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
const FRESH = { 'cache-control': 'no-cache', 'access-control-allow-origin': '*' };

async function onlyGet(method: string, text: Open311Text, answer: () => Promise<Response>): Promise<Response> {
	if (method !== 'GET' && method !== 'HEAD') throw fail(400, text('concerns_open311_error_method'));
	return answer();
}

async function jurisdiction(fields: Map<string, string[]>, context: Open311Context): Promise<City> {
	const slug = first(fields, 'jurisdiction_id');
	if (!slug) throw fail(400, context.text('concerns_open311_error_jurisdiction_missing'));
	const row = /^[a-z0-9-]{1,80}$/.test(slug) ? await findCityBySlug(context.db, slug) : undefined;
	if (!row) throw fail(404, context.text('concerns_open311_error_jurisdiction_unknown', { jurisdiction: slug.slice(0, 80) }));
	return { id: row.id, slug: row.slug, name: row.display_name };
}

function discovery(format: Format, context: Open311Context): Response {
	const value: Open311Value = {
		changeset: CHANGESET,
		contact: context.text('concerns_open311_contact', { origin: context.origin }),
		key_service: context.text('concerns_open311_key_service', { origin: context.origin }),
		endpoints: [{ specification: SPECIFICATION, url: `${context.origin}/open311/v2`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }]
	};
	return render(format, 'discovery', value, 200, PUBLIC_CACHE);
}

function services(context: Open311Context): Open311Value {
	return CATEGORIES.map((category) => ({
		service_code: category.code,
		service_name: context.text(`concerns_category_${category.code}`),
		description: context.text(`concerns_category_${category.code}_hint`),
		metadata: true,
		type: 'realtime',
		keywords: category.articles.map((article) => `udhr:${article}`).join(',') || null,
		group: context.text(`concerns_group_${category.group}`)
	}));
}

async function serviceDefinition(city: City, code: string, context: Open311Context): Promise<Open311Value> {
	if (!isCategory(code)) throw fail(404, context.text('concerns_open311_error_service', { code: code.slice(0, 60) }));
	const { text } = context;
	const districts = await listDistricts(context.db, city.id);
	const attributes: Open311Value[] = [];
	if (districts.length > 0) {
		attributes.push({
			variable: true,
			code: 'district',
			datatype: 'singlevaluelist',
			required: false,
			datatype_description: null,
			order: 1,
			description: text('concerns_field_district'),
			values: districts.map((district) => ({ key: district.code, name: district.name[context.locale] ?? district.name.en ?? Object.values(district.name)[0] ?? district.code }))
		});
	}
	attributes.push(
		{ variable: true, code: 'occurred_on', datatype: 'datetime', required: false, datatype_description: text('concerns_open311_datetime_hint'), order: 2, description: text('concerns_field_occurred_on') },
		{ variable: true, code: 'groups', datatype: 'multivaluelist', required: false, datatype_description: null, order: 3, description: text('concerns_field_groups'), values: AFFECTED_GROUPS.map((group) => ({ key: group, name: text(`commitments_group_${group}`) })) },
		{
			variable: true,
			code: 'public_listing',
			datatype: 'singlevaluelist',
			required: false,
			datatype_description: null,
			order: 4,
			description: text('concerns_field_public_listing'),
			values: [
				{ key: 'no', name: text('concerns_open311_no') },
				{ key: 'yes', name: text('concerns_open311_yes') }
			]
		},
		{ variable: false, code: 'privacy', datatype: 'text', required: false, datatype_description: null, order: 5, description: text('concerns_privacy_notice') }
	);
	return { service_code: code, attributes };
}

/** Field problems of a report, as the spec's error list: one error per field, in the client's language. */
function reportErrors(fields: Record<string, string>, context: Open311Context): Open311Error {
	const names: Record<string, string> = { category: 'service_code', description: 'description', district: 'attribute[district]', occurredOn: 'attribute[occurred_on]', groups: 'attribute[groups]', lat: 'lat', long: 'long', address: 'address_string', email: 'email', phone: 'phone', name: 'first_name' };
	return new Open311Error(
		400,
		Object.entries(fields).map(([field, rule]) => ({ code: 400, description: context.text('concerns_open311_error_field', { field: names[field] ?? field, problem: context.text(`concerns_error_${rule}`, { max: TEXT_MAX }) }) }))
	);
}

async function postRequest(city: City, fields: Map<string, string[]>, files: File[], context: Open311Context): Promise<Open311Value> {
	const { text } = context;
	const key = first(fields, 'api_key');
	const client = key ? await findUsableApiKey(context.db, city.id, key) : undefined;
	if (!client) {
		// Without a usable key nothing is stored, but the tries count per address: keys are not guessed by trying.
		await limited(async () => enforceLimits(context.db, await keylessLimits(context.db, context.ip)), context);
		throw fail(403, text(key ? 'concerns_open311_error_key_invalid' : 'concerns_open311_error_key_missing'));
	}
	const code = first(fields, 'service_code');
	if (!code) throw fail(400, text('concerns_open311_error_service_missing'));
	if (!isCategory(code)) throw fail(404, text('concerns_open311_error_service', { code: code.slice(0, 60) }));
	const lat = first(fields, 'lat');
	const long = first(fields, 'long');
	const address = first(fields, 'address_string') ?? first(fields, 'address_id');
	if (!(lat && long) && !address) throw fail(400, text('concerns_open311_error_location'));
	if (files.some((file) => file.size > MEDIA_MAX_BYTES)) throw fail(400, text('concerns_open311_error_media_size', { maxMb: MEDIA_MAX_BYTES / 1024 / 1024 }));
	if (!context.ring) throw fail(400, text('concerns_open311_error_unavailable'));
	const attributes = attributesOf(fields);
	const occurred = attributes.get('occurred_on')?.[0]?.trim();
	const name = [first(fields, 'first_name'), first(fields, 'last_name')].filter(Boolean).join(' ');
	const listing = attributes.get('public_listing')?.[0];
	if (listing !== undefined && listing !== 'yes' && listing !== 'no') throw reportErrors({ publicListing: 'invalid' }, context);
	try {
		const submitted = await submitConcern(
			context.db,
			context.ring,
			city,
			{
				category: code,
				description: fields.get('description')?.[0] ?? '',
				district: attributes.get('district')?.[0] ?? '',
				address: address ?? '',
				lat: lat ?? '',
				long: long ?? '',
				// A W3C datetime names the day it happened; its date part is what the case keeps.
				occurredOn: occurred ? occurred.slice(0, 10) : '',
				groups: attributes.get('groups') ?? [],
				anonymous: name === '',
				name,
				email: first(fields, 'email') ?? '',
				phone: first(fields, 'phone') ?? '',
				consent: 'yes',
				publicListing: listing === 'yes'
			},
			{ locale: context.locale, ip: context.ip, source: 'open311', apiKeyId: client.id, trackingLink: (token) => `${context.origin}/cities/${city.slug}/concerns/track?t=${token}` }
		);
		const token = randomBytes(18).toString('base64url');
		await repository.insertToken(context.db, { city_id: city.id, token, case_id: submitted.id, created_at: new Date().toISOString() });
		const notice = [text('concerns_open311_notice', { ref: submitted.ref }), ...(files.length > 0 || fields.has('media_url') ? [text('concerns_open311_notice_media')] : [])].join(' ');
		return [{ service_request_id: submitted.ref, service_notice: notice, account_id: null }];
	} catch (error) {
		if (isDomainError(error, 'invalid_input') && error.details?.fields) throw reportErrors(error.details.fields as Record<string, string>, context);
		throw tooMany(error, context);
	}
}

/** A refusal for being over a limit: 429, the spec's error list, and Retry-After in seconds; other errors as they are. */
function tooMany(error: unknown, context: Open311Context): unknown {
	if (!isDomainError(error, 'rate_limited')) return error;
	const minutes = Number(error.details?.retryAfterMinutes ?? 60);
	return fail(429, context.text('concerns_open311_error_rate_limited', { minutes }), { 'retry-after': String(minutes * 60) });
}

async function limited(check: () => Promise<void>, context: Open311Context): Promise<void> {
	try {
		await check();
	} catch (error) {
		throw tooMany(error, context);
	}
}

const W3C_DATETIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2}))?$/;

/** A W3C date or datetime (with its zone) as an instant; undefined when it is not one. */
export function parseW3c(value: string): Date | undefined {
	const match = W3C_DATETIME.exec(value);
	if (!match) return undefined;
	const [, day, time] = match;
	const midnight = new Date(`${day}T00:00:00Z`);
	if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== day) return undefined;
	const date = time ? new Date(value) : midnight;
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Maps listed cases to the spec's request fields. Up to 1,000 rows share a handful of sentences
 * (a status, a service name, an agency): each is made once per response, not once per row.
 */
function publicRequests(rows: readonly PublicCaseRow[], context: Open311Context, cityName: string): Open311Value[] {
	const sentences = new Map<string, string>();
	const once = (key: string, params?: Record<string, unknown>) => {
		let sentence = sentences.get(key);
		if (sentence === undefined) {
			sentence = context.text(key, params);
			sentences.set(key, sentence);
		}
		return sentence;
	};
	const agencyOf = (referral: string | null) =>
		referral?.startsWith('body:') ? once(`concerns_body_${referral.slice(5)}`) : referral?.startsWith('department:') ? once('concerns_open311_agency_department', { city: cityName }) : once('concerns_open311_agency_office', { city: cityName });
	return rows.map((row) => ({
		service_request_id: row.ref,
		status: row.is_open ? 'open' : 'closed',
		status_notes: once(`concerns_status_${row.status}`),
		service_name: once(`concerns_category_${row.category}`),
		service_code: row.category,
		description: null,
		agency_responsible: agencyOf(row.referred_to),
		service_notice: null,
		requested_datetime: w3c(row.received_at),
		updated_datetime: w3c(row.closed_at ?? row.updated_at),
		expected_datetime: row.is_open ? `${row.due_on}T23:59:59Z` : null,
		address: null,
		address_id: null,
		zipcode: null,
		lat: null,
		long: null,
		media_url: null
	}));
}

function listOf(value: string | undefined): string[] {
	return (value ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

async function getRequests(city: City, fields: Map<string, string[]>, context: Open311Context): Promise<Open311Value> {
	const { text } = context;
	const ids = listOf(first(fields, 'service_request_id'));
	if (ids.length > 0) {
		// "This overrides all other arguments."
		if (ids.length > MAX_RESULTS) throw fail(400, text('concerns_open311_error_too_many_ids', { max: MAX_RESULTS }));
		return publicRequests(await repository.findListedByRefs(context.db, city.id, ids), context, city.name);
	}
	const codes = listOf(first(fields, 'service_code'));
	const unknown = codes.filter((code) => !isCategory(code));
	if (unknown.length > 0) throw fail(400, text('concerns_open311_error_service_filter', { codes: unknown.join(', ').slice(0, 120) }));
	const statuses = listOf(first(fields, 'status'));
	if (statuses.some((status) => status !== 'open' && status !== 'closed')) throw fail(400, text('concerns_open311_error_status'));
	const startText = first(fields, 'start_date');
	const endText = first(fields, 'end_date');
	const start = startText === undefined ? undefined : parseW3c(startText);
	const end = endText === undefined ? undefined : parseW3c(endText);
	if (startText !== undefined && !start) throw fail(400, text('concerns_open311_error_date', { field: 'start_date' }));
	if (endText !== undefined && !end) throw fail(400, text('concerns_open311_error_date', { field: 'end_date' }));
	const day = 86_400_000;
	const to = end ?? (start ? new Date(start.getTime() + WINDOW_DAYS * day) : new Date());
	const from = start ?? new Date(to.getTime() - WINDOW_DAYS * day);
	if (to < from) throw fail(400, text('concerns_open311_error_range_reversed'));
	if (to.getTime() - from.getTime() > WINDOW_DAYS * day) throw fail(400, text('concerns_open311_error_range', { days: WINDOW_DAYS }));
	const open = statuses.length === 1 ? statuses[0] === 'open' : undefined;
	const rows = await repository.listListed(context.db, city.id, { from: from.toISOString(), to: to.toISOString(), categories: codes, open, limit: MAX_RESULTS });
	return publicRequests(rows, context, city.name);
}

async function getRequest(city: City, id: string, context: Open311Context): Promise<Open311Value> {
	const rows = /^R-\d{4}-\d{1,7}$/.test(id) ? await repository.findListedByRefs(context.db, city.id, [id]) : [];
	if (rows.length === 0) throw fail(404, context.text('concerns_open311_error_request', { id: id.slice(0, 40) }));
	return publicRequests(rows, context, city.name);
}

