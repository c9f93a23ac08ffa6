/**
 * The commitments module's part of the authorization matrix: the expected status of every public
 * page, download and admin route for each kind of user, and the York objects the admin forms work
 * on — the housing department (officerA's), an action of it, a milestone that is done (saved again
 * unchanged: harmless), one to delete, and a progress update to withdraw. The York demo plan
 * provides what it can; what is missing is made here through the services.
 */
import path from 'node:path';
import { all, CITY_A, cityAdminOnly, staffArea, type Expectation, type MatrixWorldBase, type MatrixWorldContext } from '../testing/matrix.ts';
import { createDepartment, listDeclarations, listDepartments, createDeclaration } from './declarations.service.ts';
import { createCommitment, createPlan, listCommitments, listPlans } from './plans.service.ts';
import { addMilestone, createAction, getAction, listActions } from './actions.service.ts';
import { recordProgress } from './progress.service.ts';
import { localFileStore } from '../files/file-store.ts';
import { PLAN_CSV_COLUMNS } from './plan-csv.ts';

/**
 * The action the matrix works on: the York demo plan's first action, of the housing department.
 * Without the demo, the first action of a plan starting in 2025 gets the same reference.
 */
export const MATRIX_ACTION_REF = 'A-2025-001';

export interface CommitmentsWorld {
	declarationRef: string;
	planRef: string;
	planId: string;
	commitmentRef: string;
	/** `MATRIX_ACTION_REF`, an open action of the housing department (officerA's). */
	actionRef: string;
	actionPlanId: string;
	department: { id: string; code: string };
	/** A done milestone of the action, as stored (saving it again changes nothing). */
	milestone: { id: string; title: string; dueDate: string; doneOn: string };
	/** A milestone of the action that the matrix deletes. */
	spareMilestoneId: string;
	/** A progress update of the action that the matrix withdraws. */
	updateId: string;
}

/** Finds or makes the objects (through the services, as York's city admin). */
export async function world({ db, cityIdA: cityId, adminA: admin, run, dataDir }: MatrixWorldContext): Promise<CommitmentsWorld> {
	const declaration =
		(await listDeclarations(db, cityId))[0] ??
		(await createDeclaration(db, admin, cityId, { title: { en: 'York Human Rights City declaration' }, adoptedBy: 'council_decision', process: 'formal' }));
	const plan = (await listPlans(db, cityId))[0] ?? (await createPlan(db, admin, cityId, { title: { en: 'Action plan' }, periodStart: 2025, periodEnd: 2028, declarationId: declaration.id }));
	const commitment =
		(await listCommitments(db, cityId, { planId: plan.id }))[0] ?? (await createCommitment(db, admin, cityId, { planId: plan.id, title: { en: 'Adequate housing' }, tags: ['udhr:25'] }));
	const housing = (await listDepartments(db, cityId)).find((department) => department.code === 'housing') ?? (await createDepartment(db, admin, cityId, { code: 'housing', name: { en: 'Housing' } }));
	const action =
		(await listActions(db, cityId)).find((item) => item.ref === MATRIX_ACTION_REF) ??
		(await createAction(db, admin, cityId, { planId: plan.id, commitmentId: commitment.id, title: { en: 'Housing advice desks' }, departmentIds: [housing.id], status: 'in_progress', progress: 10 }));
	if (action.ref !== MATRIX_ACTION_REF || !action.departmentIds.includes(housing.id) || action.status === 'completed' || action.status === 'cancelled') {
		throw new Error(`The matrix needs ${MATRIX_ACTION_REF} to be an open action of York's housing department; it is ${action.ref} (${action.status}).`);
	}
	const title = `Matrix milestone ${run}`;
	const milestone = await addMilestone(db, admin, cityId, action.id, { title: { en: title }, dueDate: '2026-01-15', doneOn: '2026-01-10' });
	const spare = await addMilestone(db, admin, cityId, action.id, { title: { en: `Matrix milestone to delete ${run}` }, dueDate: '2027-01-15' });
	const current = await getAction(db, cityId, action.id);
	const store = localFileStore(path.join(dataDir, 'files'));
	const update = await recordProgress(db, store, admin, cityId, action.id, current.version, {
		text: { en: `Authorization matrix check ${run} (withdrawn by the test)` },
		status: current.status,
		statusReason: current.statusReason as Record<string, string>,
		progress: current.progress,
		reportedOn: '2026-01-20'
	});
	return {
		declarationRef: declaration.ref,
		planRef: plan.ref,
		planId: plan.id,
		commitmentRef: commitment.ref,
		actionRef: action.ref,
		actionPlanId: action.planId,
		department: { id: housing.id, code: housing.code },
		milestone: { id: milestone.id, title, dueDate: milestone.dueDate, doneOn: milestone.doneOn! },
		spareMilestoneId: spare.id,
		updateId: update.id
	};
}

/** This module's objects in the matrix world. */
export function objects(world: MatrixWorldBase): CommitmentsWorld {
	return world.modules.commitments as CommitmentsWorld;
}

/** York's housing action that officerA is responsible for. */
const ACTION = `/admin/${CITY_A}/commitments/actions/${MATRIX_ACTION_REF}`;

export const expectations: Record<string, Expectation> = {
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
		form: (_actor, world) => ({ departmentId: objects(world).department.id, version: '0', 'name.en': 'Housing' }),
		expect: cityAdminOnly(409)
	},
	'POST /admin/[city=slug]/commitments/departments?/delete': {
		path: `/admin/${CITY_A}/commitments/departments`,
		form: (_actor, world) => ({ departmentId: objects(world).department.id, version: '0' }),
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
		form: (_actor, world) => ({ version: '0', 'title.en': 'Adequate housing', declarationId: '', udhr: 'udhr:25', sdgTags: '11.1', planId: objects(world).planId }),
		expect: cityAdminOnly(409)
	},
	'POST /admin/[city=slug]/commitments/[ref]?/delete': { path: `/admin/${CITY_A}/commitments/C-1`, form: () => ({ version: '0', confirm: 'yes' }), expect: cityAdminOnly(409) },
	'GET /admin/[city=slug]/commitments/actions/new': { path: `/admin/${CITY_A}/commitments/actions/new`, expect: cityAdminOnly(200) },
	'POST /admin/[city=slug]/commitments/actions/new?/create': { path: `/admin/${CITY_A}/commitments/actions/new`, form: () => ({ status: 'planned', progress: '0' }), expect: cityAdminOnly(400) },
	'GET /admin/[city=slug]/commitments/actions/[ref]': { path: ACTION, expect: staffArea(200) },
	'POST /admin/[city=slug]/commitments/actions/[ref]?/save': {
		path: ACTION,
		form: (_actor, world) => ({ version: '0', planId: objects(world).actionPlanId, 'title.en': 'Housing advice', status: 'in_progress', progress: '50' }),
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
		form: (_actor, world) => ({ milestoneId: objects(world).milestone.id, 'title.en': objects(world).milestone.title, dueDate: objects(world).milestone.dueDate, doneOn: objects(world).milestone.doneOn }),
		expect: staffArea(200)
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/milestoneDone': {
		path: ACTION,
		form: (_actor, world) => ({ milestoneId: objects(world).milestone.id, doneOn: objects(world).milestone.doneOn }),
		expect: staffArea(200)
	},
	'POST /admin/[city=slug]/commitments/actions/[ref]?/deleteMilestone': {
		path: ACTION,
		form: (_actor, world) => ({ milestoneId: objects(world).spareMilestoneId }),
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
		form: (_actor, world) => ({ updateId: objects(world).updateId }),
		expect: { ...cityAdminOnly(404), adminA: 200 }
	},
	// ——— end of the commitments admin area ———
};
