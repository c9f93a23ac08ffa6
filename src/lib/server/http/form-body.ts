/**
 * A form post the route cannot read never reaches it. Every page action reads its body as a form
 * (`request.formData()`), which throws on another content type or a broken multipart body, and
 * the server refuses a body over its limit (BODY_SIZE_LIMIT) while it is being read. This handler
 * reads a copy of the body first; when it cannot, the visitor gets the page they posted to again
 * (rendered as a plain visit, so nothing runs and nothing changes) with a notice saying why, as
 * 400 (unreadable) or 413 (too large). Routes keep reading `request.formData()` as before.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export type FormBodyProblem = 'form_unreadable' | 'form_too_large';

/** A 413 from the server's body reader, however the body parser wrapped it. */
function tooLarge(error: unknown): boolean {
	for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
		if ((cause as { status?: unknown }).status === 413) return true;
	}
	return false;
}

/** Why this request's body cannot be read as a form, or null when it can (or needs not be). */
export async function formBodyProblem(request: Request): Promise<FormBodyProblem | null> {
	if (SAFE_METHODS.has(request.method)) return null;
	const type = (request.headers.get('content-type') ?? '').toLowerCase();
	if (!FORM_TYPES.some((form) => type.startsWith(form))) return 'form_unreadable';
	try {
		await request.clone().formData();
		return null;
	} catch (error) {
		return tooLarge(error) ? 'form_too_large' : 'form_unreadable';
	}
}

const STATUS: Record<FormBodyProblem, number> = { form_unreadable: 400, form_too_large: 413 };

/** The same address as a plain visit: the page's loads run, no action does. */
function asVisit(event: RequestEvent): RequestEvent {
	const headers = new Headers(event.request.headers);
	for (const name of ['content-type', 'content-length', 'transfer-encoding']) headers.delete(name);
	return { ...event, request: new Request(event.request.url, { method: 'GET', headers }) };
}

export const formBodyHandle: Handle = async ({ event, resolve }) => {
	const problem = await formBodyProblem(event.request);
	if (!problem) return resolve(event);
	event.locals.formProblem = problem;
	const page = await resolve(asVisit(event));
	// A redirect (sign in first) or an error page keeps its own status.
	if (page.status !== 200) return page;
	const headers = new Headers(page.headers);
	headers.set('cache-control', 'no-store');
	return new Response(page.body, { status: STATUS[problem], headers });
};
