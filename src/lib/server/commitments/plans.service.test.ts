import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../testing/test-database.ts';
import { createCity } from '../testing/factories.ts';
import { staffActor, cityWithAdmin, type CityWithAdmin } from '../testing/commitment-factories.ts';
import { createDeclaration, createDepartment, deleteDepartment, updateDeclaration, listDeclarations } from './declarations.service.ts';
import { createCommitment, createPlan, deleteCommitment, getCommitment, updateCommitment } from './plans.service.ts';
import { createAction } from './actions.service.ts';
import { readLedgerPage } from '../ledger/index.ts';

describe.each(DIALECTS)('declarations, departments, plans and commitments on %s', (dialect) => {
	let { database, cityId, admin } = {} as CityWithAdmin;
	beforeEach(async () => {
		({ database, cityId, admin } = await cityWithAdmin(dialect));
	});
	afterEach(() => database.cleanup());

	it('keeps a declaration’s texts per locale and records each edit as a diff', async () => {
		const declaration = await createDeclaration(database.db, admin, cityId, {
			title: { en: 'Human rights city declaration', es: 'Declaración de ciudad de derechos humanos' },
			adoptedOn: '2017-04-24',
			adoptedBy: 'council_decision',
			process: 'formal',
			instruments: ['udhr', 'crpd'],
			sourceUrl: 'https://example.org/declaration.pdf'
		});
		expect(declaration.ref).toBe('D-1');
		const edited = await updateDeclaration(database.db, admin, cityId, declaration.id, declaration.version, {
			title: { ...declaration.title, ko: '인권도시 선언' } as Record<string, string>,
			adoptedOn: '2017-04-24',
			adoptedBy: 'council_decision',
			process: 'formal',
			instruments: ['udhr', 'crpd', 'cedaw'],
			sourceUrl: 'https://example.org/declaration.pdf'
		});
		expect(edited.title).toEqual({ en: 'Human rights city declaration', es: 'Declaración de ciudad de derechos humanos', ko: '인권도시 선언' });
		const entry = (await readLedgerPage(database.db, cityId, { entityType: 'declaration', action: 'update' })).entries[0]!;
		expect(Object.keys(entry.change).sort()).toEqual(['instruments', 'title']);
		await expect(updateDeclaration(database.db, admin, cityId, declaration.id, declaration.version, { title: { en: 'x' }, adoptedBy: 'mayor', process: 'formal' })).rejects.toMatchObject({ code: 'conflict' });
		expect((await listDeclarations(database.db, cityId)).length).toBe(1);
	});

	it('refuses bad declaration fields with their rules', async () => {
		await expect(createDeclaration(database.db, admin, cityId, { title: {}, adoptedBy: 'king' as 'mayor', process: 'formal', sourceUrl: 'javascript:alert(1)', instruments: ['magna_carta' as 'udhr'] })).rejects.toMatchObject({
			details: { fields: { title: 'required', adoptedBy: 'choice_invalid', sourceUrl: 'url_invalid', instruments: 'choice_invalid' } }
		});
	});

	it('tags a commitment with a target and implies its goal; unknown codes are refused by name', async () => {
		const plan = await createPlan(database.db, admin, cityId, { title: { en: 'Plan' }, periodStart: 2025, periodEnd: 2028 });
		const commitment = await createCommitment(database.db, admin, cityId, { planId: plan.id, title: { en: 'Housing' }, tags: ['udhr:25', 'sdg:11.1', 'gwangju:1'] });
		expect(commitment.tags.sort()).toEqual(['gwangju:1', 'sdg:11.1', 'udhr:25']);
		expect(commitment.impliedTags).toEqual(['sdg:11']);
		await expect(createCommitment(database.db, admin, cityId, { planId: plan.id, title: { en: 'X' }, tags: ['udhr:31', 'sdg:11.9', 'duty:protect'] })).rejects.toMatchObject({
			details: { field: 'tags', rule: 'tag_unknown', unknown: ['udhr:31', 'sdg:11.9', 'duty:protect'] }
		});
		// Tagging the goal itself keeps it explicit, not implied.
		const both = await updateCommitment(database.db, admin, cityId, commitment.id, commitment.version, { planId: plan.id, title: { en: 'Housing' }, tags: ['sdg:11', 'sdg:11.1'] });
		expect(both.impliedTags).toEqual([]);
		expect(both.tags.sort()).toEqual(['sdg:11', 'sdg:11.1']);
	});

	it('needs a declaration or a plan for a commitment, and a plan whose end is not before its start', async () => {
		await expect(createCommitment(database.db, admin, cityId, { title: { en: 'Floating' } })).rejects.toMatchObject({ details: { fields: { planId: 'container_required' } } });
		await expect(createPlan(database.db, admin, cityId, { title: { en: 'Backwards' }, periodStart: 2028, periodEnd: 2025 })).rejects.toMatchObject({ details: { fields: { periodEnd: 'period_end_before_start' } } });
	});

	it('refuses to delete a department or commitment still in use', async () => {
		const plan = await createPlan(database.db, admin, cityId, { title: { en: 'Plan' }, periodStart: 2025, periodEnd: 2028 });
		const department = await createDepartment(database.db, admin, cityId, { code: 'housing', name: { en: 'Housing' } });
		await expect(createDepartment(database.db, admin, cityId, { code: 'housing', name: { en: 'Again' } })).rejects.toMatchObject({ details: { fields: { code: 'code_taken' } } });
		await expect(createDepartment(database.db, admin, cityId, { code: 'Bad Code!', name: { en: 'X' } })).rejects.toMatchObject({ details: { fields: { code: 'code_invalid' } } });
		const commitment = await createCommitment(database.db, admin, cityId, { planId: plan.id, title: { en: 'Housing' } });
		await createAction(database.db, admin, cityId, { planId: plan.id, commitmentId: commitment.id, title: { en: 'Desk' }, departmentIds: [department.id] });
		await expect(deleteDepartment(database.db, admin, cityId, department.id, department.version)).rejects.toMatchObject({ code: 'conflict', details: { rule: 'department_in_use' } });
		await expect(deleteCommitment(database.db, admin, cityId, commitment.id, commitment.version)).rejects.toMatchObject({ code: 'conflict', details: { rule: 'commitment_has_actions' } });
		expect((await getCommitment(database.db, cityId, commitment.id)).ref).toBe('C-1');
	});

	it('answers 403 to officers, residents, another city’s admin and anonymous users', async () => {
		const officer = await staffActor(database.db, cityId, 'officer', 'housing');
		const otherAdmin = await staffActor(database.db, (await createCity(database.db)).id, 'city_admin');
		for (const actor of [officer, otherAdmin, null]) {
			await expect(createDeclaration(database.db, actor, cityId, { title: { en: 'x' }, adoptedBy: 'mayor', process: 'formal' })).rejects.toMatchObject({ code: 'forbidden' });
			await expect(createPlan(database.db, actor, cityId, { title: { en: 'x' }, periodStart: 2025, periodEnd: 2026 })).rejects.toMatchObject({ code: 'forbidden' });
			await expect(createDepartment(database.db, actor, cityId, { code: 'x', name: { en: 'x' } })).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect((await readLedgerPage(database.db, cityId, {})).entries).toEqual([]);
	});
});
