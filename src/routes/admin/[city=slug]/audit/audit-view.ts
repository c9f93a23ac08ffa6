/**
 * Audit entries as the admin pages show them: time in UTC through Intl, the action in words,
 * who acted, what it concerned and the details as short text.
 */
import type { AuditRecord } from '#lib/server/accounts/audit.ts';
import { m, message } from '#lib/i18n/messages.ts';

export interface AuditLine {
	id: string;
	/** ISO 8601 (UTC), for <time datetime>. */
	at: string;
	time: string;
	action: string;
	actionCode: string;
	actor: string | null;
	target: string | null;
	details: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatTime(iso: string, locale: string): string {
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
		formats.set(locale, format);
	}
	return `${format.format(new Date(iso))} UTC`;
}

function actionLabel(action: string): string {
	const key = `admin_audit_action_${action.replace(/\./g, '_')}`;
	const text = message(key);
	return text === key ? action : text;
}

function detailText(value: unknown): string {
	if (Array.isArray(value)) return value.map(detailText).join(', ');
	if (value && typeof value === 'object') {
		const { from, to } = value as { from?: unknown; to?: unknown };
		if ('from' in value && 'to' in value) return `${detailText(from)} → ${detailText(to)}`;
		return Object.entries(value)
			.map(([key, inner]) => [key, detailText(inner)])
			.filter(([, text]) => text !== '')
			.map(([key, text]) => `${key}: ${text}`)
			.join('; ');
	}
	return value === null || value === undefined ? '—' : String(value);
}

export function presentAudit(entries: AuditRecord[], city: { id: string; displayName: string }, locale: string): AuditLine[] {
	return entries.map((entry) => ({
		id: entry.id,
		at: entry.at,
		time: formatTime(entry.at, locale),
		action: actionLabel(entry.action),
		actionCode: entry.action,
		actor: entry.actorEmail ?? (entry.details.by === 'cli' ? m.admin_audit_by_cli() : null),
		target: entry.target === city.id ? city.displayName : typeof entry.details.email === 'string' ? entry.details.email : entry.target,
		details: detailText(entry.details).slice(0, 500)
	}));
}
