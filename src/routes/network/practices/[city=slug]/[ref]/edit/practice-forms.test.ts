// Writing a good practice on the platform: the new and edit pages' actions (texts one language at
// a time, readers, publishing, files) for the city's staff only — the user of another city and an
// anonymous user are refused and change nothing; bad input is reported on its field; files are
// checked as evidence is and downloaded safely, practitioners-only files only by practitioners.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { Actor } from '#lib/server/accounts/index.ts';
import { localFileStore, type FileStore } from '#lib/server/files/file-store.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '#lib/server/testing/test-database.ts';
import { memberCity, networkAdmin, personWith } from '#lib/server/testing/network-factories.ts';
import { requestEvent } from '#lib/server/testing/request-event.ts';
import { ANONYMOUS } from '#lib/server/network/network.policy.ts';
import { viewerOf } from '#lib/server/network/membership.service.ts';
import { getPractice, listCityPractices, searchKnowledge } from '#lib/server/network/practices.service.ts';
import { actions as newActions, load as newLoad } from '../../new/+page.server.ts';
import { actions as editActions, load as editLoad } from './+page.server.ts';
import { GET as download } from '../files/[id]/+server.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

type Entries = [string, string | File][];

function body(entries: Entries): FormData {
	const form = new FormData();
	for (const [name, value] of entries) form.append(name, value);
	return form;
}

describe.each(DIALECTS)('writing practices on %s', (dialect) => {
	let database: TestDatabase;
	let root: string;
	let store: FileStore;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-practice-files-'));
		store = localFileStore(root);
	});
	afterEach(async () => {
		await database.cleanup();
		fs.rmSync(root, { recursive: true, force: true });
	});

	function event(url: string, params: Record<string, string>, actor: Actor | null, entries?: Entries, locale = 'en') {
		const { event: made } = requestEvent(`https://example.org${url}`, { method: entries ? 'POST' : 'GET', ...(entries ? { body: body(entries) } : {}), locals: { db: database.db, actor, locale, files: store } as Partial<App.Locals> });
		(made as { params: unknown }).params = params;
		return made as never;
	}

	/** An action's outcome: the redirect, the failure (status and field errors) or the HTTP error. */
	async function outcome(run: () => unknown) {
		try {
			const result = (await run()) as { status: number; data: { errors: Record<string, string>; params?: Record<string, unknown> } };
			return { status: result.status, errors: result.data.errors };
		} catch (thrown) {
			if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
			if (isHttpError(thrown)) return { status: thrown.status };
			throw thrown;
		}
	}

	const fields = (overrides: Record<string, string> = {}): Entries =>
		Object.entries({
			lang: 'es',
			title: 'Oficinas de vivienda',
			summary: 'Asesoría gratuita para inquilinos.',
			body: 'Los asesores atienden en las bibliotecas cada semana.',
			results: '1.200 desahucios evitados.',
			layer: 'public',
			tags: 'udhr:25, sdg:11.1',
			groups: 'low_income',
			budgetAmount: '250000',
			budgetCurrency: 'eur',
			startedYear: '2019',
			contactName: 'Ana',
			contactRole: 'Coordinadora',
			contactEmail: 'ana@example.org',
			practitionerNotes: 'Pregunten por el convenio con los juzgados.',
			...overrides
		});

	it('lets the city’s staff write, edit, publish and attach; others are refused and nothing changes', { timeout: 90_000 }, async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const madrid = await memberCity(db, admin, { name: 'Madrid' });
		const seoul = await memberCity(db, admin, { name: 'Seoulville' });
		const officer = await personWith(db, [{ cityId: madrid.city.id, role: 'officer' }]);
		const resident = await personWith(db, [{ cityId: madrid.city.id, role: 'resident' }]);
		const newUrl = `/network/practices/${madrid.city.slug}/new`;
		const cityParams = { city: madrid.city.slug };
		const create = (actor: Actor | null, entries: Entries) => outcome(() => newActions.default(event(newUrl, cityParams, actor, entries)));

		// The page and its form: anonymous to sign-in, others' staff and residents 403.
		expect(await outcome(() => newLoad(event(newUrl, cityParams, null)))).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await outcome(() => newLoad(event(newUrl, cityParams, seoul.cityAdmin)))).toEqual({ status: 403 });
		expect(await outcome(() => newLoad(event(newUrl, cityParams, resident)))).toEqual({ status: 403 });
		expect(await create(null, fields())).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await create(seoul.cityAdmin, fields())).toEqual({ status: 403 });
		expect(await create(resident, fields())).toEqual({ status: 403 });
		expect(await listCityPractices(db, await viewerOf(db, madrid.cityAdmin), madrid.city.id)).toEqual([]);

		// Bad input: each problem on its field, nothing saved.
		expect(await create(officer, fields({ title: '', summary: '' }))).toEqual({ status: 400, errors: { title: 'required', summary: 'required' } });
		expect(await create(officer, fields({ tags: 'udhr:25, udhr:999' }))).toEqual({ status: 400, errors: { tags: 'tag_unknown' } });
		expect(await create(officer, fields({ startedYear: '1900' }))).toEqual({ status: 400, errors: { startedYear: 'year_invalid' } });
		expect(await create(officer, fields({ budgetCurrency: 'XYZ' }))).toEqual({ status: 400, errors: { budgetCurrency: 'currency_invalid' } });
		expect(await create(officer, fields({ budgetCurrency: '' }))).toEqual({ status: 400, errors: { budgetCurrency: 'required' } });
		expect(await create(officer, fields({ contactEmail: 'not an address' }))).toEqual({ status: 400, errors: { contact: 'email_invalid' } });
		expect(await create(officer, fields({ layer: 'secret' }))).toEqual({ status: 400, errors: { layer: 'choice_invalid' } });
		expect(await create(officer, [...fields(), ['link.1.type', 'commitment'], ['link.1.target', 'C-404']])).toEqual({ status: 400, errors: { links: 'link_unknown', 'links.0': 'link_unknown' } });
		expect(await create(officer, [...fields(), ['link.2.type', 'url'], ['link.2.target', 'javascript:alert(1)']])).toEqual({ status: 400, errors: { links: 'url_invalid', 'links.0': 'url_invalid' } });
		expect(await listCityPractices(db, await viewerOf(db, madrid.cityAdmin), madrid.city.id)).toEqual([]);

		// The city's officer writes it: a draft, with a link to a web page.
		const created = await create(officer, [...fields(), ['link.1.type', 'url'], ['link.1.target', 'https://madrid.example.org/vivienda'], ['link.1.label', 'Programa']]);
		expect(created).toEqual({ status: 303, location: `/network/practices/${madrid.city.slug}/GP-1/edit?done=created` });
		const params = { city: madrid.city.slug, ref: 'GP-1' };
		const editUrl = `/network/practices/${madrid.city.slug}/GP-1/edit`;
		let practice = await getPractice(db, await viewerOf(db, officer), madrid.city.id, 'GP-1');
		expect(practice).toMatchObject({
			status: 'draft',
			layer: 'public',
			originalLocale: 'es',
			title: { es: 'Oficinas de vivienda' },
			budget: { amount: 250000, currency: 'EUR' },
			startedYear: 2019,
			groups: ['low_income'],
			tags: ['sdg:11.1', 'udhr:25'],
			impliedTags: ['sdg:11'],
			contact: { name: 'Ana', role: 'Coordinadora', email: 'ana@example.org' },
			links: [{ type: 'url', target: 'https://madrid.example.org/vivienda', label: 'Programa' }]
		});
		// A draft is not for the public, nor for the other city.
		await expect(getPractice(db, ANONYMOUS, madrid.city.id, 'GP-1')).rejects.toMatchObject({ code: 'practice_not_found' });

		// The edit page shows the texts in the language asked; the other city's staff cannot open it.
		const page = (await editLoad(event(`${editUrl}?text=es`, params, officer))) as unknown as { values: Record<string, string>; languages: string[] };
		expect(page.values).toMatchObject({ lang: 'es', title: 'Oficinas de vivienda', tags: 'sdg:11.1, udhr:25', 'link.1.target': 'https://madrid.example.org/vivienda' });
		expect(await outcome(() => editLoad(event(editUrl, params, seoul.cityAdmin)))).toEqual({ status: 403 });
		expect(await outcome(() => editLoad(event(editUrl, params, null)))).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });

		// An English text is added without touching the Spanish one; a stale version is a conflict.
		const save = (actor: Actor | null, entries: Entries) => outcome(() => editActions.save(event(`${editUrl}?/save`, params, actor, entries)));
		const englishText = { lang: 'en', title: 'Housing advice desks', summary: 'Free advice for tenants.', body: 'Advisers meet tenants in libraries.', results: '', practitionerNotes: '' };
		const english = fields(englishText);
		expect(await save(seoul.cityAdmin, [...english, ['version', String(practice.version)]])).toEqual({ status: 403 });
		expect(await save(null, [...english, ['version', String(practice.version)]])).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await save(officer, [...fields({ ...englishText, title: '' }), ['version', String(practice.version)]])).toEqual({ status: 400, errors: { title: 'required' } });
		expect(await save(officer, [...english, ['version', String(practice.version)]])).toEqual({ status: 303, location: `${editUrl}?text=en&done=saved` });
		expect(await save(officer, [...english, ['version', String(practice.version)]])).toEqual({ status: 409, errors: { form: 'conflict' } });
		practice = await getPractice(db, await viewerOf(db, officer), madrid.city.id, 'GP-1');
		expect(practice.title).toEqual({ es: 'Oficinas de vivienda', en: 'Housing advice desks' });
		expect(practice.results).toEqual({ es: '1.200 desahucios evitados.' });
		expect(practice.links).toEqual([]);

		// Publishing: the other city's admin cannot; the officer can; then it is found by search.
		const status = (actor: Actor | null, value: string, version = practice.version) => outcome(() => editActions.status(event(`${editUrl}?/status`, params, actor, [['status', value], ['version', String(version)]])));
		expect(await status(seoul.cityAdmin, 'published')).toEqual({ status: 403 });
		expect(await status(officer, 'hidden')).toEqual({ status: 400, errors: { status: 'choice_invalid' } });
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'bibliotecas' }, 'es')).total).toBe(0);
		expect(await status(officer, 'published')).toEqual({ status: 303, location: `${editUrl}?done=published` });
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'bibliotecas' }, 'es')).results.map((hit) => hit.practice.ref)).toEqual(['GP-1']);
		practice = await getPractice(db, ANONYMOUS, madrid.city.id, 'GP-1');
		expect(practice.contact).toBeNull();

		// Files: checked like evidence, for a layer; the other city cannot add or remove any.
		const attach = (actor: Actor | null, entries: Entries) => outcome(() => editActions.attach(event(`${editUrl}?/attach`, params, actor, entries)));
		const pdf = (name: string) => new File([PDF], name, { type: 'application/pdf' });
		expect(await attach(seoul.cityAdmin, [['files', pdf('report.pdf')], ['layer', 'public']])).toEqual({ status: 403 });
		expect(await attach(officer, [['files', new File([new TextEncoder().encode('MZ\x90\x00')], 'setup.pdf')], ['layer', 'public']])).toEqual({ status: 400, errors: { files: 'file_type_forbidden' } });
		expect(await attach(officer, [['layer', 'public']])).toEqual({ status: 400, errors: { files: 'required' } });
		expect(await attach(officer, [['files', pdf('report.pdf')], ['layer', 'everyone']])).toEqual({ status: 400, errors: { layer: 'choice_invalid' } });
		expect(await attach(officer, [['files', pdf('informe anual.pdf')], ['layer', 'public']])).toEqual({ status: 303, location: `${editUrl}?done=attached#files` });
		expect(await attach(officer, [['files', pdf('convenio.pdf')], ['layer', 'practitioners']])).toEqual({ status: 303, location: `${editUrl}?done=attached#files` });
		const files = (await getPractice(db, await viewerOf(db, officer), madrid.city.id, 'GP-1')).attachments;
		expect(files.map((file) => [file.name, file.layer])).toEqual([
			['informe anual.pdf', 'public'],
			['convenio.pdf', 'practitioners']
		]);

		// Downloads: as an attachment, no sniffing; the practitioners' file is 404 for the public.
		const get = async (actor: Actor | null, id: string) => {
			try {
				return await download(event(`/network/practices/${madrid.city.slug}/GP-1/files/${id}`, { ...params, id }, actor));
			} catch (thrown) {
				if (isHttpError(thrown)) return new Response(null, { status: thrown.status });
				throw thrown;
			}
		};
		const publicFile = await get(null, files[0]!.id);
		expect(publicFile.status).toBe(200);
		expect(publicFile.headers.get('content-type')).toBe('application/pdf');
		expect(publicFile.headers.get('content-disposition')).toMatch(/^attachment; filename="informe anual.pdf"/);
		expect(publicFile.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new Uint8Array(await publicFile.arrayBuffer())).toEqual(PDF);
		expect((await get(null, files[1]!.id)).status).toBe(404);
		expect((await get(resident, files[1]!.id)).status).toBe(404);
		expect((await get(seoul.cityAdmin, files[1]!.id)).status).toBe(200);
		expect((await get(null, 'not-a-uuid')).status).toBe(404);

		// Removing a file: the other city cannot; the officer can, and it is no longer served.
		const detach = (actor: Actor | null, id: string) => outcome(() => editActions.detach(event(`${editUrl}?/detach`, params, actor, [['attachmentId', id]])));
		expect(await detach(seoul.cityAdmin, files[0]!.id)).toEqual({ status: 403 });
		expect(await detach(officer, 'unknown')).toEqual({ status: 404, errors: { form: 'attachment_not_found' } });
		expect(await detach(officer, files[0]!.id)).toEqual({ status: 303, location: `${editUrl}?done=detached#files` });
		expect((await get(null, files[0]!.id)).status).toBe(404);

		// Practitioners only: gone for the public and its search, still there for practitioners.
		practice = await getPractice(db, await viewerOf(db, officer), madrid.city.id, 'GP-1');
		expect(await save(officer, [...fields({ layer: 'practitioners' }), ['version', String(practice.version)]])).toMatchObject({ status: 303 });
		await expect(getPractice(db, ANONYMOUS, madrid.city.id, 'GP-1')).rejects.toMatchObject({ code: 'practice_not_found' });
		expect((await searchKnowledge(db, ANONYMOUS, { q: 'bibliotecas' }, 'es')).total).toBe(0);
		expect((await searchKnowledge(db, await viewerOf(db, seoul.cityAdmin), { q: 'bibliotecas' }, 'es')).total).toBe(1);
	});
});
