/** The import page's problems in the reader's language: form errors and the file's row rules. */
import { message } from '#lib/i18n/messages.ts';

export function csvErrorText(code: string): string {
	const key = `cadmin_csv_error_${code}`;
	const text = message(key);
	return text === key ? message('cadmin_csv_error_unknown', { code }) : text;
}

export function csvRuleText(rule: string): string {
	const key = `cadmin_csv_rule_${rule}`;
	const text = message(key);
	return text === key ? `${message('cadmin_csv_rule_invalid')} (${rule})` : text;
}
