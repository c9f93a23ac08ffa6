/**
 * Input schemas of the commitments module, shared by the admin forms, the CSV import and the
 * services. Every rule has a stable code (`rule`), shown next to its field as
 * `cadmin_error_<rule>` in the reader's language.
 *
 * @example
 *   const input = validateInput(actionInputSchema, { title: { en: 'Open a housing advice desk' }, progress: 120, … });
 *   // throws DomainError('invalid_input', …, { field: 'progress', rule: 'progress_range', fields: { progress: 'progress_range' } })
 */
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { httpUrl, isoDate, localized } from '../validation.ts';
import { ACTION_STATUSES, ADOPTED_BY, DUTIES, INSTRUMENTS, POPULATION_GROUPS, ROLLUP_METHODS, STATUSES_WITH_REASON } from './vocabulary.ts';

const TEXT_MAX = 500;
const LONG_TEXT_MAX = 50_000;

const optionalDate = isoDate.nullable().default(null);

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const declarationInputSchema = z.object({
	title: localized(TEXT_MAX, true),
	adoptedOn: optionalDate,
	adoptedBy: z.enum(ADOPTED_BY as [string, ...string[]], 'choice_invalid'),
	process: z.enum(['formal', 'informal'], 'choice_invalid'),
	instruments: z.array(z.enum(INSTRUMENTS, 'choice_invalid')).default([]),
	fullText: localized(LONG_TEXT_MAX, false).default({}),
	sourceUrl: httpUrl.nullable().default(null)
});
export type DeclarationInput = z.input<typeof declarationInputSchema>;

export const departmentInputSchema = z.object({
	code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'code_invalid'),
	name: localized(200, true)
});
export type DepartmentInput = z.input<typeof departmentInputSchema>;

export const planInputSchema = z
	.object({
		title: localized(TEXT_MAX, true),
		declarationId: z.string().nullable().default(null),
		periodStart: z.number('year_invalid').int('year_invalid').min(1948, 'year_invalid').max(2100, 'year_invalid'),
		periodEnd: z.number('year_invalid').int('year_invalid').min(1948, 'year_invalid').max(2100, 'year_invalid'),
		rollup: z.enum(ROLLUP_METHODS as [string, ...string[]], 'choice_invalid').default('weighted')
	})
	.refine((plan) => plan.periodEnd >= plan.periodStart, { path: ['periodEnd'], message: 'period_end_before_start' });
export type PlanInput = z.input<typeof planInputSchema>;

export const commitmentInputSchema = z
	.object({
		title: localized(TEXT_MAX, true),
		description: localized(LONG_TEXT_MAX, false).default({}),
		declarationId: z.string().nullable().default(null),
		planId: z.string().nullable().default(null),
		duty: z.enum(DUTIES, 'choice_invalid').nullable().default(null),
		groups: z.array(z.enum(POPULATION_GROUPS, 'choice_invalid')).default([]),
		/** `udhr:N`, `gwangju:N`, `sdg:G` or `sdg:G.T`; checked against the frameworks by the service. */
		tags: z.array(z.string().trim().max(40, 'tag_unknown')).default([])
	})
	.refine((commitment) => commitment.declarationId || commitment.planId, { path: ['planId'], message: 'container_required' });
export type CommitmentInput = z.input<typeof commitmentInputSchema>;

export const actionInputSchema = z
	.object({
		planId: z.string().min(1, 'required'),
		commitmentId: z.string().nullable().default(null),
		parentId: z.string().nullable().default(null),
		title: localized(TEXT_MAX, true),
		description: localized(LONG_TEXT_MAX, false).default({}),
		departmentIds: z.array(z.string()).default([]),
		leadOfficerId: z.string().nullable().default(null),
		budgetAmount: z.number('amount_invalid').finite('amount_invalid').min(0, 'amount_invalid').max(1e15, 'amount_invalid').nullable().default(null),
		budgetCurrency: z
			.string()
			.trim()
			.toUpperCase()
			.refine((code) => CURRENCIES.has(code), 'currency_invalid')
			.nullable()
			.default(null),
		startDate: optionalDate,
		dueDate: optionalDate,
		status: z.enum(ACTION_STATUSES as [string, ...string[]], 'choice_invalid').default('planned'),
		statusReason: localized(2000, false).default({}),
		progress: z.number('progress_range').int('progress_range').min(0, 'progress_range').max(100, 'progress_range').default(0),
		weight: z.number('weight_invalid').finite('weight_invalid').min(0, 'weight_invalid').max(1000, 'weight_invalid').default(1)
	})
	.superRefine((action, context) => {
		if (action.startDate && action.dueDate && action.dueDate < action.startDate) context.addIssue({ code: 'custom', path: ['dueDate'], message: 'due_before_start' });
		if (action.budgetAmount !== null && !action.budgetCurrency) context.addIssue({ code: 'custom', path: ['budgetCurrency'], message: 'currency_required' });
		if ((STATUSES_WITH_REASON as readonly string[]).includes(action.status) && Object.keys(action.statusReason).length === 0) {
			context.addIssue({ code: 'custom', path: ['statusReason'], message: 'reason_required' });
		}
		if (action.status === 'completed' && action.progress !== 100) context.addIssue({ code: 'custom', path: ['progress'], message: 'completed_needs_100' });
	});
export type ActionInput = z.input<typeof actionInputSchema>;
export type ValidAction = z.output<typeof actionInputSchema>;

export const milestoneInputSchema = z.object({
	title: localized(TEXT_MAX, true),
	dueDate: isoDate,
	doneOn: optionalDate
});
export type MilestoneInput = z.input<typeof milestoneInputSchema>;

export const evidenceLinkSchema = z.object({ url: httpUrl, label: z.string().trim().max(200, 'too_long').default('') });

export const progressInputSchema = z
	.object({
		text: localized(LONG_TEXT_MAX, true),
		status: z.enum(ACTION_STATUSES as [string, ...string[]], 'choice_invalid'),
		statusReason: localized(2000, false).default({}),
		progress: z.number('progress_range').int('progress_range').min(0, 'progress_range').max(100, 'progress_range'),
		reportedOn: isoDate,
		links: z.array(evidenceLinkSchema).max(5, 'too_many_links').default([])
	})
	.superRefine((update, context) => {
		if ((STATUSES_WITH_REASON as readonly string[]).includes(update.status) && Object.keys(update.statusReason).length === 0) {
			context.addIssue({ code: 'custom', path: ['statusReason'], message: 'reason_required' });
		}
		if (update.status === 'completed' && update.progress !== 100) context.addIssue({ code: 'custom', path: ['progress'], message: 'completed_needs_100' });
	});
export type ProgressInput = z.input<typeof progressInputSchema>;

/**
 * Parses input against a schema, or throws one `invalid_input` DomainError listing every field
 * with its rule (`details.fields`), the first also as `details.field`/`details.rule`.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : 'form';
		const rule = /^[a-z_0-9]+$/.test(issue.message) ? issue.message : issue.code === 'invalid_type' ? 'required' : 'invalid';
		fields[field] ??= rule;
	}
	throw fieldErrors(fields);
}

/** One `invalid_input` error for several fields. */
export function fieldErrors(fields: Record<string, string>): DomainError {
	const [field, rule] = Object.entries(fields)[0] ?? ['form', 'invalid'];
	return new DomainError('invalid_input', `invalid ${field}: ${rule}`, { field, rule, fields });
}
