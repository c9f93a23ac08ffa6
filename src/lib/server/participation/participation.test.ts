import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { createCity, createPerson } from '../testing/factories.ts';
import { smallPlan, staffActor, type SmallPlan } from '../testing/commitment-factories.ts';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.ts';
import { nowIso, todayIso } from '../db/ids.ts';
import { deliverOutbox, insertRole, loadActor, smtpDelivery, uploadCensus, type Actor } from '../accounts/index.ts';
import { getAction, recordProgress } from '../commitments/index.ts';
import { readLedgerPage, verifyLedger } from '../ledger/index.ts';
import { advancePhases, closePhase, createProcess, getProcess, startPhase } from './processes.service.ts';
import { addComment, loadActionConsultation, saveCluster, supportComment } from './consultations.service.ts';
import { createProposal, getProposal, moderateProposal, withdrawProposal } from './proposals.service.ts';
import { countSupportRows, supportProposal, withdrawSupport } from './supports.service.ts';
import { answerProposal, createActionForProposal, linkProposalToAction } from './answers.service.ts';
import { deliveryOf } from './actions-link.ts';
import { castBallot, createProject, getBallot, getProject, getProjectByRef, listProjects, publishResults, updateProject, withdrawBallot, withdrawProject } from './budgets.service.ts';
import { createActionForRecommendation, createRecommendation, respondToRecommendation } from './council.service.ts';
import { follow, listMyNotifications } from './follows.service.ts';
import { notifyActionChanges } from './participation.jobs.ts';
import { linkedToAction } from './linked-items.ts';
import type { ProcessInput } from './participation.schema.ts';
import type { ParticipationLevel } from './participation.tables.ts';
import type { Process } from './participation.types.ts';

/** A date `days` from today (YYYY-MM-DD). */
function day(days: number): string {
	return todayIso(new Date(Date.now() + days * 86_400_000));
}

/** A member of the city (a resident), verified this far (`member`: not at all). */
async function resident(db: TestDatabase['db'], cityId: string, level: ParticipationLevel = 'email', email?: string): Promise<Actor> {
	const person = await createPerson(db, email ? { email, email_verified_at: nowIso() } : {}, 'x');
	await insertRole(db, { city_id: cityId, person_id: person.id, role: 'resident', department: null, granted_by: null, created_at: nowIso() });
	const actor = (await loadActor(db, person.id))!;
	// The verification as the session would carry it (the accounts module records how it was reached).
	return level === 'member' ? actor : { ...actor, verifications: [{ cityId, level }] };
}

/** The error a call fails with: its code, rule and fields. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; rule?: string; fields?: Record<string, string> }> {
	try {
		await promise;
	} catch (error) {
		const failed = error as { code: string; details?: { rule?: string; fields?: Record<string, string> } };
		return { code: failed.code, ...(failed.details?.rule ? { rule: failed.details.rule } : {}), ...(failed.details?.fields ? { fields: failed.details.fields } : {}) };
	}
	throw new Error('expected a failure');
}

const PROPOSAL = { title: 'Shade trees along the river path', body: 'Plant shade trees along the river path so that older people can walk there in summer.' };

function proposalsProcess(changes: Partial<ProcessInput> = {}): ProcessInput {
	return {
		title: { en: 'Housing rights action plan 2026', es: 'Plan de acción por el derecho a la vivienda 2026' },
		phases: [
			{ kind: 'proposals', startsOn: day(-5), endsOn: day(5) },
			{ kind: 'supports', startsOn: day(6), endsOn: day(30) },
			{ kind: 'evaluation', startsOn: day(31), endsOn: day(60) }
		],
		...changes
	};
}

async function toPhase(db: TestDatabase['db'], admin: Actor, process: Process, kind: string): Promise<Process> {
	const current = await getProcess(db, process.cityId, process.id);
	return startPhase(db, admin, process.cityId, process.id, current.version, current.phases.find((phase) => phase.kind === kind)!.id);
}

describe.each(DIALECTS)('participation on %s', (dialect) => {
	let database: TestDatabase;
	let cityId: string;
	let otherCityId: string;
	let admin: Actor;
	let otherAdmin: Actor;
	let amira: Actor;
	let jon: Actor;
	let stranger: Actor;

	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		cityId = (await createCity(database.db)).id;
		otherCityId = (await createCity(database.db)).id;
		admin = await staffActor(database.db, cityId, 'city_admin');
		otherAdmin = await staffActor(database.db, otherCityId, 'city_admin');
		amira = await resident(database.db, cityId);
		jon = await resident(database.db, cityId);
		stranger = await resident(database.db, otherCityId);
	});
	afterEach(() => database.cleanup());

	describe('processes', () => {
		it('start in the phase the calendar gives, numbered, in the ledger', async () => {
			const process = await createProcess(database.db, admin, cityId, proposalsProcess());
			expect(process.ref).toBe('PP-1');
			expect(process.activePhase?.kind).toBe('proposals');
			const page = await readLedgerPage(database.db, cityId, { entityType: 'participatory_process' });
			expect(page.entries.map((entry) => entry.action)).toEqual(['create']);
			expect(await verifyLedger(database.db, cityId)).toMatchObject({ ok: true });
		});

		it('are run only by the city’s admins: not another city’s admin, a resident or an anonymous visitor', async () => {
			for (const actor of [otherAdmin, amira, null]) expect((await failure(createProcess(database.db, actor, cityId, proposalsProcess()))).code).toMatch(/forbidden|unauthenticated/);
			const process = await createProcess(database.db, admin, cityId, proposalsProcess());
			expect((await failure(startPhase(database.db, otherAdmin, cityId, process.id, process.version, process.phases[1]!.id))).code).toBe('forbidden');
			expect((await readLedgerPage(database.db, cityId, { entityType: 'participatory_process' })).entries).toHaveLength(1);
		});

		it('refuse bad input by field, saving nothing', async () => {
			const bad = await failure(
				createProcess(database.db, admin, cityId, {
					title: {},
					thresholdKind: 'count',
					phases: [
						{ kind: 'proposals', startsOn: '2026-02-30', endsOn: day(1) },
						{ kind: 'voting', startsOn: day(2), endsOn: day(1) }
					]
				})
			);
			expect(bad.fields).toMatchObject({ title: 'required', thresholdValue: 'threshold_required', budgetAmount: 'budget_required' });
			expect((await failure(createProcess(database.db, admin, cityId, proposalsProcess({ districts: ['nowhere'], tags: ['udhr:99'] })))).fields).toMatchObject({ districts: 'district_unknown', tags: 'tag_unknown' });
			expect((await readLedgerPage(database.db, cityId, {})).entries.filter((entry) => entry.entity_type === 'participatory_process')).toHaveLength(0);
		});

		it('resolve a census-share threshold from the census: 1.5 % of 200 people is 3 supports', async () => {
			const csv = ['identifier', ...Array.from({ length: 200 }, (_, index) => `ID-${1000 + index}`)].join('\n');
			await uploadCensus(database.db, admin, cityId, csv, {});
			const process = await createProcess(database.db, admin, cityId, proposalsProcess({ thresholdKind: 'census_share', thresholdValue: 150 }));
			expect(process.threshold).toMatchObject({ supports: 3 });
		});

		it('refuse a census share when the city has no census', async () => {
			expect((await failure(createProcess(database.db, admin, cityId, proposalsProcess({ thresholdKind: 'census_share', thresholdValue: 150 })))).fields).toMatchObject({ thresholdValue: 'census_empty' });
		});
	});

	describe('proposals and supports', () => {
		let process: Process;
		beforeEach(async () => {
			process = await createProcess(database.db, admin, cityId, proposalsProcess({ thresholdKind: 'count', thresholdValue: 3, supportLimit: 2 }));
		});

		it('keep the phase rules: propose only in the proposals phase, support only in the supports phase', async () => {
			const proposal = await createProposal(database.db, amira, cityId, process.id, PROPOSAL);
			expect(proposal).toMatchObject({ ref: 'PR-1', status: 'published', supports: 0 });
			expect(await failure(supportProposal(database.db, jon, cityId, proposal.id))).toMatchObject({ code: 'conflict', rule: 'supports_closed' });
			await toPhase(database.db, admin, process, 'supports');
			expect(await failure(createProposal(database.db, jon, cityId, process.id, { ...PROPOSAL, title: 'Another proposal, too late' }))).toMatchObject({ code: 'conflict', rule: 'proposals_closed' });
			expect(await supportProposal(database.db, jon, cityId, proposal.id)).toMatchObject({ supports: 1, qualified: false });
			await toPhase(database.db, admin, process, 'evaluation');
			expect(await failure(withdrawSupport(database.db, jon, cityId, proposal.id))).toMatchObject({ code: 'conflict', rule: 'supports_closed' });
			expect((await getProposal(database.db, cityId, proposal.id)).supports).toBe(1);
		});

		it('refuse empty and oversized proposals and keep markup as plain text', async () => {
			expect((await failure(createProposal(database.db, amira, cityId, process.id, { title: '   ', body: '' }))).fields).toMatchObject({ title: 'required', body: 'required' });
			expect((await failure(createProposal(database.db, amira, cityId, process.id, { title: 'x'.repeat(151), body: 'y'.repeat(10_001) }))).fields).toMatchObject({ title: 'too_long', body: 'too_long' });
			const scripted = await createProposal(database.db, amira, cityId, process.id, { title: 'Benches <script>alert(1)</script>', body: 'More benches **please** <img src=x onerror=alert(1)> in the park.' });
			expect(scripted.title).toBe('Benches <script>alert(1)</script>');
			expect((await readLedgerPage(database.db, cityId, { entityType: 'proposal' })).entries).toHaveLength(1);
		});

		it('make one proposal of a form sent twice (the same one-time key)', async () => {
			const key = 'k3y-0f-th1s-f0rm-0001';
			const first = await createProposal(database.db, amira, cityId, process.id, PROPOSAL, { submissionKey: key });
			const again = await createProposal(database.db, amira, cityId, process.id, PROPOSAL, { submissionKey: key });
			expect(again.id).toBe(first.id);
			expect((await readLedgerPage(database.db, cityId, { entityType: 'proposal' })).entries).toHaveLength(1);
		});

		it('let residents of this city take part, at the verification level asked, and nobody else', async () => {
			const census = await createProcess(database.db, admin, cityId, proposalsProcess({ proposeLevel: 'census' }));
			expect(await failure(createProposal(database.db, amira, cityId, census.id, PROPOSAL))).toMatchObject({ code: 'forbidden', rule: 'verification_census' });
			expect(await failure(createProposal(database.db, null, cityId, process.id, PROPOSAL))).toMatchObject({ code: 'unauthenticated' });
			expect(await failure(createProposal(database.db, stranger, cityId, process.id, PROPOSAL))).toMatchObject({ code: 'forbidden', rule: 'other_city' });
			// Who may take part is checked before the form: a stranger learns nothing from its problems.
			expect(await failure(createProposal(database.db, stranger, cityId, process.id, { title: '', body: '' }))).toMatchObject({ code: 'forbidden', rule: 'other_city' });
			const proposal = await createProposal(database.db, amira, cityId, process.id, PROPOSAL);
			await toPhase(database.db, admin, process, 'supports');
			expect(await failure(supportProposal(database.db, stranger, cityId, proposal.id))).toMatchObject({ code: 'forbidden' });
			expect(await failure(supportProposal(database.db, null, cityId, proposal.id))).toMatchObject({ code: 'unauthenticated' });
			const unverified = await resident(database.db, cityId, 'member');
			expect(await failure(supportProposal(database.db, unverified, cityId, proposal.id))).toMatchObject({ code: 'forbidden', rule: 'verification_email' });
			expect((await getProposal(database.db, cityId, proposal.id)).supports).toBe(0);
		});

		it('count one support per person, within the per-person limit, and give the slot back on withdrawal', async () => {
			const proposals = [];
			for (const title of ['Shade trees along the river path', 'Free drinking water in parks', 'Ramps at every tram stop']) proposals.push(await createProposal(database.db, amira, cityId, process.id, { ...PROPOSAL, title }));
			await toPhase(database.db, admin, process, 'supports');
			await supportProposal(database.db, jon, cityId, proposals[0]!.id);
			expect(await failure(supportProposal(database.db, jon, cityId, proposals[0]!.id))).toMatchObject({ code: 'conflict', rule: 'already_supported' });
			await supportProposal(database.db, jon, cityId, proposals[1]!.id);
			expect(await failure(supportProposal(database.db, jon, cityId, proposals[2]!.id))).toMatchObject({ code: 'conflict', rule: 'support_limit_reached' });
			expect((await getProposal(database.db, cityId, proposals[2]!.id)).supports).toBe(0);
			await withdrawSupport(database.db, jon, cityId, proposals[0]!.id);
			expect(await supportProposal(database.db, jon, cityId, proposals[2]!.id)).toMatchObject({ supports: 1 });
			expect((await getProposal(database.db, cityId, proposals[0]!.id)).supports).toBe(0);
			// Supports are private: no ledger entry names a supporter.
			expect((await readLedgerPage(database.db, cityId, {})).entries.some((entry) => JSON.stringify(entry).includes(jon.personId))).toBe(false);
		});

		it('count exactly one support per person under 64 concurrent requests', async () => {
			const open = await createProcess(database.db, admin, cityId, proposalsProcess());
			const proposal = await createProposal(database.db, amira, cityId, open.id, PROPOSAL);
			await toPhase(database.db, admin, open, 'supports');
			const people: Actor[] = [];
			for (let count = 0; count < 16; count += 1) people.push(await resident(database.db, cityId));
			const requests = people.flatMap((person) => Array.from({ length: 4 }, () => supportProposal(database.db, person, cityId, proposal.id)));
			const outcomes = await Promise.allSettled(requests);
			expect(outcomes).toHaveLength(64);
			// A request the connection pool could not serve within its wait (PostgreSQL on a loaded shared
			// machine) was refused before its transaction began: it changed nothing, and is sent again alone.
			const poolBusy = (reason: unknown) => /timeout exceeded when trying to connect/.test(String((reason as Error)?.message));
			for (const [index, person] of people.entries()) {
				const mine = outcomes.slice(index * 4, index * 4 + 4);
				const counted = mine.filter((outcome) => outcome.status === 'fulfilled').length;
				expect(counted, `person ${index}`).toBeLessThanOrEqual(1);
				for (const outcome of mine) {
					if (outcome.status === 'rejected' && !poolBusy(outcome.reason)) expect((outcome.reason as { details?: { rule?: string } }).details?.rule).toBe('already_supported');
				}
				if (counted === 0) {
					expect(mine.every((outcome) => outcome.status === 'rejected' && poolBusy(outcome.reason))).toBe(true);
					await supportProposal(database.db, person, cityId, proposal.id);
				}
			}
			expect((await getProposal(database.db, cityId, proposal.id)).supports).toBe(16);
			expect(await countSupportRows(database.db, cityId, proposal.id)).toBe(16);
			// 64 transactions and 16 sign-ups: room for a busy shared machine (about 15 s when quiet).
		}, 120_000);

		it('qualify a proposal once at the threshold, as the system’s act in the ledger, and keep it qualified', async () => {
			const proposal = await createProposal(database.db, amira, cityId, process.id, PROPOSAL);
			await toPhase(database.db, admin, process, 'supports');
			const supporters = [jon, await resident(database.db, cityId), await resident(database.db, cityId)];
			expect(await supportProposal(database.db, supporters[0]!, cityId, proposal.id)).toMatchObject({ qualifiedNow: false });
			expect(await supportProposal(database.db, supporters[1]!, cityId, proposal.id)).toMatchObject({ qualifiedNow: false });
			expect(await supportProposal(database.db, supporters[2]!, cityId, proposal.id)).toMatchObject({ supports: 3, qualified: true, qualifiedNow: true });
			await withdrawSupport(database.db, supporters[2]!, cityId, proposal.id);
			expect(await getProposal(database.db, cityId, proposal.id)).toMatchObject({ supports: 2 });
			expect((await getProposal(database.db, cityId, proposal.id)).qualifiedAt).not.toBeNull();
			const updates = (await readLedgerPage(database.db, cityId, { entityType: 'proposal', action: 'update' })).entries;
			expect(updates).toHaveLength(1);
			expect(updates[0]).toMatchObject({ actor_role: 'system', entity_ref: 'PR-1' });
			// The author followed from the start and was told.
			const { items } = await listMyNotifications(database.db, amira, 'en');
			expect(items.map((item) => item.kind)).toContain('proposal_qualified');
		});

		it('let only the author withdraw, and a moderator hide with a public reason', async () => {
			const proposal = await createProposal(database.db, amira, cityId, process.id, PROPOSAL);
			expect((await failure(withdrawProposal(database.db, jon, cityId, proposal.id))).code).toBe('forbidden');
			expect((await failure(moderateProposal(database.db, otherAdmin, cityId, proposal.id, 'hide', { text: 'Off topic here' }))).code).toBe('forbidden');
			expect((await failure(moderateProposal(database.db, admin, cityId, proposal.id, 'hide'))).fields).toMatchObject({ text: 'required' });
			const hidden = await moderateProposal(database.db, admin, cityId, proposal.id, 'hide', { text: 'Contains a phone number' });
			expect(hidden).toMatchObject({ status: 'hidden', moderationReason: { text: 'Contains a phone number' } });
			const mine = await createProposal(database.db, amira, cityId, process.id, { ...PROPOSAL, title: 'Another idea for the river' });
			expect(await withdrawProposal(database.db, amira, cityId, mine.id)).toMatchObject({ status: 'withdrawn' });
		});
	});

	describe('answers and the chain to delivery', () => {
		let world: SmallPlan;
		let process: Process;
		beforeEach(async () => {
			world = await smallPlan(database.db, admin, cityId);
			process = await createProcess(database.db, admin, cityId, proposalsProcess());
		});

		it('an accepted proposal becomes an action whose status and progress its page shows live, and its followers are told', async () => {
			const proposal = await createProposal(database.db, amira, cityId, process.id, PROPOSAL);
			await follow(database.db, jon, cityId, 'proposal', proposal.id);
			expect(await failure(createActionForProposal(database.db, admin, cityId, proposal.id, proposal.version, { planId: world.plan.id, title: {} }))).toMatchObject({ rule: 'answer_first' });
			expect((await failure(answerProposal(database.db, admin, cityId, proposal.id, proposal.version, { answer: 'rejected' }))).fields).toMatchObject({ text: 'reason_required' });
			expect((await failure(answerProposal(database.db, otherAdmin, cityId, proposal.id, proposal.version, { answer: 'accepted' }))).code).toBe('forbidden');
			const answered = await answerProposal(database.db, admin, cityId, proposal.id, proposal.version, { answer: 'accepted', text: { en: 'A good idea: the parks department will plant them.' } });
			const linked = await createActionForProposal(database.db, admin, cityId, proposal.id, answered.version, { planId: world.plan.id, commitmentId: world.commitment.id, title: {} });
			expect(linked.actionId).not.toBeNull();
			const before = await deliveryOf(database.db, cityId, linked.actionId);
			expect(before?.detail.action).toMatchObject({ status: 'planned', title: { en: PROPOSAL.title } });
			expect(await linkedToAction(database.db, cityId, linked.actionId!)).toMatchObject({ proposals: [{ ref: proposal.ref }] });

			const action = before!.detail.action;
			await recordProgress(database.db, null, admin, cityId, action.id, action.version, { text: { en: 'First trees planted' }, status: 'in_progress', progress: 40, reportedOn: todayIso() });
			const after = await deliveryOf(database.db, cityId, linked.actionId);
			expect(after?.detail.action).toMatchObject({ status: 'in_progress', progress: 40 });
			expect(after?.detail.updates).toHaveLength(1);

			// The job reads the action's change from the ledger and tells the followers.
			expect(await notifyActionChanges(database.db)).toMatchObject({ notified: 2 });
			expect(await notifyActionChanges(database.db)).toMatchObject({ notified: 0 });
			const { items } = await listMyNotifications(database.db, jon, 'en');
			expect(items.map((item) => item.kind)).toEqual(expect.arrayContaining(['proposal_answered', 'proposal_linked', 'action_status']));
			expect(items.find((item) => item.kind === 'action_status')!.text).toContain('In progress');

			const entries = (await readLedgerPage(database.db, cityId, { entityType: 'proposal', action: 'update' })).entries;
			expect(entries).toHaveLength(2);
			expect(await verifyLedger(database.db, cityId)).toMatchObject({ ok: true });
		});

		it('links only to a live action of the same city', async () => {
			const proposal = await createProposal(database.db, amira, cityId, process.id, PROPOSAL);
			const answered = await answerProposal(database.db, admin, cityId, proposal.id, proposal.version, { answer: 'in_plan' });
			const elsewhere = await smallPlan(database.db, otherAdmin, otherCityId);
			expect((await failure(linkProposalToAction(database.db, admin, cityId, proposal.id, answered.version, elsewhere.parent.id))).fields).toMatchObject({ actionId: 'action_unknown' });
			expect(await linkProposalToAction(database.db, admin, cityId, proposal.id, answered.version, world.parent.id)).toMatchObject({ actionId: world.parent.id });
		});
	});

	describe('participatory budgets', () => {
		let world: SmallPlan;
		let process: Process;
		let projects: { id: string; cost: number }[];
		beforeEach(async () => {
			world = await smallPlan(database.db, admin, cityId);
			process = await createProcess(database.db, admin, cityId, {
				title: { en: 'Participatory budget 2027' },
				budgetAmount: 100_000,
				budgetCurrency: 'EUR',
				voteLevel: 'email',
				phases: [
					{ kind: 'budgeting', startsOn: day(-3), endsOn: day(3) },
					{ kind: 'voting', startsOn: day(4), endsOn: day(20) },
					{ kind: 'results', startsOn: day(21), endsOn: day(40) }
				]
			});
			projects = [];
			for (const [title, cost] of [['Shade on the river path', 60_000], ['Library opening hours', 30_000], ['Play street', 50_000]] as const) {
				const project = await createProject(database.db, admin, cityId, process.id, { title: { en: title }, cost });
				projects.push({ id: project.id, cost });
			}
		});

		it('refuse projects over the budget and by another city’s admin', async () => {
			expect((await failure(createProject(database.db, admin, cityId, process.id, { title: { en: 'Too big' }, cost: 100_001 }))).fields).toMatchObject({ cost: 'cost_over_budget' });
			expect((await failure(createProject(database.db, otherAdmin, cityId, process.id, { title: { en: 'Theirs' }, cost: 10 }))).code).toBe('forbidden');
			expect((await failure(createProject(database.db, null, cityId, process.id, { title: { en: 'Nobody' }, cost: 10 }))).code).toBe('forbidden');
			expect((await failure(createProject(database.db, admin, cityId, process.id, { title: { en: 'Nowhere' }, cost: 10, district: 'no-such-district' }))).fields).toMatchObject({ district: 'district_unknown' });
			expect((await failure(createProject(database.db, admin, cityId, process.id, { title: { en: 'Free' }, cost: Number.NaN }))).fields).toMatchObject({ cost: 'number_invalid' });
			expect(await listProjects(database.db, cityId, process.id)).toHaveLength(3);
		});

		it('change and withdraw projects only before the vote, by the city’s admins, with the version read', async () => {
			const project = await getProjectByRef(database.db, cityId, (await listProjects(database.db, cityId, process.id))[0]!.ref);
			const input = { title: { ...project.title, es: 'Sombra en el paseo del río' }, cost: 55_000 };
			expect((await failure(updateProject(database.db, otherAdmin, cityId, project.id, project.version, input))).code).toBe('forbidden');
			expect((await failure(updateProject(database.db, admin, cityId, project.id, project.version, { ...input, cost: 100_001 }))).fields).toMatchObject({ cost: 'cost_over_budget' });
			const saved = await updateProject(database.db, admin, cityId, project.id, project.version, input);
			expect(saved).toMatchObject({ cost: 55_000, title: { en: 'Shade on the river path', es: 'Sombra en el paseo del río' } });
			expect((await failure(updateProject(database.db, admin, cityId, project.id, project.version, input))).code).toBe('conflict');
			const last = (await listProjects(database.db, cityId, process.id))[2]!;
			await withdrawProject(database.db, admin, cityId, last.id, last.version);
			expect((await getProject(database.db, cityId, last.id)).status).toBe('withdrawn');
			await toPhase(database.db, admin, process, 'voting');
			expect((await failure(castBallot(database.db, amira, cityId, process.id, [last.id]))).fields).toMatchObject({ projects: 'project_unknown' });
			expect(await failure(updateProject(database.db, admin, cityId, project.id, saved.version, input))).toMatchObject({ rule: 'projects_closed' });
			expect(await failure(withdrawProject(database.db, admin, cityId, project.id, saved.version))).toMatchObject({ rule: 'projects_closed' });
			expect((await getProject(database.db, cityId, project.id)).status).toBe('open');
		});

		it('take one ballot per resident within the budget, changeable while the vote is open', async () => {
			expect(await failure(castBallot(database.db, amira, cityId, process.id, [projects[0]!.id]))).toMatchObject({ rule: 'voting_closed' });
			await toPhase(database.db, admin, process, 'voting');
			expect((await failure(castBallot(database.db, amira, cityId, process.id, [projects[0]!.id, projects[2]!.id]))).fields).toMatchObject({ projects: 'over_budget' });
			expect((await failure(castBallot(database.db, amira, cityId, process.id, []))).fields).toMatchObject({ projects: 'choose_one' });
			expect((await failure(castBallot(database.db, amira, cityId, process.id, ['not-a-project']))).fields).toMatchObject({ projects: 'project_unknown' });
			expect(await failure(castBallot(database.db, stranger, cityId, process.id, [projects[1]!.id]))).toMatchObject({ code: 'forbidden' });
			expect(await getBallot(database.db, amira, cityId, process.id)).toBeUndefined();
			await castBallot(database.db, amira, cityId, process.id, [projects[0]!.id, projects[1]!.id]);
			expect(await castBallot(database.db, amira, cityId, process.id, [projects[2]!.id, projects[1]!.id])).toMatchObject({ total: 80_000 });
			expect(await getBallot(database.db, amira, cityId, process.id)).toMatchObject({ total: 80_000 });
			await castBallot(database.db, jon, cityId, process.id, [projects[0]!.id]);
			await withdrawBallot(database.db, jon, cityId, process.id);
			expect(await failure(withdrawBallot(database.db, jon, cityId, process.id))).toMatchObject({ rule: 'no_ballot' });
		});

		it('publish results by the rule shown; the winners become actions with their budget', async () => {
			await toPhase(database.db, admin, process, 'voting');
			const third = await resident(database.db, cityId);
			await castBallot(database.db, amira, cityId, process.id, [projects[0]!.id, projects[1]!.id]);
			await castBallot(database.db, jon, cityId, process.id, [projects[0]!.id]);
			await castBallot(database.db, third, cityId, process.id, [projects[2]!.id, projects[1]!.id]);
			await toPhase(database.db, admin, process, 'results');
			// A plan that is not the city's is refused before anything is recorded.
			expect((await failure(publishResults(database.db, admin, cityId, process.id, { planId: 'not-a-plan' }))).fields).toMatchObject({ planId: 'plan_unknown' });
			expect((await failure(publishResults(database.db, otherAdmin, cityId, process.id, { planId: world.plan.id }))).code).toBe('forbidden');
			expect((await getProcess(database.db, cityId, process.id)).resultsPublishedAt).toBeNull();
			const results = await publishResults(database.db, admin, cityId, process.id, { planId: world.plan.id });
			// Votes: shade 2, library 2, play street 1 — shade (60 000) and library (30 000) fit; play street (50 000) does not.
			expect(results.lines.map((line) => [line.votes, line.funded])).toEqual([
				[2, true],
				[2, true],
				[1, false]
			]);
			expect(results.spent).toBe(90_000);
			expect(await failure(publishResults(database.db, admin, cityId, process.id, { planId: world.plan.id }))).toMatchObject({ rule: 'results_published' });
			const listed = await listProjects(database.db, cityId, process.id);
			const outcome = projects.map((project) => listed.find((item) => item.id === project.id)!);
			expect(outcome.map((project) => [project.cost, project.status, project.votes])).toEqual([
				[60_000, 'selected', 2],
				[30_000, 'selected', 2],
				[50_000, 'not_selected', 1]
			]);
			for (const project of outcome.filter((item) => item.status === 'selected')) {
				expect(await getAction(database.db, cityId, project.actionId!)).toMatchObject({ planId: world.plan.id, budgetAmount: project.cost, budgetCurrency: 'EUR', title: project.title });
			}
			expect(outcome.find((item) => item.status === 'not_selected')!.actionId).toBeNull();
		});
	});

	describe('consultations on a draft plan', () => {
		it('take comments, one level of replies and supports only in the consultation phase, from the city’s people; the city answers per cluster and closes it', async () => {
			const db = database.db;
			const world = await smallPlan(db, admin, cityId);
			const actionId = world.parent.id;
			const process = await createProcess(db, admin, cityId, {
				title: { en: 'Consultation on the housing plan' },
				supportLevel: 'member',
				planId: world.plan.id,
				phases: [
					{ kind: 'information', startsOn: day(-5), endsOn: day(0) },
					{ kind: 'consultation', startsOn: day(1), endsOn: day(30) }
				]
			});
			const body = { body: 'Open the advice desk on Saturdays too.' };
			expect(await failure(addComment(db, amira, cityId, process.id, actionId, body))).toMatchObject({ rule: 'consultation_closed' });
			await toPhase(db, admin, process, 'consultation');
			expect((await failure(addComment(db, stranger, cityId, process.id, actionId, body))).code).toBe('forbidden');
			expect((await failure(addComment(db, otherAdmin, cityId, process.id, actionId, { body: '' }))).code).toBe('forbidden');
			expect((await failure(addComment(db, null, cityId, process.id, actionId, body))).code).toBe('unauthenticated');
			expect((await failure(addComment(db, amira, cityId, process.id, actionId, { body: '  ' }))).fields).toMatchObject({ body: 'required' });
			expect((await failure(addComment(db, amira, cityId, process.id, 'not-an-action', body))).code).toBe('action_not_found');
			const first = await addComment(db, amira, cityId, process.id, actionId, body, { submissionKey: 'consultation-key-0001' });
			expect(await addComment(db, amira, cityId, process.id, actionId, body, { submissionKey: 'consultation-key-0001' })).toMatchObject({ id: first.id });
			const reply = await addComment(db, jon, cityId, process.id, actionId, { body: 'Yes, and one evening a week.', parentId: first.id });
			// A reply to a reply joins its thread.
			expect((await addComment(db, amira, cityId, process.id, actionId, { body: 'Agreed.', parentId: reply.id })).parentId).toBe(first.id);
			expect(await failure(supportComment(db, amira, cityId, first.id))).toMatchObject({ rule: 'own_comment' });
			expect(await supportComment(db, jon, cityId, first.id)).toEqual({ supports: 1 });
			expect(await failure(supportComment(db, jon, cityId, first.id))).toMatchObject({ rule: 'already_supported' });
			expect((await failure(supportComment(db, stranger, cityId, first.id))).code).toBe('forbidden');
			expect((await failure(saveCluster(db, otherAdmin, cityId, process.id, actionId, { title: { en: 'Theirs' } }))).code).toBe('forbidden');
			await saveCluster(db, admin, cityId, process.id, actionId, { title: { en: 'Opening hours' }, response: { en: 'Saturday mornings from March.' }, commentIds: [first.id] });
			const view = await loadActionConsultation(db, await getProcess(db, cityId, process.id), actionId);
			expect(view.clusters.map((cluster) => cluster.threads.map((thread) => [thread.comment.id, thread.replies.length]))).toEqual([[[first.id, 2]]]);
			expect([view.unclustered, view.comments]).toEqual([[], 3]);

			let current = await getProcess(db, cityId, process.id);
			expect((await failure(closePhase(db, otherAdmin, cityId, process.id, current.version))).code).toBe('forbidden');
			expect((await failure(closePhase(db, null, cityId, process.id, current.version))).code).toBe('forbidden');
			const closed = await closePhase(db, admin, cityId, process.id, current.version);
			expect(closed.activePhase).toBeNull();
			expect(closed.phases.find((phase) => phase.kind === 'consultation')!.endsOn).toBe(day(-1));
			expect(await failure(addComment(db, jon, cityId, process.id, actionId, { body: 'Too late?' }))).toMatchObject({ rule: 'consultation_closed' });
			expect(await failure(closePhase(db, admin, cityId, process.id, closed.version))).toMatchObject({ rule: 'no_active_phase' });
			// The phase job does not open it again.
			await advancePhases(db);
			current = await getProcess(db, cityId, process.id);
			expect(current.activePhase).toBeNull();
		});
	});

	describe('the human rights council', () => {
		it('follows a recommendation to the city’s response and to an action', async () => {
			const world = await smallPlan(database.db, admin, cityId);
			expect((await failure(createRecommendation(database.db, otherAdmin, cityId, { title: { en: 'x' }, issuedOn: todayIso() }))).code).toBe('forbidden');
			const recommendation = await createRecommendation(database.db, admin, cityId, { title: { en: 'Publish eviction statistics every quarter' }, issuedOn: todayIso(), tags: ['udhr:25'] });
			expect(recommendation).toMatchObject({ ref: expect.any(String), status: 'awaiting' });
			expect(await failure(createActionForRecommendation(database.db, admin, cityId, recommendation.id, recommendation.version, { planId: world.plan.id, title: {} }))).toMatchObject({ code: 'conflict' });
			expect((await failure(respondToRecommendation(database.db, admin, cityId, recommendation.id, recommendation.version, { status: 'accepted', response: {} }))).fields).toMatchObject({ response: 'required' });
			const responded = await respondToRecommendation(database.db, admin, cityId, recommendation.id, recommendation.version, { status: 'accepted', response: { en: 'The housing department will publish them.' } });
			expect(responded).toMatchObject({ status: 'accepted', respondedOn: todayIso() });
			const linked = await createActionForRecommendation(database.db, admin, cityId, recommendation.id, responded.version, { planId: world.plan.id, title: {} });
			expect((await deliveryOf(database.db, cityId, linked.actionId))?.detail.action.title).toMatchObject({ en: 'Publish eviction statistics every quarter' });
			const entries = (await readLedgerPage(database.db, cityId, { entityType: 'council_recommendation' })).entries;
			expect(entries.map((entry) => entry.action).sort()).toEqual(['create', 'update', 'update']);
		});
	});

	describe('mail to followers', () => {
		let sink: SmtpSink;
		beforeEach(async () => {
			sink = await startSmtpSink();
		});
		afterEach(async () => {
			await sink.close();
		});

		it('goes through the SMTP server, in the follower’s language, to confirmed addresses only', async () => {
			const process = await createProcess(database.db, admin, cityId, proposalsProcess());
			const author = await resident(database.db, cityId, 'email', 'amira@example.org');
			const proposal = await createProposal(database.db, author, cityId, process.id, PROPOSAL);
			await answerProposal(database.db, admin, cityId, proposal.id, proposal.version, { answer: 'in_plan' });
			const delivery = smtpDelivery({ smtpUrl: sink.url, from: 'Rights City <no-reply@rights.example>' });
			try {
				expect(await deliverOutbox(database.db, delivery)).toMatchObject({ sent: 1, failed: 0 });
			} finally {
				delivery.close?.();
			}
			expect(sink.received.map((mail) => mail.to)).toEqual(['amira@example.org']);
			expect(sink.received[0]!.raw).toContain('PR-1');
			expect(sink.received[0]!.raw).toMatch(/already in the action plan/);
		});
	});
});
