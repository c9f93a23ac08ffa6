/**
 * The participation module's part of the authorization matrix. The world is a York process in
 * its proposals phase (anyone of York may propose and support: level `member`) with one published
 * proposal (PR-1), a proposal its author (York's admin) has withdrawn (its ref in the world) and a council
 * recommendation, made by York's admin through the services.
 *
 * Public pages are the same for everyone. A ballot on PP-1 (York's demo housing process, or else
 * the world's; both ask census verification to vote) is refused with 403 to everyone signed in. On the proposal page, supporting is refused with 409
 * for York's people (it is not the supports phase) and 403 for everyone else; following works
 * (200, idempotent) for York's people. Proposing with an empty title is 400 for York's people,
 * 403 for the others. The desk is for the city's admins and the network admin; its forms are
 * valid but harmless: a stale version (409), a missing title, decision or version (400).
 */
import { all, CITY_A, cityAdminOnly, signedIn, type Expectation, type MatrixWorldBase, type MatrixWorldContext, type Statuses } from '../testing/matrix.ts';
import { todayIso } from '../db/ids.ts';
import { createProcess } from './processes.service.ts';
import { createProposal, withdrawProposal } from './proposals.service.ts';
import { createMeeting, createRecommendation } from './council.service.ts';
import { createProject } from './budgets.service.ts';
import { getActionByRef } from '../commitments/index.ts';

export interface ParticipationWorld {
	processRef: string;
	processId: string;
	proposalsPhaseId: string;
	proposalRef: string;
	proposalId: string;
	/** A proposal York's admin (of this world) wrote and withdrew. */
	withdrawnRef: string;
	budgetProcessId: string;
	projectId: string;
}

function day(days: number): string {
	return todayIso(new Date(Date.now() + days * 86_400_000));
}

export async function world({ db, cityIdA: cityId, adminA: admin, run }: MatrixWorldContext): Promise<ParticipationWorld> {
	const process = await createProcess(db, admin, cityId, {
		title: { en: `Matrix process ${run}` },
		proposeLevel: 'member',
		supportLevel: 'member',
		phases: [
			{ kind: 'proposals', startsOn: day(-30), endsOn: day(365) },
			{ kind: 'supports', startsOn: day(366), endsOn: day(400) }
		]
	});
	const proposal = await createProposal(db, admin, cityId, process.id, { title: `Matrix proposal ${run} for the river path`, body: 'A proposal the authorization matrix works on.' });
	// This one has a known author (this world's York admin) and is already withdrawn: withdrawing it again is 409
	// for its author and 403 for everyone else, and changes nothing.
	const authored = await createProposal(db, admin, cityId, process.id, { title: `Matrix proposal ${run} withdrawn by its author`, body: 'A proposal its author has withdrawn.' });
	await withdrawProposal(db, admin, cityId, authored.id);
	// So that CR-1 exists with or without the demo.
	await createRecommendation(db, admin, cityId, { title: { en: `Matrix recommendation ${run}` }, issuedOn: todayIso() });
	// So that BP-1 and CM-1 exist with or without the demo: a budget listing its projects, a meeting.
	const budget = await createProcess(db, admin, cityId, {
		title: { en: `Matrix budget ${run}` },
		budgetAmount: 50_000,
		budgetCurrency: 'GBP',
		phases: [
			{ kind: 'budgeting', startsOn: day(-30), endsOn: day(365) },
			{ kind: 'voting', startsOn: day(366), endsOn: day(400) },
			{ kind: 'results', startsOn: day(401), endsOn: day(430) }
		]
	});
	const project = await createProject(db, admin, cityId, budget.id, { title: { en: `Matrix project ${run}` }, cost: 10_000 });
	// PP-3 is a consultation on the plan of A-2025-001 with or without the demo (the demo's third process, or this one).
	const action = await getActionByRef(db, cityId, MATRIX_ACTION_REF);
	await createProcess(db, admin, cityId, { title: { en: `Matrix consultation ${run}` }, supportLevel: 'member', planId: action.planId, phases: [{ kind: 'consultation', startsOn: day(-30), endsOn: day(365) }] });
	await createMeeting(db, admin, cityId, { title: { en: `Matrix meeting ${run}` }, heldOn: todayIso() });
	return { processRef: process.ref, processId: process.id, proposalsPhaseId: process.phases[0]!.id, proposalRef: proposal.ref, proposalId: proposal.id, withdrawnRef: authored.ref, budgetProcessId: budget.id, projectId: project.id };
}

function objects(world: MatrixWorldBase): ParticipationWorld {
	return world.modules.participation as ParticipationWorld;
}

/** York's people (who belong to the city) get `york`; adminB and the network admin, who do not, 403; anonymous readers are sent to sign in. */
const yorkOnly = (york: number): Statuses => ({ anonymous: 303, residentA: york, officerA: york, adminA: york, adminB: 403, networkAdmin: 403 });

const DESK = `/admin/${CITY_A}/participation`;
const COUNCIL = `${DESK}/council`;
/** York's first action (the demo's, or the commitments matrix world's: its MATRIX_ACTION_REF). */
const MATRIX_ACTION_REF = 'A-2025-001';
const CONSULTED = `/cities/${CITY_A}/participation/PP-3/actions/${MATRIX_ACTION_REF}`;
const MODERATED = `${DESK}/consultations/PP-3/${MATRIX_ACTION_REF}`;

export const expectations: Record<string, Expectation> = {
	'GET /cities/[slug=slug]/participation': { path: `/cities/${CITY_A}/participation`, expect: all(200) },
	'GET /cities/[slug=slug]/participation/[ref]': { path: `/cities/${CITY_A}/participation/PP-1`, expect: all(200) },
	'POST /cities/[slug=slug]/participation/[ref]?/propose': {
		path: `/cities/${CITY_A}/participation/PP-1`,
		form: () => ({ title: '', body: 'A proposal without a title.', submissionKey: 'matrix-key-0000000001' }),
		expect: yorkOnly(400)
	},
	// PP-1 asks census verification to vote (and has no vote open): nobody here has it.
	'POST /cities/[slug=slug]/participation/[ref]?/ballot': { path: `/cities/${CITY_A}/participation/PP-1`, form: () => ({ projects: 'none' }), expect: signedIn(403) },
	'GET /cities/[slug=slug]/proposals/[ref]': { path: `/cities/${CITY_A}/proposals/PR-1`, expect: all(200) },
	'POST /cities/[slug=slug]/proposals/[ref]?/support': { path: `/cities/${CITY_A}/proposals/PR-1`, form: () => ({}), expect: yorkOnly(409) },
	'POST /cities/[slug=slug]/proposals/[ref]?/unsupport': { path: `/cities/${CITY_A}/proposals/PR-1`, form: () => ({}), expect: yorkOnly(409) },
	// An unknown reason: 400 for York's people; the others may not flag in York.
	'POST /cities/[slug=slug]/proposals/[ref]?/flag': { path: `/cities/${CITY_A}/proposals/PR-1`, form: () => ({ reason: 'nothing' }), expect: yorkOnly(400) },
	'POST /cities/[slug=slug]/proposals/[ref]?/withdraw': { path: (world) => `/cities/${CITY_A}/proposals/${objects(world).withdrawnRef}`, form: () => ({}), expect: { anonymous: 303, residentA: 403, officerA: 403, adminA: 409, adminB: 403, networkAdmin: 403 } },
	'POST /cities/[slug=slug]/proposals/[ref]?/follow': { path: `/cities/${CITY_A}/proposals/PR-1`, form: () => ({ follow: 'on' }), expect: yorkOnly(200) },
	'GET /cities/[slug=slug]/budget-projects/[ref]': { path: `/cities/${CITY_A}/budget-projects/BP-1`, expect: all(200) },
	'POST /cities/[slug=slug]/budget-projects/[ref]?/follow': { path: `/cities/${CITY_A}/budget-projects/BP-1`, form: () => ({ follow: 'on' }), expect: yorkOnly(200) },
	'GET /cities/[slug=slug]/council/meetings/[ref]': { path: `/cities/${CITY_A}/council/meetings/CM-1`, expect: all(200) },
	'GET /account/notifications': { path: '/account/notifications', expect: signedIn(200) },
	'POST /account/notifications?/read': { path: '/account/notifications', form: () => ({}), expect: signedIn(200) },
	'POST /account/notifications?/mail': { path: '/account/notifications', form: () => ({ mail: 'on' }), expect: signedIn(200) },
	'GET /cities/[slug=slug]/participation/[ref]/actions/[action]': { path: CONSULTED, expect: all(200) },
	// An empty comment: 400 for York's people (the consultation is open to every member), 403 for the others.
	'POST /cities/[slug=slug]/participation/[ref]/actions/[action]?/comment': { path: CONSULTED, form: () => ({ body: '', submissionKey: 'matrix-key-0000000002' }), expect: yorkOnly(400) },
	// No such comment: 404 for York's people; the others are stopped before it is looked up.
	'POST /cities/[slug=slug]/participation/[ref]/actions/[action]?/support': { path: CONSULTED, form: () => ({ commentId: 'none' }), expect: yorkOnly(404) },
	'GET /cities/[slug=slug]/council': { path: `/cities/${CITY_A}/council`, expect: all(200) },
	'GET /cities/[slug=slug]/council/recommendations/[ref]': { path: `/cities/${CITY_A}/council/recommendations/CR-1`, expect: all(200) },
	'GET /admin/[city=slug]/participation': { path: DESK, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation?/create': { path: DESK, form: () => ({ title: '', 'proposals.start': day(1), 'proposals.end': day(10) }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation?/phase': {
		path: DESK,
		form: (_actor, world) => ({ processId: objects(world).processId, version: '0', phaseId: objects(world).proposalsPhaseId }),
		expect: cityAdminOnly(409)
	},
	'POST /admin/[city=slug]/participation?/close': { path: DESK, form: (_actor, world) => ({ processId: objects(world).processId, version: '0' }), expect: cityAdminOnly(409) },
	'POST /admin/[city=slug]/participation?/moderate': { path: DESK, form: (_actor, world) => ({ proposalId: objects(world).proposalId, decision: 'nothing' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/participation/proposals/[ref]': { path: `${DESK}/proposals/PR-1`, expect: cityAdminOnly(200) },
	// PP-2 is a budget with or without the demo (the demo's, or the world's second process); BP-1 is one of its projects.
	'GET /admin/[city=slug]/participation/budgets/[ref]': { path: `${DESK}/budgets/PP-2`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation/budgets/[ref]?/create': { path: `${DESK}/budgets/PP-2`, form: () => ({ title: '', cost: '1000' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/budgets/[ref]?/publish': { path: `${DESK}/budgets/PP-2`, form: () => ({ planId: '' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/participation/budget-projects/[ref]': { path: `${DESK}/budget-projects/BP-1`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation/budget-projects/[ref]?/save': { path: `${DESK}/budget-projects/BP-1`, form: () => ({ version: '0', title: 'Unchanged', cost: '1000' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/budget-projects/[ref]?/withdraw': { path: `${DESK}/budget-projects/BP-1`, form: () => ({ version: '0' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/proposals/[ref]?/answer': { path: `${DESK}/proposals/PR-1`, form: () => ({ version: '0', answer: 'accepted' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/proposals/[ref]?/link': { path: `${DESK}/proposals/PR-1`, form: () => ({ version: '0', actionId: 'none' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/proposals/[ref]?/makeAction': { path: `${DESK}/proposals/PR-1`, form: () => ({ version: '0', planId: 'none' }), expect: cityAdminOnly(400) },
	// The council's desk: every form is valid but harmless (an empty name or title, a missing version).
	'GET /admin/[city=slug]/participation/council': { path: COUNCIL, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation/council?/appoint': { path: COUNCIL, form: () => ({ name: '', seat: 'resident', termStart: todayIso() }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/council?/endTerm': { path: COUNCIL, form: () => ({ memberId: 'none', version: '0', termEnd: todayIso() }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/council?/schedule': { path: COUNCIL, form: () => ({ title: '', heldOn: todayIso() }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/council?/recommend': { path: COUNCIL, form: () => ({ title: '', issuedOn: todayIso() }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/participation/council/meetings/[ref]': { path: `${COUNCIL}/meetings/CM-1`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation/council/meetings/[ref]?/save': { path: `${COUNCIL}/meetings/CM-1`, form: () => ({ version: '0', title: 'Unchanged', heldOn: todayIso(), status: 'planned' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/participation/council/recommendations/[ref]': { path: `${COUNCIL}/recommendations/CR-1`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation/council/recommendations/[ref]?/respond': { path: `${COUNCIL}/recommendations/CR-1`, form: () => ({ version: '0', status: 'accepted', response: 'Unchanged' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/council/recommendations/[ref]?/link': { path: `${COUNCIL}/recommendations/CR-1`, form: () => ({ version: '0', actionId: 'none' }), expect: cityAdminOnly(400) },
	// Consultation moderation on PP-3 (a consultation on the plan of A-2025-001): forms valid but harmless.
	'GET /admin/[city=slug]/participation/consultations/[ref]': { path: `${DESK}/consultations/PP-3`, expect: cityAdminOnly(200) },
	'GET /admin/[city=slug]/participation/consultations/[ref]/[action]': { path: MODERATED, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/participation/consultations/[ref]/[action]?/cluster': { path: MODERATED, form: () => ({ title: '', response: '' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/consultations/[ref]/[action]?/editCluster': { path: MODERATED, form: () => ({ clusterId: 'none', version: '0', title: 'Unchanged' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/consultations/[ref]/[action]?/hide': { path: MODERATED, form: () => ({ commentId: 'none', reason: '' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/participation/consultations/[ref]/[action]?/show': { path: MODERATED, form: () => ({ commentId: 'none' }), expect: cityAdminOnly(404) },
	'POST /admin/[city=slug]/participation/council/recommendations/[ref]?/makeAction': { path: `${COUNCIL}/recommendations/CR-1`, form: () => ({ version: '0', planId: 'none' }), expect: cityAdminOnly(400) }
};
