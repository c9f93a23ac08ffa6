/**
 * Input schemas of the network module, shared by the forms and the services (and the demo seed).
 * Every rule has a stable code, shown next to its field as `network_error_<rule>` in the reader's
 * language.
 *
 * @example parseInput(requestInputSchema, { applicant: 'city', cityId, level: 'member', … })
 */
import { z } from 'zod';
import { LOCALES } from '../../i18n/locales.ts';
import { POPULATION_GROUPS } from '../commitments/index.ts';
import { httpUrl, isoDate, localized } from '../validation.ts';

export const TEXT_MAX = 500;
export const LONG_TEXT_MAX = 20_000;
export const POST_MAX = 10_000;

export const ORGANISATION_KINDS = ['municipality', 'association', 'cso', 'university', 'international'] as const;
export const TOPICS = ['general', 'participation', 'housing', 'equality', 'migration', 'education', 'monitoring', 'safety'] as const;
export const EVENT_KINDS = ['forum', 'workshop', 'webinar', 'meeting'] as const;
export const EVENT_MODES = ['in_person', 'online', 'hybrid'] as const;
export const LAYERS = ['public', 'practitioners'] as const;
/** Framework schemes a practice is tagged with (a target implies its SDG goal). */
export const PRACTICE_TAG_SCHEMES = ['udhr', 'gwangju', 'sdg'] as const;

/** A language a person or a text is in: one of the UI locales or another BCP 47 primary tag. */
const languageCode = z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/, 'language_invalid');

const requiredText = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');
const optionalText = (max: number) => z.string().trim().max(max, 'too_long').default('');

const email = z.string().trim().toLowerCase().max(254, 'too_long').email('email_invalid');

const languages = z.array(languageCode).max(12, 'too_many').default([]);
const population = z.number('number_invalid').int('number_invalid').min(1, 'number_invalid').max(100_000_000, 'number_invalid').nullable().default(null);

const requestCommon = {
	process: z.enum(['formal', 'informal'], 'choice_invalid'),
	declaration: requiredText(LONG_TEXT_MAX),
	declarationUrl: httpUrl.nullable().default(null),
	declaredOn: isoDate.nullable().default(null),
	motivation: requiredText(LONG_TEXT_MAX),
	languages,
	population,
	contactName: requiredText(200),
	contactRole: requiredText(200),
	contactEmail: email
};

/** A request to join: for a city of the registry (as member or guest) or for an organisation (associate). */
export const requestInputSchema = z.discriminatedUnion(
	'applicant',
	[
		z.object({ applicant: z.literal('city'), cityId: z.string().min(1, 'required'), level: z.enum(['member', 'guest'], 'choice_invalid'), ...requestCommon }),
		z.object({
			applicant: z.literal('organisation'),
			orgName: requiredText(200),
			orgKind: z.enum(ORGANISATION_KINDS, 'choice_invalid'),
			countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'country_invalid').nullable().default(null),
			website: httpUrl.nullable().default(null),
			level: z.literal('associate', 'choice_invalid').default('associate'),
			...requestCommon
		})
	],
	'choice_invalid'
);
export type RequestInput = z.input<typeof requestInputSchema>;

/** A public reason, in the language it was written in. */
export const reasonSchema = z.object({ reason: requiredText(2000), lang: languageCode });

export const decisionSchema = z.object({
	decision: z.enum(['accept', 'decline'], 'choice_invalid'),
	/** The network admin may accept a city as guest rather than member (or the other way). */
	level: z.enum(['member', 'guest', 'associate'], 'choice_invalid').nullable().default(null),
	...reasonSchema.shape
});
export type DecisionInput = z.input<typeof decisionSchema>;

export const membershipStatusSchema = z.object({ status: z.enum(['active', 'suspended', 'left'], 'choice_invalid'), ...reasonSchema.shape });
export type MembershipStatusInput = z.input<typeof membershipStatusSchema>;

export const memberProfileSchema = z.object({ languages, population });
export type MemberProfileInput = z.input<typeof memberProfileSchema>;

export const grantSchema = z.object({ email, note: optionalText(500) });

// ——— Pairing ———

export const pairingRequestSchema = z.object({
	menteeCityId: z.string().min(1, 'required'),
	mentorCityId: z.string().min(1, 'required'),
	message: optionalText(5000),
	endsOn: isoDate.nullable().default(null)
});
export type PairingRequestInput = z.input<typeof pairingRequestSchema>;

export const goalSchema = z.object({ text: requiredText(TEXT_MAX), lang: languageCode });
export const goalStatusSchema = z.object({ goalId: z.string().min(1, 'required'), status: z.enum(['open', 'achieved', 'dropped'], 'choice_invalid') });
export const meetingSchema = z.object({
	heldOn: isoDate,
	mode: z.enum(EVENT_MODES, 'choice_invalid'),
	summary: requiredText(2000),
	notes: optionalText(LONG_TEXT_MAX),
	lang: languageCode
});
export type MeetingInput = z.input<typeof meetingSchema>;
export const noteSchema = z.object({ body: requiredText(LONG_TEXT_MAX), lang: languageCode });
/** Ending (or declining, withdrawing) a pairing with a note; a pairing under way ends on a date (today unless given). */
export const pairingEndSchema = z.object({ note: requiredText(2000), lang: languageCode, endedOn: isoDate.nullable().default(null) });

// ——— Practices ———

export const practiceInputSchema = z.object({
	layer: z.enum(LAYERS, 'choice_invalid').default('public'),
	originalLocale: z.enum(LOCALES as unknown as [string, ...string[]], 'choice_invalid'),
	title: localized(TEXT_MAX, true),
	summary: localized(2000, true),
	body: localized(LONG_TEXT_MAX, false).default({}),
	results: localized(LONG_TEXT_MAX, false).default({}),
	budgetAmount: z.number('number_invalid').min(0, 'number_invalid').max(1e13, 'number_invalid').nullable().default(null),
	budgetCurrency: z
		.string()
		.trim()
		.toUpperCase()
		.refine((code) => Intl.supportedValuesOf('currency').includes(code), 'currency_invalid')
		.nullable()
		.default(null),
	startedYear: z.number('year_invalid').int('year_invalid').min(1948, 'year_invalid').max(2100, 'year_invalid').nullable().default(null),
	groups: z.array(z.enum(POPULATION_GROUPS, 'choice_invalid')).default([]),
	tags: z.array(z.string().max(40, 'too_long')).max(60, 'too_many').default([]),
	contact: z
		.object({ name: optionalText(200), role: optionalText(200), email: z.union([z.literal(''), email]).default('') })
		.default({ name: '', role: '', email: '' }),
	practitionerNotes: localized(LONG_TEXT_MAX, false).default({}),
	links: z
		.array(
			z.object({
				type: z.enum(['commitment', 'action', 'indicator', 'url'], 'choice_invalid'),
				/** A commitment or action reference (C-3, A-2025-001), an indicator code, or a URL. */
				target: z.string().trim().min(1, 'required').max(2000, 'too_long'),
				label: optionalText(200)
			})
		)
		.max(20, 'too_many')
		.default([])
});
export type PracticeInput = z.input<typeof practiceInputSchema>;

export const adoptionSchema = z.object({
	commitmentRef: z.string().trim().min(1, 'required').max(40, 'too_long'),
	note: optionalText(2000),
	lang: languageCode
});

// ——— Dialogue ———

export const threadInputSchema = z.object({
	topic: z.enum(TOPICS, 'choice_invalid'),
	layer: z.enum(LAYERS, 'choice_invalid').default('practitioners'),
	title: requiredText(200),
	body: requiredText(POST_MAX),
	lang: languageCode
});
export type ThreadInput = z.input<typeof threadInputSchema>;
export const postInputSchema = z.object({ body: requiredText(POST_MAX), lang: languageCode });
export const hideSchema = z.object({ reason: requiredText(500) });

// ——— Events ———

/** A wall-clock time in the event's zone, as a form gives it: `2026-10-14T09:30`. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'datetime_invalid');

export const eventInputSchema = z
	.object({
		kind: z.enum(EVENT_KINDS, 'choice_invalid'),
		audience: z.enum(LAYERS, 'choice_invalid').default('public'),
		title: localized(TEXT_MAX, true),
		description: localized(LONG_TEXT_MAX, false).default({}),
		startsLocal: localDateTime,
		endsLocal: localDateTime,
		timeZone: z.string().trim().min(1, 'required').refine(isTimeZone, 'timezone_invalid'),
		mode: z.enum(EVENT_MODES, 'choice_invalid'),
		place: optionalText(500),
		onlineUrl: httpUrl.nullable().default(null),
		languages,
		capacity: z.number('number_invalid').int('number_invalid').min(1, 'number_invalid').max(1_000_000, 'number_invalid').nullable().default(null),
		registrationClosesLocal: localDateTime.nullable().default(null),
		hostCityId: z.string().nullable().default(null)
	})
	.refine((event) => event.mode === 'online' || event.place !== '', { path: ['place'], message: 'place_required' })
	.refine((event) => event.mode === 'in_person' || event.onlineUrl !== null, { path: ['onlineUrl'], message: 'online_url_required' });
export type EventInput = z.input<typeof eventInputSchema>;

export const materialSchema = z.object({ title: requiredText(200), url: httpUrl.nullable().default(null), layer: z.enum(LAYERS, 'choice_invalid').default('public'), lang: languageCode.nullable().default(null) });

/** True when `zone` is an IANA time zone Intl knows (`Asia/Seoul`, `UTC`). */
export function isTimeZone(zone: string): boolean {
	if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}
