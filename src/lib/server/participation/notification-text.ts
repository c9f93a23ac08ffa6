/**
 * A notification as a sentence, in the reader's language (the account page) or the recipient's
 * (the mail): the kind names the message, the stored parameters fill it. Codes (an answer, an
 * action's status) become words here, at reading time, so each reader gets their own language.
 *
 * @example noticeText('proposal_answered', { ref: 'PR-12', title: 'Shade on the Ouse path', answer: 'accepted' }, 'es')
 */
import { message } from '../../i18n/messages.ts';
import type { Locale } from '../../i18n/locales.ts';

export const NOTICE_KINDS = [
	'proposal_published',
	'proposal_rejected',
	'proposal_hidden',
	'proposal_qualified',
	'proposal_answered',
	'proposal_linked',
	'project_selected',
	'project_not_selected',
	'project_linked',
	'recommendation_answered',
	'recommendation_linked',
	'action_status'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticeParams = Record<string, string | number>;

function word(prefix: string, code: string | number | undefined, locale: Locale | undefined): string {
	const key = `${prefix}${code}`;
	const text = message(key, {}, locale ? { locale } : undefined);
	return text === key ? String(code ?? '') : text;
}

export function noticeText(kind: string, params: NoticeParams, locale?: Locale): string {
	const options = locale ? { locale } : undefined;
	const filled = {
		ref: params.ref ?? '',
		title: params.title ?? '',
		action: params.action ?? '',
		answer: word('participation_answer_', params.answer, locale),
		status: kind === 'action_status' ? word('commitments_status_', params.status, locale) : word('participation_recommendation_status_', params.status, locale)
	};
	const key = `participation_notice_${kind}`;
	const text = message(key, filled, options);
	return text === key ? `${params.ref ?? ''}` : text;
}
