/**
 * How the indicator forms' error codes read: the module's own sentences (`iadmin_error_<rule>`,
 * for the rules of indicators.schema.ts and the services), else the admin area's general ones
 * (`admin_error_<code>`: forbidden, invalid_input, …).
 */
import { message } from '#lib/i18n/messages.ts';
import { errorText } from '../../form-state.ts';

export function indicatorErrorText(code: string): string {
	const key = `iadmin_error_${code}`;
	const text = message(key);
	return text === key ? errorText(code) : text;
}
