/**
 * The knowledge centre's writing pages and the events' materials in the authorization matrix
 * (part of network.matrix.ts):
 * York's demo practices as the run finds them (their versions; a file added to one for the matrix
 * to remove, through the services as York's city admin; a material of the demo forum), and the
 * expected answers. The matrix walks every route as each kind of user in turn (anonymous,
 * resident, officer and admin of York, Graz's admin, network admin), so a change the officer saves
 * first is a stale version (409) for those who come after.
 */
import path from 'node:path';
import { localFileStore } from '../files/file-store.ts';
import { CITY_A, all, staffArea, type Expectation, type MatrixWorldBase, type MatrixWorldContext, type Statuses } from '../testing/matrix.ts';
import { addAttachments, getPractice } from './practices.service.ts';
import { viewerOf } from './membership.service.ts';
import { addMaterial, getEvent } from './events.service.ts';
import { systemActor } from '../accounts/index.ts';

/** The demo's forum (hosted by Gwangju): only the network admin (or Gwangju's staff) manage its materials. */
const DEMO_FORUM = 'E-1';

/** York's demo practices: GP-1 (public) and GP-2 (practitioners only). */
export const YORK_PUBLIC_PRACTICE = 'GP-1';
export const YORK_PRACTITIONERS_PRACTICE = 'GP-2';

export interface PracticesWorld {
	/** York's GP-2 as the run found it: the matrix saves it (the officer first) and adds files; `fileId` is one it removes. */
	edited: { version: number; fileId: string };
	/** York's GP-1 as the run found it: the matrix publishes it again (the officer first). */
	republished: { version: number };
	/** A material of the demo forum (hosted by Gwangju) that the network admin removes. */
	materialId: string;
}

const PDF = '%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n';

export async function practiceWorld({ db, cityIdA, adminA, dataDir }: MatrixWorldContext): Promise<PracticesWorld> {
	const store = localFileStore(path.join(dataDir, 'files'));
	const viewer = await viewerOf(db, adminA);
	const file = (name: string) => [{ name, bytes: new TextEncoder().encode(PDF) }];
	const edited = await getPractice(db, viewer, cityIdA, YORK_PRACTITIONERS_PRACTICE);
	const republished = await getPractice(db, viewer, cityIdA, YORK_PUBLIC_PRACTICE);
	const [removable] = await addAttachments(db, store, adminA, cityIdA, edited.id, file('matrix-to-remove.pdf'), 'practitioners');
	const operator = await viewerOf(db, { ...systemActor('cli', []), networkAdmin: true });
	const forum = await getEvent(db, operator, DEMO_FORUM);
	const material = await addMaterial(db, store, operator, forum.id, { title: 'Matrix material', url: 'https://example.org/matrix', layer: 'public', lang: 'en' });
	return { edited: { version: edited.version, fileId: removable!.id }, republished: { version: republished.version }, materialId: material.id };
}

const practices = (base: MatrixWorldBase) => (base.modules.network as { practices: PracticesWorld }).practices;
/** York's staff and the network admin; the first of them to save wins, the others hold a stale version. */
const networkAdminOnly = (ok: number): Statuses => ({ anonymous: 303, residentA: 403, officerA: 403, adminA: 403, adminB: 403, networkAdmin: ok });
const firstWriterWins: Statuses = { anonymous: 303, residentA: 403, officerA: 303, adminA: 409, adminB: 403, networkAdmin: 409 };
const fields = (title: string, layer = 'public'): Record<string, string> => ({ lang: 'en', title, summary: 'Made by the matrix', layer, tags: 'udhr:25' });
const edit = `/network/practices/${CITY_A}/${YORK_PRACTITIONERS_PRACTICE}/edit`;

export const practiceExpectations: Record<string, Expectation> = {
	'GET /network/practices/[city=slug]': { path: `/network/practices/${CITY_A}`, expect: all(200) },
	'GET /network/practices/[city=slug]/new': { path: `/network/practices/${CITY_A}/new`, expect: staffArea(200) },
	'POST /network/practices/[city=slug]/new': { path: `/network/practices/${CITY_A}/new`, form: () => fields('Matrix new practice'), expect: staffArea(303) },
	'GET /network/practices/[city=slug]/[ref]/edit': { path: edit, expect: staffArea(200) },
	// York's practitioners-only practice, changed (and kept for practitioners).
	'POST /network/practices/[city=slug]/[ref]/edit?/save': { path: edit, form: (_actor, base) => ({ ...fields('What we learned from five years of indicator reports (matrix)', 'practitioners'), version: String(practices(base).edited.version) }), expect: firstWriterWins },
	'POST /network/practices/[city=slug]/[ref]/edit?/status': { path: `/network/practices/${CITY_A}/${YORK_PUBLIC_PRACTICE}/edit`, form: (_actor, base) => ({ status: 'published', version: String(practices(base).republished.version) }), expect: firstWriterWins },
	'POST /network/practices/[city=slug]/[ref]/edit?/attach': { path: edit, form: () => ({ layer: 'public' }), file: { field: 'files', name: 'matrix.pdf', mimeType: 'application/pdf', content: PDF }, expect: staffArea(303) },
	// The officer removes the file first; it is gone for those who come after.
	'POST /network/practices/[city=slug]/[ref]/edit?/detach': { path: edit, form: (_actor, base) => ({ attachmentId: practices(base).edited.fileId }), expect: { ...firstWriterWins, adminA: 404, networkAdmin: 404 } },
	// Files have random ids (as evidence does): an unknown one is 404 for everyone; who may download
	// which file is tested in practice-forms.test.ts.
	'GET /network/practices/[city=slug]/[ref]/files/[id]': { path: `/network/practices/${CITY_A}/${YORK_PUBLIC_PRACTICE}/files/00000000-0000-7000-8000-000000000000`, expect: all(404) },
	// ——— Event materials: the forum is Gwangju's, so of these users only the network admin may. ———
	'POST /network/events/[ref]?/material': { path: `/network/events/${DEMO_FORUM}`, form: () => ({ title: 'Matrix slides', url: 'https://example.org/slides', layer: 'public', lang: 'en' }), expect: networkAdminOnly(303) },
	'POST /network/events/[ref]?/unmaterial': { path: `/network/events/${DEMO_FORUM}`, form: (_actor, base) => ({ materialId: practices(base).materialId }), expect: networkAdminOnly(303) },
	'GET /network/events/[ref]/materials/[id]': { path: `/network/events/${DEMO_FORUM}/materials/00000000-0000-7000-8000-000000000000`, expect: all(404) }
};
