/**
 * Use cases of the criteria frameworks: the versions the network admin publishes (a shipped data
 * file with one click, or a new version uploaded as JSON, checked, shown as a draft with what it
 * changes, then published), retired when superseded. A published version is never changed:
 * assessments keep its id and document hash, so a new version leaves every past assessment and
 * result as it was. Publishing and retiring are in the network's ledger.
 *
 * @example
 *   const draft = await createDraftVersion(db, networkAdmin, fileText);
 *   await publishVersion(db, networkAdmin, draft.id);
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { appendLedger, NETWORK_CHAIN } from '../ledger/index.ts';
import fraDocument from './data/fra-2021.json' with { type: 'json' };
import gwangjuDocument from './data/gwangju-2014.json' with { type: 'json' };
import rolesDocument from './data/municipal-roles-2024.json' with { type: 'json' };
import { diffDocuments, documentHash, parseFrameworkDocument, type DocumentDiff, type DocumentProblem, type FrameworkDocument } from './framework-document.ts';
import * as repository from './frameworks.repository.ts';
import { canPublishFrameworks } from './standards.policy.ts';
import type { FrameworkVersionRow, FrameworkVersionStatus } from './standards.tables.ts';
import { BoundedCache } from '../bounded-cache.ts';

export interface FrameworkVersion {
	id: string;
	framework: string;
	version: string;
	status: FrameworkVersionStatus;
	document: FrameworkDocument;
	hash: string;
	createdAt: string;
	publishedAt: string | null;
	retiredAt: string | null;
}

function bundled(data: unknown, file: string): FrameworkDocument {
	const parsed = parseFrameworkDocument(data);
	if (!parsed.ok) throw new Error(`standards/data/${file}: ${parsed.problems.map((problem) => `${problem.path}: ${problem.rule}`).join('; ')}`);
	return parsed.document;
}

/** The framework versions shipped with Rights City (the network admin publishes them). */
export const BUNDLED_DOCUMENTS: readonly FrameworkDocument[] = [
	bundled(fraDocument, 'fra-2021.json'),
	bundled(gwangjuDocument, 'gwangju-2014.json'),
	bundled(rolesDocument, 'municipal-roles-2024.json')
];

/**
 * Documents parsed once per stored version (a published document never changes), within a byte
 * budget (a parsed document takes about three times its JSON text).
 */
const parsedDocuments = new BoundedCache<string, FrameworkDocument>(16 << 20, (key, document) => key.length * 2 + JSON.stringify(document).length * 3);

function toVersion(row: FrameworkVersionRow): FrameworkVersion {
	const key = `${row.id}|${row.document_hash}`;
	let document = parsedDocuments.get(key);
	if (!document) {
		document = JSON.parse(row.document) as FrameworkDocument;
		parsedDocuments.set(key, document, key.length * 2 + row.document.length * 3);
	}
	return {
		id: row.id,
		framework: row.framework,
		version: row.version,
		status: row.status,
		document,
		hash: row.document_hash,
		createdAt: row.created_at,
		publishedAt: row.published_at,
		retiredAt: row.retired_at
	};
}

function requirePublisher(actor: MaybeActor): void {
	if (!canPublishFrameworks(actor)) throw forbidden();
}

/** Every stored version (drafts too), newest first per framework. */
export async function listFrameworkVersions(db: Db): Promise<FrameworkVersion[]> {
	return (await repository.listVersions(db)).map(toVersion);
}

/** A version by id; a draft only for its publisher. @throws DomainError framework_not_found */
export async function getFrameworkVersion(db: Db, id: string): Promise<FrameworkVersion> {
	const row = await repository.findVersion(db, id);
	if (!row) throw new DomainError('framework_not_found');
	return toVersion(row);
}

/** Versions by id (the ones some assessments or results were made against). */
export async function getFrameworkVersions(db: Db, ids: readonly string[]): Promise<Map<string, FrameworkVersion>> {
	const rows = await repository.listVersionsByIds(db, [...new Set(ids)]);
	return new Map(rows.map((row) => [row.id, toVersion(row)]));
}

/** Published, not retired: what a new assessment can be made against. */
export async function listUsableVersions(db: Db): Promise<FrameworkVersion[]> {
	return (await listFrameworkVersions(db)).filter((version) => version.status === 'published');
}

/** The newest published version of each framework (by publication), framework code → version. */
export async function currentVersions(db: Db): Promise<Map<string, FrameworkVersion>> {
	const current = new Map<string, FrameworkVersion>();
	for (const version of await listUsableVersions(db)) {
		const known = current.get(version.framework);
		if (!known || (version.publishedAt ?? '') > (known.publishedAt ?? '')) current.set(version.framework, version);
	}
	return current;
}

/** A published version by framework code and version label. @throws DomainError framework_not_found */
export async function getPublishedVersion(db: Db, framework: string, version: string): Promise<FrameworkVersion> {
	const row = await repository.findVersionByLabel(db, framework, version);
	if (!row || row.status === 'draft') throw new DomainError('framework_not_found');
	return toVersion(row);
}

async function publish(trx: Db, actor: MaybeActor, version: FrameworkVersion, at: string): Promise<void> {
	await appendLedger(trx, {
		cityId: NETWORK_CHAIN,
		actor,
		entityType: 'standards_framework',
		entityId: version.id,
		entityRef: `${version.framework} ${version.version}`,
		action: 'create',
		change: { framework: [null, version.framework], version: [null, version.version], document_hash: [null, version.hash], status: [null, 'published'], published_at: [null, at] }
	});
}

/** Publishes one of the shipped documents as it is. @throws conflict version_exists when that version is stored already */
export async function publishBundledVersion(db: Db, actor: MaybeActor, framework: string): Promise<FrameworkVersion> {
	requirePublisher(actor);
	const document = BUNDLED_DOCUMENTS.find((candidate) => candidate.framework === framework);
	if (!document) throw new DomainError('framework_not_found');
	return inTransaction(db, async (trx) => {
		if (await repository.findVersionByLabel(trx, document.framework, document.version)) throw conflict('version_exists');
		const at = nowIso();
		const row = { id: uuidv7(), framework: document.framework, version: document.version, status: 'published' as const, document: JSON.stringify(document), document_hash: documentHash(document), created_at: at, published_at: at, retired_at: null };
		await repository.insertVersion(trx, row);
		const version = toVersion(row);
		await publish(trx, actor, version, at);
		return version;
	});
}

/** The shipped documents not yet stored (what the admin page offers to publish). */
export async function listUnpublishedBundles(db: Db): Promise<FrameworkDocument[]> {
	const stored = new Set((await repository.listVersions(db)).map((row) => `${row.framework}|${row.version}`));
	return BUNDLED_DOCUMENTS.filter((document) => !stored.has(`${document.framework}|${document.version}`));
}

/** Line and column (from 1) of a JSON syntax error, from the parser's position (the end when it names none). */
export function jsonErrorPlace(text: string, problem: unknown): { line: number; column: number } {
	const position = /position (\d+)/.exec(problem instanceof Error ? problem.message : '')?.[1];
	const offset = Math.min(position === undefined ? text.length : Number(position), text.length);
	const before = text.slice(0, offset).split('\n');
	return { line: before.length, column: before.at(-1)!.length + 1 };
}

/**
 * Checks an uploaded document and keeps it as a draft. Bad JSON or a bad document is one
 * `invalid_input` on `document` whose `rows` list every problem by path (a syntax error by line
 * and column); nothing is stored.
 */
export async function createDraftVersion(db: Db, actor: MaybeActor, text: string): Promise<FrameworkVersion> {
	requirePublisher(actor);
	if (!text.trim()) throw fieldErrors({ document: 'required' });
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (problem) {
		throw fieldErrors({ document: 'json_invalid' }, { rows: [{ path: '', rule: 'json_syntax', ...jsonErrorPlace(text, problem) }] satisfies DocumentProblem[] });
	}
	const parsed = parseFrameworkDocument(data);
	if (!parsed.ok) throw fieldErrors({ document: 'document_invalid' }, { rows: parsed.problems satisfies DocumentProblem[] });
	const document = parsed.document;
	return inTransaction(db, async (trx) => {
		if (await repository.findVersionByLabel(trx, document.framework, document.version)) throw fieldErrors({ document: 'version_exists' });
		const row = { id: uuidv7(), framework: document.framework, version: document.version, status: 'draft' as const, document: JSON.stringify(document), document_hash: documentHash(document), created_at: nowIso(), published_at: null, retired_at: null };
		await repository.insertVersion(trx, row);
		return toVersion(row);
	});
}

/** What a draft changes against the framework's current version (none for a new framework). */
export async function diffAgainstCurrent(db: Db, draft: FrameworkVersion): Promise<DocumentDiff | null> {
	const current = (await currentVersions(db)).get(draft.framework);
	return current ? diffDocuments(current.document, draft.document) : null;
}

export async function publishVersion(db: Db, actor: MaybeActor, id: string): Promise<FrameworkVersion> {
	requirePublisher(actor);
	return inTransaction(db, async (trx) => {
		const at = nowIso();
		if (!(await repository.updateVersionStatus(trx, id, 'draft', { status: 'published', published_at: at }))) {
			if (!(await repository.findVersion(trx, id))) throw new DomainError('framework_not_found');
			throw conflict('not_a_draft');
		}
		const version = await getFrameworkVersion(trx, id);
		await publish(trx, actor, version, at);
		return version;
	});
}

export async function discardDraftVersion(db: Db, actor: MaybeActor, id: string): Promise<void> {
	requirePublisher(actor);
	await inTransaction(db, async (trx) => {
		if (!(await repository.deleteDraftVersion(trx, id))) {
			if (!(await repository.findVersion(trx, id))) throw new DomainError('framework_not_found');
			throw conflict('not_a_draft');
		}
	});
}

/** Retires a published version: no new assessments against it; everything made against it stays. */
export async function retireVersion(db: Db, actor: MaybeActor, id: string): Promise<FrameworkVersion> {
	requirePublisher(actor);
	return inTransaction(db, async (trx) => {
		const at = nowIso();
		if (!(await repository.updateVersionStatus(trx, id, 'published', { status: 'retired', retired_at: at }))) {
			if (!(await repository.findVersion(trx, id))) throw new DomainError('framework_not_found');
			throw conflict('not_published');
		}
		const version = await getFrameworkVersion(trx, id);
		await appendLedger(trx, {
			cityId: NETWORK_CHAIN,
			actor,
			entityType: 'standards_framework',
			entityId: version.id,
			entityRef: `${version.framework} ${version.version}`,
			action: 'update',
			change: { status: ['published', 'retired'], retired_at: [null, at] }
		});
		return version;
	});
}
