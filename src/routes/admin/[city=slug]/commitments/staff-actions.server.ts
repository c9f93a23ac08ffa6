/**
 * The actions a staff member is responsible for: all of the city's for its admins and the
 * network admin; for an officer, those of their department(s) and those they lead (the same
 * rule the services apply when they save).
 */
import type { Db } from '#lib/server/db/database.ts';
import type { Actor } from '#lib/server/accounts/actor.ts';
import type { Action } from '#lib/server/commitments/commitments.types.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { listActions } from '#lib/server/commitments/actions.service.ts';
import { canManageCommitments, isResponsibleOfficer } from '#lib/server/commitments/commitments.policy.ts';

export async function actionsInCharge(db: Db, actor: Actor, cityId: string): Promise<Action[]> {
	const [actions, departments] = await Promise.all([listActions(db, cityId), listDepartments(db, cityId)]);
	if (canManageCommitments(actor, cityId)) return actions;
	// Departments by id → their code and names in every language (an officer's role may name either).
	const keys = new Map(departments.map((department) => [department.id, [department.code, ...Object.values(department.name).filter((name): name is string => Boolean(name))]]));
	return actions.filter((action) =>
		isResponsibleOfficer(actor, cityId, { departmentKeys: action.departmentIds.flatMap((id) => keys.get(id) ?? []), leadOfficerId: action.leadOfficerId })
	);
}
