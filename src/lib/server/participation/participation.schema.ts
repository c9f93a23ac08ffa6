/**
 * Input schemas of the participation module, shared by the forms, the demo seed and the
 * services. Every rule has a stable code, shown next to its field as `participation_error_<rule>`
 * in the reader's language.
 */
import { z } from 'zod';
import { isoDate, localized } from '../validation.ts';

export const TITLE_MIN = 10;
export const TITLE_MAX = 150;
export const BODY_MIN = 15;
export const BODY_MAX = 10_000;
export const COMMENT_MAX = 4_000;

export const LEVELS = ['member', 'email', 'census', 'in_person'] as const;
export const PHASE_KINDS = ['information', 'proposals', 'supports', 'evaluation', 'results', 'budgeting', 'voting', 'consultation'] as const;
export const FLAG_REASONS = ['spam', 'offensive', 'personal_data', 'off_topic'] as const;
export const ANSWERS = ['accepted', 'rejected', 'in_plan'] as const;
export const SEATS = ['cso', 'resident', 'official', 'expert'] as const;
export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const RECOMMENDATION_STATUSES = ['awaiting', 'accepted', 'partly_accepted', 'rejected'] as const;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TAG = /^(udhr:\d{1,2}|gwangju:\d{1,2}|sdg:\d{1,2}(\.[0-9a-z]{1,2})?)$/;

/** Control characters other than line breaks and tabs are refused in anything typed. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function plain(min: number, max: number) {
	return z
		.string('required')
		.transform((text) => text.normalize('NFC').trim())
		.refine((text) => text.length > 0, 'required')
		.refine((text) => text.length >= min, 'too_short')
		.refine((text) => text.length <= max, 'too_long')
		.refine((text) => !CONTROL.test(text), 'text_invalid');
}

const tags = z.array(z.string().regex(TAG, 'tag_invalid')).max(20, 'too_many').default([]);
const districtCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'district_unknown');

export const phaseInputSchema = z
	.object({ kind: z.enum(PHASE_KINDS, 'choice_invalid'), startsOn: isoDate, endsOn: isoDate })
	.refine((phase) => phase.endsOn >= phase.startsOn, { message: 'date_range_reversed', path: ['endsOn'] });

export const processInputSchema = z
	.object({
		title: localized(200, true),
		description: localized(20_000, false).default({}),
		districts: z.array(districtCode).max(500).default([]),
		tags,
		proposeLevel: z.enum(LEVELS, 'choice_invalid').default('email'),
		supportLevel: z.enum(LEVELS, 'choice_invalid').default('email'),
		voteLevel: z.enum(LEVELS, 'choice_invalid').default('census'),
		moderation: z.enum(['pre', 'post'], 'choice_invalid').default('post'),
		supportLimit: z.number('number_invalid').int('number_invalid').min(1, 'number_invalid').max(10_000, 'number_invalid').nullable().default(null),
		thresholdKind: z.enum(['none', 'count', 'census_share'], 'choice_invalid').default('none'),
		/** Supports, or a share of the census in basis points (100 = 1 %). */
		thresholdValue: z.number('number_invalid').int('number_invalid').min(1, 'number_invalid').max(10_000_000, 'number_invalid').nullable().default(null),
		budgetAmount: z.number('number_invalid').int('number_invalid').min(1, 'number_invalid').max(1e13, 'number_invalid').nullable().default(null),
		budgetCurrency: z.string().refine((code) => CURRENCIES.has(code), 'currency_invalid').nullable().default(null),
		planId: z.string().max(64).nullable().default(null),
		phases: z.array(phaseInputSchema).min(1, 'phases_required').max(12, 'too_many')
	})
	.superRefine((input, ctx) => {
		if (input.thresholdKind !== 'none' && input.thresholdValue === null) ctx.addIssue({ code: 'custom', message: 'threshold_required', path: ['thresholdValue'] });
		if (input.thresholdKind === 'census_share' && input.thresholdValue !== null && input.thresholdValue > 10_000) ctx.addIssue({ code: 'custom', message: 'share_range', path: ['thresholdValue'] });
		const kinds = input.phases.map((phase) => phase.kind);
		const budgeting = kinds.includes('voting') || kinds.includes('budgeting');
		if (budgeting && (input.budgetAmount === null || !input.budgetCurrency)) ctx.addIssue({ code: 'custom', message: 'budget_required', path: ['budgetAmount'] });
		if (kinds.includes('consultation') && !input.planId) ctx.addIssue({ code: 'custom', message: 'plan_required', path: ['planId'] });
		if (new Set(kinds).size !== kinds.length) ctx.addIssue({ code: 'custom', message: 'phase_twice', path: ['phases'] });
		for (let index = 1; index < input.phases.length; index += 1) {
			if (input.phases[index]!.startsOn < input.phases[index - 1]!.endsOn) ctx.addIssue({ code: 'custom', message: 'phases_overlap', path: ['phases'] });
		}
	});
export type ProcessInput = z.input<typeof processInputSchema>;
export type ValidProcess = z.output<typeof processInputSchema>;

export const proposalInputSchema = z
	.object({
		title: plain(TITLE_MIN, TITLE_MAX),
		body: plain(BODY_MIN, BODY_MAX),
		lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'lang_invalid').default('en'),
		district: districtCode.nullable().default(null),
		tags,
		latitude: z.number('number_invalid').min(-90, 'location_invalid').max(90, 'location_invalid').nullable().default(null),
		longitude: z.number('number_invalid').min(-180, 'location_invalid').max(180, 'location_invalid').nullable().default(null),
		place: plain(1, 200).nullable().default(null)
	})
	.refine((input) => (input.latitude === null) === (input.longitude === null), { message: 'location_invalid', path: ['latitude'] });
export type ProposalInput = z.input<typeof proposalInputSchema>;

export const answerInputSchema = z
	.object({
		answer: z.enum(ANSWERS, 'choice_invalid'),
		text: localized(10_000, false).default({})
	})
	.refine((input) => input.answer !== 'rejected' || Object.keys(input.text).length > 0, { message: 'reason_required', path: ['text'] });
export type AnswerInput = z.input<typeof answerInputSchema>;

export const reasonSchema = z.object({ text: plain(5, 1000), lang: z.string().regex(/^[a-z]{2,3}$/, 'lang_invalid').default('en') });

export const projectInputSchema = z.object({
	title: localized(200, true),
	description: localized(10_000, false).default({}),
	cost: z.number('number_invalid').int('number_invalid').min(1, 'number_invalid').max(1e13, 'number_invalid'),
	district: districtCode.nullable().default(null),
	proposalId: z.string().max(64).nullable().default(null)
});
export type ProjectInput = z.input<typeof projectInputSchema>;

export const commentInputSchema = z.object({
	body: plain(2, COMMENT_MAX),
	lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'lang_invalid').default('en'),
	parentId: z.string().max(64).nullable().default(null)
});
export type CommentInput = z.input<typeof commentInputSchema>;

export const clusterInputSchema = z.object({
	title: localized(200, true),
	response: localized(10_000, false).default({}),
	commentIds: z.array(z.string().max(64)).max(500).default([])
});
export type ClusterInput = z.input<typeof clusterInputSchema>;

export const memberInputSchema = z
	.object({
		name: plain(2, 120),
		seat: z.enum(SEATS, 'choice_invalid'),
		organisation: plain(2, 200).nullable().default(null),
		termStart: isoDate,
		termEnd: isoDate.nullable().default(null)
	})
	.refine((member) => member.termEnd === null || member.termEnd >= member.termStart, { message: 'date_range_reversed', path: ['termEnd'] });
export type MemberInput = z.input<typeof memberInputSchema>;

export const meetingInputSchema = z.object({
	title: localized(200, true),
	heldOn: isoDate,
	place: plain(2, 200).nullable().default(null),
	agenda: localized(20_000, false).default({}),
	minutes: localized(50_000, false).default({}),
	status: z.enum(MEETING_STATUSES, 'choice_invalid').default('planned')
});
export type MeetingInput = z.input<typeof meetingInputSchema>;

export const recommendationInputSchema = z.object({
	title: localized(300, true),
	body: localized(20_000, false).default({}),
	tags,
	issuedOn: isoDate,
	meetingId: z.string().max(64).nullable().default(null)
});
export type RecommendationInput = z.input<typeof recommendationInputSchema>;

export const responseInputSchema = z
	.object({
		status: z.enum(['accepted', 'partly_accepted', 'rejected'], 'choice_invalid'),
		response: localized(20_000, true)
	});
export type ResponseInput = z.input<typeof responseInputSchema>;

/** What a form's one-time key looks like (made by the page: 16 random bytes, hex or base64url). */
export const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;
