// The network admin's membership screen: every member (cities and associate members) with its
// status, suspended or reinstated with a public reason (in the network ledger and on the public
// member list), and the people given practitioner access, granted by e-mail and withdrawn.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changeMembershipStatus, grantPractitioner, listMembers, listPractitionerGrants, revokePractitioner, viewerOf } from '#lib/server/network/membership.service.ts';
import { canManageNetwork } from '#lib/server/network/network.policy.ts';
import { fieldErrors } from '#lib/server/errors.ts';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { formText, reasonOf } from '../../network-view.server.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const { db, locale } = event.locals;
	const viewer = await viewerOf(db, actor);
	if (!canManageNetwork(viewer)) error(403, 'forbidden', { code: 'forbidden' });
	const collator = new Intl.Collator(locale);
	const members = (await listMembers(db))
		.map((member) => ({
			id: member.id,
			ref: member.ref,
			version: member.version,
			name: member.name,
			slug: member.slug,
			kind: member.kind,
			orgKind: member.orgKind,
			level: member.level,
			status: member.status,
			since: member.since,
			reason: reasonOf(member.statusReason, locale)
		}))
		.sort((a, b) => collator.compare(a.name, b.name));
	const grants = await listPractitionerGrants(db, viewer);
	return { members, grants: grants.map((grant) => ({ personId: grant.personId, email: grant.email, displayName: grant.displayName, note: grant.note, createdAt: grant.createdAt.slice(0, 10) })), done: event.url.searchParams.get('done') };
};

type Event = Parameters<Actions['status']>[0];

/** One of the screen's forms: the network admin only (others get 403 before their input is read), then back with what was done. */
async function manage(event: Event, intent: (form: FormData) => string, change: (viewer: Awaited<ReturnType<typeof viewerOf>>, form: FormData) => Promise<unknown>, done: string) {
	const actor = requireActor(event);
	const viewer = await viewerOf(event.locals.db, actor);
	if (!canManageNetwork(viewer)) error(403, 'forbidden', { code: 'forbidden' });
	const form = await event.request.formData();
	try {
		await change(viewer, form);
	} catch (caught) {
		return formFailure(caught, form, { intent: intent(form) });
	}
	redirect(303, `/network/members/manage?done=${done}`);
}

export const actions = {
	status: (event) =>
		manage(
			event,
			(form) => formText(form, 'id'),
			(viewer, form) => {
				const version = Number(formText(form, 'version'));
				if (!Number.isInteger(version)) throw fieldErrors({ form: 'invalid_input' });
				const status = formText(form, 'status');
				if (status !== 'active' && status !== 'suspended') throw fieldErrors({ status: 'choice_invalid' });
				return changeMembershipStatus(event.locals.db, viewer.actor, formText(form, 'id'), version, { status, reason: formText(form, 'reason'), lang: event.locals.locale });
			},
			'status'
		),
	grant: (event) => manage(event, () => 'grant', (viewer, form) => grantPractitioner(event.locals.db, viewer, { email: formText(form, 'email'), note: formText(form, 'note') }), 'granted'),
	revoke: (event) => manage(event, (form) => `revoke-${formText(form, 'personId')}`, (viewer, form) => revokePractitioner(event.locals.db, viewer, formText(form, 'personId')), 'withdrawn')
} satisfies Actions;
