// A pairing's reasons and cities as its pages show them, in the reader's language.
import { formatNumber } from '#lib/i18n/format.ts';
import { message } from '#lib/i18n/messages.ts';
import type { SuggestionReason } from '#lib/server/network/pairing.service.ts';

/** Why a mentor is suggested, one sentence per reason. */
export function reasonTexts(reasons: readonly SuggestionReason[], locale: string): string[] {
	return reasons.map((reason) => {
		switch (reason.code) {
			case 'same_region':
				return message('network_reason_same_region', { region: message(`region_${reason.region}`) });
			case 'shared_languages':
				return message('network_reason_shared_languages', { languages: reason.languages.join(', ') });
			case 'shared_rights':
				return message('network_reason_shared_rights', { rights: reason.rights.map((code) => code.replace(/^udhr:/, '')).join(', ') });
			case 'similar_size':
				return message('network_reason_similar_size', { mentee: formatNumber(reason.mentee, locale), mentor: formatNumber(reason.mentor, locale) });
			case 'experience_years':
				return message('network_reason_experience_years', { years: reason.years });
			case 'practices_shared':
				return message('network_reason_practices_shared', { count: reason.count });
			case 'mentored_before':
				return message('network_reason_mentored_before', { count: reason.count });
			case 'formal_process':
				return message('network_reason_formal_process');
			case 'busy_mentor':
				return message('network_reason_busy_mentor', { count: reason.count });
		}
	});
}
