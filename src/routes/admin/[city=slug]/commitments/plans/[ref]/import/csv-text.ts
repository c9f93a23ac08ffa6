/** The rules a plan CSV file's rows broke, in the reader's language (form errors read through #lib/forms/error-text.ts). */
import { message } from '#lib/i18n/messages.ts';

export function csvRuleText(rule: string): string {
	const key = `cadmin_csv_rule_${rule}`;
	const text = message(key);
	return text === key ? `${message('cadmin_csv_rule_invalid')} (${rule})` : text;
}
