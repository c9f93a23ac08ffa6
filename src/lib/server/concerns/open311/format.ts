/**
 * GeoReport v2's two formats from one value: JSON as is, and XML by the spec's "Spark"
 * convention read backwards — an object is an element per key, a list is a container whose
 * children all have one name (`services` → `service`, `service_requests` → `request`, …), null is
 * an empty element, booleans are `true`/`false`. So the XML always carries exactly the JSON's fields.
 */
export type Format = 'json' | 'xml';
export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

/** The element name of a list's items, by the list's name. */
const ITEM_OF: Record<string, string> = {
	services: 'service',
	service_requests: 'request',
	attributes: 'attribute',
	values: 'value',
	errors: 'error',
	endpoints: 'endpoint',
	formats: 'format'
};

export const CONTENT_TYPE: Record<Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

export function escapeXml(text: string): string {
	// Characters XML 1.0 cannot carry at all are dropped (they never come from our own data).
	return text
		.replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function element(name: string, value: Open311Value): string {
	if (value === null || value === '') return `<${name}/>`;
	if (Array.isArray(value)) {
		const item = ITEM_OF[name];
		if (!item) throw new Error(`open311 XML: no item element for the list "${name}"`);
		return `<${name}>${value.map((child) => element(item, child)).join('')}</${name}>`;
	}
	if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([key, child]) => element(key, child)).join('')}</${name}>`;
	return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The document for a root element (`services`, `service_definition`, `errors`, …). */
export function toXml(root: string, value: Open311Value): string {
	return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}\n`;
}

export function render(format: Format, root: string, value: Open311Value, status = 200, headers: Record<string, string> = {}): Response {
	const body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
	return new Response(body, { status, headers: { 'content-type': CONTENT_TYPE[format], ...headers } });
}

/** A W3C datetime with its zone, to the second: `2026-03-01T10:00:00Z`. */
export function w3c(iso: string): string {
	// Stored instants are already ISO 8601 in UTC (`…T10:00:00.000Z`): cut, do not parse (1,000 rows a response).
	if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(iso)) return `${iso.slice(0, 19)}Z`;
	return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}
