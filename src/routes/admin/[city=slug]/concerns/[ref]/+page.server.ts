// One case for the staff allowed to read it (the read is audited): what happened, where, who
// reported (unless anonymous), every message, and the office's forms — assign, refer, status,
// reply, internal note, deadline, link to a commitment or action.
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { clientIp, formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { formFields } from '#lib/server/validation.ts';
import { listDepartments } from '#lib/server/commitments/declarations.service.ts';
import { listCityStaff } from '#lib/server/accounts/index.ts';
import { addNote, assignCase, changeStatus, linkCase, listAssignableStaff, openCase, referCase, replyToReporter, setDeadline } from '#lib/server/concerns/cases.service.ts';
import { keyRingOf } from '#lib/server/concerns/crypto.ts';
import { EXTERNAL_BODIES, STATUSES, TEXT_MAX } from '#lib/server/concerns/vocabulary.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { concernsStaff } from '../concerns-access.server.ts';

function privateStaffPage(event: Pick<RequestEvent, 'setHeaders'>): void {
	event.setHeaders({ 'cache-control': 'no-store, private', 'referrer-policy': 'same-origin' });
}

function ring(event: Pick<RequestEvent, 'locals'>) {
	if (event.locals.config.concernsKeys.keys.length === 0) error(503, 'concerns_unavailable', { code: 'concerns_unavailable' });
	return keyRingOf(event.locals.config);
}

export const load: PageServerLoad = async (event) => {
	privateStaffPage(event);
	const { actor, city, office } = await concernsStaff(event);
	const kase = await orHttpError(() => openCase(event.locals.db, ring(event), actor, city.id, event.params.ref, { ip: clientIp(event) }));
	const [staff, departments, people] = await Promise.all([
		office ? listAssignableStaff(event.locals.db, actor, city.id) : Promise.resolve([]),
		listDepartments(event.locals.db, city.id),
		listCityStaff(event.locals.db, city.id)
	]);
	const names = new Map(people.map((person) => [person.id, person.display_name]));
	return {
		office,
		kase: { ...kase, messages: kase.messages.map((item) => ({ ...item, author: item.authorId ? (names.get(item.authorId) ?? null) : null })) },
		handler: kase.handlerId ? (names.get(kase.handlerId) ?? null) : null,
		staff,
		departments: departments.map((department) => ({ code: department.code, name: pickText(department.name, event.locals.locale)?.text ?? department.code })),
		bodies: [...EXTERNAL_BODIES],
		statuses: [...STATUSES],
		max: TEXT_MAX
	};
};

/** Each form: the case from the URL, the city's staff check, then the service (which checks the finer policy). */
function caseAction(intent: string, work: (event: RequestEvent, input: Record<string, string>, context: Awaited<ReturnType<typeof concernsStaff>>) => Promise<unknown>) {
	// The page's load sets the private headers of the answer (setting them here too is an error).
	return async (event: RequestEvent) => {
		const staff = await concernsStaff(event);
		const form = await event.request.formData();
		const input = formFields(form);
		const version = Number(input.version ?? '');
		if (['assign', 'refer', 'status', 'deadline', 'link'].includes(intent) && !Number.isInteger(version)) return invalid({ form: 'invalid' }, form, { intent });
		try {
			await work(event, input, staff);
		} catch (caught) {
			return formFailure(caught, form, { intent });
		}
		return { saved: intent };
	};
}

const cityOf = (staff: Awaited<ReturnType<typeof concernsStaff>>) => ({ id: staff.city.id, slug: staff.city.slug, name: staff.city.displayName });

export const actions = {
	assign: caseAction('assign', (event, input, staff) => assignCase(event.locals.db, staff.actor, staff.city.id, event.params.ref, Number(input.version), input.handlerId || null)),
	refer: caseAction('refer', (event, input, staff) => referCase(event.locals.db, staff.actor, staff.city.id, event.params.ref, Number(input.version), { referredTo: input.referredTo ?? '' })),
	status: caseAction('status', (event, input, staff) => changeStatus(event.locals.db, ring(event), staff.actor, cityOf(staff), event.params.ref, Number(input.version), { status: input.status ?? '', body: input.body ?? '' })),
	reply: caseAction('reply', (event, input, staff) => replyToReporter(event.locals.db, ring(event), staff.actor, cityOf(staff), event.params.ref, { body: input.body ?? '' })),
	note: caseAction('note', (event, input, staff) => addNote(event.locals.db, ring(event), staff.actor, staff.city.id, event.params.ref, { body: input.body ?? '' })),
	deadline: caseAction('deadline', (event, input, staff) => setDeadline(event.locals.db, staff.actor, staff.city.id, event.params.ref, Number(input.version), { dueOn: input.dueOn ?? '' })),
	link: caseAction('link', (event, input, staff) => linkCase(event.locals.db, staff.actor, staff.city.id, event.params.ref, Number(input.version), { target: input.target ?? '' }))
} satisfies Actions;
