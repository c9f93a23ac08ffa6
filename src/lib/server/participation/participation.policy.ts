/**
 * Who may do what in participation, tenant check first. The city's admins (and the network
 * admin) run processes, moderate, answer, keep budgets, consultations and the council; a person
 * takes part in a city they belong to, verified as far as the step asks (e-mail, census list,
 * in person); the system actors of the seed and the CLI never take part as residents.
 *
 * @example takePartProblem(actor, cityId, 'census') // undefined, or 'unauthenticated' | 'other_city' | 'verification_census'
 */
import { belongsToCity, canAdministerCity, verificationLevel, type MaybeActor } from '../accounts/index.ts';
import type { ParticipationLevel } from './participation.tables.ts';

export function canManageParticipation(actor: MaybeActor, cityId: string): boolean {
	return canAdministerCity(actor, cityId);
}

const ORDER: ParticipationLevel[] = ['member', 'email', 'census', 'in_person'];

/** Whether a verification level reaches the level a step asks for (`member`: belonging is enough). */
export function levelReaches(held: ParticipationLevel | undefined, needed: ParticipationLevel): boolean {
	return ORDER.indexOf(held ?? 'member') >= ORDER.indexOf(needed);
}

export type TakePartProblem = 'unauthenticated' | 'other_city' | 'system_actor' | `verification_${Exclude<ParticipationLevel, 'member'>}`;

/** Why the actor may not take part in a step of this city at this level; undefined when they may. */
export function takePartProblem(actor: MaybeActor, cityId: string, needed: ParticipationLevel): TakePartProblem | undefined {
	if (!actor) return 'unauthenticated';
	if (actor.system) return 'system_actor';
	if (!belongsToCity(actor, cityId)) return 'other_city';
	if (!levelReaches(verificationLevel(actor, cityId), needed)) return `verification_${needed as Exclude<ParticipationLevel, 'member'>}`;
	return undefined;
}
