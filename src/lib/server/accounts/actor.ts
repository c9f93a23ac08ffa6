/**
 * The acting user as every policy sees it: who they are and which roles they hold in which city.
 * `null` is the anonymous visitor.
 */
import type { CityRole, VerificationLevel } from './accounts.tables.ts';

export interface Actor {
	personId: string;
	email: string;
	displayName: string;
	networkAdmin: boolean;
	preferredLocale: string | null;
	roles: { cityId: string; role: CityRole; department: string | null }[];
	verifications: { cityId: string; level: VerificationLevel }[];
	/**
	 * Set for an operator outside the web — the command line (`cli`) or the demo seed (`demo`) —
	 * who acts as a city admin of the cities named, holds no account, and appears under this name
	 * in the ledger.
	 */
	system?: SystemRole;
}

export type SystemRole = 'cli' | 'demo';

export type MaybeActor = Actor | null;

/**
 * The operator at the command line, or the demo seed, acting as city admin of these cities.
 *
 * @example await importPlanCsv(db, systemActor('cli', [city.id]), city.id, plan.id, bytes);
 */
export function systemActor(system: SystemRole, cityIds: readonly string[]): Actor {
	return {
		personId: `system:${system}`,
		email: '',
		displayName: system,
		networkAdmin: false,
		preferredLocale: null,
		roles: cityIds.map((cityId) => ({ cityId, role: 'city_admin' as const, department: null })),
		verifications: [],
		system
	};
}

/** The person behind the actor, for rows that name one (`author_id`); none for a system actor. */
export function personIdOf(actor: MaybeActor): string | null {
	return actor && !actor.system ? actor.personId : null;
}

export function hasRole(actor: MaybeActor, cityId: string, role: CityRole): boolean {
	return actor?.roles.some((held) => held.cityId === cityId && held.role === role) ?? false;
}

/** Holds any role in the city (the tenant check every city-scoped policy starts with). */
export function belongsToCity(actor: MaybeActor, cityId: string): boolean {
	return actor?.roles.some((held) => held.cityId === cityId) ?? false;
}

export function isCityAdmin(actor: MaybeActor, cityId: string): boolean {
	return hasRole(actor, cityId, 'city_admin');
}

export function isNetworkAdmin(actor: MaybeActor): boolean {
	return actor?.networkAdmin ?? false;
}

const LEVELS: VerificationLevel[] = ['email', 'census', 'in_person'];

/** The highest verification level of the person in the city (in_person > census > email). */
export function verificationLevel(actor: MaybeActor, cityId: string): VerificationLevel | undefined {
	const held = actor?.verifications.filter((verification) => verification.cityId === cityId).map((verification) => LEVELS.indexOf(verification.level)) ?? [];
	return held.length ? LEVELS[Math.max(...held)] : undefined;
}
