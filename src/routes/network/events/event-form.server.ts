// Reading the event form (create and edit) into the service's input, and what the form needs to
// offer: kinds, modes, audiences, the member cities that may host, the form's languages.
import { LOCALES, isLocale } from '#lib/i18n/locales.ts';
import type { LocalizedText } from '#lib/i18n/localized-text.ts';
import { listMembers } from '#lib/server/network/membership.service.ts';
import { EVENT_KINDS, EVENT_MODES, LAYERS, type EventInput } from '#lib/server/network/network.schema.ts';
import type { NetworkEvent } from '#lib/server/network/events.service.ts';
import type { Db } from '#lib/server/db/database.ts';
import { formText } from '../network-view.server.ts';

/** An optional number: '' is none, anything else must read as a number (NaN is refused by the schema). */
function optionalNumber(text: string): number | null {
	return text === '' ? null : Number(text);
}

function textsOf(texts: LocalizedText | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(texts ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The service input from the form. Title and description are written in one language (`lang`)
 * at a time: the texts in the other languages are kept as they were.
 */
export function eventInputOf(form: FormData, existing?: Pick<NetworkEvent, 'title' | 'description'>): { input: EventInput; lang: string } {
	const lang = isLocale(formText(form, 'lang')) ? formText(form, 'lang') : 'en';
	const title = textsOf(existing?.title);
	const description = textsOf(existing?.description);
	title[lang] = formText(form, 'title');
	// The title in the form's language is required even when other languages have one: without
	// it the service is given none, and so reports it with every other problem at once.
	const titles = formText(form, 'title') === '' ? {} : title;
	description[lang] = formText(form, 'description');
	const closes = formText(form, 'registrationClosesLocal');
	return {
		lang,
		input: {
			kind: formText(form, 'kind') as EventInput['kind'],
			audience: formText(form, 'audience') as EventInput['audience'],
			title: titles,
			description,
			startsLocal: formText(form, 'startsLocal'),
			endsLocal: formText(form, 'endsLocal'),
			timeZone: formText(form, 'timeZone'),
			mode: formText(form, 'mode') as EventInput['mode'],
			place: formText(form, 'place'),
			onlineUrl: formText(form, 'onlineUrl') || null,
			languages: formText(form, 'languages')
				.split(/[\s,]+/)
				.filter(Boolean),
			capacity: optionalNumber(formText(form, 'capacity')),
			registrationClosesLocal: closes || null,
			hostCityId: formText(form, 'hostCityId') || null
		}
	};
}

export async function formChoices(db: Db) {
	const hosts = (await listMembers(db)).filter((member) => member.cityId && member.status === 'active').map((member) => ({ value: member.cityId!, label: member.name }));
	return { kinds: EVENT_KINDS, modes: EVENT_MODES, audiences: LAYERS, locales: LOCALES, hosts };
}
