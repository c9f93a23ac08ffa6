/**
 * Events of the network — the World Human Rights Cities Forum, workshops, webinars, meetings —
 * with their date and time in the event's own time zone (stored in UTC with the IANA zone), place
 * or online link (given to registered participants), languages, registration with a capacity and
 * a waiting list (a cancelled place goes to the one who waited longest, who is told by mail),
 * materials afterwards, and an iCalendar feed (ical.ts).
 *
 * @example
 *   const event = await createEvent(db, viewer, { kind: 'forum', title: { en: 'World Human Rights Cities Forum' }, startsLocal: '2026-10-14T09:30', endsLocal: '2026-10-16T18:00', timeZone: 'Asia/Seoul', mode: 'hybrid', place: 'Gwangju', onlineUrl: 'https://…', capacity: 300 });
 *   await register(db, someone, event.id); // 'registered', or 'waitlisted' when full
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { checkEvidenceFiles, type UploadedFile } from '../commitments/index.ts';
import { findPersonById, personIdOf, sendMail } from '../accounts/index.ts';
import { listCitySummaries } from '../cities/index.ts';
import type { FileStore } from '../files/file-store.ts';
import { isLocale } from '../../i18n/locales.ts';
import { message } from '../../i18n/messages.ts';
import { parseLocalizedText, pickText, type LocalizedText } from '../../i18n/localized-text.ts';
import * as repository from './events.repository.ts';
import { canManageEvents, canManageMaterials, canReadLayer, canRegister, layersFor, type Viewer } from './network.policy.ts';
import { eventInputSchema, materialSchema, type EventInput } from './network.schema.ts';
import type { EventKind, EventMode, EventRow, Layer, RegistrationStatus } from './network.tables.ts';
import { icalendar } from './ical.ts';
import { nextNetworkRef } from './refs.ts';
import { utcToZoned, zonedToUtc } from './time-zone.ts';

export interface NetworkEvent {
	id: string;
	ref: string;
	kind: EventKind;
	audience: Layer;
	title: LocalizedText;
	description: LocalizedText;
	startsAt: string;
	endsAt: string;
	timeZone: string;
	/** Wall-clock times in the event's zone, as its forms show them. */
	startsLocal: string;
	endsLocal: string;
	mode: EventMode;
	place: string;
	/** The online link: for registered participants and the organisers only (null otherwise). */
	onlineUrl: string | null;
	languages: string[];
	capacity: number | null;
	registrationClosesAt: string | null;
	cancelled: boolean;
	host: { id: string; slug: string; name: string } | null;
	registered: number;
	waitlisted: number;
	/** The viewer's own registration. */
	myStatus: RegistrationStatus | null;
	version: number;
	updatedAt: string;
}

export interface EventMaterial {
	id: string;
	title: string;
	url: string | null;
	file: { name: string; contentType: string; size: number } | null;
	layer: Layer;
	/** The material's language; null: several or none. */
	lang: string | null;
}

async function toEvents(db: Db, viewer: Viewer, rows: readonly EventRow[]): Promise<NetworkEvent[]> {
	const counts = await repository.registrationCounts(
		db,
		rows.map((row) => row.id)
	);
	const hosts = new Map((await listCitySummaries(db, [...new Set(rows.map((row) => row.host_city_id).filter((id): id is string => Boolean(id)))])).map((city) => [city.id, city]));
	const personId = personIdOf(viewer.actor);
	const mine = new Map(personId ? (await repository.registrationsOf(db, personId)).map((row) => [row.event_id, row.status]) : []);
	const manager = canManageEvents(viewer);
	return rows.map((row) => {
		const host = row.host_city_id ? hosts.get(row.host_city_id) : undefined;
		const myStatus = mine.get(row.id) ?? null;
		return {
			id: row.id,
			ref: row.ref,
			kind: row.kind,
			audience: row.audience,
			title: parseLocalizedText(row.title),
			description: parseLocalizedText(row.description),
			startsAt: row.starts_at,
			endsAt: row.ends_at,
			timeZone: row.time_zone,
			startsLocal: utcToZoned(row.starts_at, row.time_zone),
			endsLocal: utcToZoned(row.ends_at, row.time_zone),
			mode: row.mode,
			place: row.place,
			onlineUrl: manager || myStatus === 'registered' ? row.online_url : null,
			languages: JSON.parse(row.languages) as string[],
			capacity: row.capacity,
			registrationClosesAt: row.registration_closes_at,
			cancelled: row.status === 'cancelled',
			host: host ? { id: host.id, slug: host.slug, name: host.displayName } : null,
			registered: counts.get(row.id)?.registered ?? 0,
			waitlisted: counts.get(row.id)?.waitlisted ?? 0,
			myStatus,
			version: row.version,
			updatedAt: row.updated_at
		};
	});
}

/** Upcoming (not yet ended) or past events the viewer may see. */
export async function listEvents(db: Db, viewer: Viewer, when: 'upcoming' | 'past', now: string = nowIso(), limit = 100): Promise<NetworkEvent[]> {
	return toEvents(db, viewer, await repository.listEvents(db, layersFor(viewer), when === 'upcoming' ? { after: now } : { before: now }, limit));
}

async function visibleEvent(db: Db, viewer: Viewer, where: { id?: string; ref?: string }, forUpdate = false): Promise<EventRow> {
	const row = await repository.findEvent(db, where, { forUpdate });
	if (!row || !(canReadLayer(viewer, row.audience) || canManageEvents(viewer))) throw new DomainError('event_not_found');
	return row;
}

export async function getEvent(db: Db, viewer: Viewer, ref: string): Promise<NetworkEvent> {
	return (await toEvents(db, viewer, [await visibleEvent(db, viewer, { ref })]))[0]!;
}

function eventColumns(input: EventInput) {
	const valid = parseInput(eventInputSchema, input);
	const startsAt = zonedToUtc(valid.startsLocal, valid.timeZone);
	const endsAt = zonedToUtc(valid.endsLocal, valid.timeZone);
	const closesAt = valid.registrationClosesLocal ? zonedToUtc(valid.registrationClosesLocal, valid.timeZone) : null;
	const problems: Record<string, string> = {};
	if (!startsAt) problems.startsLocal = 'time_nonexistent';
	if (!endsAt) problems.endsLocal = 'time_nonexistent';
	if (valid.registrationClosesLocal && !closesAt) problems.registrationClosesLocal = 'time_nonexistent';
	if (startsAt && endsAt && endsAt <= startsAt) problems.endsLocal = 'end_before_start';
	if (closesAt && endsAt && closesAt > endsAt) problems.registrationClosesLocal = 'closes_after_end';
	if (Object.keys(problems).length) throw fieldErrors(problems);
	return {
		kind: valid.kind,
		audience: valid.audience,
		title: JSON.stringify(valid.title),
		description: JSON.stringify(valid.description),
		starts_at: startsAt!,
		ends_at: endsAt!,
		time_zone: valid.timeZone,
		mode: valid.mode,
		place: valid.place,
		online_url: valid.mode === 'in_person' ? null : valid.onlineUrl,
		languages: JSON.stringify([...new Set(valid.languages)]),
		capacity: valid.capacity,
		registration_closes_at: closesAt ?? null,
		host_city_id: valid.hostCityId
	};
}

async function checkHost(db: Db, hostCityId: string | null): Promise<void> {
	if (hostCityId && (await listCitySummaries(db, [hostCityId])).length === 0) throw fieldErrors({ hostCityId: 'city_unknown' });
}

export async function createEvent(db: Db, viewer: Viewer, input: EventInput): Promise<NetworkEvent> {
	if (!canManageEvents(viewer)) throw forbidden();
	const columns = eventColumns(input);
	return inTransaction(db, async (trx) => {
		await checkHost(trx, columns.host_city_id);
		const now = nowIso();
		const id = uuidv7();
		await repository.insertEvent(trx, { id, ref: await nextNetworkRef(trx, 'network_event'), ...columns, status: 'scheduled', version: 1, created_by: personIdOf(viewer.actor), created_at: now, updated_at: now });
		return (await toEvents(trx, viewer, [(await repository.findEvent(trx, { id }))!]))[0]!;
	});
}

export async function updateEvent(db: Db, viewer: Viewer, id: string, version: number, input: EventInput): Promise<NetworkEvent> {
	if (!canManageEvents(viewer)) throw forbidden();
	const columns = eventColumns(input);
	return inTransaction(db, async (trx) => {
		await checkHost(trx, columns.host_city_id);
		await visibleEvent(trx, viewer, { id });
		if (!(await repository.updateEvent(trx, id, version, { ...columns, updated_at: nowIso() }))) throw conflict();
		return (await toEvents(trx, viewer, [(await repository.findEvent(trx, { id }))!]))[0]!;
	});
}

/** Cancels (or reinstates) an event; everyone registered or waiting is told by mail. */
export async function setEventCancelled(db: Db, viewer: Viewer, id: string, version: number, cancelled: boolean): Promise<NetworkEvent> {
	if (!canManageEvents(viewer)) throw forbidden();
	return inTransaction(db, async (trx) => {
		const row = await visibleEvent(trx, viewer, { id });
		if ((row.status === 'cancelled') === cancelled) throw conflict(cancelled ? 'event_cancelled' : 'event_scheduled');
		if (!(await repository.updateEvent(trx, id, version, { status: cancelled ? 'cancelled' : 'scheduled', updated_at: nowIso() }))) throw conflict();
		if (cancelled) {
			for (const registration of await repository.listRegistrations(trx, id)) await mailPerson(trx, registration.person_id, row, 'network_mail_event_cancelled_subject', 'network_mail_event_cancelled_body');
		}
		return (await toEvents(trx, viewer, [(await repository.findEvent(trx, { id }))!]))[0]!;
	});
}

async function mailPerson(db: Db, personId: string, event: EventRow, subjectKey: string, bodyKey: string): Promise<void> {
	const person = await findPersonById(db, personId);
	if (!person) return;
	const locale = isLocale(person.preferred_locale) ? person.preferred_locale : 'en';
	const title = pickText(parseLocalizedText(event.title), locale)?.text ?? event.ref;
	const when = `${utcToZoned(event.starts_at, event.time_zone).replace('T', ' ')} (${event.time_zone})`;
	await sendMail(db, { to: person.email, subject: message(subjectKey, { title }, { locale }), body: message(bodyKey, { title, when, ref: event.ref }, { locale }) });
}

/**
 * Registers the viewer: a place while there is one, else the waiting list. Registering again
 * keeps the registration as it is. Closed registration or a cancelled event is refused.
 */
export async function register(db: Db, viewer: Viewer, eventId: string, now: string = nowIso()): Promise<RegistrationStatus> {
	if (!viewer.actor) throw new DomainError('unauthenticated');
	return inTransaction(db, async (trx) => {
		const row = await visibleEvent(trx, viewer, { id: eventId }, true);
		if (!canRegister(viewer, row)) throw forbidden();
		if (row.status === 'cancelled') throw conflict('event_cancelled');
		if (now >= (row.registration_closes_at ?? row.starts_at)) throw conflict('registration_closed');
		const personId = viewer.actor!.personId;
		const existing = await repository.findRegistration(trx, eventId, personId);
		if (existing && existing.status !== 'cancelled') return existing.status;
		const taken = (await repository.registrationCounts(trx, [eventId])).get(eventId)?.registered ?? 0;
		const status: RegistrationStatus = row.capacity !== null && taken >= row.capacity ? 'waitlisted' : 'registered';
		await repository.upsertRegistration(trx, eventId, personId, status, now, existing !== undefined);
		return status;
	});
}

/** Gives up a place (or a place on the waiting list); a freed place goes to the first on the waiting list. */
export async function cancelRegistration(db: Db, viewer: Viewer, eventId: string, now: string = nowIso()): Promise<void> {
	if (!viewer.actor) throw new DomainError('unauthenticated');
	await inTransaction(db, async (trx) => {
		const row = await visibleEvent(trx, viewer, { id: eventId }, true);
		const personId = viewer.actor!.personId;
		const existing = await repository.findRegistration(trx, eventId, personId);
		if (!existing || existing.status === 'cancelled') throw conflict('not_registered');
		await repository.setRegistrationStatus(trx, eventId, personId, 'cancelled', now);
		if (existing.status === 'registered' && row.status === 'scheduled' && now < row.ends_at) {
			const next = await repository.firstWaitlisted(trx, eventId);
			if (next) {
				await repository.setRegistrationStatus(trx, eventId, next.person_id, 'registered', now);
				await mailPerson(trx, next.person_id, row, 'network_mail_place_subject', 'network_mail_place_body');
			}
		}
	});
}

/** Who registered and who waits (the organisers only): names and e-mail addresses. */
export async function listParticipants(db: Db, viewer: Viewer, eventId: string) {
	if (!canManageEvents(viewer)) throw forbidden();
	const rows = await repository.listRegistrations(db, eventId);
	const people = await Promise.all(rows.map((row) => findPersonById(db, row.person_id)));
	return rows.map((row, index) => ({ name: people[index]?.display_name ?? '', email: people[index]?.email ?? '', status: row.status, since: row.created_at }));
}

// ——— Materials ———

export async function listMaterials(db: Db, viewer: Viewer, event: Pick<NetworkEvent, 'id'>): Promise<EventMaterial[]> {
	return (await repository.listMaterials(db, event.id))
		.filter((row) => canReadLayer(viewer, row.layer) || canManageEvents(viewer))
		.map((row) => ({ id: row.id, title: row.title, url: row.url, file: row.file_key ? { name: row.file_name!, contentType: row.content_type!, size: row.size! } : null, layer: row.layer, lang: row.lang }));
}

/** A material: a link, or one file (checked like evidence), for everyone or for practitioners, in a language (or several). */
export async function addMaterial(db: Db, store: FileStore, viewer: Viewer, eventId: string, input: { title: string; url?: string | null; layer?: string; lang?: string | null }, files: readonly UploadedFile[] = []): Promise<EventMaterial> {
	if (!canManageMaterials(viewer, await visibleEvent(db, viewer, { id: eventId }).catch(() => ({ host_city_id: null })))) throw forbidden();
	const valid = parseInput(materialSchema, input);
	const checked = checkEvidenceFiles(files);
	if (checked.length > 1) throw fieldErrors({ files: 'too_many_files' }, { max: 1 });
	if (!valid.url && checked.length === 0) throw fieldErrors({ url: 'url_or_file' });
	const file = checked[0];
	const key = file ? `network/events/${eventId}/${uuidv7()}`.toLowerCase() : null;
	if (file && key) await store.put(key, file.bytes);
	try {
		return await inTransaction(db, async (trx) => {
			await visibleEvent(trx, viewer, { id: eventId });
			const row = {
				event_id: eventId,
				id: uuidv7(),
				title: valid.title,
				url: valid.url,
				file_key: key,
				file_name: file?.name ?? null,
				content_type: file?.contentType ?? null,
				size: file?.bytes.length ?? null,
				sha256: file?.sha256 ?? null,
				layer: valid.layer,
				created_at: nowIso(),
				lang: valid.lang
			};
			await repository.insertMaterial(trx, row);
			return { id: row.id, title: row.title, url: row.url, file: file ? { name: file.name, contentType: file.contentType, size: file.bytes.length } : null, layer: row.layer, lang: row.lang };
		});
	} catch (error) {
		if (key) await store.remove(key).catch(() => {});
		throw error;
	}
}

export async function removeMaterial(db: Db, store: FileStore, viewer: Viewer, eventId: string, materialId: string): Promise<void> {
	if (!canManageMaterials(viewer, await visibleEvent(db, viewer, { id: eventId }).catch(() => ({ host_city_id: null })))) throw forbidden();
	const row = await repository.findMaterial(db, eventId, materialId);
	if (!row) throw new DomainError('material_not_found');
	await repository.deleteMaterial(db, eventId, materialId);
	if (row.file_key) await store.remove(row.file_key).catch(() => {});
}

export async function openMaterial(db: Db, store: FileStore, viewer: Viewer, eventRef: string, materialId: string) {
	const event = await visibleEvent(db, viewer, { ref: eventRef });
	const row = await repository.findMaterial(db, event.id, materialId);
	if (!row || !row.file_key || !(canReadLayer(viewer, row.layer) || canManageMaterials(viewer, event))) throw new DomainError('material_not_found');
	const body = await store.get(row.file_key);
	if (!body) throw new DomainError('material_not_found');
	return { body, fileName: row.file_name!, contentType: row.content_type!, size: row.size, sha256: row.sha256 };
}

// ——— iCalendar ———

interface CalendarOptions {
	origin: string;
	locale: string;
	name: string;
	now?: string;
}

function calendarOf(rows: readonly EventRow[], options: CalendarOptions): string {
	const locale = isLocale(options.locale) ? options.locale : 'en';
	return icalendar({
		name: options.name,
		now: options.now ?? nowIso(),
		events: rows.map((row) => ({
			uid: `${row.id}@rightscity`,
			title: pickText(parseLocalizedText(row.title), locale)?.text ?? row.ref,
			description: pickText(parseLocalizedText(row.description), locale)?.text ?? '',
			startsAt: row.starts_at,
			endsAt: row.ends_at,
			timeZone: row.time_zone,
			location: row.mode === 'online' ? message('network_event_mode_online', {}, { locale }) : row.place,
			url: `${options.origin}/network/events/${row.ref}`,
			cancelled: row.status === 'cancelled',
			sequence: row.version - 1,
			updatedAt: row.updated_at,
			categories: [row.kind]
		}))
	});
}

/**
 * The public events (from a year ago on) as an iCalendar document, titles and descriptions in
 * `locale` where written in it. Links point at `origin`.
 */
export async function eventsCalendar(db: Db, options: CalendarOptions): Promise<string> {
	const now = options.now ?? nowIso();
	const since = new Date(Date.parse(now) - 366 * 86_400_000).toISOString();
	return calendarOf(await repository.listEvents(db, ['public'], { after: since }, 1000), { ...options, now });
}

/** One event the viewer may see as an iCalendar document (the same entry as in the feed). */
export async function eventCalendar(db: Db, viewer: Viewer, ref: string, options: CalendarOptions): Promise<string> {
	return calendarOf([await visibleEvent(db, viewer, { ref })], options);
}
