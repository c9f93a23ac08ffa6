/**
 * Requests for tests of the HTTP layer: a request event for handler tests (a real `Request`, a
 * cookie jar that records what the handler set and deleted, and empty `locals`; no server, no
 * SvelteKit runtime) and forms as a browser posts them.
 *
 * @example
 *   const { event, jar } = requestEvent('https://example.org/?lang=ar', { cookies: { session: 'x' } });
 *   const response = await sessionHandle({ event, resolve: () => new Response('ok') });
 *   expect(jar.deleted.map((cookie) => cookie.name)).toEqual(['session']);
 */
import type { Cookies, RequestEvent } from '@sveltejs/kit';

export interface CookieJar {
	values: Map<string, string>;
	/** Every `cookies.set` call, in order, with its options. */
	set: { name: string; value: string; options: Record<string, unknown> }[];
	deleted: { name: string; options: Record<string, unknown> }[];
}

export interface RequestEventOptions {
	method?: string;
	headers?: Record<string, string>;
	cookies?: Record<string, string>;
	body?: BodyInit;
	locals?: Partial<App.Locals>;
}

/** `headers`: what the handler or load set with `setHeaders`. */
export function requestEvent(url: string, options: RequestEventOptions = {}): { event: RequestEvent; jar: CookieJar; headers: Record<string, string> } {
	const headers: Record<string, string> = {};
	const jar: CookieJar = { values: new Map(Object.entries(options.cookies ?? {})), set: [], deleted: [] };
	const cookies = {
		get: (name) => jar.values.get(name),
		getAll: () => [...jar.values].map(([name, value]) => ({ name, value })),
		set: (name, value, cookieOptions) => {
			jar.values.set(name, value);
			jar.set.push({ name, value, options: { ...cookieOptions } });
		},
		delete: (name, cookieOptions) => {
			jar.values.delete(name);
			jar.deleted.push({ name, options: { ...cookieOptions } });
		},
		serialize: (name, value) => `${name}=${value}`
	} satisfies Omit<Cookies, 'parse'> as Cookies;
	const request = new Request(url, { method: options.method ?? 'GET', headers: options.headers ?? {}, body: options.body ?? null });
	const event = {
		request,
		url: new URL(url),
		cookies,
		locals: { ...options.locals } as App.Locals,
		params: {},
		route: { id: null },
		fetch,
		getClientAddress: () => '127.0.0.1',
		platform: undefined,
		setHeaders: (values: Record<string, string>) => void Object.assign(headers, values),
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		tracing: { enabled: false, root: undefined, current: undefined }
	} as unknown as RequestEvent;
	return { event, jar, headers };
}

/** A resolve that answers with this body and type, and remembers the options it was given. */
export function answering(body: string, type = 'text/html; charset=utf-8', init: ResponseInit = {}) {
	const calls: { event: RequestEvent; options: unknown }[] = [];
	const resolve = async (event: RequestEvent, options?: unknown) => {
		calls.push({ event, options });
		return new Response(body, { ...init, headers: { 'content-type': type, ...(init.headers as Record<string, string> | undefined) } });
	};
	return Object.assign(resolve, { calls });
}

/** A form as a browser sends it: repeated names repeat (checkboxes, multi-selects). */
export function formOf(entries: [string, string][]): FormData {
	const form = new FormData();
	for (const [key, value] of entries) form.append(key, value);
	return form;
}
