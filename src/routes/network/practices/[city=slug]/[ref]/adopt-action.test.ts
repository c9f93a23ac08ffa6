// Taking a good practice up from its page: only an admin of another member city, with one of
// that city's commitments; bad input is reported on its field and records nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRedirect } from '@sveltejs/kit';
import type { Actor } from '#lib/server/accounts/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin, practiceInput } from '#lib/server/testing/network-factories.ts';
import { formOf, requestEvent } from '#lib/server/testing/request-event.ts';
import { createPractice, setPracticeStatus, adoptionsOf } from '#lib/server/network/practices.service.ts';
import { createCommitment, createDeclaration } from '#lib/server/commitments/index.ts';
import { actions, load } from './+page.server.ts';

describe.each(DIALECTS)('taking a practice up on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
	});
	afterEach(() => database.cleanup());

	it('records the adoption for the other city’s admin only; bad input is reported on its field', async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const madrid = await memberCity(db, admin, { name: 'Madrid' });
		const seoul = await memberCity(db, admin, { name: 'Seoulville' });
		const draft = await createPractice(db, madrid.cityAdmin, madrid.city.id, practiceInput());
		const practice = await setPracticeStatus(db, madrid.cityAdmin, madrid.city.id, draft.id, draft.version, 'published');
		const declaration = await createDeclaration(db, seoul.cityAdmin, seoul.city.id, { title: { en: 'Declaration' }, adoptedBy: 'council_decision', process: 'formal' });
		const commitment = await createCommitment(db, seoul.cityAdmin, seoul.city.id, { declarationId: declaration.id, title: { en: 'No rumours' }, tags: ['udhr:2'] });
		const path = `/network/practices/${madrid.city.slug}/${practice.ref}`;
		const params = { city: madrid.city.slug, ref: practice.ref };
		const event = (actor: Actor | null, entries: [string, string][] = []) => {
			const { event: made } = requestEvent(`https://example.org${path}`, { method: entries.length ? 'POST' : 'GET', ...(entries.length ? { body: formOf(entries) } : {}), locals: { db, actor, locale: 'en' } as Partial<App.Locals> });
			(made as { params: unknown }).params = params;
			return made;
		};
		const adopt = async (actor: Actor | null, entries: [string, string][]) => {
			try {
				const result = (await actions.adopt(event(actor, entries) as never)) as { status: number; data: { errors: Record<string, string> } };
				return { status: result.status, errors: result.data.errors };
			} catch (thrown) {
				if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
				throw thrown;
			}
		};
		const good: [string, string][] = [['cityId', seoul.city.id], ['commitmentRef', commitment.ref], ['note', 'For our libraries']];

		const offered = (await load(event(seoul.cityAdmin) as never)) as unknown as { adopters: { value: string }[] };
		expect(offered.adopters.map((city) => city.value)).toEqual([seoul.city.id]);
		expect(((await load(event(madrid.cityAdmin) as never)) as unknown as { adopters: unknown[] }).adopters).toEqual([]);

		expect(await adopt(null, good)).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await adopt(madrid.cityAdmin, good)).toEqual({ status: 403, errors: { form: 'forbidden' } });
		expect(await adopt(seoul.cityAdmin, [['cityId', seoul.city.id], ['commitmentRef', 'C-999']])).toEqual({ status: 400, errors: { commitmentRef: 'commitment_unknown' } });
		expect(await adopt(seoul.cityAdmin, [['commitmentRef', commitment.ref]])).toEqual({ status: 400, errors: { cityId: 'required' } });
		expect(await adopt(madrid.cityAdmin, [['cityId', madrid.city.id], ['commitmentRef', 'C-1']])).toEqual({ status: 400, errors: { cityId: 'adopt_own' } });
		expect(await adoptionsOf(db, practice)).toEqual([]);

		expect(await adopt(seoul.cityAdmin, good)).toEqual({ status: 303, location: `${path}?adopted=1` });
		expect(await adopt(seoul.cityAdmin, good)).toEqual({ status: 409, errors: { form: 'already_adopted' } });
		expect((await adoptionsOf(db, practice)).map((adoption) => [adoption.city.name, adoption.commitment.ref, adoption.note])).toEqual([['Seoulville', commitment.ref, 'For our libraries']]);
	});
});
