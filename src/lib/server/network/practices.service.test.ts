import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { memberCity, networkAdmin, personWith, practiceInput } from '../testing/network-factories.ts';
import { createCity } from '../testing/factories.ts';
import { isDomainError } from '../errors.ts';
import type { Actor } from '../accounts/index.ts';
import type { CityTable } from '../cities/index.ts';
import { ANONYMOUS, type Viewer } from './network.policy.ts';
import { viewerOf } from './membership.service.ts';
import { adoptionsOf, adoptPractice, createPractice, getPractice, listCityPractices, listRecentPractices, searchKnowledge, setPracticeStatus, similarTo, updatePractice } from './practices.service.ts';
import { SEARCH_MAX_CHARS } from './search-text.ts';
import { createCommitment, createDeclaration } from '../commitments/index.ts';
import { readLedgerPage } from '../ledger/index.ts';

async function failure(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (isDomainError(error)) return typeof error.details?.rule === 'string' && error.code !== 'forbidden' ? `${error.code}:${error.details.rule}` : error.code;
		throw error;
	}
	throw new Error('expected a failure');
}

const text = (parts: { text: string }[]) => parts.map((part) => part.text).join('');
const marked = (parts: { text: string; mark: boolean }[]) => parts.filter((part) => part.mark).map((part) => part.text);

describe.each(DIALECTS)('knowledge centre on %s', (dialect) => {
	let database: TestDatabase;
	let admin: Actor;
	let seoul: { city: CityTable; cityAdmin: Actor };
	let madrid: { city: CityTable; cityAdmin: Actor };
	let practitioner: Viewer;

	/** Publishes a practice of a city and returns its reference. */
	async function publish(owner: { city: CityTable; cityAdmin: Actor }, overrides: Parameters<typeof practiceInput>[0]) {
		const draft = await createPractice(database.db, owner.cityAdmin, owner.city.id, practiceInput(overrides));
		return setPracticeStatus(database.db, owner.cityAdmin, owner.city.id, draft.id, draft.version, 'published');
	}

	beforeAll(async () => {
		database = await createTestDatabase(dialect);
		const { db } = database;
		admin = await networkAdmin(db);
		seoul = await memberCity(db, admin, { name: 'Seoulville', country_code: 'KR', region: 'asia' });
		madrid = await memberCity(db, admin, { name: 'Madridejos', country_code: 'ES', region: 'europe' });
		practitioner = await viewerOf(db, seoul.cityAdmin);
		await publish(seoul, {
			originalLocale: 'ko',
			title: { ko: '인권옴부즈맨 제도' },
			summary: { ko: '시민이 시정으로 인한 인권침해를 진정합니다.' },
			body: { ko: '독립적인 옴부즈맨이 노인돌봄시설을 조사하고 권고합니다.' },
			tags: ['udhr:8', 'gwangju:8'],
			groups: ['older_persons']
		});
		await publish(seoul, {
			originalLocale: 'ar',
			title: { ar: 'مجلس الشباب المحلي' },
			summary: { ar: 'ينتخب الشباب مجلساً محلياً.' },
			body: { ar: 'تلتزم البلدية بالرد على توصيات المجلس بشأن الفضاءات العامة والمكتبات.' },
			tags: ['udhr:21'],
			groups: ['youth']
		});
		await publish(madrid, {
			originalLocale: 'es',
			title: { es: 'Estrategia antirrumores', sv: 'Strategi mot rykten' },
			summary: { es: 'Agentes formados desmontan prejuicios.', sv: 'Utbildade agenter bemöter fördomar.' },
			body: { es: 'Las entidades organizan talleres en los barrios con información sobre la población migrante.', sv: 'Föreningar ordnar samtal i bostadsområden om flyktingmottagande och fördomar.' },
			tags: ['udhr:2', 'sdg:10.2'],
			groups: ['migrants_refugees']
		});
		await publish(madrid, {
			layer: 'practitioners',
			originalLocale: 'es',
			title: { es: 'Lecciones internas del presupuesto confidencial' },
			summary: { es: 'Solo para profesionales: cómo negociamos el presupuesto.' },
			body: { es: 'Negociación interna con hacienda sobre partidas reservadas.' },
			tags: ['udhr:2', 'sdg:10.2'],
			groups: ['migrants_refugees']
		});
		await publish(madrid, {
			originalLocale: 'es',
			title: { es: 'Oficina para la no discriminación' },
			summary: { es: 'Atiende denuncias de discriminación.' },
			body: { es: 'Asesoría jurídica gratuita.' },
			practitionerNotes: { es: 'Nota reservada: la lista de espera confidencial supera los tres meses.' },
			contact: { name: 'Ana Demo', role: 'Coordinadora', email: 'ana@example.org' },
			tags: ['udhr:7', 'udhr:2', 'sdg:10.3']
		});
	}, 120_000); // Several practices published and indexed: slow on a busy 2-CPU machine.
	afterAll(() => database.cleanup());
	afterEach(() => undefined);

	it('finds a practice by a word in its body in Korean, Arabic, Spanish and Swedish, with the word highlighted', async () => {
		const { db } = database;
		const ko = await searchKnowledge(db, ANONYMOUS, { q: '노인돌봄시설' }, 'ko');
		expect(ko.results.map((result) => text(result.title))).toEqual(['인권옴부즈맨 제도']);
		expect(marked(ko.results[0]!.snippet)).toEqual(['노인돌봄시설']);
		// A two-syllable Korean word is a whole word there, found as a word prefix (옴부즈맨이 = 옴부즈맨 + particle).
		const short = await searchKnowledge(db, ANONYMOUS, { q: '인권' }, 'ko');
		expect(short.results.map((result) => result.practice.title.ko)).toEqual(['인권옴부즈맨 제도']);

		const ar = await searchKnowledge(db, ANONYMOUS, { q: 'المكتبات' }, 'ar');
		expect(ar.results.map((result) => text(result.title))).toEqual(['مجلس الشباب المحلي']);
		expect(marked(ar.results[0]!.snippet)).toEqual(['المكتبات']);
		// Vowel marks typed or not: the same word.
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'المَكتَبات' }, 'ar')).total).toBe(1);

		const es = await searchKnowledge(db, ANONYMOUS, { q: 'talleres barrios' }, 'es');
		expect(es.results.map((result) => text(result.title))).toEqual(['Estrategia antirrumores']);
		expect(marked(es.results[0]!.snippet)).toEqual(['talleres', 'barrios']);
		// Accents and case do not matter.
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'INFORMACION' }, 'es')).total).toBe(1);

		const sv = await searchKnowledge(db, ANONYMOUS, { q: 'flyktingmottagande' }, 'sv');
		expect(sv.results).toHaveLength(1);
		expect(sv.results[0]).toMatchObject({ locale: 'sv', layer: 'public' });
		expect(text(sv.results[0]!.title)).toBe('Strategi mot rykten');
		// The same practice found in Spanish is shown in Swedish to a Swedish reader only when it matched there.
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'prejuicios' }, 'sv')).results[0]).toMatchObject({ locale: 'es' });
	});

	it('hides the practitioners-only layer from the public and from public search results, counts and facets', async () => {
		const { db } = database;
		const hidden = await searchKnowledge(db, ANONYMOUS, { q: 'presupuesto' }, 'es');
		expect(hidden.total).toBe(0);
		expect(hidden.facets).toEqual({ locale: {}, region: {} });
		// Practitioners-only notes of a public practice are not searched publicly either.
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'confidencial' }, 'es')).total).toBe(0);
		const resident = await viewerOf(db, await personWith(db, [{ cityId: madrid.city.id, role: 'resident' }]));
		expect(resident.practitioner).toBe(false);
		expect((await searchKnowledge(db, resident, { q: 'confidencial' }, 'es')).total).toBe(0);

		const found = await searchKnowledge(db, practitioner, { q: 'confidencial' }, 'es');
		expect(found.results.map((result) => [text(result.title), result.layer]).sort()).toEqual([
			['Lecciones internas del presupuesto confidencial', 'practitioners'],
			['Oficina para la no discriminación', 'practitioners']
		]);

		const secret = (await listCityPractices(db, practitioner, madrid.city.id)).find((practice) => practice.layer === 'practitioners')!;
		expect(await failure(getPractice(db, ANONYMOUS, madrid.city.id, secret.ref))).toBe('practice_not_found');
		expect(await failure(getPractice(db, resident, madrid.city.id, secret.ref))).toBe('practice_not_found');
		expect((await getPractice(db, practitioner, madrid.city.id, secret.ref)).title.es).toBe('Lecciones internas del presupuesto confidencial');
		expect((await listCityPractices(db, ANONYMOUS, madrid.city.id)).map((practice) => practice.layer)).not.toContain('practitioners');
		expect((await listRecentPractices(db, ANONYMOUS, { limit: 50 })).practices.map((practice) => practice.layer)).not.toContain('practitioners');

		// The contact and the notes of a public practice: practitioners only.
		const office = (await listCityPractices(db, ANONYMOUS, madrid.city.id)).find((practice) => practice.title.es === 'Oficina para la no discriminación')!;
		const seen = await getPractice(db, ANONYMOUS, madrid.city.id, office.ref);
		expect(seen.contact).toBeNull();
		expect(seen.practitionerNotes).toEqual({});
		const full = await getPractice(db, practitioner, madrid.city.id, office.ref);
		expect(full.contact).toMatchObject({ name: 'Ana Demo' });
		expect(full.practitionerNotes.es).toContain('lista de espera');
	});

	it('reads any query as words: operators, quotes, search syntax, 10 KB and mixed scripts never fail', async () => {
		const { db } = database;
		const queries = [
			'"talleres',
			'talleres AND barrios OR NOT x',
			'NEAR(talleres barrios, 2)',
			'title:talleres',
			'tall* ^barrios -prejuicios',
			"'); drop table practice; --",
			'\\ \' " ` ( ) [ ] { } : ; & | ! * + -',
			'%_%',
			'&& || !! <-> :*',
			'서울 talleres مجلس',
			'🙂 talleres',
			'x'.repeat(SEARCH_MAX_CHARS),
			'a'
		];
		for (const q of queries) {
			const result = await searchKnowledge(db, ANONYMOUS, { q }, 'en');
			expect(Array.isArray(result.results), q).toBe(true);
		}
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'talleres AND barrios' }, 'es')).results).toHaveLength(1);
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'NEAR(talleres barrios, 2)' }, 'es')).total).toBe(0);
		expect((await searchKnowledge(db, ANONYMOUS, { q: '"talleres"' }, 'es')).total).toBe(1);
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'x'.repeat(10 * 1024) }, 'en')).problem).toBe('search_too_long');
		expect((await searchKnowledge(db, ANONYMOUS, { q: '" ( ) * -' }, 'en')).problem).toBe('search_no_words');
		const many = await searchKnowledge(db, ANONYMOUS, { q: 'one two three four five six seven eight nine ten' }, 'en');
		expect(many.dropped).toBe(2);
	});

	it('escapes nothing itself but returns plain text parts: markup in a practice stays text', async () => {
		const { db } = database;
		await publish(madrid, { title: { en: 'Tenant <script>alert(1)</script> rights' }, summary: { en: 'Evictions & <b>mediation</b> for tenants' } });
		const result = await searchKnowledge(db, ANONYMOUS, { q: 'mediation' }, 'en');
		expect(result.results).toHaveLength(1);
		expect(text(result.results[0]!.snippet)).toContain('<b>');
		expect(marked(result.results[0]!.snippet)).toEqual(['mediation']);
		expect(text(result.results[0]!.title)).toBe('Tenant <script>alert(1)</script> rights');
	});

	it('filters by language, region, city, right and group, with facets of the whole result', async () => {
		const { db } = database;
		const all = await searchKnowledge(db, practitioner, { q: 'discriminacion prejuicios' }, 'es');
		expect(all.total).toBe(0);
		const broad = await searchKnowledge(db, ANONYMOUS, { q: 'ent' }, 'es');
		expect(broad.total).toBeGreaterThan(0);
		const migrants = await searchKnowledge(db, ANONYMOUS, { q: 'agentes', group: 'migrants_refugees' }, 'es');
		expect(migrants.total).toBe(1);
		expect(migrants.facets.region).toEqual({ europe: 1 });
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'agentes', group: 'youth' }, 'es')).total).toBe(0);
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'agentes', tag: 'sdg:10' }, 'es')).total).toBe(1);
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'agentes', region: 'asia' }, 'es')).total).toBe(0);
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'agentes', cityId: seoul.city.id }, 'es')).total).toBe(0);
		const byLanguage = await searchKnowledge(db, ANONYMOUS, { q: 'agent' }, 'en');
		expect(byLanguage.facets.locale).toEqual({ es: 1, sv: 1 });
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'agent', locale: 'sv' }, 'en')).results[0]).toMatchObject({ locale: 'sv' });
		// The city's name finds its practices.
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'Seoulville' }, 'en')).total).toBe(2);
	});

	it('suggests similar practices by shared rights, goals and groups, never the hidden layer to the public', async () => {
		const { db } = database;
		const antirumours = (await listCityPractices(db, ANONYMOUS, madrid.city.id)).find((practice) => practice.title.es === 'Estrategia antirrumores')!;
		const practice = await getPractice(db, ANONYMOUS, madrid.city.id, antirumours.ref);
		const similar = await similarTo(db, ANONYMOUS, practice);
		expect(similar.map((card) => card.title.es ?? card.title.en)).toContain('Oficina para la no discriminación');
		expect(similar.map((card) => card.layer)).not.toContain('practitioners');
		expect(similar.map((card) => card.id)).not.toContain(practice.id);
		const forPractitioners = await similarTo(db, practitioner, practice);
		expect(forPractitioners[0]!.title.es).toBe('Lecciones internas del presupuesto confidencial');
	});

	it('only the city’s staff write its practices, and only while it is a member; bad input is refused on its field', async () => {
		const { db } = database;
		const stranger = await createCity(db);
		const strangerAdmin = await personWith(db, [{ cityId: stranger.id, role: 'city_admin' }]);
		expect(await failure(createPractice(db, strangerAdmin, stranger.id, practiceInput()))).toBe('conflict:not_member');
		expect(await failure(createPractice(db, madrid.cityAdmin, seoul.city.id, practiceInput()))).toBe('forbidden');
		expect(await failure(createPractice(db, null, seoul.city.id, practiceInput()))).toBe('forbidden');
		const resident = await personWith(db, [{ cityId: seoul.city.id, role: 'resident' }]);
		expect(await failure(createPractice(db, resident, seoul.city.id, practiceInput()))).toBe('forbidden');
		expect(await failure(createPractice(db, seoul.cityAdmin, seoul.city.id, practiceInput({ title: {} })))).toBe('invalid_input:required');
		expect(await failure(createPractice(db, seoul.cityAdmin, seoul.city.id, practiceInput({ tags: ['udhr:99'] })))).toBe('invalid_input:tag_unknown');
		expect(await failure(createPractice(db, seoul.cityAdmin, seoul.city.id, practiceInput({ budgetAmount: 10 })))).toBe('invalid_input:required');
		expect(await failure(createPractice(db, seoul.cityAdmin, seoul.city.id, practiceInput({ budgetAmount: 10, budgetCurrency: 'XYZ' })))).toBe('invalid_input:currency_invalid');
		expect(await failure(createPractice(db, seoul.cityAdmin, seoul.city.id, practiceInput({ links: [{ type: 'commitment', target: 'C-404', label: '' }] })))).toBe('invalid_input:link_unknown');
		expect(await failure(createPractice(db, seoul.cityAdmin, seoul.city.id, practiceInput({ links: [{ type: 'url', target: 'javascript:alert(1)', label: '' }] })))).toBe('invalid_input:url_invalid');
		// An officer writes; a stale version is a conflict.
		const officer = await personWith(db, [{ cityId: seoul.city.id, role: 'officer' }]);
		const draft = await createPractice(db, officer, seoul.city.id, practiceInput({ title: { en: 'Officer draft' } }));
		expect(draft.status).toBe('draft');
		expect(await failure(getPractice(db, ANONYMOUS, seoul.city.id, draft.ref))).toBe('practice_not_found');
		const saved = await updatePractice(db, officer, seoul.city.id, draft.id, draft.version, practiceInput({ title: { en: 'Officer draft, revised' } }));
		expect(await failure(updatePractice(db, officer, seoul.city.id, draft.id, draft.version, practiceInput()))).toBe('conflict:conflict');
		expect(saved.title.en).toBe('Officer draft, revised');
	});

	it('another member city adopts a practice with its own commitment: "adopted by" on the practice, in the adopting city’s ledger', async () => {
		const { db } = database;
		const antirumours = (await listCityPractices(db, ANONYMOUS, madrid.city.id)).find((practice) => practice.title.es === 'Estrategia antirrumores')!;
		const practice = await getPractice(db, ANONYMOUS, madrid.city.id, antirumours.ref);
		const declaration = await createDeclaration(db, seoul.cityAdmin, seoul.city.id, { title: { en: 'Declaration' }, adoptedBy: 'council_decision', process: 'formal' });
		const commitment = await createCommitment(db, seoul.cityAdmin, seoul.city.id, { declarationId: declaration.id, title: { en: 'No rumours about migrants' }, tags: ['udhr:2'] });
		expect(await failure(adoptPractice(db, madrid.cityAdmin, practitioner, madrid.city.id, practice, { commitmentRef: 'C-1', lang: 'en' }))).toBe('invalid_input:adopt_own');
		expect(await failure(adoptPractice(db, madrid.cityAdmin, practitioner, seoul.city.id, practice, { commitmentRef: commitment.ref, lang: 'en' }))).toBe('forbidden');
		expect(await failure(adoptPractice(db, seoul.cityAdmin, practitioner, seoul.city.id, practice, { commitmentRef: 'C-999', lang: 'en' }))).toBe('invalid_input:commitment_unknown');
		const adoption = await adoptPractice(db, seoul.cityAdmin, practitioner, seoul.city.id, practice, { commitmentRef: commitment.ref, note: 'Training for libraries', lang: 'en' });
		expect(adoption).toMatchObject({ city: { name: 'Seoulville' }, commitment: { ref: commitment.ref } });
		expect(await failure(adoptPractice(db, seoul.cityAdmin, practitioner, seoul.city.id, practice, { commitmentRef: commitment.ref, lang: 'en' }))).toBe('conflict:already_adopted');
		expect((await adoptionsOf(db, practice)).map((item) => item.city.name)).toEqual(['Seoulville']);
		const { entries } = await readLedgerPage(db, seoul.city.id, { entityType: 'practice_adoption' });
		expect(entries[0]).toMatchObject({ entity_type: 'practice_adoption', action: 'create', actor_role: 'city_admin' });
		expect(entries[0]!.change.commitment).toEqual([null, commitment.ref]);
	});
});
