import { describe, expect, it } from 'vitest';
import { answering, requestEvent } from '../testing/request-event.ts';
import { formBodyHandle, formBodyProblem } from './form-body.ts';

function post(body: BodyInit | undefined, type: string | null) {
	return requestEvent('http://example.org/signin?/default', { method: 'POST', body, headers: type ? { 'content-type': type, accept: 'text/html' } : { accept: 'text/html' }, locals: { locale: 'en' } });
}

const BROKEN_MULTIPART = '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nnever closed';

describe('form body handler', () => {
	it('lets a readable form through untouched, and the route can still read it', async () => {
		for (const { event } of [post('email=a%40example.org', 'application/x-www-form-urlencoded'), post((() => { const form = new FormData(); form.set('email', 'a@example.org'); return form; })(), null)]) {
			const resolve = answering('signed in');
			const response = await formBodyHandle({ event, resolve });
			expect(response.status).toBe(200);
			expect(resolve.calls[0]!.event.request.method).toBe('POST');
			expect((await resolve.calls[0]!.event.request.formData()).get('email')).toBe('a@example.org');
			expect(event.locals.formProblem).toBeUndefined();
		}
	});

	it('answers a body of another type, a broken multipart body or none at all with the page again as 400, running no action', async () => {
		const cases = [post('{"email":"a@example.org"}', 'application/json'), post('email=x', 'text/plain'), post(BROKEN_MULTIPART, 'multipart/form-data; boundary=XYZ'), post('a=1', 'multipart/form-data'), post(undefined, null)];
		for (const { event } of cases) {
			const resolve = answering('<form>the page</form>');
			const response = await formBodyHandle({ event, resolve });
			expect(response.status).toBe(400);
			expect(response.headers.get('cache-control')).toBe('no-store');
			expect(await response.text()).toBe('<form>the page</form>');
			// The page was rendered as a plain visit: no action ran.
			expect(resolve.calls[0]!.event.request.method).toBe('GET');
			expect(event.locals.formProblem).toBe('form_unreadable');
		}
	});

	it('answers a body the server refused as too large with 413, not "form has expired"', async () => {
		const body = new ReadableStream({ start: (controller) => controller.error(Object.assign(new Error('Payload Too Large'), { status: 413 })) });
		const { event } = requestEvent('http://example.org/admin/york/indicators/import?/upload', { locals: { locale: 'en' } });
		const init = { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=XYZ' }, duplex: 'half' };
		Object.assign(event, { request: new Request(event.request.url, init as RequestInit) });
		const response = await formBodyHandle({ event, resolve: answering('<form>upload</form>') });
		expect(response.status).toBe(413);
		expect(event.locals.formProblem).toBe('form_too_large');
	});

	it('keeps a redirect of the page it renders (anonymous on an admin page → sign in)', async () => {
		const { event } = post('{}', 'application/json');
		const response = await formBodyHandle({ event, resolve: answering('', 'text/html', { status: 303, headers: { location: '/signin' } }) });
		expect(response.status).toBe(303);
	});

	it('never looks at the body of a plain visit', async () => {
		expect(await formBodyProblem(new Request('http://example.org/'))).toBeNull();
	});
});
