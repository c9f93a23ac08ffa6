// York objects the commitments admin routes of the authorization matrix (and the admin browser
// test) work on: the housing department (officerA's), an action of it, a milestone that is done
// (saved again unchanged: harmless), one to delete, and a progress update to withdraw. The York
// demo plan provides what it can; what is missing is made here through the services.
import path from 'node:path';
import type { Db } from '../../../src/lib/server/db/database.ts';
import type { Actor } from '../../../src/lib/server/accounts/actor.ts';
import { createDepartment, listDeclarations, listDepartments, createDeclaration } from '../../../src/lib/server/commitments/declarations.service.ts';
import { createCommitment, createPlan, listCommitments, listPlans } from '../../../src/lib/server/commitments/plans.service.ts';
import { addMilestone, createAction, getAction, listActions } from '../../../src/lib/server/commitments/actions.service.ts';
import { recordProgress } from '../../../src/lib/server/commitments/progress.service.ts';
import { localFileStore } from '../../../src/lib/server/commitments/file-store.ts';

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

/** Finds or makes the objects; `admin` is York's city admin. */
export async function commitmentsWorld(db: Db, cityId: string, admin: Actor, run: number): Promise<CommitmentsWorld> {
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
	const store = localFileStore(path.join(process.env.E2E_DATA_DIR!, 'files'));
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
