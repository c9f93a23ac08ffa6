// Reading the dialogue's list filters from the address: a topic, a practice (`city/ref`) and a page.
import { findCityBySlug } from '#lib/server/cities/index.ts';
import type { Db } from '#lib/server/db/database.ts';
import { isDomainError } from '#lib/server/errors.ts';
import type { Viewer } from '#lib/server/network/network.policy.ts';
import { TOPICS } from '#lib/server/network/network.schema.ts';
import { getPractice } from '#lib/server/network/practices.service.ts';
import { pickText } from '#lib/i18n/localized-text.ts';

export const THREADS_PER_PAGE = 20;

export interface PracticeFilter {
	/** `gwangju/GP-1`, as the address names it. */
	key: string;
	cityId: string;
	id: string;
	title: string;
	cityName: string;
}

export function topicOf(value: string | null): (typeof TOPICS)[number] | undefined {
	return (TOPICS as readonly string[]).includes(value ?? '') ? (value as (typeof TOPICS)[number]) : undefined;
}

/** The practice a list or a new thread is about, when the viewer may read it; undefined otherwise. */
export async function practiceOf(db: Db, viewer: Viewer, key: string | null, locale: string): Promise<PracticeFilter | undefined> {
	const match = /^([a-z0-9-]{1,80})\/([A-Za-z0-9-]{1,40})$/.exec(key ?? '');
	if (!match) return undefined;
	const city = await findCityBySlug(db, match[1]!);
	if (!city) return undefined;
	try {
		const practice = await getPractice(db, viewer, city.id, match[2]!);
		return { key: `${match[1]}/${match[2]}`, cityId: city.id, id: practice.id, title: pickText(practice.title, locale)?.text ?? practice.ref, cityName: practice.city.name };
	} catch (caught) {
		if (isDomainError(caught, 'practice_not_found')) return undefined;
		throw caught;
	}
}

/** The page number from the address: 1 unless a whole number from 1 to 10,000. */
export function pageOf(value: string | null): number {
	const page = Number(value ?? '1');
	return Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1;
}
