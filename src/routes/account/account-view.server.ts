/**
 * What the account page shows about the signed-in person: the profile, the cities they belong to
 * with their roles and verification level, and where they are signed in. Read-only.
 */
import type { Db } from '#lib/server/db/database.ts';
import { describeMyAccount } from '#lib/server/accounts/accounts.service.ts';
import type { CityRole, VerificationLevel } from '#lib/server/accounts/accounts.tables.ts';
import { verificationLevel, type Actor } from '#lib/server/accounts/actor.ts';
import { getNetworkOverview } from '#lib/server/cities/cities.service.ts';
import { m } from '#lib/i18n/messages.ts';

export interface AccountCity {
	id: string;
	slug: string;
	name: string;
	roles: CityRole[];
	level: VerificationLevel | undefined;
	/** Residence can still be proven with the census (nothing at census level or above yet). */
	canClaimCensus: boolean;
}

export interface AccountSession {
	key: string;
	device: string;
	started: { iso: string; text: string };
	lastSeen: { iso: string; text: string };
	current: boolean;
}

export interface AccountView {
	email: string;
	displayName: string;
	preferredLocale: string | null;
	emailConfirmed: boolean;
	cities: AccountCity[];
	sessions: AccountSession[];
}

const BROWSERS: [RegExp, string][] = [
	[/Edg(e|A|iOS)?\//, 'Edge'],
	[/OPR\/|Opera/, 'Opera'],
	[/SamsungBrowser\//, 'Samsung Internet'],
	[/Firefox\/|FxiOS\//, 'Firefox'],
	[/Chrom(e|ium)\/|CriOS\//, 'Chrome'],
	[/Safari\//, 'Safari']
];
const SYSTEMS: [RegExp, string][] = [
	[/Android/, 'Android'],
	[/iPhone|iPad|iPod/, 'iOS'],
	[/Windows/, 'Windows'],
	[/CrOS/, 'ChromeOS'],
	[/Mac OS X|Macintosh/, 'macOS'],
	[/Linux/, 'Linux']
];

/** A short, recognisable name for a browser from its user agent ("Firefox · Android"). */
export function describeDevice(userAgent: string | null): string {
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent ?? ''))?.[1];
	const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent ?? ''))?.[1];
	return [browser, system].filter(Boolean).join(' · ') || m.account_device_unknown();
}

function moment(iso: string, format: Intl.DateTimeFormat) {
	return { iso, text: format.format(new Date(iso)) };
}

export async function describeAccount(db: Db, actor: Actor, sessionToken: string | undefined, locale: string): Promise<AccountView> {
	const [mine, overview] = await Promise.all([describeMyAccount(db, actor, sessionToken), getNetworkOverview(db)]);
	const format = new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'UTC',
		timeZoneName: 'short'
	});
	const cityIds = [...new Set(actor.roles.map((role) => role.cityId))];
	const cities = cityIds.flatMap((cityId) => {
		const city = overview.cities.find((candidate) => candidate.id === cityId);
		if (!city) return [];
		const level = verificationLevel(actor, cityId);
		return [
			{
				id: city.id,
				slug: city.slug,
				name: city.displayName,
				roles: actor.roles.filter((role) => role.cityId === cityId).map((role) => role.role),
				level,
				canClaimCensus: level === undefined || level === 'email'
			}
		];
	});
	return {
		email: actor.email,
		displayName: actor.displayName,
		preferredLocale: actor.preferredLocale,
		emailConfirmed: mine.emailConfirmed,
		cities: cities.sort((a, b) => a.name.localeCompare(b.name, locale)),
		sessions: mine.sessions
			.map((session) => ({
				key: session.key,
				device: describeDevice(session.userAgent),
				started: moment(session.createdAt, format),
				lastSeen: moment(session.lastSeenAt, format),
				current: session.current
			}))
			.sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeen.iso.localeCompare(a.lastSeen.iso))
	};
}
