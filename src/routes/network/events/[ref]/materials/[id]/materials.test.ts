// An event's materials from its page: the network admin or the organising city's staff add a
// file or a link (in a language, for a layer) and remove it; the staff of another city, a
// resident and an anonymous user are refused and change nothing; bad input is reported on its
// field; files are downloaded safely, practitioners-only ones by practitioners only.
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
import { createEvent, listMaterials } from '#lib/server/network/events.service.ts';
import { actions, load } from '../../+page.server.ts';
import { GET as download } from './+server.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

describe.each(DIALECTS)('event materials on %s', (dialect) => {
	let database: TestDatabase;
	let root: string;
	let store: FileStore;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'rightscity-material-files-'));
		store = localFileStore(root);
	});
	afterEach(async () => {
		await database.cleanup();
		fs.rmSync(root, { recursive: true, force: true });
	});

	it('are added and removed by the network admin and the organiser only, and downloaded by layer', { timeout: 60_000 }, async () => {
		const { db } = database;
		const admin = await networkAdmin(db);
		const gwangju = await memberCity(db, admin, { name: 'Gwangju' });
		const graz = await memberCity(db, admin, { name: 'Graz' });
		const organiser = await personWith(db, [{ cityId: gwangju.city.id, role: 'officer' }]);
		const resident = await personWith(db, [{ cityId: gwangju.city.id, role: 'resident' }]);
		const forum = await createEvent(db, await viewerOf(db, admin), {
			kind: 'forum',
			audience: 'public',
			title: { en: 'World Human Rights Cities Forum' },
			description: { en: 'The yearly forum' },
			startsLocal: '2030-10-14T09:30',
			endsLocal: '2030-10-16T18:00',
			timeZone: 'Asia/Seoul',
			mode: 'in_person',
			place: 'Gwangju',
			onlineUrl: null,
			languages: ['ko', 'en'],
			capacity: null,
			registrationClosesLocal: null,
			hostCityId: gwangju.city.id
		});
		const page = `/network/events/${forum.ref}`;
		const event = (url: string, params: Record<string, string>, actor: Actor | null, form?: FormData) => {
			const { event: made } = requestEvent(`https://example.org${url}`, { method: form ? 'POST' : 'GET', ...(form ? { body: form } : {}), locals: { db, actor, locale: 'ko', files: store } as Partial<App.Locals> });
			(made as { params: unknown }).params = params;
			return made as never;
		};
		const formOf = (fields: Record<string, string | File>) => {
			const form = new FormData();
			for (const [name, value] of Object.entries(fields)) form.append(name, value);
			return form;
		};
		const run = async (name: 'material' | 'unmaterial', actor: Actor | null, fields: Record<string, string | File>) => {
			try {
				const result = (await actions[name](event(`${page}?/${name}`, { ref: forum.ref }, actor, formOf(fields)))) as { status: number; data: { errors: Record<string, string> } };
				return { status: result.status, errors: result.data.errors };
			} catch (thrown) {
				if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
				throw thrown;
			}
		};
		const pdf = (name: string) => new File([PDF], name, { type: 'application/pdf' });
		const slides = { title: '발표 자료', lang: 'ko', layer: 'public', file: pdf('발표.pdf') };

		expect(await run('material', null, slides)).toMatchObject({ status: 303, location: expect.stringMatching(/^\/signin/) });
		expect(await run('material', graz.cityAdmin, slides)).toEqual({ status: 403, errors: { form: 'forbidden' } });
		expect(await run('material', resident, slides)).toEqual({ status: 403, errors: { form: 'forbidden' } });
		expect(await run('material', organiser, { title: '', lang: 'ko', layer: 'public', url: 'https://example.org/a' })).toEqual({ status: 400, errors: { title: 'required' } });
		expect(await run('material', organiser, { title: 'Nothing', lang: 'ko', layer: 'public' })).toEqual({ status: 400, errors: { url: 'url_or_file' } });
		expect(await run('material', organiser, { title: 'Bad link', layer: 'public', url: 'javascript:alert(1)' })).toEqual({ status: 400, errors: { url: 'url_invalid' } });
		expect(await run('material', organiser, { title: 'Bad language', lang: 'korean', layer: 'public', url: 'https://example.org/a' })).toEqual({ status: 400, errors: { lang: 'language_invalid' } });
		expect(await run('material', organiser, { ...slides, file: new File([new TextEncoder().encode('MZ\x90\x00')], 'setup.pdf') })).toEqual({ status: 400, errors: { file: 'file_type_forbidden' } });
		expect(await listMaterials(db, ANONYMOUS, forum)).toEqual([]);

		// The organiser (Gwangju's staff) adds slides in Korean; the network admin a report for practitioners.
		expect(await run('material', organiser, slides)).toEqual({ status: 303, location: `${page}?done=material_added#materials` });
		expect(await run('material', admin, { title: 'Internal report', lang: 'en', layer: 'practitioners', file: pdf('report.pdf') })).toMatchObject({ status: 303 });
		expect(await run('material', admin, { title: 'Recording', lang: '', layer: 'public', url: 'https://example.org/recording' })).toMatchObject({ status: 303 });
		const materials = await listMaterials(db, await viewerOf(db, admin), forum);
		expect(materials.map((material) => [material.title, material.lang, material.layer, material.file?.name ?? material.url])).toEqual([
			['발표 자료', 'ko', 'public', '발표.pdf'],
			['Internal report', 'en', 'practitioners', 'report.pdf'],
			['Recording', null, 'public', 'https://example.org/recording']
		]);
		// The public page lists what the reader may see.
		const shown = (await load(event(page, { ref: forum.ref }, null))) as unknown as { materials: { title: string }[]; organiser: boolean };
		expect(shown.materials.map((material) => material.title)).toEqual(['발표 자료', 'Recording']);
		expect(shown.organiser).toBe(false);

		const get = async (actor: Actor | null, id: string) => {
			try {
				return await download(event(`${page}/materials/${id}`, { ref: forum.ref, id }, actor));
			} catch (thrown) {
				if (isHttpError(thrown)) return new Response(null, { status: thrown.status });
				throw thrown;
			}
		};
		const file = await get(null, materials[0]!.id);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''%EB%B0%9C%ED%91%9C\.pdf$/);
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
		expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
		expect((await get(null, materials[1]!.id)).status).toBe(404);
		expect((await get(graz.cityAdmin, materials[1]!.id)).status).toBe(200);
		expect((await get(null, materials[2]!.id)).status).toBe(404);

		expect(await run('unmaterial', graz.cityAdmin, { materialId: materials[0]!.id })).toEqual({ status: 403, errors: { form: 'forbidden' } });
		expect(await run('unmaterial', organiser, { materialId: 'unknown' })).toEqual({ status: 404, errors: { form: 'material_not_found' } });
		expect(await run('unmaterial', organiser, { materialId: materials[0]!.id })).toEqual({ status: 303, location: `${page}?done=material_removed#materials` });
		expect((await get(null, materials[0]!.id)).status).toBe(404);
		expect((await listMaterials(db, ANONYMOUS, forum)).map((material) => material.title)).toEqual(['Recording']);
	});
});
