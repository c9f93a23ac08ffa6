/**
 * The UI messages, compiled from the catalogues by `npm run i18n` (scripts/compile-messages.ts):
 * `m.key(params?)` in the request's locale, `m.key(params, { locale })` in another one, and
 * `message(key, params)` for a key computed at run time (error codes, enum labels), with a safe
 * fallback so a missing key shows its code instead of breaking the page.
 *
 * @example
 *   m.cities_results({ count: 2 })                  // '2 cities match.'
 *   m.cities_results({ count: 2 }, { locale: 'ar' }) // 'توجد مدينتان مطابقتان.'
 *   message(`cadmin_status_${status}`)
 */
import { m } from './generated/messages.ts';
import type { MessageOptions } from './runtime.ts';

export { m };

type MessageFunction = (params: Record<string, unknown>, options?: MessageOptions) => string;

export function message(key: string, params?: Record<string, unknown>, options?: MessageOptions): string {
	const fn = Object.hasOwn(m, key) ? (m as unknown as Record<string, MessageFunction>)[key] : undefined;
	return fn ? fn(params ?? {}, options) : key;
}
