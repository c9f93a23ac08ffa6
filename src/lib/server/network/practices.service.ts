/**
 * The Excellence Knowledge Centre: good practices of member cities — what was done, for which
 * rights, principles, SDG targets and population groups, with what budget and results, whom to
 * ask, attachments, and links to the city's own commitments, actions and indicators that show
 * the result. A practice is public or for practitioners only (network.policy.ts); a public one may
 * still carry practitioners-only notes and attachments, and its contact is for practitioners
 * only. When another city takes a practice up with a commitment of its own, that adoption is
 * shown on the practice ("adopted by") and recorded in the adopting city's ledger.
 *
 * Published practices are indexed for full-text search (search.repository.ts) in every language
 * they are written in, one document per language and layer, so a public search never sees
 * practitioners-only text.
 *
 * @example
 *   const practice = await createPractice(db, actor, gwangju.id, { originalLocale: 'ko', title: { ko: '인권옴부즈맨' }, summary: { ko: '…' }, tags: ['udhr:7'] });
 *   await setPracticeStatus(db, actor, gwangju.id, practice.id, practice.version, 'published');
 *   const found = await searchKnowledge(db, ANONYMOUS, { q: '옴부즈맨' }, 'ko');
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { conflict, DomainError, fieldErrors, forbidden, isDomainError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { isCityAdmin, isNetworkAdmin, personIdOf, type MaybeActor } from '../accounts/index.ts';
import { listCitySummaries, type CitySummary } from '../cities/index.ts';
import { checkEvidenceFiles, findLinkTarget, getActionByRef, getCommitment, getCommitmentByRef, type UploadedFile } from '../commitments/index.ts';
import { findFrameworkCodes } from '../frameworks/index.ts';
import { getIndicator } from '../indicators/index.ts';
import { ledgered } from '../ledger/index.ts';
import type { FileStore } from '../files/file-store.ts';
import { parseLocalizedText, pickText, type LocalizedText } from '../../i18n/localized-text.ts';
import * as repository from './practices.repository.ts';
import * as search from './search.repository.ts';
import { activeMemberCityIds } from './membership.repository.ts';
import { canManagePractices, canReadLayer, layersFor, type Viewer } from './network.policy.ts';
import { adoptionSchema, practiceInputSchema, PRACTICE_TAG_SCHEMES, type PracticeInput } from './network.schema.ts';
import type { Layer, PracticeRow, PracticeStatus, PracticeTable, PracticeTagTable } from './network.tables.ts';
import { adoptionRow } from './ledger-rows.ts';
import { nextCityRef, nextCityRefs } from './refs.ts';
import { foldText, parseSearch, snippet, type SearchProblem, type SnippetPart } from './search-text.ts';

export interface PracticeCity {
	id: string;
	slug: string;
	name: string;
	countryCode: string;
	region: string;
}

export interface PracticeLink {
	type: 'commitment' | 'action' | 'indicator' | 'url';
	/** The commitment's or action's public reference, the indicator's code, or the URL. */
	target: string;
	label: string;
	/** Where it is shown: the city's public page, or the URL; null when the target is gone. */
	href: string | null;
}

export interface PracticeAttachment {
	id: string;
	name: string;
	contentType: string;
	size: number;
	sha256: string;
	layer: Layer;
}

export interface PracticeCard {
	id: string;
	ref: string;
	city: PracticeCity;
	layer: Layer;
	status: PracticeStatus;
	originalLocale: string;
	title: LocalizedText;
	summary: LocalizedText;
	tags: string[];
	groups: string[];
	publishedAt: string | null;
	updatedAt: string;
}

export interface Practice extends PracticeCard {
	body: LocalizedText;
	results: LocalizedText;
	budget: { amount: number; currency: string | null } | null;
	startedYear: number | null;
	impliedTags: string[];
	/** Practitioners only (null for everyone else). */
	contact: { name: string; role: string; email: string } | null;
	/** Practitioners only (empty for everyone else). */
	practitionerNotes: LocalizedText;
	links: PracticeLink[];
	attachments: PracticeAttachment[];
	version: number;
	createdAt: string;
}

export interface Adoption {
	id: string;
	ref: string;
	city: PracticeCity;
	practice: { cityId: string; citySlug: string; id: string; ref: string };
	commitment: { id: string; ref: string; title: LocalizedText };
	note: string;
	lang: string;
	status: 'active' | 'withdrawn';
	version: number;
	createdAt: string;
}

function toCity(summary: CitySummary | undefined, id: string): PracticeCity {
	return summary ? { id, slug: summary.slug, name: summary.displayName, countryCode: summary.countryCode, region: summary.region } : { id, slug: '', name: id, countryCode: '', region: '' };
}

async function citiesOf(db: Db, ids: readonly string[]): Promise<Map<string, PracticeCity>> {
	const unique = [...new Set(ids)];
	const summaries = new Map((await listCitySummaries(db, unique)).map((city) => [city.id, city]));
	return new Map(unique.map((id) => [id, toCity(summaries.get(id), id)]));
}

function toCard(row: PracticeRow, city: PracticeCity, tags: readonly { code: string; implied: number }[]): PracticeCard {
	return {
		id: row.id,
		ref: row.ref,
		city,
		layer: row.layer,
		status: row.status,
		originalLocale: row.original_locale,
		title: parseLocalizedText(row.title),
		summary: parseLocalizedText(row.summary),
		tags: tags.filter((tag) => !tag.implied && !tag.code.startsWith('group:')).map((tag) => tag.code),
		groups: JSON.parse(row.groups) as string[],
		publishedAt: row.published_at,
		updatedAt: row.updated_at
	};
}

/** Cards for rows of several cities (search results, lists). */
async function toCards(db: Db, rows: readonly PracticeRow[]): Promise<PracticeCard[]> {
	const cities = await citiesOf(
		db,
		rows.map((row) => row.city_id)
	);
	const tags = new Map<string, { code: string; implied: number }[]>();
	const byCity = new Map<string, string[]>();
	for (const row of rows) byCity.set(row.city_id, [...(byCity.get(row.city_id) ?? []), row.id]);
	for (const [cityId, ids] of byCity) for (const tag of await repository.listTags(db, cityId, ids)) tags.set(`${cityId} ${tag.practice_id}`, [...(tags.get(`${cityId} ${tag.practice_id}`) ?? []), tag]);
	return rows.map((row) => toCard(row, cities.get(row.city_id)!, tags.get(`${row.city_id} ${row.id}`) ?? []));
}

async function linksOf(db: Db, city: PracticeCity, practiceId: string): Promise<PracticeLink[]> {
	const links: PracticeLink[] = [];
	for (const row of await repository.listLinks(db, city.id, practiceId)) {
		if (row.target_type === 'url') {
			links.push({ type: 'url', target: row.url ?? '', label: row.label, href: row.url });
		} else if (row.target_type === 'indicator') {
			const live = await getIndicator(db, city.id, row.target!).then(
				() => true,
				(error: unknown) => (isDomainError(error) ? false : Promise.reject(error))
			);
			links.push({ type: 'indicator', target: row.target!, label: row.label, href: live ? `/cities/${city.slug}/indicators/${encodeURIComponent(row.target!)}` : null });
		} else {
			const found = await findLinkTarget(db, city.id, row.target_type, row.target!);
			const section = row.target_type === 'commitment' ? 'commitments' : 'actions';
			links.push({ type: row.target_type, target: found?.ref ?? '', label: row.label, href: found ? `/cities/${city.slug}/${section}/${encodeURIComponent(found.ref)}` : null });
		}
	}
	return links;
}

async function toPractice(db: Db, row: PracticeRow, viewer: Viewer, city: PracticeCity): Promise<Practice> {
	const tags = await repository.listTags(db, row.city_id, [row.id]);
	const practitioner = viewer.practitioner || canManagePractices(viewer.actor, row.city_id);
	const contact = JSON.parse(row.contact) as { name?: string; role?: string; email?: string };
	const attachments = (await repository.listAttachments(db, row.city_id, row.id))
		.filter((file) => canReadLayer(viewer, file.layer) || practitioner)
		.map((file) => ({ id: file.id, name: file.file_name, contentType: file.content_type, size: file.size, sha256: file.sha256, layer: file.layer }));
	return {
		...toCard(row, city, tags),
		body: parseLocalizedText(row.body),
		results: parseLocalizedText(row.results),
		budget: row.budget_amount === null ? null : { amount: row.budget_amount, currency: row.budget_currency },
		startedYear: row.started_year,
		impliedTags: tags.filter((tag) => tag.implied).map((tag) => tag.code),
		contact: practitioner && (contact.name || contact.email || contact.role) ? { name: contact.name ?? '', role: contact.role ?? '', email: contact.email ?? '' } : null,
		practitionerNotes: practitioner ? parseLocalizedText(row.practitioner_notes) : {},
		links: await linksOf(db, city, row.id),
		attachments,
		version: row.version,
		createdAt: row.created_at
	};
}

/** May the viewer see this practice at all? Published: by its layer; drafts and archived ones: the city's staff. */
function visible(viewer: Viewer, row: PracticeRow): boolean {
	if (row.status === 'published') return canReadLayer(viewer, row.layer) || canManagePractices(viewer.actor, row.city_id);
	return canManagePractices(viewer.actor, row.city_id);
}

/** A practice by its city and reference, as the viewer may see it; 'practice_not_found' when they may not. */
export async function getPractice(db: Db, viewer: Viewer, cityId: string, ref: string): Promise<Practice> {
	const row = await repository.findPractice(db, cityId, { ref });
	if (!row || !visible(viewer, row)) throw new DomainError('practice_not_found');
	return toPractice(db, row, viewer, (await citiesOf(db, [cityId])).get(cityId)!);
}

async function getPracticeById(db: Db, viewer: Viewer, cityId: string, id: string): Promise<Practice> {
	const row = await repository.findPractice(db, cityId, { id });
	if (!row || !visible(viewer, row)) throw new DomainError('practice_not_found');
	return toPractice(db, row, viewer, (await citiesOf(db, [cityId])).get(cityId)!);
}

/** A city's practices: published ones as the viewer may see them, and drafts and archived ones for its staff. */
export async function listCityPractices(db: Db, viewer: Viewer, cityId: string): Promise<PracticeCard[]> {
	const staff = canManagePractices(viewer.actor, cityId);
	const rows = await repository.listCityPractices(db, cityId, staff ? ['draft', 'published', 'archived'] : ['published']);
	return toCards(
		db,
		rows.filter((row) => visible(viewer, row))
	);
}

/** Published practices, newest first, as the viewer may see them (the knowledge centre without a search). */
export async function listRecentPractices(db: Db, viewer: Viewer, options: { limit: number; offset?: number; tag?: string; cityIds?: string[]; since?: string } = { limit: 20 }): Promise<{ practices: PracticeCard[]; total: number }> {
	const { rows, total } = await repository.listPublished(db, { layers: layersFor(viewer), tag: options.tag, cityIds: options.cityIds, since: options.since }, { limit: options.limit, offset: options.offset ?? 0 });
	return { practices: await toCards(db, rows), total };
}

// ——— Writing ———

/** Framework tags (rights, principles, SDG targets) checked, with the SDG goal each target implies; unknown codes are a field error. */
async function resolveTags(db: Db, codes: readonly string[]): Promise<{ code: string; implied: boolean }[]> {
	const wanted = [...new Set(codes)];
	const found = new Map((await findFrameworkCodes(db, wanted)).map((entry) => [entry.code, entry.parent_code]));
	const unknown = wanted.filter((code) => !found.has(code) || !(PRACTICE_TAG_SCHEMES as readonly string[]).includes(code.split(':')[0]!));
	if (unknown.length) throw fieldErrors({ tags: 'tag_unknown' }, { unknown });
	const tags = wanted.map((code) => ({ code, implied: false }));
	for (const code of wanted) {
		const parent = found.get(code);
		if (code.startsWith('sdg:') && parent && !tags.some((tag) => tag.code === parent)) tags.push({ code: parent, implied: true });
	}
	return tags;
}

async function resolveLinks(db: Db, cityId: string, practiceId: string, links: readonly { type: 'commitment' | 'action' | 'indicator' | 'url'; target: string; label: string }[]) {
	const rows = [];
	const problems: Record<string, string> = {};
	for (const [index, link] of links.entries()) {
		let target: string | null = null;
		let url: string | null = null;
		try {
			if (link.type === 'commitment') target = (await getCommitmentByRef(db, cityId, link.target)).id;
			else if (link.type === 'action') target = (await getActionByRef(db, cityId, link.target)).id;
			else if (link.type === 'indicator') target = (await getIndicator(db, cityId, link.target)).code;
			else {
				const parsed = new URL(link.target);
				if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError('not http');
				url = parsed.href;
			}
		} catch (error) {
			if (!isDomainError(error) && !(error instanceof TypeError)) throw error;
			problems[`links.${index}`] = link.type === 'url' ? 'url_invalid' : 'link_unknown';
			continue;
		}
		rows.push({ city_id: cityId, practice_id: practiceId, id: uuidv7(), position: index, target_type: link.type, target, url, label: link.label });
	}
	if (Object.keys(problems).length) throw fieldErrors({ links: Object.values(problems)[0]!, ...problems });
	return rows;
}

/** The practice's city must be a member or guest under way (the network admin may write for any city). */
async function requireMemberCity(db: Db, actor: MaybeActor, cityId: string): Promise<void> {
	if (isNetworkAdmin(actor)) return;
	if ((await activeMemberCityIds(db, [cityId])).length === 0) throw conflict('not_member');
}

function practiceColumns(valid: ReturnType<typeof practiceInputSchema.parse>) {
	return {
		layer: valid.layer,
		original_locale: valid.originalLocale,
		title: JSON.stringify(valid.title),
		summary: JSON.stringify(valid.summary),
		body: JSON.stringify(valid.body),
		results: JSON.stringify(valid.results),
		budget_amount: valid.budgetAmount,
		budget_currency: valid.budgetAmount === null ? null : valid.budgetCurrency,
		started_year: valid.startedYear,
		groups: JSON.stringify([...new Set(valid.groups)]),
		contact: JSON.stringify(valid.contact),
		practitioner_notes: JSON.stringify(valid.practitionerNotes)
	};
}

function tagRows(cityId: string, practiceId: string, tags: readonly { code: string; implied: boolean }[], groups: readonly string[]): PracticeTagTable[] {
	return [...tags.map((tag) => ({ city_id: cityId, practice_id: practiceId, code: tag.code, implied: tag.implied ? 1 : 0 })), ...[...new Set(groups)].map((group) => ({ city_id: cityId, practice_id: practiceId, code: `group:${group}`, implied: 0 }))];
}

/** A new practice of the city, as a draft (publish it with `setPracticeStatus`). */
export async function createPractice(db: Db, actor: MaybeActor, cityId: string, input: PracticeInput): Promise<Practice> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	const valid = parseInput(practiceInputSchema, input);
	if (valid.budgetAmount !== null && !valid.budgetCurrency) throw fieldErrors({ budgetCurrency: 'required' });
	return inTransaction(db, async (trx) => {
		await requireMemberCity(trx, actor, cityId);
		const id = uuidv7();
		const tags = await resolveTags(trx, valid.tags);
		const links = await resolveLinks(trx, cityId, id, valid.links);
		const now = nowIso();
		await repository.insertPractices(trx, [
			{ city_id: cityId, id, ref: await nextCityRef(trx, 'practice', cityId), status: 'draft', ...practiceColumns(valid), published_at: null, created_by: personIdOf(actor), version: 1, created_at: now, updated_at: now, deleted_at: null }
		]);
		await repository.insertTags(trx, tagRows(cityId, id, tags, valid.groups));
		await repository.replaceLinks(trx, cityId, id, links);
		return getPracticeById(trx, { actor, memberStaffCities: [], granted: false, practitioner: false }, cityId, id);
	});
}

export async function updatePractice(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: PracticeInput): Promise<Practice> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	const valid = parseInput(practiceInputSchema, input);
	if (valid.budgetAmount !== null && !valid.budgetCurrency) throw fieldErrors({ budgetCurrency: 'required' });
	return inTransaction(db, async (trx) => {
		const before = await repository.findPractice(trx, cityId, { id });
		if (!before) throw new DomainError('practice_not_found');
		await requireMemberCity(trx, actor, cityId);
		const tags = await resolveTags(trx, valid.tags);
		const links = await resolveLinks(trx, cityId, id, valid.links);
		if (!(await repository.updatePractice(trx, cityId, id, version, { ...practiceColumns(valid), updated_at: nowIso() }))) throw conflict();
		await repository.replaceTags(trx, cityId, id, tagRows(cityId, id, tags, valid.groups));
		await repository.replaceLinks(trx, cityId, id, links);
		await reindex(trx, cityId, id);
		return getPracticeById(trx, { actor, memberStaffCities: [], granted: false, practitioner: false }, cityId, id);
	});
}

/** Publishes (indexed for search), archives (withdrawn from the knowledge centre, kept) or returns a practice to draft. */
export async function setPracticeStatus(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, status: PracticeStatus): Promise<Practice> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	if (!['draft', 'published', 'archived'].includes(status)) throw fieldErrors({ status: 'choice_invalid' });
	return inTransaction(db, async (trx) => {
		const before = await repository.findPractice(trx, cityId, { id });
		if (!before) throw new DomainError('practice_not_found');
		if (status === 'published') await requireMemberCity(trx, actor, cityId);
		const now = nowIso();
		if (!(await repository.updatePractice(trx, cityId, id, version, { status, published_at: status === 'published' ? (before.published_at ?? now) : before.published_at, updated_at: now }))) throw conflict();
		await reindex(trx, cityId, id);
		return getPracticeById(trx, { actor, memberStaffCities: [], granted: false, practitioner: false }, cityId, id);
	});
}

/** Deletes a practice (soft): gone from the knowledge centre and search; its adoptions stay in the ledger. */
export async function deletePractice(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<void> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	await inTransaction(db, async (trx) => {
		const now = nowIso();
		if (!(await repository.updatePractice(trx, cityId, id, version, { deleted_at: now, updated_at: now }))) throw conflict();
		await search.removeDocuments(trx, cityId, id);
	});
}

// ——— The search index ———

/** The documents of a practice: per language, the public text (for a public practice) and the practitioners' text. */
export function documentsOf(row: Pick<PracticeRow, 'city_id' | 'id' | 'layer' | 'title' | 'summary' | 'body' | 'results' | 'practitioner_notes' | 'contact' | 'original_locale'>, city: Pick<PracticeCity, 'name' | 'region'>, tags: readonly string[]): search.SearchDocument[] {
	const title = parseLocalizedText(row.title);
	const texts = [parseLocalizedText(row.summary), parseLocalizedText(row.body), parseLocalizedText(row.results)];
	const notes = parseLocalizedText(row.practitioner_notes);
	const contact = JSON.parse(row.contact) as { name?: string; role?: string };
	const locales = new Set([...Object.keys(title), ...texts.flatMap((text) => Object.keys(text)), ...Object.keys(notes)]);
	const tagWords = [...new Set(tags)].map(search.tagWord).join(' ');
	const documents: search.SearchDocument[] = [];
	for (const locale of locales) {
		const heading = foldText(title[locale] ?? pickText(title, row.original_locale)?.text ?? '');
		const publicText = [...texts.map((text) => text[locale] ?? ''), city.name].filter(Boolean).join('\n');
		const practitionerText = [notes[locale] ?? '', contact.name ?? '', contact.role ?? ''].filter(Boolean).join('\n');
		const base = { cityId: row.city_id, practiceId: row.id, locale, region: city.region, title: heading, tags: tagWords };
		if (row.layer === 'public') {
			if (texts.some((text) => text[locale]) || title[locale]) documents.push({ ...base, layer: 'public', content: foldText(publicText) });
			if (notes[locale]) documents.push({ ...base, layer: 'practitioners', content: foldText(practitionerText) });
		} else {
			documents.push({ ...base, layer: 'practitioners', content: foldText([publicText, practitionerText].filter(Boolean).join('\n')) });
		}
	}
	return documents;
}

/** Rebuilds a practice's search documents from the stored practice (none unless it is published). */
async function reindex(db: Db, cityId: string, id: string): Promise<void> {
	const row = await repository.findPractice(db, cityId, { id });
	if (!row || row.status !== 'published') {
		await search.removeDocuments(db, cityId, id);
		return;
	}
	const city = (await citiesOf(db, [cityId])).get(cityId)!;
	const tags = (await repository.listTags(db, cityId, [id])).map((tag) => tag.code);
	await search.replaceDocuments(db, cityId, id, documentsOf(row, city, tags));
}

/**
 * Many published practices of one city at once, written directly with their search documents
 * (the benchmark's bulk load: 100,000 practices). Inputs are checked as `createPractice` checks
 * them except links (none). Returns the new ids.
 */
export async function importPractices(db: Db, actor: MaybeActor, cityId: string, inputs: readonly PracticeInput[]): Promise<string[]> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	const valid = inputs.map((input) => parseInput(practiceInputSchema, input));
	return inTransaction(db, async (trx) => {
		const city = (await citiesOf(trx, [cityId])).get(cityId)!;
		const allTags = await resolveTags(trx, valid.flatMap((item) => item.tags));
		const parents = new Map(allTags.filter((tag) => tag.implied).map((tag) => [tag.code, tag.code]));
		const refs = await nextCityRefs(trx, 'practice', cityId, valid.length);
		const now = nowIso();
		const rows: PracticeTable[] = [];
		const tags: PracticeTagTable[] = [];
		const documents: search.SearchDocument[] = [];
		for (const [index, item] of valid.entries()) {
			const id = uuidv7();
			const row: PracticeTable = { city_id: cityId, id, ref: refs[index]!, status: 'published', ...practiceColumns(item), published_at: now, created_by: personIdOf(actor), version: 1, created_at: now, updated_at: now, deleted_at: null };
			const own = [...new Set(item.tags)].map((code) => ({ code, implied: false }));
			for (const code of item.tags) {
				const goal = code.startsWith('sdg:') && code.includes('.') ? code.slice(0, code.indexOf('.')) : undefined;
				if (goal && parents.has(goal) && !own.some((tag) => tag.code === goal)) own.push({ code: goal, implied: true });
			}
			const practiceTags = tagRows(cityId, id, own, item.groups);
			rows.push(row);
			tags.push(...practiceTags);
			documents.push(...documentsOf(row, city, practiceTags.map((tag) => tag.code)));
		}
		await repository.insertPractices(trx, rows);
		await repository.insertTags(trx, tags);
		await search.insertDocuments(trx, documents);
		return rows.map((row) => row.id);
	});
}

// ——— Search ———

export interface SearchInput {
	q: string;
	/** Document language. */
	locale?: string | undefined;
	region?: string | undefined;
	cityId?: string | undefined;
	tag?: string | undefined;
	group?: string | undefined;
	page?: number | undefined;
}

export interface SearchResultItem {
	practice: PracticeCard;
	/** The language and layer the match was found in (and the snippet is cut from). */
	locale: string;
	layer: Layer;
	title: SnippetPart[];
	snippet: SnippetPart[];
}

export interface KnowledgeSearch {
	problem?: SearchProblem;
	/** Words left out beyond the most a search takes. */
	dropped: number;
	terms: string[];
	total: number;
	page: number;
	pageSize: number;
	results: SearchResultItem[];
	facets: { locale: Record<string, number>; region: Record<string, number> };
}

export const SEARCH_PAGE_SIZE = 20;
/** Pages beyond this are not served (a search is for finding, not for crawling everything). */
export const SEARCH_MAX_PAGE = 50;

/**
 * Full-text search of the knowledge centre in the layers the viewer may see: ranked practices
 * with highlighted snippets in the language they matched in (the reader's when it did), the
 * total, and facets by language and region. What was typed is read as words only; a query that
 * cannot be searched comes back with a `problem` to show, never an error.
 */
export async function searchKnowledge(db: Db, viewer: Viewer, input: SearchInput, readerLocale: string): Promise<KnowledgeSearch> {
	const parsed = parseSearch(input.q);
	const page = Math.min(Math.max(1, Math.trunc(input.page ?? 1)), SEARCH_MAX_PAGE);
	const empty: KnowledgeSearch = { dropped: parsed.dropped, terms: parsed.terms, total: 0, page, pageSize: SEARCH_PAGE_SIZE, results: [], facets: { locale: {}, region: {} } };
	if (parsed.problem) return { ...empty, problem: parsed.problem };
	const found = await search.searchPractices(
		db,
		parsed.terms,
		{ layers: layersFor(viewer), locale: input.locale, region: input.region, cityId: input.cityId, tag: input.tag, group: input.group },
		{ limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE, prefer: readerLocale }
	);
	const rows = await repository.findPracticesByKeys(db, found.hits);
	const cards = new Map((await toCards(db, rows)).map((card) => [`${card.city.id} ${card.id}`, card]));
	const stored = new Map(rows.map((row) => [`${row.city_id} ${row.id}`, row]));
	const results: SearchResultItem[] = [];
	for (const hit of found.hits) {
		const card = cards.get(`${hit.cityId} ${hit.practiceId}`);
		const row = stored.get(`${hit.cityId} ${hit.practiceId}`);
		if (!card || !row) continue;
		const title = card.title[hit.locale] ?? pickText(card.title, readerLocale)?.text ?? card.ref;
		const text =
			hit.layer === 'practitioners' && row.layer === 'public'
				? (parseLocalizedText(row.practitioner_notes)[hit.locale] ?? '')
				: [card.summary[hit.locale], parseLocalizedText(row.body)[hit.locale], parseLocalizedText(row.results)[hit.locale]].filter(Boolean).join(' ');
		results.push({ practice: card, locale: hit.locale, layer: hit.layer, title: snippet(title, parsed.terms, 500), snippet: snippet(text, parsed.terms) });
	}
	return { ...empty, total: found.total, results, facets: found.facets };
}

/** Practices like this one (shared rights, principles, SDG targets, groups), that the viewer may see. */
export async function similarTo(db: Db, viewer: Viewer, practice: Practice, limit = 5): Promise<PracticeCard[]> {
	const keys = await search.similarPractices(db, [...practice.tags, ...practice.impliedTags, ...practice.groups.map((group) => `group:${group}`)], { cityId: practice.city.id, practiceId: practice.id }, layersFor(viewer), limit);
	const rows = await repository.findPracticesByKeys(db, keys);
	const cards = new Map((await toCards(db, rows)).map((card) => [`${card.city.id} ${card.id}`, card]));
	return keys.map((key) => cards.get(`${key.cityId} ${key.practiceId}`)).filter((card): card is PracticeCard => card !== undefined);
}

// ——— Attachments ———

/** Adds files to a practice (checked like evidence: type from the bytes, size, count), for a layer. */
export async function addAttachments(db: Db, store: FileStore, actor: MaybeActor, cityId: string, practiceId: string, files: readonly UploadedFile[], layer: Layer): Promise<PracticeAttachment[]> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	if (layer !== 'public' && layer !== 'practitioners') throw fieldErrors({ layer: 'choice_invalid' });
	const checked = checkEvidenceFiles(files);
	if (checked.length === 0) throw fieldErrors({ files: 'required' });
	const stored = checked.map((file) => ({ ...file, id: uuidv7(), key: `network/${cityId}/${practiceId}/${uuidv7()}`.toLowerCase() }));
	try {
		return await inTransaction(db, async (trx) => {
			if (!(await repository.findPractice(trx, cityId, { id: practiceId }))) throw new DomainError('practice_not_found');
			for (const file of stored) await store.put(file.key, file.bytes);
			const now = nowIso();
			await repository.insertAttachments(
				trx,
				stored.map((file) => ({ city_id: cityId, practice_id: practiceId, id: file.id, layer, file_key: file.key, file_name: file.name, content_type: file.contentType, size: file.bytes.length, sha256: file.sha256, created_at: now }))
			);
			return stored.map((file) => ({ id: file.id, name: file.name, contentType: file.contentType, size: file.bytes.length, sha256: file.sha256, layer }));
		});
	} catch (error) {
		for (const file of stored) await store.remove(file.key).catch(() => {});
		throw error;
	}
}

export async function removeAttachment(db: Db, store: FileStore, actor: MaybeActor, cityId: string, practiceId: string, attachmentId: string): Promise<void> {
	if (!canManagePractices(actor, cityId)) throw forbidden();
	const file = await repository.findAttachment(db, cityId, practiceId, attachmentId);
	if (!file) throw new DomainError('attachment_not_found');
	await repository.deleteAttachment(db, cityId, practiceId, attachmentId);
	await store.remove(file.file_key).catch(() => {});
}

/** An attachment to download, if the viewer may see the practice and the attachment's layer. */
export async function openAttachment(db: Db, store: FileStore, viewer: Viewer, cityId: string, practiceRef: string, attachmentId: string) {
	const row = await repository.findPractice(db, cityId, { ref: practiceRef });
	if (!row || !visible(viewer, row)) throw new DomainError('attachment_not_found');
	const file = await repository.findAttachment(db, cityId, row.id, attachmentId);
	if (!file || !(canReadLayer(viewer, file.layer) || canManagePractices(viewer.actor, cityId))) throw new DomainError('attachment_not_found');
	const body = await store.get(file.file_key);
	if (!body) throw new DomainError('attachment_not_found');
	return { body, fileName: file.file_name, contentType: file.content_type, size: file.size, sha256: file.sha256 };
}

// ——— Adoptions ———

async function toAdoptions(db: Db, rows: Awaited<ReturnType<typeof repository.listAdoptionsOf>>): Promise<Adoption[]> {
	const cities = await citiesOf(
		db,
		rows.flatMap((row) => [row.city_id, row.practice_city_id])
	);
	const adoptions: Adoption[] = [];
	for (const row of rows) {
		const practice = await repository.findPractice(db, row.practice_city_id, { id: row.practice_id });
		const commitment = await getCommitment(db, row.city_id, row.commitment_id).catch((error: unknown) => (isDomainError(error) ? undefined : Promise.reject(error)));
		adoptions.push({
			id: row.id,
			ref: row.ref,
			city: cities.get(row.city_id)!,
			practice: { cityId: row.practice_city_id, citySlug: cities.get(row.practice_city_id)!.slug, id: row.practice_id, ref: practice?.ref ?? '' },
			commitment: { id: row.commitment_id, ref: commitment?.ref ?? '', title: commitment?.title ?? {} },
			note: row.note,
			lang: row.lang,
			status: row.status,
			version: row.version,
			createdAt: row.created_at
		});
	}
	return adoptions;
}

/** The cities that took a practice up, each with its own commitment. */
export async function adoptionsOf(db: Db, practice: Pick<Practice, 'id' | 'city'>): Promise<Adoption[]> {
	return toAdoptions(db, await repository.listAdoptionsOf(db, practice.city.id, practice.id));
}

/** What a city took up from others. */
export async function adoptionsBy(db: Db, cityId: string): Promise<Adoption[]> {
	return toAdoptions(db, await repository.listAdoptionsBy(db, cityId));
}

/**
 * Another member city takes a practice up with a commitment of its own (its city admin): shown
 * as "adopted by" on the practice, recorded in the adopting city's ledger.
 */
export async function adoptPractice(db: Db, actor: MaybeActor, viewer: Viewer, adoptingCityId: string, practice: Pick<Practice, 'id' | 'city' | 'layer' | 'status'>, input: { commitmentRef: string; note?: string; lang: string }): Promise<Adoption> {
	if (!isCityAdmin(actor, adoptingCityId)) throw forbidden();
	const valid = parseInput(adoptionSchema, input);
	if (adoptingCityId === practice.city.id) throw fieldErrors({ cityId: 'adopt_own' });
	if (practice.status !== 'published' || !canReadLayer(viewer, practice.layer)) throw new DomainError('practice_not_found');
	return inTransaction(db, async (trx) => {
		if ((await activeMemberCityIds(trx, [adoptingCityId])).length === 0) throw conflict('not_member');
		const commitment = await getCommitmentByRef(trx, adoptingCityId, valid.commitmentRef).catch((error: unknown) => {
			if (isDomainError(error)) throw fieldErrors({ commitmentRef: 'commitment_unknown' });
			throw error;
		});
		if (await repository.findActiveAdoption(trx, adoptingCityId, practice.city.id, practice.id)) throw conflict('already_adopted');
		const now = nowIso();
		const id = uuidv7();
		return ledgered.create(trx, adoptionRow, { cityId: adoptingCityId, actor }, {
			insert: async (inner) => {
				await repository.insertAdoption(inner, {
					city_id: adoptingCityId,
					id,
					ref: await nextCityRef(inner, 'practice_adoption', adoptingCityId),
					practice_city_id: practice.city.id,
					practice_id: practice.id,
					commitment_id: commitment.id,
					note: valid.note,
					lang: valid.lang,
					status: 'active',
					version: 1,
					created_at: now,
					updated_at: now
				});
				return (await toAdoptions(inner, [(await repository.findAdoption(inner, adoptingCityId, id))!]))[0]!;
			}
		});
	});
}

export async function withdrawAdoption(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<Adoption> {
	if (!isCityAdmin(actor, cityId) && !isNetworkAdmin(actor)) throw forbidden();
	return ledgered.update(db, adoptionRow, { cityId, actor }, {
		load: async (trx) => {
			const row = await repository.findAdoption(trx, cityId, id);
			if (!row) throw new DomainError('adoption_not_found');
			return (await toAdoptions(trx, [row]))[0]!;
		},
		check: (_trx, before) => {
			if (before.status !== 'active') throw conflict('adoption_withdrawn');
		},
		apply: (trx, _before, at) => repository.updateAdoption(trx, cityId, id, version, { status: 'withdrawn', updated_at: at })
	});
}
