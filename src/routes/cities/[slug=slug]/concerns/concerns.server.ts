/**
 * Shared steps of the public concerns pages: the key ring (none when the server has no
 * CONCERNS_KEYS: reporting is then closed, with a sentence saying so), the tracking link of a
 * token, and the headers of every page that shows a tracking link's content — never stored by
 * any cache, never sent to another site in a Referer (`same-origin`: a stricter policy would make
 * the browser post its forms with `Origin: null`, which the CSRF origin check refuses).
 */
import type { RequestEvent } from '@sveltejs/kit';
import { keyRingOf, type KeyRing } from '#lib/server/concerns/crypto.ts';

export function ringOf(locals: App.Locals): KeyRing | undefined {
	return locals.config.concernsKeys.keys.length > 0 ? keyRingOf(locals.config) : undefined;
}

export function trackingPath(slug: string, token: string): string {
	return `/cities/${slug}/concerns/track?t=${encodeURIComponent(token)}`;
}

/** A page with a tracking token in its address or a case's content in its body. */
export function privatePage(event: Pick<RequestEvent, 'setHeaders'>): void {
	event.setHeaders({ 'cache-control': 'no-store, private', 'referrer-policy': 'same-origin', 'x-robots-tag': 'noindex' });
}
