// A city's declaration in full: its text in the reader's language (or the fallback, marked with
// its language), how and when it was adopted, the instruments it adopts, its source, and the
// plans and commitments that carry it out.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { loadDeclaration } from '#lib/server/commitments/public-plans.service.ts';
import { text } from '#lib/commitments/present.server.ts';
import { languageName } from '#lib/commitments/format.ts';
import { paragraphs } from '#lib/commitments/pages.server.ts';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	if (!/^D-\d{1,6}$/.test(params.ref)) error(404, 'declaration_not_found', { code: 'not_found' });
	const { city } = await parent();
	const locale = locals.locale;
	const { declaration, plans, commitments } = await orHttpError(() => loadDeclaration(locals.db, city.id, params.ref));
	const fullText = text(declaration.fullText, locale);
	return {
		city: { slug: city.slug, name: city.displayName },
		declaration: {
			ref: declaration.ref,
			title: text(declaration.title, locale),
			adoptedOn: declaration.adoptedOn,
			adoptedBy: declaration.adoptedBy,
			process: declaration.process,
			instruments: declaration.instruments,
			sourceUrl: declaration.sourceUrl,
			lang: fullText.lang,
			paragraphs: paragraphs(fullText.text),
			languageName: fullText.text && fullText.lang !== locale ? languageName(fullText.lang, locale) : undefined
		},
		plans: plans.map((plan) => ({ ref: plan.ref, title: text(plan.title, locale), period: `${plan.periodStart}–${plan.periodEnd}` })),
		commitments: commitments.map((commitment) => ({ ref: commitment.ref, title: text(commitment.title, locale) }))
	};
};
