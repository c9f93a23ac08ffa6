/**
 * A process's proposals as the public list shows them: search, filters (district, right,
 * state), three orders (most supported, newest, random with a stable seed) and keyset pages. The
 * query comes from the page's URL; a bad filter is reported on its field and dropped. The page
 * cursor is opaque (base64url JSON of the last row's sort key).
 *
 * @example
 *   const { query, errors } = parseProposalQuery(Object.fromEntries(url.searchParams));
 *   const page = await listProposals(db, cityId, process.id, query); // { items, next }
 */
import { z } from 'zod';
import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { parseQuery } from '../validation.ts';
import * as repository from './proposals.repository.ts';
import type { ProposalSort, ProposalState } from './proposals.repository.ts';
import { plainText } from './markdown.ts';

export const PAGE_SIZE = 20;
/** The states the list filters on (the page's status control offers them in this order). */
export const STATES = ['open', 'qualified', 'unanswered', 'accepted', 'rejected', 'in_plan', 'withdrawn'] as const;
const SORTS = ['supports', 'newest', 'random'] as const;
export const MAX_SEED = 2 ** 31 - 1;

const cursorSchema = z.object({ s: z.number().int().min(0).optional(), i: z.string().min(1).max(64), h: z.number().int().min(0).optional(), w: z.boolean().optional() });

function decodeCursor(text: string): z.infer<typeof cursorSchema> | undefined {
	try {
		const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
		return parsed.success ? parsed.data : undefined;
	} catch {
		return undefined;
	}
}

export function encodeCursor(cursor: z.infer<typeof cursorSchema>): string {
	return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

const querySchema = z.object({
	q: z
		.string()
		.transform((text) => text.trim().slice(0, 100))
		.optional(),
	district: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'district_unknown').optional(),
	right: z.string().regex(/^(udhr:\d{1,2}|gwangju:\d{1,2}|sdg:\d{1,2}(\.[0-9a-z]{1,2})?)$/, 'tag_invalid').optional(),
	state: z.enum(STATES, 'choice_invalid').optional(),
	sort: z.enum(SORTS, 'choice_invalid').default('supports'),
	seed: z.coerce.number('seed_invalid').int('seed_invalid').min(0, 'seed_invalid').max(MAX_SEED, 'seed_invalid').optional(),
	after: z.string().max(400, 'cursor_invalid').refine((text) => decodeCursor(text) !== undefined, 'cursor_invalid').optional()
});

export type ProposalListQuery = z.output<typeof querySchema>;

/** The page's query from its URL parameters (empty ones ignored); bad ones come back in `errors`. */
export function parseProposalQuery(raw: Record<string, string>): { query: ProposalListQuery; errors: Record<string, string> } {
	const present = Object.fromEntries(Object.entries(raw).filter(([key, value]) => value !== '' && key in querySchema.shape));
	return parseQuery(querySchema, present, { sort: 'supports' });
}

/** A seed for a new random order (the page keeps it in its links, so paging and reloading keep the order). */
export function newSeed(): number {
	return randomInt(0, MAX_SEED);
}

export interface ProposalSummary {
	id: string;
	ref: string;
	title: string;
	excerpt: string;
	lang: string;
	district: string | null;
	tags: string[];
	authorRole: string;
	status: string;
	supports: number;
	qualified: boolean;
	answer: string | null;
	linked: boolean;
	createdAt: string;
}

export interface ProposalPage {
	items: ProposalSummary[];
	/** The `after` of the next page, when there is one. */
	next: string | undefined;
}

export async function listProposals(db: Db, cityId: string, processId: string, query: ProposalListQuery, pageSize = PAGE_SIZE): Promise<ProposalPage> {
	const after = query.after ? decodeCursor(query.after) : undefined;
	const rows = await repository.listProposalRows(db, cityId, {
		processId,
		district: query.district,
		tag: query.right,
		state: query.state as ProposalState | undefined,
		search: query.q || undefined,
		sort: query.sort as ProposalSort,
		seed: query.seed ?? 0,
		after: after ? { supports: after.s, id: after.i, shuffle: after.h, wrapped: after.w } : undefined,
		limit: pageSize
	});
	const page = rows.slice(0, pageSize);
	const tags = await repository.listTags(db, cityId, page.map((row) => row.id));
	const last = page.at(-1) as (typeof page)[number] & { wrapped?: boolean };
	const next =
		rows.length > pageSize && last
			? encodeCursor(query.sort === 'supports' ? { s: Number(last.supports_count), i: last.id } : query.sort === 'newest' ? { i: last.id } : { h: Number(last.shuffle), i: last.id, ...(last.wrapped ? { w: true } : {}) })
			: undefined;
	return {
		items: page.map((row) => ({
			id: row.id,
			ref: row.ref,
			title: row.title,
			excerpt: plainText(row.body, 220),
			lang: row.lang,
			district: row.district,
			tags: tags.get(row.id) ?? [],
			authorRole: row.author_role,
			status: row.status,
			supports: Number(row.supports_count),
			qualified: row.qualified_at !== null,
			answer: row.answer,
			linked: row.action_id !== null,
			createdAt: row.created_at
		})),
		next
	};
}

export const countProposals = repository.countProposals;
