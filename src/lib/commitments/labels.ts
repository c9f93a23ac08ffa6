/**
 * Words for the codes of the accountability pages, in the reader's language: statuses,
 * instruments, adoption, duties, population groups, and how a framework tag is named
 * ("Article 25", "Principle 3", "Goal 11", "Target 11.1"). Unknown codes read as written.
 *
 * @example tagName({ scheme: 'udhr', number: '25', target: false }) // 'Article 25'
 */
import { m, message } from '#lib/i18n/messages.ts';

/** A label from the catalog, or the code itself when the catalog has none. */
export function label(prefix: string, code: string): string {
	const key = `commitments_${prefix}_${code}`;
	const text = message(key);
	return text === key ? code : text;
}

export const statusLabel = (status: string) => label('status', status);
export const instrumentLabel = (code: string) => label('instrument', code);
export const adoptedByLabel = (code: string) => label('adopted_by', code);
export const processLabel = (code: string) => label('process', code);
export const groupLabel = (code: string) => label('group', code);
/** `duty:protect` → "Protect". */
export const dutyLabel = (code: string) => label('duty', code.replace(/^duty:/, ''));

export function tagName(tag: { scheme: string; number: string; target: boolean }): string {
	if (tag.scheme === 'udhr') return m.commitments_tag_article({ number: tag.number });
	if (tag.scheme === 'gwangju') return m.commitments_tag_principle({ number: tag.number });
	if (tag.scheme === 'sdg') return tag.target ? m.commitments_tag_target({ number: tag.number }) : m.commitments_tag_goal({ number: tag.number });
	return `${tag.scheme}:${tag.number}`;
}

const counted = new Map<string, string>();

/**
 * A plural message for a count, remembered per locale (the compiled plural messages build a new
 * Intl.PluralRules on every call, and a page of cards asks for the same few counts many times).
 *
 * @example countText('actions', m.commitments_actions_count, 'en', 3) // '3 actions'
 */
export function countText(name: string, message: (inputs: { count: number }) => string, locale: string, count: number): string {
	const key = `${name}|${locale}|${count}`;
	let text = counted.get(key);
	if (text === undefined) {
		text = message({ count });
		if (counted.size >= 5000) counted.clear();
		counted.set(key, text);
	}
	return text;
}
