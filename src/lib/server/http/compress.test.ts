import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { answering, requestEvent } from '../testing/request-event.ts';
import { compressionHandle } from './compress.ts';

const LONG = `<p>${'Everyone has the right to life, liberty and security of person. '.repeat(40)}</p>`;
const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

async function get(body: string, type: string, options: { headers?: Record<string, string>; method?: string; init?: ResponseInit } = {}) {
	const { event } = requestEvent('http://example.org/', { headers: options.headers ?? GZIP, method: options.method ?? 'GET' });
	return compressionHandle({ event, resolve: answering(body, type, options.init) });
}

describe('compression handler', () => {
	it('gzips a text page for a browser that accepts gzip, with its length and Vary', async () => {
		const response = await get(LONG, 'text/html; charset=utf-8', { init: { headers: { vary: 'Accept-Language, Cookie' } } });
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
		expect(bytes.byteLength).toBeLessThan(LONG.length / 4);
		expect(gunzipSync(bytes).toString()).toBe(LONG);
		expect(response.headers.get('vary')).toBe('Accept-Language, Cookie, Accept-Encoding');
	});

	it('also compresses JSON, SVG and CSV-like text', async () => {
		for (const type of ['application/json', 'image/svg+xml', 'text/csv; charset=utf-8']) {
			expect((await get(LONG, type)).headers.get('content-encoding')).toBe('gzip');
		}
	});

	it('sends as they are: tiny bodies, binary files, streamed downloads, HEAD, and browsers without gzip', async () => {
		const cases = [
			await get('<p>short</p>', 'text/html'),
			await get(LONG, 'application/pdf'),
			await get(LONG, 'text/csv', { init: { headers: { 'x-stream': '1' } } }),
			await get(LONG, 'text/html', { method: 'HEAD' }),
			await get(LONG, 'text/html', { headers: { 'accept-encoding': 'identity' } })
		];
		for (const response of cases) expect(response.headers.get('content-encoding')).toBeNull();
		expect(await cases[0]!.text()).toBe('<p>short</p>');
	});

	it('keeps the status and headers of what it compresses', async () => {
		const response = await get(LONG, 'text/html', { init: { status: 404, headers: { 'cache-control': 'no-store' } } });
		expect(response.status).toBe(404);
		expect(response.headers.get('cache-control')).toBe('no-store');
	});
});
