// One commitment in public: what it promises, the rights, principles and goals it serves, the
// duty and the people it is for, its progress and actions by status, its action tree (a few
// branches per page when long), the indicators that measure it and its recent history.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { loadCommitment } from '#lib/server/commitments/accountability.service.ts';
import { listIndicatorsOf } from '#lib/server/indicators/indicators.service.ts';
import { frameworkEntries, historyView, nodeView, summaryView, tagView, text } from '#lib/commitments/present.server.ts';
import { paragraphs, treeSlice } from '#lib/commitments/pages.server.ts';
import { textDirection } from '#lib/i18n/locales.ts';

/** History entries shown on the page; the ledger has them all. */
const HISTORY = 20;

export const load: PageServerLoad = async ({ locals, params, url, parent }) => {
	if (!/^C-\d{1,6}$/.test(params.ref)) error(404, 'commitment_not_found', { code: 'not_found' });
	const { city } = await parent();
	const locale = locals.locale;
	const detail = await orHttpError(() => loadCommitment(locals.db, city.id, params.ref));
	const { commitment } = detail;
	const [entries, indicators] = await Promise.all([
		frameworkEntries(locals.db, [...commitment.tags, ...commitment.impliedTags], locale),
		listIndicatorsOf(locals.db, city.id, 'commitment', commitment.id)
	]);
	const departments = new Map(detail.departments.map((department) => [department.id, department]));
	const description = text(commitment.description, locale);
	const tree = treeSlice(detail.actions, url, `/cities/${city.slug}/commitments/${commitment.ref}`);
	return {
		city: { slug: city.slug, name: city.displayName },
		dir: textDirection(locale),
		commitment: {
			ref: commitment.ref,
			title: text(commitment.title, locale),
			description: { lang: description.lang, paragraphs: paragraphs(description.text) },
			duty: commitment.duty,
			groups: commitment.groups,
			tags: commitment.tags.map((code) => tagView(code, entries)),
			impliedTags: commitment.impliedTags.map((code) => tagView(code, entries, true))
		},
		plan: detail.plan ? { ref: detail.plan.ref, title: text(detail.plan.title, locale), period: `${detail.plan.periodStart}–${detail.plan.periodEnd}` } : undefined,
		declaration: detail.declaration ? { ref: detail.declaration.ref, title: text(detail.declaration.title, locale) } : undefined,
		summary: summaryView(detail.summary),
		actions: tree.nodes.map((node) => nodeView(node, departments, locale)),
		tree: tree.paging,
		indicators: indicators.map((indicator) => ({ code: indicator.code, title: text(indicator.title, locale), type: indicator.type })),
		history: historyView(detail.history.slice(0, HISTORY), city, locale),
		ledgerHref: `/cities/${city.slug}/ledger?ref=${encodeURIComponent(commitment.ref)}`
	};
};
