// The office's triage queue: open cases by deadline (overdue first to catch the eye), filters by
// view, right and status, keyset pages. No personal data here: a case's page is where it is read.
import type { PageServerLoad } from './$types';
import { z } from 'zod';
import { parseQuery } from '#lib/server/validation.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { listCaseQueue } from '#lib/server/concerns/cases.service.ts';
import { CATEGORY_CODES, STATUSES } from '#lib/server/concerns/vocabulary.ts';
import { listCityStaff } from '#lib/server/accounts/index.ts';
import { keyRingOf } from '#lib/server/concerns/crypto.ts';
import { concernsStaff } from './concerns-access.server.ts';

const querySchema = z.object({
	view: z.enum(['open', 'overdue', 'mine', 'closed'], { error: 'invalid' }).default('open'),
	category: z.enum(CATEGORY_CODES as [string, ...string[]], { error: 'invalid' }).optional(),
	status: z.enum(STATUSES, { error: 'invalid' }).optional(),
	after: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}$/, { error: 'invalid' })
		.optional()
});

export const load: PageServerLoad = async (event) => {
	const { actor, city, office } = await concernsStaff(event);
	const raw = Object.fromEntries([...event.url.searchParams].filter(([, value]) => value !== ''));
	const { query, errors } = parseQuery(querySchema, raw, { view: 'open' });
	const page = await orHttpError(() => listCaseQueue(event.locals.db, actor, city.id, query));
	const names = new Map((await listCityStaff(event.locals.db, city.id)).map((person) => [person.id, person.display_name]));
	const source = event.locals.config.concernsKeys.source;
	return {
		query,
		errors,
		office,
		developmentKey: source === 'development' ? keyRingOf(event.locals.config).currentId : undefined,
		keysMissing: source === 'none',
		cases: page.cases.map((kase) => ({ ...kase, handler: kase.handlerId ? (names.get(kase.handlerId) ?? null) : null })),
		next: page.next,
		categories: [...CATEGORY_CODES],
		statuses: [...STATUSES]
	};
};
