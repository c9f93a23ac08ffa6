/**
 * Loads the demo network (demo-network.ts) for the demo cities that exist, through the module's
 * own services inside the demo seed's transaction: membership requests decided by the demo
 * operator (the ledger shows the role `demo`), associate members, two pending requests,
 * pairings with goals, meetings and notes, good practices (published and indexed), an adoption,
 * threads, and events around the seed day.
 *
 * @example await inTransaction(db, async (trx) => { await seedDemoCities(trx); …; await seedDemoNetwork(trx, '2026-12-08'); });
 */
import type { Db } from '../db/database.ts';
import { findCityBySlug } from '../cities/index.ts';
import { systemActor, type Actor } from '../accounts/index.ts';
import { decideRequest, requestMembership, viewerOf } from './membership.service.ts';
import { acceptPairing, addGoal, addMeeting, addNote, closePairing, requestPairing, setGoalStatus } from './pairing.service.ts';
import { adoptPractice, createPractice, getPractice, setPracticeStatus } from './practices.service.ts';
import { createThread, reply } from './dialogue.service.ts';
import { addMaterial, createEvent } from './events.service.ts';
import type { FileStore } from '../files/file-store.ts';
import { DEMO_ASSOCIATES, DEMO_EVENTS, DEMO_MEMBERS, DEMO_PAIRINGS, DEMO_PENDING, DEMO_PRACTICES, DEMO_THREADS } from './demo-network.ts';
import { isDomainError } from '../errors.ts';

function dayOf(today: string, days: number): string {
	return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const demoContact = (name: string) => ({ contactName: `${name} human rights office (demo contact)`, contactRole: 'Demo contact, not a real person', contactEmail: 'network-demo@example.org' });

/** A store that keeps nothing: the demo's materials are links, never files. */
const NO_FILES: FileStore = {
	put: () => Promise.reject(new Error('the demo stores no files')),
	get: () => Promise.resolve(undefined),
	remove: () => Promise.resolve()
};

export async function seedDemoNetwork(db: Db, today: string): Promise<void> {
	const ids = new Map<string, string>();
	const names = new Map<string, string>();
	for (const slug of new Set([...DEMO_MEMBERS.map((member) => member.slug), DEMO_PENDING.city.slug])) {
		const city = await findCityBySlug(db, slug);
		if (city) {
			ids.set(slug, city.id);
			names.set(slug, city.display_name);
		}
	}
	// The demo operator acts as the network admin and as city admin of every demo city.
	const operator: Actor = { ...systemActor('demo', [...ids.values()]), networkAdmin: true };
	const cityAdmin = (...slugs: string[]): Actor => systemActor('demo', slugs.map((slug) => ids.get(slug)!).filter(Boolean));

	// ——— Members, guests and associates ———
	for (const member of DEMO_MEMBERS) {
		const cityId = ids.get(member.slug);
		if (!cityId) continue;
		const request = await requestMembership(db, cityAdmin(member.slug), {
			applicant: 'city',
			cityId,
			level: member.level,
			process: member.level === 'member' ? 'formal' : 'informal',
			declaration: `Demo membership of ${names.get(member.slug)}; see the city's profile for its declaration.`,
			motivation: 'Demo request.',
			languages: member.languages,
			population: member.population,
			...demoContact(names.get(member.slug)!)
		});
		await decideRequest(db, operator, request.id, request.version, { decision: 'accept', reason: 'Demo decision: membership accepted for the demo network.', lang: 'en' });
	}
	// Back-date the memberships, so "member since" and the mentors' experience read naturally.
	for (const member of DEMO_MEMBERS) {
		const cityId = ids.get(member.slug);
		if (cityId) await db.updateTable('network_membership').set({ since: dayOf(today, -member.since) }).where('city_id', '=', cityId).execute();
	}
	for (const associate of DEMO_ASSOCIATES) {
		const request = await requestMembership(db, operator, { applicant: 'organisation', level: 'associate', process: 'informal', motivation: 'Demo request.', population: null, ...associate, ...demoContact(associate.orgName) });
		await decideRequest(db, operator, request.id, request.version, { decision: 'accept', reason: 'Demo decision: associate membership accepted for the demo network.', lang: 'en' });
	}
	const pendingCity = ids.get(DEMO_PENDING.city.slug);
	if (pendingCity) {
		await requestMembership(db, cityAdmin(DEMO_PENDING.city.slug), { applicant: 'city', cityId: pendingCity, ...DEMO_PENDING.city, ...demoContact(names.get(DEMO_PENDING.city.slug)!) });
	}
	await requestMembership(db, operator, { applicant: 'organisation', level: 'associate', process: 'informal', population: null, ...DEMO_PENDING.organisation, ...demoContact(DEMO_PENDING.organisation.orgName) });

	// ——— Good practices ———
	const practices = new Map<string, { cityId: string; id: string; ref: string }>();
	for (const demo of DEMO_PRACTICES) {
		const cityId = ids.get(demo.city);
		if (!cityId) continue;
		const actor = cityAdmin(demo.city);
		const links: NonNullable<typeof demo.links> = [];
		for (const link of demo.links ?? []) links.push(link);
		const input = {
			layer: demo.layer ?? 'public',
			originalLocale: demo.originalLocale,
			title: demo.title,
			summary: demo.summary,
			body: demo.body ?? {},
			results: demo.results ?? {},
			budgetAmount: demo.budget?.amount ?? null,
			budgetCurrency: demo.budget?.currency ?? null,
			startedYear: demo.startedYear ?? null,
			groups: demo.groups ?? [],
			tags: demo.tags,
			contact: demo.contact ?? { name: '', role: '', email: '' },
			practitionerNotes: demo.practitionerNotes ?? {}
		};
		// Links to a city's plan need that plan (the commitments and indicators demos): left out where it is missing.
		let practice = await createPractice(db, actor, cityId, { ...input, links }).catch(async (error: unknown) => {
			if (isDomainError(error, 'invalid_input') && links.length) return createPractice(db, actor, cityId, input);
			throw error;
		});
		practice = await setPracticeStatus(db, actor, cityId, practice.id, practice.version, 'published');
		practices.set(`${demo.city}/${demo.key}`, { cityId, id: practice.id, ref: practice.ref });
	}
	// Gwangju takes up Barcelona's anti-rumour strategy with its own commitment (the commitments demo's C-2), when both are there.
	const antirumours = practices.get('barcelona/antirumours');
	const gwangju = ids.get('gwangju');
	if (antirumours && gwangju) {
		const viewer = await viewerOf(db, cityAdmin('gwangju'));
		const practice = await getPractice(db, viewer, antirumours.cityId, antirumours.ref);
		await adoptPractice(db, cityAdmin('gwangju'), viewer, gwangju, practice, { commitmentRef: 'C-2', note: 'Demo adoption: anti-rumour training for the city’s migrant support centres.', lang: 'en' }).catch((error: unknown) => {
			if (!isDomainError(error, 'invalid_input')) throw error;
		});
	}

	// ——— Pairings ———
	const pairingIds = new Map<string, string>();
	for (const demo of DEMO_PAIRINGS) {
		const mentee = ids.get(demo.mentee);
		const mentor = ids.get(demo.mentor);
		if (!mentee || !mentor) continue;
		let pairing = await requestPairing(db, cityAdmin(demo.mentee), { menteeCityId: mentee, mentorCityId: mentor, message: demo.message, endsOn: dayOf(today, Math.max(demo.endsInDays, 1)) }, { today });
		if (demo.status === 'proposed') continue;
		pairing = await acceptPairing(db, cityAdmin(demo.mentor), pairing.id, pairing.version, { today: dayOf(today, -demo.startedDaysAgo) });
		const both = cityAdmin(demo.mentee, demo.mentor);
		for (const goal of demo.goals) {
			const created = await addGoal(db, both, pairing.id, { text: goal.text, lang: 'en' });
			if (goal.status !== 'open') await setGoalStatus(db, both, pairing.id, { goalId: created.id, status: goal.status });
		}
		for (const meeting of demo.meetings) await addMeeting(db, both, pairing.id, { heldOn: dayOf(today, -meeting.daysAgo), mode: meeting.mode, summary: meeting.summary, notes: meeting.notes, lang: 'en' });
		if (demo.note) await addNote(db, cityAdmin(demo.mentee), pairing.id, { body: demo.note, lang: 'en' });
		if (demo.status === 'ended') pairing = await closePairing(db, both, pairing.id, pairing.version, { note: 'Demo: the goals were reached; the cities stay in touch.', lang: 'en' }, { today: dayOf(today, demo.endsInDays) });
		pairingIds.set(`${demo.mentee}/${demo.mentor}`, pairing.id);
		await db.updateTable('pairing').set({ ends_on: dayOf(today, demo.endsInDays) }).where('id', '=', pairing.id).execute();
	}

	// ——— Dialogue ———
	for (const demo of DEMO_THREADS) {
		const [first, ...rest] = demo.posts;
		if (!first || !ids.has(first[0])) continue;
		const practice = demo.practice ? practices.get(`${demo.practice.city}/${demo.practice.key}`) : undefined;
		const pairingId = demo.pairing ? pairingIds.get(`${demo.pairing.mentee}/${demo.pairing.mentor}`) : undefined;
		if ((demo.practice && !practice) || (demo.pairing && !pairingId)) continue;
		const thread = await createThread(db, await viewerOf(db, cityAdmin(first[0])), {
			topic: demo.topic,
			layer: demo.layer,
			title: demo.title,
			body: first[1],
			lang: demo.lang,
			pairingId: pairingId ?? null,
			practice: practice ? { cityId: practice.cityId, id: practice.id } : null
		});
		for (const [slug, text] of rest) if (ids.has(slug)) await reply(db, await viewerOf(db, cityAdmin(slug)), thread.id, { body: text, lang: demo.lang });
	}

	// ——— Events ———
	const operatorViewer = await viewerOf(db, operator);
	for (const demo of DEMO_EVENTS) {
		const start = dayOf(today, demo.inDays);
		const event = await createEvent(db, operatorViewer, {
			kind: demo.kind,
			audience: demo.audience,
			title: demo.title,
			description: demo.description,
			startsLocal: `${start}T${demo.startTime}`,
			endsLocal: `${dayOf(start, demo.days)}T${demo.endTime}`,
			timeZone: demo.timeZone,
			mode: demo.mode,
			place: demo.place,
			onlineUrl: demo.onlineUrl,
			languages: demo.languages,
			capacity: demo.capacity,
			registrationClosesLocal: null,
			hostCityId: ids.get(demo.host) ?? null
		});
		for (const material of demo.materials ?? []) await addMaterial(db, NO_FILES, operatorViewer, event.id, { title: material.title, url: material.url, layer: 'public' });
	}
}
