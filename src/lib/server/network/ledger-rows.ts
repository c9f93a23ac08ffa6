/**
 * How the ledger sees the network's records. Membership requests, memberships and pairings go to
 * the network's chain (`NETWORK_CHAIN`); an adoption goes to the adopting city's chain (it is that
 * city's commitment). Snapshots hold public facts only: never a contact, a motivation letter,
 * notes or a person.
 */
import { ledgeredRow, NETWORK_CHAIN, type LedgerActor } from '../ledger/index.ts';
import type { MaybeActor } from '../accounts/index.ts';
import type { Member, MembershipRequest } from './membership.service.ts';
import type { Pairing } from './pairing.service.ts';
import type { Adoption } from './practices.service.ts';

export const requestRow = ledgeredRow<MembershipRequest>({
	entityType: 'network_request',
	snapshot: (request) => ({
		applicant: request.name,
		applicant_type: request.applicant,
		city_id: request.cityId,
		organisation_kind: request.orgKind,
		country: request.countryCode,
		level: request.level,
		process: request.process,
		status: request.status,
		decision_reason: request.decisionReason
	})
});

export const membershipRow = ledgeredRow<Member>({
	entityType: 'network_membership',
	snapshot: (member) => ({
		member: member.name,
		member_type: member.kind,
		city_id: member.cityId,
		organisation_kind: member.orgKind,
		country: member.countryCode,
		level: member.level,
		status: member.status,
		since: member.since,
		status_reason: member.statusReason,
		process: member.process,
		declared_on: member.declaredOn,
		declaration_url: member.declarationUrl,
		languages: member.languages,
		population: member.population
	})
});

export const pairingRow = ledgeredRow<Pairing>({
	entityType: 'pairing',
	snapshot: (pairing) => ({
		mentee: pairing.mentee.name,
		mentee_city_id: pairing.mentee.id,
		mentor: pairing.mentor.name,
		mentor_city_id: pairing.mentor.id,
		status: pairing.status,
		mentee_accepted: pairing.menteeAcceptedAt !== null,
		mentor_accepted: pairing.mentorAcceptedAt !== null,
		started_on: pairing.startedOn,
		ends_on: pairing.endsOn,
		ended_on: pairing.endedOn,
		end_note: pairing.endNote
	})
});

export const adoptionRow = ledgeredRow<Adoption>({
	entityType: 'practice_adoption',
	snapshot: (adoption) => ({
		practice: `${adoption.practice.citySlug} ${adoption.practice.ref}`,
		practice_city_id: adoption.practice.cityId,
		commitment: adoption.commitment.ref,
		note: adoption.note,
		status: adoption.status
	})
});

/**
 * The author of a network-chain entry: the ledger shows the role an actor holds in the chain's
 * "city", and nobody holds one in `network` — so a city's admin acting for their city (asking to
 * join, accepting a pairing) is shown as `city_admin`, not as an anonymous person.
 */
export function networkAuthor(actor: MaybeActor, forCityId?: string | null): { cityId: string; actor: LedgerActor | null } {
	if (!actor || actor.system || actor.networkAdmin || !forCityId) return { cityId: NETWORK_CHAIN, actor };
	const held = actor.roles.filter((role) => role.cityId === forCityId).map((role) => role.role);
	const role = held.includes('city_admin') ? 'city_admin' : held.includes('officer') ? 'officer' : held[0];
	return { cityId: NETWORK_CHAIN, actor: role ? { ...actor, roles: [...actor.roles, { cityId: NETWORK_CHAIN, role }] } : actor };
}
