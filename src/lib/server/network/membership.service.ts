/**
 * Membership of the network: a city (member or guest) or an organisation (associate member:
 * municipalities on the way, associations of local authorities, CSOs, universities, international
 * organisations) asks to join with its process, declaration and contact; the network admin
 * accepts or declines with a public reason; members are suspended, reinstated or leave with a
 * public reason. Every request and decision is an entry in the network's ledger — never the
 * contact, which only the network admin and the requester see.
 *
 * @example
 *   const request = await requestMembership(db, cityAdmin, { applicant: 'city', cityId, level: 'member', … });
 *   await decideRequest(db, networkAdmin, request.id, request.version, { decision: 'accept', reason: 'Declaration adopted by the council', lang: 'en' });
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { findPersonByEmail, findPersonById, isNetworkAdmin, personIdOf, sendMail, type Actor, type MaybeActor } from '../accounts/index.ts';
import { listCitySummaries, type CitySummary } from '../cities/index.ts';
import { ledgered, NETWORK_CHAIN } from '../ledger/index.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import { message } from '../../i18n/messages.ts';
import { isLocale } from '../../i18n/locales.ts';
import * as repository from './membership.repository.ts';
import { canActForCity, canManageNetwork, isPractitioner, type Viewer } from './network.policy.ts';
import { decisionSchema, grantSchema, memberProfileSchema, membershipStatusSchema, requestInputSchema, type DecisionInput, type MemberProfileInput, type MembershipStatusInput, type RequestInput } from './network.schema.ts';
import type { MembershipLevel, MembershipStatus, NetworkMembershipTable, OrganisationKind, RequestStatus } from './network.tables.ts';
import { membershipRow, networkAuthor, requestRow } from './ledger-rows.ts';
import { nextNetworkRef } from './refs.ts';

export interface Member {
	id: string;
	ref: string;
	kind: 'city' | 'organisation';
	cityId: string | null;
	organisationId: string | null;
	name: string;
	/** The city's slug (its pages); none for an organisation. */
	slug: string | null;
	countryCode: string | null;
	region: string | null;
	orgKind: OrganisationKind | null;
	website: string | null;
	level: MembershipLevel;
	status: MembershipStatus;
	since: string;
	statusReason: LocalizedText;
	statusChangedAt: string | null;
	process: 'formal' | 'informal';
	declaration: string;
	declarationUrl: string | null;
	declaredOn: string | null;
	languages: string[];
	population: number | null;
	version: number;
}

export interface MembershipRequest {
	id: string;
	ref: string;
	applicant: 'city' | 'organisation';
	cityId: string | null;
	name: string;
	slug: string | null;
	orgKind: OrganisationKind | null;
	countryCode: string | null;
	website: string | null;
	level: MembershipLevel;
	process: 'formal' | 'informal';
	declaration: string;
	declarationUrl: string | null;
	declaredOn: string | null;
	motivation: string;
	languages: string[];
	population: number | null;
	contact: { name: string; role: string; email: string };
	requestedBy: string;
	status: RequestStatus;
	decisionReason: LocalizedText;
	decidedAt: string | null;
	membershipId: string | null;
	version: number;
	createdAt: string;
}

// ——— Who is looking ———

/** The facts the network's policies need about an actor (one or two small queries). */
export async function viewerOf(db: Db, actor: MaybeActor): Promise<Viewer> {
	if (!actor) return { actor: null, memberStaffCities: [], granted: false, practitioner: false };
	const staffCities = [...new Set(actor.roles.filter((held) => held.role === 'city_admin' || held.role === 'officer').map((held) => held.cityId))];
	const [active, grant] = await Promise.all([repository.activeMemberCityIds(db, staffCities), actor.system ? undefined : repository.findGrant(db, actor.personId)]);
	const granted = grant !== undefined;
	return { actor, memberStaffCities: active, granted, practitioner: isPractitioner(actor, new Set(active), granted) };
}

// ——— Reading ———

function foldName(name: string): string {
	return name.toLowerCase().replace(/\s+/g, ' ').trim();
}

async function citiesById(db: Db, ids: readonly (string | null)[]): Promise<Map<string, CitySummary>> {
	const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
	return new Map((await listCitySummaries(db, wanted)).map((city) => [city.id, city]));
}

async function toMembers(db: Db, rows: readonly Awaited<ReturnType<typeof repository.findMembership>>[]): Promise<Member[]> {
	const present = rows.filter((row): row is NonNullable<typeof row> => row !== undefined);
	const [cities, organisations] = await Promise.all([
		citiesById(
			db,
			present.map((row) => row.city_id)
		),
		repository.listOrganisations(db, [...new Set(present.map((row) => row.organisation_id).filter((id): id is string => Boolean(id)))])
	]);
	const orgs = new Map(organisations.map((org) => [org.id, org]));
	return present.map((row) => {
		const city = row.city_id ? cities.get(row.city_id) : undefined;
		const org = row.organisation_id ? orgs.get(row.organisation_id) : undefined;
		return {
			id: row.id,
			ref: row.ref,
			kind: row.city_id ? 'city' : 'organisation',
			cityId: row.city_id,
			organisationId: row.organisation_id,
			name: city?.displayName ?? org?.name ?? row.ref,
			slug: city?.slug ?? null,
			countryCode: city?.countryCode ?? org?.country_code ?? null,
			region: city?.region ?? null,
			orgKind: org?.kind ?? null,
			website: org?.website ?? null,
			level: row.level,
			status: row.status,
			since: row.since,
			statusReason: parseLocalizedText(row.status_reason),
			statusChangedAt: row.status_changed_at,
			process: row.process as 'formal' | 'informal',
			declaration: row.declaration,
			declarationUrl: row.declaration_url,
			declaredOn: row.declared_on,
			languages: JSON.parse(row.languages) as string[],
			population: row.population,
			version: row.version
		};
	});
}

/** Members of the network: current ones (active and suspended), or also those who left. */
export async function listMembers(db: Db, options: { includeFormer?: boolean } = {}): Promise<Member[]> {
	const statuses: MembershipStatus[] = options.includeFormer ? ['active', 'suspended', 'left'] : ['active', 'suspended'];
	return toMembers(db, await repository.listMemberships(db, statuses));
}

export async function getMember(db: Db, ref: string): Promise<Member> {
	const row = await repository.findMembership(db, { ref });
	if (!row) throw new DomainError('membership_not_found');
	return (await toMembers(db, [row]))[0]!;
}

async function getMemberById(db: Db, id: string): Promise<Member> {
	const row = await repository.findMembership(db, { id });
	if (!row) throw new DomainError('membership_not_found');
	return (await toMembers(db, [row]))[0]!;
}

/** The city's current membership (active or suspended), if it has one. */
export async function membershipOfCity(db: Db, cityId: string): Promise<Member | undefined> {
	const row = await repository.findCurrentMembershipOfCity(db, cityId);
	return row ? (await toMembers(db, [row]))[0] : undefined;
}

/** Every membership the city had, newest first (its history on its network page). */
export async function membershipHistoryOfCity(db: Db, cityId: string): Promise<Member[]> {
	return toMembers(db, await repository.listMembershipsOfCity(db, cityId));
}

async function toRequests(db: Db, rows: readonly NonNullable<Awaited<ReturnType<typeof repository.findRequest>>>[]): Promise<MembershipRequest[]> {
	const cities = await citiesById(
		db,
		rows.map((row) => row.city_id)
	);
	return rows.map((row) => {
		const city = row.city_id ? cities.get(row.city_id) : undefined;
		return {
			id: row.id,
			ref: row.ref,
			applicant: row.city_id ? 'city' : 'organisation',
			cityId: row.city_id,
			name: city?.displayName ?? row.org_name ?? row.ref,
			slug: city?.slug ?? null,
			orgKind: row.org_kind,
			countryCode: city?.countryCode ?? row.country_code,
			website: row.website,
			level: row.level,
			process: row.process as 'formal' | 'informal',
			declaration: row.declaration,
			declarationUrl: row.declaration_url,
			declaredOn: row.declared_on,
			motivation: row.motivation,
			languages: JSON.parse(row.languages) as string[],
			population: row.population,
			contact: { name: row.contact_name, role: row.contact_role, email: row.contact_email },
			requestedBy: row.requested_by,
			status: row.status,
			decisionReason: parseLocalizedText(row.decision_reason),
			decidedAt: row.decided_at,
			membershipId: row.membership_id,
			version: row.version,
			createdAt: row.created_at
		};
	});
}

/** The requester, the network admin, or an admin of the requesting city may read a request (with its contact). */
function canReadRequest(actor: MaybeActor, row: { requested_by: string; city_id: string | null }): boolean {
	if (!actor) return false;
	return isNetworkAdmin(actor) || row.requested_by === actor.personId || (row.city_id !== null && canActForCity(actor, row.city_id));
}

export async function getRequest(db: Db, actor: MaybeActor, ref: string): Promise<MembershipRequest> {
	if (!actor) throw new DomainError('unauthenticated');
	const row = await repository.findRequest(db, { ref });
	if (!row || !canReadRequest(actor, row)) throw new DomainError('request_not_found');
	return (await toRequests(db, [row]))[0]!;
}

/** Requests for the network admin (by status), or the actor's own and their cities'. */
export async function listRequests(db: Db, actor: MaybeActor, status?: RequestStatus): Promise<MembershipRequest[]> {
	if (!actor) throw new DomainError('unauthenticated');
	if (isNetworkAdmin(actor)) return toRequests(db, await repository.listRequests(db, status ? { status } : {}));
	const adminOf = actor.roles.filter((held) => held.role === 'city_admin').map((held) => held.cityId);
	return toRequests(db, await repository.listRequests(db, { ...(status ? { status } : {}), requestedBy: actor.personId, cityIds: adminOf }));
}

// ——— Requests and decisions ———

/**
 * A request to join. For a city: by its city admin (or the network admin), as member or guest;
 * for an organisation: by any signed-in person, as associate member. A second request while one
 * is pending, or a request by a current member, is refused.
 */
export async function requestMembership(db: Db, actor: MaybeActor, input: RequestInput): Promise<MembershipRequest> {
	if (!actor) throw new DomainError('unauthenticated');
	// A system actor has no person to grant practitioner access to: it asks for organisations only as network admin (the demo).
	if (actor.system && input.applicant !== 'city' && !isNetworkAdmin(actor)) throw forbidden();
	const valid = parseInput(requestInputSchema, input);
	if (valid.applicant === 'city' && !canActForCity(actor, valid.cityId)) throw forbidden();
	return inTransaction(db, async (trx) => {
		let applicantKey: string;
		if (valid.applicant === 'city') {
			if ((await listCitySummaries(trx, [valid.cityId])).length === 0) throw fieldErrors({ cityId: 'city_unknown' });
			if (await repository.findCurrentMembershipOfCity(trx, valid.cityId)) throw conflict('already_member');
			applicantKey = `city:${valid.cityId}`;
		} else {
			const folded = foldName(valid.orgName);
			if (await repository.findCurrentMembershipOfOrganisationNamed(trx, folded, valid.countryCode)) throw conflict('already_member');
			applicantKey = `org:${folded}|${valid.countryCode ?? ''}`;
		}
		if (await repository.findPendingRequest(trx, applicantKey)) throw conflict('request_pending');
		const now = nowIso();
		const id = uuidv7();
		await repository.insertRequest(trx, {
			id,
			ref: await nextNetworkRef(trx, 'network_request'),
			applicant_key: applicantKey,
			city_id: valid.applicant === 'city' ? valid.cityId : null,
			org_name: valid.applicant === 'organisation' ? valid.orgName : null,
			org_kind: valid.applicant === 'organisation' ? valid.orgKind : null,
			country_code: valid.applicant === 'organisation' ? valid.countryCode : null,
			website: valid.applicant === 'organisation' ? valid.website : null,
			level: valid.level,
			process: valid.process,
			declaration: valid.declaration,
			declaration_url: valid.declarationUrl,
			declared_on: valid.declaredOn,
			motivation: valid.motivation,
			languages: JSON.stringify([...new Set(valid.languages)]),
			population: valid.population,
			contact_name: valid.contactName,
			contact_role: valid.contactRole,
			contact_email: valid.contactEmail,
			requested_by: actor.personId,
			status: 'pending',
			decision_reason: '{}',
			decided_by: null,
			decided_at: null,
			membership_id: null,
			version: 1,
			created_at: now,
			updated_at: now
		});
		const created = (await toRequests(trx, [(await repository.findRequest(trx, { id }))!]))[0]!;
		await ledgered.create(trx, requestRow, networkAuthor(actor, created.cityId), { insert: async () => created });
		return created;
	});
}

/** The requester (or the network admin) takes back a pending request. */
export async function withdrawRequest(db: Db, actor: MaybeActor, id: string, version: number): Promise<MembershipRequest> {
	if (!actor) throw new DomainError('unauthenticated');
	const row = await loadRequestRow(db, actor, id);
	return ledgered.update(db, requestRow, networkAuthor(actor, row.city_id), {
		load: async (trx) => (await toRequests(trx, [await loadRequestRow(trx, actor, id)]))[0]!,
		check: (_trx, before) => {
			if (before.requestedBy !== actor.personId && !isNetworkAdmin(actor)) throw forbidden();
			if (before.status !== 'pending') throw conflict('request_decided');
		},
		apply: (trx, _before, at) => repository.updateRequest(trx, id, version, { status: 'withdrawn', updated_at: at }, 'pending')
	});
}

async function loadRequestRow(db: Db, actor: MaybeActor, id: string) {
	const row = await repository.findRequest(db, { id });
	if (!row || !canReadRequest(actor, row)) throw new DomainError('request_not_found');
	return row;
}

/**
 * The network admin's decision with its public reason. Accepting makes the membership (and the
 * organisation of an associate member, whose requester becomes a practitioner); either way the
 * requester is told by mail, in the language they chose for the site.
 */
export async function decideRequest(db: Db, actor: MaybeActor, id: string, version: number, input: DecisionInput): Promise<MembershipRequest> {
	if (!actor) throw new DomainError('unauthenticated');
	if (!isNetworkAdmin(actor)) throw forbidden();
	const valid = parseInput(decisionSchema, input);
	return inTransaction(db, async (trx) => {
		const row = await repository.findRequest(trx, { id });
		if (!row) throw new DomainError('request_not_found');
		if (row.status !== 'pending') throw conflict('request_decided');
		const level = valid.level ?? row.level;
		if (valid.decision === 'accept' && (row.city_id ? level === 'associate' : level !== 'associate')) throw fieldErrors({ level: 'level_mismatch' });
		const reason: LocalizedText = { [valid.lang]: valid.reason };
		const now = nowIso();
		let membershipId: string | null = null;
		if (valid.decision === 'accept') {
			if (row.city_id && (await repository.findCurrentMembershipOfCity(trx, row.city_id))) throw conflict('already_member');
			let organisationId: string | null = null;
			if (!row.city_id) {
				organisationId = uuidv7();
				await repository.insertOrganisation(trx, {
					id: organisationId,
					ref: await nextNetworkRef(trx, 'network_organisation'),
					name: row.org_name!,
					kind: row.org_kind!,
					country_code: row.country_code,
					website: row.website,
					created_at: now,
					updated_at: now
				});
				if (!row.requested_by.startsWith('system:') && !(await repository.findGrant(trx, row.requested_by))) {
					await repository.insertGrant(trx, { person_id: row.requested_by, granted_by: actor.personId, note: `${row.org_name} (${row.ref})`, organisation_id: organisationId, created_at: now });
				}
			}
			membershipId = uuidv7();
			const membership: NetworkMembershipTable = {
				id: membershipId,
				ref: await nextNetworkRef(trx, 'network_membership'),
				city_id: row.city_id,
				organisation_id: organisationId,
				level,
				status: 'active',
				since: todayIso(),
				status_reason: JSON.stringify(reason),
				status_changed_at: now,
				process: row.process,
				declaration: row.declaration,
				declaration_url: row.declaration_url,
				declared_on: row.declared_on,
				languages: row.languages,
				population: row.population,
				request_id: row.id,
				version: 1,
				created_at: now,
				updated_at: now
			};
			await ledgered.create(trx, membershipRow, { cityId: NETWORK_CHAIN, actor }, {
				insert: async (inner) => {
					await repository.insertMembership(inner, membership);
					return getMemberById(inner, membership.id);
				}
			});
		}
		const decided = await ledgered.update(trx, requestRow, { cityId: NETWORK_CHAIN, actor }, {
			load: async (inner) => (await toRequests(inner, [(await repository.findRequest(inner, { id }))!]))[0]!,
			apply: (inner, _before, at) =>
				repository.updateRequest(
					inner,
					id,
					version,
					{ status: valid.decision === 'accept' ? 'accepted' : 'declined', level, decision_reason: JSON.stringify(reason), decided_by: actor.personId, decided_at: at, membership_id: membershipId, updated_at: at },
					'pending'
				)
		});
		await tellRequester(trx, decided, valid.reason);
		return decided;
	});
}

async function tellRequester(db: Db, request: MembershipRequest, reason: string): Promise<void> {
	const person = await findPersonById(db, request.requestedBy);
	if (!person) return;
	const locale = isLocale(person.preferred_locale) ? person.preferred_locale : 'en';
	const accepted = request.status === 'accepted';
	await sendMail(db, {
		to: person.email,
		subject: message(accepted ? 'network_mail_accepted_subject' : 'network_mail_declined_subject', { name: request.name }, { locale }),
		body: message(accepted ? 'network_mail_accepted_body' : 'network_mail_declined_body', { name: request.name, ref: request.ref, reason }, { locale })
	});
}

/**
 * Suspends, reinstates or ends a membership, with its public reason. The network admin does any;
 * a city's own admin may end its city's membership (leave). Leaving is final: coming back is a new request.
 */
export async function changeMembershipStatus(db: Db, actor: MaybeActor, id: string, version: number, input: MembershipStatusInput): Promise<Member> {
	if (!actor) throw new DomainError('unauthenticated');
	const valid = parseInput(membershipStatusSchema, input);
	const current = await getMemberById(db, id);
	return ledgered.update(db, membershipRow, networkAuthor(actor, current.cityId), {
		load: (trx) => getMemberById(trx, id),
		check: (_trx, before) => {
			const ownLeave = valid.status === 'left' && before.cityId !== null && canActForCity(actor, before.cityId);
			if (!isNetworkAdmin(actor) && !ownLeave) throw forbidden();
			if (before.status === 'left') throw conflict('membership_ended');
			if (before.status === valid.status) throw conflict(`already_${valid.status}`);
		},
		apply: (trx, _before, at) => repository.updateMembership(trx, id, version, { status: valid.status, status_reason: JSON.stringify({ [valid.lang]: valid.reason }), status_changed_at: at, updated_at: at })
	});
}

/** The languages and size the pairing suggestions use: the member city's admin or the network admin. */
export async function updateMemberProfile(db: Db, actor: MaybeActor, id: string, version: number, input: MemberProfileInput): Promise<Member> {
	const valid = parseInput(memberProfileSchema, input);
	const current = await getMemberById(db, id);
	return ledgered.update(db, membershipRow, networkAuthor(actor, current.cityId), {
		load: (trx) => getMemberById(trx, id),
		check: (_trx, before) => {
			if (!actor || !(isNetworkAdmin(actor) || (before.cityId !== null && canActForCity(actor, before.cityId)))) throw forbidden();
		},
		apply: (trx, _before, at) => repository.updateMembership(trx, id, version, { languages: JSON.stringify([...new Set(valid.languages)]), population: valid.population, updated_at: at })
	});
}

// ——— Practitioners granted by the network admin ———

export interface PractitionerGrant {
	personId: string;
	email: string;
	displayName: string;
	note: string;
	createdAt: string;
}

export async function listPractitionerGrants(db: Db, viewer: Viewer): Promise<PractitionerGrant[]> {
	if (!canManageNetwork(viewer)) throw forbidden();
	const grants = await repository.listGrants(db);
	const people = await Promise.all(grants.map((grant) => findPersonById(db, grant.person_id)));
	return grants.map((grant, index) => ({ personId: grant.person_id, email: people[index]?.email ?? '', displayName: people[index]?.display_name ?? '', note: grant.note, createdAt: grant.created_at }));
}

/** Makes an account a practitioner (by its e-mail address), with a note on why. */
export async function grantPractitioner(db: Db, viewer: Viewer, input: { email: string; note?: string }): Promise<PractitionerGrant> {
	if (!canManageNetwork(viewer)) throw forbidden();
	const valid = parseInput(grantSchema, input);
	return inTransaction(db, async (trx) => {
		const person = await findPersonByEmail(trx, valid.email);
		if (!person) throw fieldErrors({ email: 'person_unknown' });
		if (await repository.findGrant(trx, person.id)) throw fieldErrors({ email: 'already_granted' });
		const now = nowIso();
		await repository.insertGrant(trx, { person_id: person.id, granted_by: (viewer.actor as Actor).personId, note: valid.note, organisation_id: null, created_at: now });
		return { personId: person.id, email: person.email, displayName: person.display_name, note: valid.note, createdAt: now };
	});
}

export async function revokePractitioner(db: Db, viewer: Viewer, personId: string): Promise<void> {
	if (!canManageNetwork(viewer)) throw forbidden();
	if ((await repository.deleteGrant(db, personId)) === 0) throw new DomainError('grant_not_found');
}

/** The requester's person id (for pages that show "your request"). */
export function isOwnRequest(actor: MaybeActor, request: MembershipRequest): boolean {
	return personIdOf(actor) === request.requestedBy;
}
