/**
 * Input of the concerns module, shared by the report form, the tracking page, the staff pages
 * and Open311: zod schemas whose problems are rule codes (`too_long`, `date_invalid`, …) that the
 * forms show next to their fields and Open311 turns into its error list.
 */
import { z } from 'zod';
import { AFFECTED_GROUPS, CATEGORY_CODES, EXTERNAL_BODIES, SHORT_MAX, STATUSES, TEXT_MAX } from './vocabulary.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { isRealDate } from '../validation.ts';

/** A text a person writes: trimmed, required or not, at most `max` characters. */
const text = (max: number, required: boolean) =>
	z
		.string()
		.optional()
		.transform((value) => (value ?? '').replace(/\r\n/g, '\n').trim())
		.refine((value) => !required || value.length > 0, { error: 'required' })
		.refine((value) => value.length <= max, { error: 'too_long' });

const optional = (max: number) => text(max, false).transform((value) => value || null);

const yes = z
	.union([z.string(), z.boolean()])
	.optional()
	.transform((value) => value === true || value === 'yes' || value === 'on' || value === 'true');

/** Numbers as typed (`59.33`, `59,33` is refused): null when empty. */
const coordinate = (min: number, max: number, rule: string) =>
	z
		.union([z.string(), z.number()])
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value === '') return null;
			const number = typeof value === 'number' ? value : /^-?\d{1,3}(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
			if (!Number.isFinite(number) || number < min || number > max) {
				ctx.addIssue({ code: 'custom', message: rule });
				return z.NEVER;
			}
			return number;
		});

const list = (allowed: readonly string[], rule: string) =>
	z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((value, ctx) => {
			const items = (Array.isArray(value) ? value : (value ?? '').split('\n')).map((item) => item.trim()).filter(Boolean);
			if (items.some((item) => !allowed.includes(item))) {
				ctx.addIssue({ code: 'custom', message: rule });
				return z.NEVER;
			}
			return [...new Set(items)];
		});

/**
 * A report, from the form or Open311. `today` bounds the date of what happened. The district is
 * checked against the city's list by the service.
 */
export function reportInputSchema(today: string) {
	return z
		.object({
			category: z.string({ error: 'required' }).refine((value) => (CATEGORY_CODES as readonly string[]).includes(value), { error: 'category_unknown' }),
			description: text(TEXT_MAX, true),
			district: optional(SHORT_MAX),
			address: optional(SHORT_MAX),
			lat: coordinate(-90, 90, 'lat_invalid'),
			long: coordinate(-180, 180, 'long_invalid'),
			occurredOn: z
				.string()
				.optional()
				.transform((value, ctx) => {
					const trimmed = (value ?? '').trim();
					if (!trimmed) return null;
					if (!isRealDate(trimmed) || trimmed < '1900-01-01') {
						ctx.addIssue({ code: 'custom', message: 'date_invalid' });
						return z.NEVER;
					}
					if (trimmed > today) {
						ctx.addIssue({ code: 'custom', message: 'date_future' });
						return z.NEVER;
					}
					return trimmed;
				}),
			groups: list(AFFECTED_GROUPS, 'group_unknown'),
			anonymous: yes,
			name: optional(SHORT_MAX),
			email: z
				.string()
				.optional()
				.transform((value, ctx) => {
					const trimmed = (value ?? '').trim().toLowerCase();
					if (!trimmed) return null;
					if (trimmed.length > 254 || !z.email().safeParse(trimmed).success) {
						ctx.addIssue({ code: 'custom', message: 'email_invalid' });
						return z.NEVER;
					}
					return trimmed;
				}),
			phone: z
				.string()
				.optional()
				.transform((value, ctx) => {
					const trimmed = (value ?? '').trim();
					if (!trimmed) return null;
					if (!/^\+?[0-9 ()./-]{5,40}$/.test(trimmed)) {
						ctx.addIssue({ code: 'custom', message: 'phone_invalid' });
						return z.NEVER;
					}
					return trimmed;
				}),
			consent: yes.refine((value) => value, { error: 'consent_required' }),
			publicListing: yes,
			reportLocale: z
				.string()
				.optional()
				.transform((value, ctx) => {
					const trimmed = (value ?? '').trim();
					if (!trimmed) return null;
					if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(trimmed)) {
						ctx.addIssue({ code: 'custom', message: 'locale_invalid' });
						return z.NEVER;
					}
					return trimmed;
				}),
			/** The honeypot: people never see it filled; scripts fill every field. */
			website: z
				.string()
				.optional()
				.refine((value) => !value, { error: 'honeypot' })
		})
		.superRefine((input, ctx) => {
			if ((input.lat === null) !== (input.long === null)) ctx.addIssue({ code: 'custom', path: [input.lat === null ? 'lat' : 'long'], message: 'point_incomplete' });
			if (input.anonymous && input.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'name_with_anonymous' });
		});
}
export type ReportInput = z.input<ReturnType<typeof reportInputSchema>>;
export type ValidReport = z.output<ReturnType<typeof reportInputSchema>>;

/** The languages the form offers for "the language of your report" (the reader's is chosen first). */
export const REPORT_LOCALES = LOCALES;

/** A message from the reporter or the office. */
export const messageInputSchema = z.object({ body: text(TEXT_MAX, true) });

export const statusInputSchema = z.object({
	status: z.enum(STATUSES, { error: 'status_unknown' }),
	/** Said to the reporter with the change (optional). */
	body: optional(TEXT_MAX)
});

/** `department:<code>`, `body:<external body>` or empty (the office itself). */
export const referralInputSchema = z.object({
	referredTo: z
		.string()
		.optional()
		.transform((value) => (value ?? '').trim() || null)
		.refine((value) => value === null || /^department:[a-z0-9][a-z0-9_-]{0,63}$/.test(value) || EXTERNAL_BODIES.some((body) => value === `body:${body}`), { error: 'referral_unknown' })
});

export const deadlineInputSchema = z.object({
	dueOn: z
		.string({ error: 'required' })
		.trim()
		.refine((value) => isRealDate(value), { error: 'date_invalid' })
});

export const linkInputSchema = z.object({
	/** `action:A-2025-001`, `commitment:C-3`, or empty to remove the link. */
	target: z
		.string()
		.optional()
		.transform((value) => (value ?? '').trim())
		.refine((value) => value === '' || /^(action|commitment):[A-Z]-(\d{4}-)?\d{1,6}$/.test(value), { error: 'link_invalid' })
});

export const apiKeyInputSchema = z.object({ name: text(SHORT_MAX, true) });
