// Authorization expectations for the commitments module's routes (public pages, ledger, admin).
import { CITY_A } from '../actors.ts';
import { all, cityAdminOnly, type Expectation, type Statuses } from './expectations.ts';
import { MATRIX_ACTION_REF } from './commitments-world.ts';
import { PLAN_CSV_COLUMNS } from '../../../src/lib/server/commitments/plan-csv.ts';

/** The commitments staff area: York's admins, its officers and the network admin. */
const staffArea = (ok: number): Statuses => ({ ...cityAdminOnly(ok), officerA: ok });
/** York's housing action that officerA is responsible for (see commitments-world.ts). */
const ACTION = `/admin/${CITY_A}/commitments/actions/${MATRIX_ACTION_REF}`;

export const COMMITMENT_EXPECTATIONS: Record<string, Expectation> = {
	// ——— The public ledger: the city's page, the full chain as JSON, the network-wide verifier.
	// Public reads, the same for everyone (signed in or not, of this city or another). ———
	'GET /cities/[slug=slug]/ledger': { path: `/cities/${CITY_A}/ledger`, expect: all(200) },
	'GET /cities/[slug=slug]/ledger.json': { path: `/cities/${CITY_A}/ledger.json`, expect: all(200) },
	'GET /ledger/verify': { expect: all(200) },
	// ——— end of the public ledger ———
	// ——— The action plan as CSV (plan-csv): anyone downloads a plan; only the city's admins and the
	// network admin import, into an empty plan. York's demo plan P-1 is not empty, so for them the
	// (valid) file is refused with 409 and nothing changes; everyone else is stopped before. ———
	'GET /cities/[slug=slug]/plans/[ref]/plan.csv': { path: `/cities/${CITY_A}/plans/P-1/plan.csv`, expect: all(200) },
	'GET /admin/[city=slug]/commitments/plans/[ref]/import': { path: `/admin/${CITY_A}/commitments/plans/P-1/import`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/plans/[ref]/import?/upload': {
		path: `/admin/${CITY_A}/commitments/plans/P-1/import`,
		file: { field: 'file', name: 'plan.csv', mimeType: 'text/csv', content: `${PLAN_CSV_COLUMNS.join(',')}\r\n${PLAN_CSV_COLUMNS.map((column) => (({ kind: 'commitment', ref: 'C-900', title_en: 'Matrix commitment' }) as Record<string, string>)[column] ?? '').join(',')}\r\n` },
		expect: cityAdminOnly(409)
	},
	// ——— end of the action plan as CSV ———
	// ——— The public accountability pages (commitments, declaration, commitment, action, plan) and
	// evidence downloads: public reads, the same for everyone. Paths name York's demo refs; an
	// evidence id that does not exist is 404 for everyone (the spec downloads a real one). ———
	'GET /cities/[slug=slug]/commitments': { path: `/cities/${CITY_A}/commitments`, expect: all(200) },
	'GET /cities/[slug=slug]/commitments/[ref]': { path: `/cities/${CITY_A}/commitments/C-1`, expect: all(200) },
	'GET /cities/[slug=slug]/declarations/[ref]': { path: `/cities/${CITY_A}/declarations/D-1`, expect: all(200) },
	'GET /cities/[slug=slug]/plans/[ref]': { path: `/cities/${CITY_A}/plans/P-1`, expect: all(200) },
	'GET /cities/[slug=slug]/actions/[ref]': { path: `/cities/${CITY_A}/actions/A-2025-001`, expect: all(200) },
	'GET /cities/[slug=slug]/evidence/[id]': { path: `/cities/${CITY_A}/evidence/00000000-0000-7000-8000-000000000000`, expect: all(404) },
	// ——— end of the public accountability pages ———
	// ——— The commitments admin area (/admin/[city]/commitments). Officers open the hub, the
	// attention list and their own department's action (housing: MATRIX_ACTION_REF) with
	// its progress page; everything that structures the plan is for city admins and the network
	// admin. Forms are valid but harmless: edits and deletions carry a stale version (409 for
	// whoever may make them, nothing changes), creations miss their title (400), department
	// deletion hits one in use (409). Milestones and the update to withdraw are the world's own:
	// the first allowed actor deletes/withdraws it, the next gets 404. The network admin may not
	// record progress (it is the city's own account): 403. ———
	'GET /admin/[city=slug]/commitments': { path: `/admin/${CITY_A}/commitments`, expect: staffArea(200) },
	'GET /admin/[city=slug]/commitments/attention': { path: `/admin/${CITY_A}/commitments/attention`, expect: staffArea(200) },
	'GET /admin/[city=slug]/commitments/departments': { path: `/admin/${CITY_A}/commitments/departments`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/departments?/add': { path: `/admin/${CITY_A}/commitments/departments`, form: () => ({ code: 'housing', 'name.en': 'Housing' }), expect: cityAdminOnly(400) },
	'POST /admin/[city=slug]/commitments/departments?/rename': {
		path: `/admin/${CITY_A}/commitments/departments`,
		form: (_actor, world) => ({ departmentId: world.commitments.department.id, version: '0', 'name.en': 'Housing' }),
		expect: cityAdminOnly(409)
	},
	'POST /admin/[city=slug]/commitments/departments?/delete': {
		path: `/admin/${CITY_A}/commitments/departments`,
		form: (_actor, world) => ({ departmentId: world.commitments.department.id, version: '0' }),
		expect: cityAdminOnly(409)
	},
	'GET /admin/[city=slug]/commitments/declarations/new': { path: `/admin/${CITY_A}/commitments/declarations/new`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/declarations/new?/create': {
		path: `/admin/${CITY_A}/commitments/declarations/new`,
		form: () => ({ adoptedBy: 'council_decision', process: 'formal' }),
		expect: cityAdminOnly(400)
	},
	'GET /admin/[city=slug]/commitments/declarations/[ref]': { path: `/admin/${CITY_A}/commitments/declarations/D-1`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/declarations/[ref]?/save': {
		path: `/admin/${CITY_A}/commitments/declarations/D-1`,
		form: () => ({ version: '0', 'title.en': 'York Human Rights City declaration', adoptedBy: 'council_decision', process: 'formal' }),
		expect: cityAdminOnly(409)
	},
	'POST /admin/[city=slug]/commitments/declarations/[ref]?/delete': { path: `/admin/${CITY_A}/commitments/declarations/D-1`, form: () => ({ version: '0', confirm: 'yes' }), expect: cityAdminOnly(409) },
	'GET /admin/[city=slug]/commitments/plans/new': { path: `/admin/${CITY_A}/commitments/plans/new`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/plans/new?/create': { path: `/admin/${CITY_A}/commitments/plans/new`, form: () => ({ periodStart: '2025', periodEnd: '2028', rollup: 'weighted' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/commitments/plans/[ref]': { path: `/admin/${CITY_A}/commitments/plans/P-1`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/plans/[ref]?/save': {
		path: `/admin/${CITY_A}/commitments/plans/P-1`,
		form: () => ({ version: '0', 'title.en': 'Action plan', periodStart: '2025', periodEnd: '2028', rollup: 'weighted' }),
		expect: cityAdminOnly(409)
	},
	'GET /admin/[city=slug]/commitments/new': { path: `/admin/${CITY_A}/commitments/new`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/new?/create': { path: `/admin/${CITY_A}/commitments/new`, form: () => ({ sdgTags: '11.1' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/commitments/[ref]': { path: `/admin/${CITY_A}/commitments/C-1`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/[ref]?/save': {
		path: `/admin/${CITY_A}/commitments/C-1`,
		form: (_actor, world) => ({ version: '0', 'title.en': 'Adequate housing', declarationId: '', udhr: 'udhr:25', sdgTags: '11.1', planId: world.commitments.planId }),
		expect: cityAdminOnly(409)
	},
	'POST /admin/[city=slug]/commitments/[ref]?/delete': { path: `/admin/${CITY_A}/commitments/C-1`, form: () => ({ version: '0', confirm: 'yes' }), expect: cityAdminOnly(409) },
	'GET /admin/[city=slug]/commitments/actions/new': { path: `/admin/${CITY_A}/commitments/actions/new`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/actions/new?/create': { path: `/admin/${CITY_A}/commitments/actions/new`, form: () => ({ status: 'planned', progress: '0' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/commitments/actions/[ref]': { path: ACTION, expect: staffArea(200) },
	'POST /admin/[city=slug]/commitments/actions/[ref]?/save': {
		path: ACTION,
		form: (_actor, world) => ({ version: '0', planId: world.commitments.actionPlanId, 'title.en': 'Housing advice', status: 'in_progress', progress: '50' }),
		expect: staffArea(409)
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/delete': {
		path: ACTION,
		form: () => ({ version: '0', confirm: 'yes' }),
		expect: { ...staffArea(409), officerA: 403 }
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/addMilestone': {
		path: ACTION,
		form: () => ({ dueDate: '2027-06-30' }),
		expect: staffArea(400)
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/saveMilestone': {
		path: ACTION,
		form: (_actor, world) => ({ milestoneId: world.commitments.milestone.id, 'title.en': world.commitments.milestone.title, dueDate: world.commitments.milestone.dueDate, doneOn: world.commitments.milestone.doneOn }),
		expect: staffArea(200)
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/milestoneDone': {
		path: ACTION,
		form: (_actor, world) => ({ milestoneId: world.commitments.milestone.id, doneOn: world.commitments.milestone.doneOn }),
		expect: staffArea(200)
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/deleteMilestone': {
		path: ACTION,
		form: (_actor, world) => ({ milestoneId: world.commitments.spareMilestoneId }),
		expect: { ...staffArea(404), officerA: 200 }
	},
	'GET /admin/[city=slug]/commitments/actions/[ref]/progress': { path: `${ACTION}/progress`, expect: staffArea(200) },
	'POST /admin/[city=slug]/commitments/actions/[ref]/progress?/record': {
		path: `${ACTION}/progress`,
		form: () => ({ version: '0', 'text.en': 'Matrix check', status: 'in_progress', progress: '50', reportedOn: '2026-02-01', 'link.1.url': 'https://example.org/minutes' }),
		file: { field: 'files', name: 'evidence.pdf', mimeType: 'application/pdf', content: '%PDF-1.4\n% matrix evidence\n' },
		expect: { ...staffArea(409), networkAdmin: 403 }
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]/progress?/withdraw': {
		path: `${ACTION}/progress`,
		form: (_actor, world) => ({ updateId: world.commitments.updateId }),
		expect: { ...cityAdminOnly(404), adminA: 200 }
	},
	// ——— end of the commitments admin area ———
};
