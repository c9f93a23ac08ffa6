/**
 * A badge check as the verify page shows it: the verdict (valid, outdated, revoked, invalid), and
 * for a genuine signature what it states — the city, the framework and version, the level, the
 * year and the date — with names as this platform knows them.
 *
 * - valid: the network's signature, and the city's latest result for that framework;
 * - outdated: genuine and on record, but the city has a newer result since;
 * - revoked: genuine, but the platform no longer holds that result (withdrawn);
 * - invalid: not signed by this network's keys, or not a readable statement.
 *
 * @example const view = await verificationView(db, answer.check, answer.code, locale);
 */
import type { Db } from '#lib/server/db/database.ts';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { getPublishedVersion } from '#lib/server/standards/frameworks.service.ts';
import type { Verification } from '#lib/server/standards/results.service.ts';
import { levelName, textOf, type Text } from './view.server.ts';

export type Verdict = 'valid' | 'outdated' | 'revoked' | 'invalid';

export interface VerificationView {
	verdict: Verdict;
	/** Why a badge is invalid. */
	reason: 'malformed' | 'unknown_key' | 'bad_signature' | null;
	code: string;
	statement: {
		city: { name: string; slug: string; known: boolean };
		framework: Text;
		version: string;
		level: number;
		levelName: string;
		year: number;
		/** The day of publication, in the reader's language. */
		date: string;
		review: string;
		reviewer: string;
		demo: boolean;
		keyRetired: boolean;
	} | null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDay(day: string, locale: string): string {
	let format = dateFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
		dateFormats.set(locale, format);
	}
	const date = new Date(`${day}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? day : format.format(date);
}

export async function verificationView(db: Db, check: Verification, code: string, locale: string): Promise<VerificationView> {
	if (!check.valid) return { verdict: 'invalid', reason: check.reason, code, statement: null };
	const { statement } = check;
	const [city, reviewer, version] = await Promise.all([
		findCityBySlug(db, statement.city),
		findCityBySlug(db, statement.reviewer),
		getPublishedVersion(db, statement.framework, statement.frameworkVersion).catch(() => undefined)
	]);
	return {
		verdict: !check.onRecord ? 'revoked' : check.latest ? 'valid' : 'outdated',
		reason: null,
		code,
		statement: {
			city: { name: city?.display_name ?? statement.cityName, slug: statement.city, known: city !== undefined },
			framework: version ? textOf(version.document.short, locale, statement.framework) : { text: statement.framework, lang: locale },
			version: statement.frameworkVersion,
			level: statement.level,
			levelName: levelName(statement.level),
			year: statement.year,
			date: formatDay(statement.publishedOn, locale),
			review: statement.review,
			reviewer: reviewer?.display_name ?? statement.reviewer,
			demo: statement.demo,
			keyRetired: check.keyRetired
		}
	};
}
