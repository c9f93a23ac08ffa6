/**
 * Practice search behind one interface, the only place that knows how each database finds text
 * (the migration builds the indexes). Terms arrive folded and made of letters and digits only
 * (search-text.ts), so nothing here can be read as search syntax; they are still passed as
 * parameters, never spliced into SQL.
 *
 * Every term must match (AND), each in any language of a document:
 * - SQLite: terms of three characters or more as substrings in the trigram index (`practice_fts`),
 *   shorter ones as whole words — or word prefixes in Korean, Chinese, Japanese — in the word
 *   index (`practice_words`). Ranked by BM25 (title weighted), best first.
 * - PostgreSQL: a term matches the stored tsvector (stemmed in the document's language: the
 *   term's stems in every configuration are tried), or — three characters or more — as a
 *   substring (ILIKE, served by the pg_trgm index). Ranked by ts_rank_cd, a title match counting extra.
 *
 * Results are practices (a practice matched in several languages counts once, shown in the
 * reader's language when that version matched), with the total and facet counts by language and
 * region. Only the layers the reader may see are searched: a practitioners-only document never
 * reaches a public search, not even as a count.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import { dialectOf, toNumber } from '../db/dialect.ts';
import type { Layer } from './network.tables.ts';
import { isPrefixScript, isShortTerm } from './search-text.ts';

export interface SearchDocument {
	cityId: string;
	practiceId: string;
	locale: string;
	layer: Layer;
	region: string;
	/** Folded text (search-text.ts `foldText`). */
	title: string;
	content: string;
	/** The practice's tags as words (`tagWord`). */
	tags: string;
}

export interface SearchFilter {
	/** The layers the reader may see. */
	layers: readonly Layer[];
	locale?: string | undefined;
	region?: string | undefined;
	cityId?: string | undefined;
	/** A framework code (`udhr:25`, `sdg:11`, `gwangju:3`) the practice is tagged with. */
	tag?: string | undefined;
	/** A population group the practice is for. */
	group?: string | undefined;
}

export interface SearchHit {
	cityId: string;
	practiceId: string;
	/** The language and layer of the document shown (the reader's language when it matched). */
	locale: string;
	layer: Layer;
	score: number;
}

export interface SearchResult {
	hits: SearchHit[];
	total: number;
	facets: { locale: Record<string, number>; region: Record<string, number> };
}

const LANGUAGE_CONFIGS = ['english', 'spanish', 'french', 'swedish', 'arabic', 'simple'] as const;

/** Replaces a practice's documents (all its languages and layers) with these. */
export async function replaceDocuments(db: Db, cityId: string, practiceId: string, documents: readonly SearchDocument[]): Promise<void> {
	await db.deleteFrom('practice_doc').where('city_id', '=', cityId).where('practice_id', '=', practiceId).execute();
	await insertDocuments(db, documents);
}

/** Adds documents in batches (the benchmark's bulk load uses this too). */
export async function insertDocuments(db: Db, documents: readonly SearchDocument[]): Promise<void> {
	for (let start = 0; start < documents.length; start += 200) {
		const batch = documents.slice(start, start + 200);
		await db
			.insertInto('practice_doc')
			.values(batch.map((doc) => ({ city_id: doc.cityId, practice_id: doc.practiceId, locale: doc.locale, layer: doc.layer, region: doc.region, title: doc.title, content: doc.content, tags: doc.tags })))
			.execute();
	}
}

export async function removeDocuments(db: Db, cityId: string, practiceId: string): Promise<void> {
	await db.deleteFrom('practice_doc').where('city_id', '=', cityId).where('practice_id', '=', practiceId).execute();
}

/** `%term%` for LIKE/ILIKE; the terms hold letters and digits only, so nothing needs escaping. */
const containing = (term: string) => `%${term}%`;

/** The matching documents with their scores (lower is better on SQLite's BM25: negated on PostgreSQL to agree). */
function matchedDocuments(db: Db, terms: readonly string[]): RawBuilder<{ doc_id: number; score: number }> {
	if (dialectOf(db) === 'postgres') {
		const termQuery = (term: string) =>
			isShortTerm(term)
				? isPrefixScript(term)
					? sql`to_tsquery('simple', ${`'${term}':*`})`
					: sql`plainto_tsquery('simple', ${term})`
				: sql.join(
						LANGUAGE_CONFIGS.map((config) => sql`plainto_tsquery(${sql.lit(config)}::regconfig, ${term})`),
						sql` || `
					);
		const conditions = terms.map((term) =>
			isShortTerm(term) ? sql`d.tsv @@ (${termQuery(term)})` : sql`(d.tsv @@ (${termQuery(term)}) or (d.title || ' ' || d.content) ilike ${containing(term)})`
		);
		const all = sql.join(
			terms.map((term) => sql`(${termQuery(term)})`),
			sql` && `
		);
		const titleBonus = sql.join(
			terms.map((term) => sql`(case when d.title ilike ${containing(term)} then 0.2 else 0 end)`),
			sql` + `
		);
		return sql<{ doc_id: number; score: number }>`select d.doc_id, -(ts_rank_cd(d.tsv, ${all}) + ${titleBonus}) as score from practice_doc d where ${sql.join(conditions, sql` and `)}`;
	}
	const long = terms.filter((term) => !isShortTerm(term));
	const short = terms.filter((term) => isShortTerm(term));
	const phrase = (term: string) => `"${term}"`;
	const inWords = short.map((term) => sql`f.rowid in (select rowid from practice_words where practice_words match ${isPrefixScript(term) ? `${phrase(term)}*` : phrase(term)})`);
	if (long.length > 0) {
		const match = long.map(phrase).join(' ');
		const extra = inWords.length ? sql` and ${sql.join(inWords, sql` and `)}` : sql``;
		return sql<{ doc_id: number; score: number }>`select f.rowid as doc_id, bm25(practice_fts, 4.0, 1.0) as score from practice_fts f where practice_fts match ${match}${extra}`;
	}
	const match = short.map((term) => (isPrefixScript(term) ? `${phrase(term)}*` : phrase(term))).join(' ');
	return sql<{ doc_id: number; score: number }>`select f.rowid as doc_id, bm25(practice_words, 4.0, 1.0) as score from practice_words f where practice_words match ${match}`;
}

/** The filters; a population group is a tag too (`group:women`), so both databases filter alike. */
function filterSql(filter: SearchFilter): RawBuilder<unknown> {
	const parts: RawBuilder<unknown>[] = [sql`d.layer in (${sql.join(filter.layers.map((layer) => sql`${layer}`))})`];
	if (filter.locale) parts.push(sql`d.locale = ${filter.locale}`);
	if (filter.region) parts.push(sql`d.region = ${filter.region}`);
	if (filter.cityId) parts.push(sql`d.city_id = ${filter.cityId}`);
	for (const tag of [filter.tag, filter.group ? `group:${filter.group}` : undefined]) {
		if (tag) parts.push(sql`exists (select 1 from practice_tag t where t.city_id = d.city_id and t.code = ${tag} and t.practice_id = d.practice_id)`);
	}
	return sql.join(parts, sql` and `);
}

/**
 * One page of practices matching every term, best first, with the total and facets. `prefer` is
 * the reader's language: a practice that matched in it is shown in it.
 */
export async function searchPractices(db: Db, terms: readonly string[], filter: SearchFilter, page: { limit: number; offset: number; prefer: string }): Promise<SearchResult> {
	if (terms.length === 0 || filter.layers.length === 0) return { hits: [], total: 0, facets: { locale: {}, region: {} } };
	const where = filterSql(filter);
	const matched = matchedDocuments(db, terms);
	const rows = await sql<{ city_id: string; practice_id: string; locale: string; layer: Layer; score: number; total: number | string }>`
		with m as (${matched}),
		docs as (
			select d.city_id, d.practice_id, d.locale, d.layer, m.score,
				min(m.score) over (partition by d.city_id, d.practice_id) as best,
				row_number() over (partition by d.city_id, d.practice_id order by case when d.locale = ${page.prefer} then 0 else 1 end, m.score, d.doc_id) as pick
			from m join practice_doc d on d.doc_id = m.doc_id
			where ${where}
		)
		select city_id, practice_id, locale, layer, best as score, count(*) over () as total
		from docs where pick = 1
		order by best, city_id, practice_id
		limit ${page.limit} offset ${page.offset}`.execute(db);
	const facetRows = await sql<{ kind: string; value: string; n: number | string }>`
		with m as (${matched}),
		docs as (select d.city_id, d.practice_id, d.locale, d.region from m join practice_doc d on d.doc_id = m.doc_id where ${where})
		select 'locale' as kind, locale as value, count(distinct city_id || ' ' || practice_id) as n from docs group by locale
		union all
		select 'region' as kind, region as value, count(distinct city_id || ' ' || practice_id) as n from docs group by region`.execute(db);
	let total = rows.rows[0] ? toNumber(rows.rows[0].total) : 0;
	if (!rows.rows[0] && page.offset > 0) {
		// Past the last page: count without paging.
		total = Object.values(facetRows.rows.filter((row) => row.kind === 'region').map((row) => toNumber(row.n))).reduce((sum, n) => sum + n, 0);
	}
	const facets = { locale: {} as Record<string, number>, region: {} as Record<string, number> };
	for (const row of facetRows.rows) facets[row.kind as 'locale' | 'region'][row.value] = toNumber(row.n);
	return {
		hits: rows.rows.map((row) => ({ cityId: row.city_id, practiceId: row.practice_id, locale: row.locale, layer: row.layer, score: Number(row.score) })),
		total,
		facets
	};
}

/** A tag code as one word of letters and digits for the word index: `udhr:25` → `tagudhrq25`, `sdg:11.1` → `tagsdgq11x1`. */
export function tagWord(code: string): string {
	return `tag${code.toLowerCase().replace(/[^a-z0-9]/g, (char) => (char === ':' ? 'q' : 'x'))}`;
}

/**
 * Practices that share tags with one (its rights, principles, SDG targets, groups), best first:
 * on SQLite ranked by BM25 over the tag words, so a rare shared tag counts more than a common
 * one; on PostgreSQL by how many tags they share. Only published practices of the layers given.
 */
export async function similarPractices(db: Db, tags: readonly string[], exclude: { cityId: string; practiceId: string }, layers: readonly Layer[], limit: number): Promise<{ cityId: string; practiceId: string }[]> {
	if (tags.length === 0 || layers.length === 0) return [];
	const words = [...new Set(tags.map(tagWord))];
	const matched =
		dialectOf(db) === 'postgres'
			? sql`select d.doc_id, -ts_rank(d.tsv, to_tsquery('simple', ${words.join(' | ')})) as score from practice_doc d where d.tsv @@ to_tsquery('simple', ${words.join(' | ')})`
			: sql`select rowid as doc_id, bm25(practice_words, 0.0, 0.0, 1.0) as score from practice_words where practice_words match ${`tags : (${words.join(' OR ')})`}`;
	const rows = await sql<{ city_id: string; practice_id: string }>`
		with m as materialized (${matched})
		select d.city_id, d.practice_id, min(m.score) as score
		from m join practice_doc d on d.doc_id = m.doc_id
		where d.layer in (${sql.join(layers.map((layer) => sql`${layer}`))}) and not (d.city_id = ${exclude.cityId} and d.practice_id = ${exclude.practiceId})
		group by d.city_id, d.practice_id
		order by score, d.city_id, d.practice_id
		limit ${limit}`.execute(db);
	return rows.rows.map((row) => ({ cityId: row.city_id, practiceId: row.practice_id }));
}
