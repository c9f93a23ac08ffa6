// Error codes of the account forms as sentences in the reader's language.
import { m, message } from '#lib/i18n/messages.ts';

/** The message of an error code; unknown codes (a bug) still read as a sentence, not a key. */
export function errorText(code: string, minutes?: number): string {
	const key = `error_${code}`;
	const text = message(key, { minutes: minutes ?? 15 });
	return text === key ? m.error_invalid_input() : text;
}
