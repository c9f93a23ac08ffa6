/**
 * The UI messages: `m.key(params?)` in the request's locale, and `message(key, params)` for a
 * key computed at run time (error codes, enum labels), with a safe fallback so a missing key
 * shows its code instead of breaking the page.
 */
import { m } from '../paraglide/messages.js';

export { m };

type MessageFunction = (inputs?: Record<string, unknown>) => string;

export function message(key: string, inputs?: Record<string, unknown>): string {
	const fn = (m as unknown as Record<string, MessageFunction | undefined>)[key];
	return fn ? fn(inputs ?? {}) : key;
}
