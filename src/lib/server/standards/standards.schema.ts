/**
 * Input schemas of the standards module, shared by the forms and the services. Every rule has a
 * stable code, shown next to its field as `standards_error_<rule>` in the reader's language.
 */
import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';

export const MIN_YEAR = 2000;
export const JUSTIFICATION_MAX = 4000;
export const NOTE_MAX = 2000;

/** A year from 2000 to next year (an assessment may be prepared ahead). */
export const yearSchema = z.coerce
	.number('year_invalid')
	.int('year_invalid')
	.refine((year) => year >= MIN_YEAR && year <= new Date().getUTCFullYear() + 1, 'year_invalid');

export const startAssessmentSchema = z.object({
	versionId: z.string('framework_required').trim().min(1, 'framework_required'),
	year: yearSchema
});

export const startShadowSchema = startAssessmentSchema.extend({
	organisation: z.string('organisation_required').trim().min(2, 'organisation_required').max(200, 'too_long')
});

export const appointSchema = z.object({
	reviewerCity: z.string('reviewer_required').trim().min(1, 'reviewer_required').max(80, 'city_not_found')
});

export const localeSchema = z.enum(LOCALES).catch('en');

export type StartAssessmentInput = z.input<typeof startAssessmentSchema>;
export type StartShadowInput = z.input<typeof startShadowSchema>;
