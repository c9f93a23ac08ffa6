/**
 * The assessment form shared by the city staff's page (a self-assessment) and a civil-society
 * organisation's page (a shadow assessment): the rows to edit with the platform's suggested
 * evidence that counts for each criterion, and the save / submit / discard actions, which leave
 * authorization to the services (who may edit which kind is decided there).
 *
 * @example
 *   export const actions = assessmentActions(open, (context) => `/admin/${context.citySlug}/standards`) satisfies Actions;
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import type { Db } from '#lib/server/db/database.ts';
import type { Actor } from '#lib/server/accounts/index.ts';
import { discardAssessment, saveRatings, submitAssessment, suggestionsFor, type AssessmentView } from '#lib/server/standards/assessments.service.ts';
import { countsFor, evidenceKey } from '#lib/server/standards/evidence.ts';
import { assessmentRows, textOf, type AssessmentRowView, type Text } from './view.server.ts';
import { readRatings, readVersion } from './rating-form.server.ts';

export interface EditableRow extends AssessmentRowView {
	suggestions: { key: string; label: Text; ref: string; href: string | null }[];
}

/** One row per criterion; while `editable`, with the suggested evidence that counts for it. */
export async function editableRows(db: Db, view: AssessmentView, locale: string, editable: boolean): Promise<EditableRow[]> {
	const suggestions = editable ? await suggestionsFor(db, view.assessment) : [];
	return assessmentRows(view, locale).map((row) => {
		const criterion = view.framework.document.criteria.find((item) => item.code === row.code)!;
		return {
			...row,
			suggestions: suggestions
				.filter((item) => item.kind !== 'link' && countsFor(criterion, item))
				.map((item) => ({ key: evidenceKey(item), label: textOf(item.label, locale, item.ref), ref: item.ref, href: item.href }))
		};
	});
}

/** What the page says about the assessment and its framework version. */
export function assessmentHead(view: AssessmentView, locale: string) {
	const { assessment, framework } = view;
	return {
		assessment: { id: assessment.id, ref: assessment.ref, kind: assessment.kind, organisation: assessment.organisation, year: assessment.year, status: assessment.status, version: assessment.version },
		framework: { short: textOf(framework.document.short, locale, framework.framework).text, version: framework.version }
	};
}

export interface OpenAssessment {
	actor: Actor;
	cityId: string;
	citySlug: string;
	view: AssessmentView;
}

type EventBase = Pick<RequestEvent, 'locals' | 'request'>;

/** Save, submit and discard for a page whose `open` finds the actor and the assessment. */
export function assessmentActions<Event extends EventBase>(open: (event: Event) => Promise<OpenAssessment>, afterDiscard: (context: OpenAssessment) => string) {
	async function versioned(event: Event, intent: string) {
		const context = await open(event);
		const form = await event.request.formData();
		const version = readVersion(form);
		return { context, form, version, refused: version === undefined ? invalid({ form: 'conflict' }, form, { intent, status: 409 }) : undefined };
	}
	return {
		save: async (event: Event) => {
			const { context, form, version, refused } = await versioned(event, 'save');
			if (refused || version === undefined) return refused;
			const codes = context.view.framework.document.criteria.map((criterion) => criterion.code);
			try {
				await saveRatings(event.locals.db, context.actor, context.cityId, context.view.assessment.id, version, readRatings(form, codes, true), { locale: event.locals.locale });
				return { saved: true };
			} catch (problem) {
				return formFailure(problem, form, { intent: 'save' });
			}
		},
		submit: async (event: Event) => {
			const { context, form, version, refused } = await versioned(event, 'submit');
			if (refused || version === undefined) return refused;
			try {
				await submitAssessment(event.locals.db, context.actor, context.cityId, context.view.assessment.id, version);
				return { submitted: true };
			} catch (problem) {
				return formFailure(problem, form, { intent: 'submit' });
			}
		},
		discard: async (event: Event) => {
			const { context, form, version, refused } = await versioned(event, 'discard');
			if (refused || version === undefined) return refused;
			try {
				await discardAssessment(event.locals.db, context.actor, context.cityId, context.view.assessment.id, version);
			} catch (problem) {
				return formFailure(problem, form, { intent: 'discard' });
			}
			redirect(303, afterDiscard(context));
		}
	};
}
