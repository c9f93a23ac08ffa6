/**
 * Checks that Open311 answers are what the specification says, for the tests: a JSON Schema
 * validator for the keywords the project's GeoReport v2 schemas use (schemas/*.json, written from
 * the spec), and a strict reader of the XML answers that fails on anything not well-formed and
 * turns the document back into the JSON it must equal (the spec's "Spark" convention).
 *
 * @example
 *   validateSchema(schema, JSON.parse(body)) // [] or ['$[0].status: not one of open, closed']
 *   xmlToValue('<errors><error><code>400</code>…</errors>') // { root: 'errors', value: [{ code: '400', … }] }
 */
export type Schema = boolean | { [keyword: string]: unknown };

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
	const actual = typeOf(value);
	return actual === type || (type === 'number' && actual === 'integer');
}

/** The problems of `value` against `schema` (empty when valid), each with its JSON path. */
export function validateSchema(schema: Schema, value: unknown, root: Schema = schema, at = '$'): string[] {
	if (schema === true) return [];
	if (schema === false) return [`${at}: not allowed`];
	const problems: string[] = [];
	const s = schema as Record<string, unknown>;
	if (typeof s.$ref === 'string') {
		const match = /^#\/\$defs\/(.+)$/.exec(s.$ref);
		if (!match) throw new Error(`Unsupported $ref ${s.$ref}`);
		const target = ((root as Record<string, unknown>).$defs as Record<string, Schema> | undefined)?.[match[1]!];
		if (target === undefined) throw new Error(`Unknown $ref ${s.$ref}`);
		problems.push(...validateSchema(target, value, root, at));
	}
	if (s.type !== undefined) {
		const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
		if (!types.some((type) => typeMatches(value, type))) return [...problems, `${at}: is ${typeOf(value)}, not ${types.join(' or ')}`];
	}
	if (Array.isArray(s.enum) && !s.enum.some((option) => option === value)) problems.push(`${at}: not one of ${s.enum.join(', ')}`);
	if ('const' in s && s.const !== value) problems.push(`${at}: not ${String(s.const)}`);
	if (typeof value === 'string') {
		if (typeof s.minLength === 'number' && [...value].length < s.minLength) problems.push(`${at}: shorter than ${s.minLength}`);
		if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) problems.push(`${at}: longer than ${s.maxLength}`);
		if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) problems.push(`${at}: does not match ${s.pattern}`);
		if (s.format === 'uri' && !URL.canParse(value)) problems.push(`${at}: not a URI`);
	}
	if (typeof value === 'number') {
		if (typeof s.minimum === 'number' && value < s.minimum) problems.push(`${at}: below ${s.minimum}`);
		if (typeof s.maximum === 'number' && value > s.maximum) problems.push(`${at}: above ${s.maximum}`);
	}
	if (Array.isArray(value)) {
		if (typeof s.minItems === 'number' && value.length < s.minItems) problems.push(`${at}: fewer than ${s.minItems} items`);
		if (typeof s.maxItems === 'number' && value.length > s.maxItems) problems.push(`${at}: more than ${s.maxItems} items`);
		if (s.items !== undefined) value.forEach((item, index) => problems.push(...validateSchema(s.items as Schema, item, root, `${at}[${index}]`)));
	}
	if (typeOf(value) === 'object') {
		const object = value as Record<string, unknown>;
		for (const key of (s.required as string[] | undefined) ?? []) if (!(key in object)) problems.push(`${at}: ${key} is missing`);
		const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
		for (const [key, child] of Object.entries(object)) {
			if (key in properties) problems.push(...validateSchema(properties[key]!, child, root, `${at}.${key}`));
			else if (s.additionalProperties !== undefined) problems.push(...validateSchema(s.additionalProperties as Schema, child, root, `${at}.${key}`));
		}
	}
	for (const part of (s.allOf as Schema[] | undefined) ?? []) problems.push(...validateSchema(part, value, root, at));
	if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((part) => validateSchema(part, value, root, at).length === 0)) problems.push(`${at}: matches none of anyOf`);
	if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((part) => validateSchema(part, value, root, at).length === 0).length !== 1) problems.push(`${at}: does not match exactly one of oneOf`);
	if (s.if !== undefined) {
		const branch = validateSchema(s.if as Schema, value, root, at).length === 0 ? s.then : s.else;
		if (branch !== undefined) problems.push(...validateSchema(branch as Schema, value, root, at));
	}
	return problems;
}

/** An element as read: its name and either its text or its child elements. */
interface XmlElement {
	name: string;
	children: XmlElement[];
	text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
	return text.replace(/&([a-z]+|#\d+|#x[0-9a-fA-F]+);|&/g, (whole, entity: string | undefined) => {
		if (!entity) throw new Error('XML: a bare & in text');
		if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
		if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
		const known = ENTITIES[entity];
		if (known === undefined) throw new Error(`XML: unknown entity ${whole}`);
		return known;
	});
}

/**
 * Reads a document of elements and text (what GeoReport v2 uses: no attributes, no mixed
 * content), failing on anything not well-formed: a missing or wrong declaration, unclosed or
 * crossed tags, stray text, a bare `&` or `<`, more than one root.
 */
export function parseXml(document: string): XmlElement {
	const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(document);
	if (!declaration) throw new Error('XML: no declaration with encoding="UTF-8"');
	let at = declaration[0].length;
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	while (at < document.length) {
		if (document[at] === '<') {
			const close = document.indexOf('>', at);
			if (close < 0) throw new Error('XML: unterminated tag');
			const tag = document.slice(at + 1, close);
			at = close + 1;
			if (tag.startsWith('/')) {
				const open = stack.pop();
				if (!open || open.name !== tag.slice(1)) throw new Error(`XML: </${tag.slice(1)}> closes ${open ? `<${open.name}>` : 'nothing'}`);
				if (stack.length === 0) root = open;
				continue;
			}
			const selfClosing = tag.endsWith('/');
			const name = selfClosing ? tag.slice(0, -1) : tag;
			if (NAME.exec(name)?.[0] !== name) throw new Error(`XML: bad tag <${tag}>`);
			if (root) throw new Error('XML: more than one root');
			const element: XmlElement = { name, children: [], text: '' };
			const parent = stack.at(-1);
			if (parent) {
				if (parent.text.trim()) throw new Error(`XML: mixed content in <${parent.name}>`);
				parent.children.push(element);
			}
			if (selfClosing) {
				if (!parent) root = element;
			} else stack.push(element);
		} else {
			const next = document.indexOf('<', at);
			const raw = document.slice(at, next < 0 ? document.length : next);
			at = next < 0 ? document.length : next;
			const parent = stack.at(-1);
			if (!parent) {
				if (raw.trim()) throw new Error('XML: text outside the root');
				continue;
			}
			if (parent.children.length > 0 && raw.trim()) throw new Error(`XML: mixed content in <${parent.name}>`);
			parent.text += unescape(raw);
		}
	}
	if (stack.length > 0 || !root) throw new Error(`XML: <${stack.at(-1)?.name ?? '?'}> is never closed`);
	return root;
}

/** The containers whose children are a list (the Spark convention's arrays), by name. */
const LISTS = new Set(['services', 'service_requests', 'attributes', 'values', 'errors', 'endpoints', 'formats']);

function valueOf(element: XmlElement): unknown {
	if (LISTS.has(element.name)) return element.children.map(valueOf);
	if (element.children.length === 0) return element.text === '' ? null : element.text;
	const object: Record<string, unknown> = {};
	for (const child of element.children) {
		if (child.name in object) throw new Error(`XML: <${child.name}> twice in <${element.name}>`);
		object[child.name] = valueOf(child);
	}
	return object;
}

/** The document's root name and its value, with every leaf as text (null for an empty element). */
export function xmlToValue(document: string): { root: string; value: unknown } {
	const root = parseXml(document);
	return { root: root.name, value: valueOf(root) };
}

/** A JSON value with every leaf as the text XML carries (numbers and booleans as text; '' as null). */
export function asXmlText(value: unknown): unknown {
	if (value === null || value === '') return null;
	if (Array.isArray(value)) return value.map(asXmlText);
	if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, asXmlText(child)]));
	return String(value);
}
