// What the admin pages need beyond the lead's service tests: looking a declaration up by its
// reference, the staff list for "lead officer", and an officer's limits when editing an action.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { staffActor, cityWithSmallPlan, actionInputOf } from '../testing/commitment-factories.ts';
import { nowIso } from '../db/ids.ts';
import { insertRole } from '../accounts/index.ts';
import { createDeclaration, deleteDeclaration, getDeclarationByRef } from './declarations.service.ts';
import { getAction, listStaff, updateAction } from './actions.service.ts';
import type { ActionInput } from './commitments.schema.ts';

describe.each(DIALECTS)('staff edits on %s', (dialect) => {
	let { database, cityId, admin, world } = {} as Awaited<ReturnType<typeof cityWithSmallPlan>>;
	beforeEach(async () => void ({ database, cityId, admin, world } = await cityWithSmallPlan(dialect)));
	afterEach(() => database.cleanup());

	it('finds a declaration by its reference in its own city only, and not once deleted', async () => {
		const created = await createDeclaration(database.db, admin, cityId, { title: { en: 'Declaration' }, adoptedBy: 'mayor', process: 'informal' });
		expect((await getDeclarationByRef(database.db, cityId, created.ref)).id).toBe(created.id);
		const elsewhere = (await createCity(database.db)).id;
		await expect(getDeclarationByRef(database.db, elsewhere, created.ref)).rejects.toMatchObject({ code: 'declaration_not_found' });
		await deleteDeclaration(database.db, admin, cityId, created.id, created.version);
		await expect(getDeclarationByRef(database.db, cityId, created.ref)).rejects.toMatchObject({ code: 'declaration_not_found' });
	});

	it('lists each staff member once, with all their staff roles and their department', async () => {
		const officer = await staffActor(database.db, cityId, 'officer', 'housing');
		await insertRole(database.db, { city_id: cityId, person_id: officer.personId, role: 'city_admin', department: null, granted_by: null, created_at: nowIso() });
		await staffActor(database.db, cityId, 'resident');
		const staff = await listStaff(database.db, cityId);
		expect(staff.map((member) => member.id).sort()).toEqual([admin.personId, officer.personId].sort());
		const both = staff.find((member) => member.id === officer.personId)!;
		expect(both.roles.sort()).toEqual(['city_admin', 'officer']);
		expect(both.department).toBe('housing');
	});

	it('refuses an officer who changes the lead officer, the budget or the weight, and saves nothing', async () => {
		const officer = await staffActor(database.db, cityId, 'officer', 'housing');
		const desk = world.children[0];
		for (const change of [{ leadOfficerId: officer.personId }, { budgetAmount: 5000, budgetCurrency: 'EUR' }, { weight: 10 }] satisfies Partial<ActionInput>[]) {
			await expect(updateAction(database.db, officer, cityId, desk.id, desk.version, actionInputOf(desk, change))).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect(await getAction(database.db, cityId, desk.id)).toMatchObject({ leadOfficerId: null, budgetAmount: null, weight: 3, version: desk.version });
		// Content, dates, status and progress are theirs to change.
		const saved = await updateAction(database.db, officer, cityId, desk.id, desk.version, actionInputOf(desk, { title: { en: 'Open two desks' }, dueDate: '2027-06-30', progress: 40, status: 'in_progress' }));
		expect(saved).toMatchObject({ title: { en: 'Open two desks' }, dueDate: '2027-06-30', progress: 40 });
		// The city admin may set all of them.
		const byAdmin = await updateAction(database.db, admin, cityId, desk.id, saved.version, actionInputOf(saved, { leadOfficerId: officer.personId, budgetAmount: 5000, budgetCurrency: 'eur', weight: 2 }));
		expect(byAdmin).toMatchObject({ leadOfficerId: officer.personId, budgetAmount: 5000, budgetCurrency: 'EUR', weight: 2 });
	});
});
