/** Words for the participation module's codes (phases, answers, proposal states), in the reader's language. */
import { m } from '#lib/i18n/messages.ts';

const PHASES: Record<string, () => string> = {
	information: () => m.participation_phase_information(),
	proposals: () => m.participation_phase_proposals(),
	supports: () => m.participation_phase_supports(),
	evaluation: () => m.participation_phase_evaluation(),
	results: () => m.participation_phase_results(),
	budgeting: () => m.participation_phase_budgeting(),
	voting: () => m.participation_phase_voting(),
	consultation: () => m.participation_phase_consultation()
};

export function phaseLabel(kind: string): string {
	return PHASES[kind]?.() ?? kind;
}

const ANSWERS: Record<string, () => string> = {
	accepted: () => m.participation_answer_accepted(),
	rejected: () => m.participation_answer_rejected(),
	in_plan: () => m.participation_answer_in_plan()
};

export function answerLabel(answer: string): string {
	return ANSWERS[answer]?.() ?? answer;
}

const STATES: Record<string, () => string> = {
	pending: () => m.participation_state_pending(),
	published: () => m.participation_state_published(),
	rejected: () => m.participation_state_rejected(),
	hidden: () => m.participation_state_hidden(),
	withdrawn: () => m.participation_state_withdrawn()
};

export function stateLabel(status: string): string {
	return STATES[status]?.() ?? status;
}

const TAKE_PART: Record<string, () => string> = {
	unauthenticated: () => m.participation_take_part_signin(),
	other_city: () => m.participation_take_part_other_city(),
	system_actor: () => m.participation_take_part_other_city(),
	verification_email: () => m.participation_error_verification_email(),
	verification_census: () => m.participation_error_verification_census(),
	verification_in_person: () => m.participation_error_verification_in_person()
};

/** Why the reader may not take part here, as a sentence. */
export function takePartText(problem: string): string {
	return TAKE_PART[problem]?.() ?? m.participation_take_part_other_city();
}

const RECOMMENDATION_STATUSES: Record<string, () => string> = {
	awaiting: () => m.participation_recommendation_status_awaiting(),
	accepted: () => m.participation_recommendation_status_accepted(),
	partly_accepted: () => m.participation_recommendation_status_partly_accepted(),
	rejected: () => m.participation_recommendation_status_rejected()
};

/** A recommendation's state: awaiting the city's response, or its response. */
export function recommendationStatusLabel(status: string): string {
	return RECOMMENDATION_STATUSES[status]?.() ?? status;
}

const PROJECT_STATUSES: Record<string, () => string> = {
	open: () => m.participation_project_status_open(),
	selected: () => m.participation_project_selected(),
	not_selected: () => m.participation_project_not_selected(),
	withdrawn: () => m.participation_project_status_withdrawn()
};

/** A budget project's state: on the ballot, funded, not funded, withdrawn. */
export function projectStatusLabel(status: string): string {
	return PROJECT_STATUSES[status]?.() ?? status;
}

const MEETING_STATUSES: Record<string, () => string> = {
	planned: () => m.participation_meeting_status_planned(),
	held: () => m.participation_meeting_status_held(),
	cancelled: () => m.participation_meeting_status_cancelled()
};

/** A council meeting's state: planned, held, cancelled. */
export function meetingStatusLabel(status: string): string {
	return MEETING_STATUSES[status]?.() ?? status;
}

const SEATS: Record<string, () => string> = {
	cso: () => m.participation_seat_cso(),
	resident: () => m.participation_seat_resident(),
	official: () => m.participation_seat_official(),
	expert: () => m.participation_seat_expert()
};

/** A council member's seat: civil-society organisation, resident, official, expert. */
export function seatLabel(seat: string): string {
	return SEATS[seat]?.() ?? seat;
}

const FLAG_REASONS: Record<string, () => string> = {
	spam: () => m.participation_flag_reason_spam(),
	offensive: () => m.participation_flag_reason_offensive(),
	personal_data: () => m.participation_flag_reason_personal_data(),
	off_topic: () => m.participation_flag_reason_off_topic()
};

/** Why a resident flags a proposal for the moderators. */
export function flagReasonLabel(reason: string): string {
	return FLAG_REASONS[reason]?.() ?? reason;
}

/** The states the public proposal list filters on. */
export function filterStateLabel(state: string): string {
	if (state === 'open') return m.participation_filter_state_open();
	if (state === 'qualified') return m.participation_filter_state_qualified();
	if (state === 'unanswered') return m.participation_filter_state_unanswered();
	if (state === 'withdrawn') return stateLabel('withdrawn');
	return answerLabel(state);
}
