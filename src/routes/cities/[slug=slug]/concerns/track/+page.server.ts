// Follow a concern with its tracking link (the token is in the address, `?t=`): its status, the
// office's replies, add information, appeal a decision, withdraw it. Without a token, a form to
// paste the link or code. No cache keeps these pages and no Referer carries the token on.
import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure, invalid } from '#lib/server/http/forms.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { addInformation, appealConcern, trackConcern, withdrawConcern } from '#lib/server/concerns/report.service.ts';
import { TEXT_MAX } from '#lib/server/concerns/vocabulary.ts';
import { privatePage, ringOf, trackingPath } from '../concerns.server.ts';
import { cityOf } from '../../city.server.ts';

/** The token from `?t=`, or from a pasted tracking link. */
function tokenOf(raw: string | null): string | undefined {
	const value = raw?.trim() ?? '';
	if (!value) return undefined;
	const fromLink = /[?&]t=([A-Za-z0-9_-]+)/.exec(value);
	return fromLink ? fromLink[1] : value;
}

export const load: PageServerLoad = async (event) => {
	privatePage(event);
	const { city } = await event.parent();
	const base = { city: { slug: city.slug, name: city.displayName }, max: TEXT_MAX };
	const token = tokenOf(event.url.searchParams.get('t'));
	if (!token) return { ...base, concern: undefined, token: undefined, fresh: false, link: undefined };
	const ring = ringOf(event.locals);
	if (!ring) error(503, 'concerns_unavailable', { code: 'concerns_unavailable' });
	try {
		const concern = await trackConcern(event.locals.db, ring, city.id, token, { ip: clientIp(event) });
		return { ...base, concern, token, fresh: event.url.searchParams.get('new') === '1', link: `${event.locals.config.publicOrigin}${trackingPath(city.slug, token)}` };
	} catch (caught) {
		if (isDomainError(caught, 'concern_not_found')) error(404, 'concern_not_found', { code: 'not_found' });
		throw caught;
	}
};

type Work = (db: App.Locals['db'], ring: NonNullable<ReturnType<typeof ringOf>>, cityId: string, token: string, form: FormData) => Promise<unknown>;

/** The reporter's forms post to `?t=<token>&/<action>`: the token comes from the address, as on the page. */
function reporterAction(intent: string, work: Work) {
	// On success the answer is a redirect; on a failure the page's load sets the private headers.
	return async (event: Parameters<Actions[string]>[0]) => {
		const city = await cityOf(event);
		const form = await event.request.formData();
		const token = tokenOf(event.url.searchParams.get('t'));
		if (!token) error(404, 'concern_not_found', { code: 'not_found' });
		const ring = ringOf(event.locals);
		if (!ring) return invalid({ form: 'concerns_unavailable' }, form, { status: 503, intent });
		if (intent === 'withdraw' && form.get('confirm') !== 'yes') return invalid({ confirm: 'confirm_required' }, form, { intent });
		try {
			await work(event.locals.db, ring, city.id, token, form);
		} catch (caught) {
			if (isDomainError(caught, 'concern_not_found')) error(404, 'concern_not_found', { code: 'not_found' });
			return formFailure(caught, form, { intent });
		}
		redirect(303, `${trackingPath(city.slug, token)}&done=${intent}`);
	};
}

const body = (form: FormData) => {
	const value = form.get('body');
	return { body: typeof value === 'string' ? value : '' };
};

export const actions = {
	add: reporterAction('add', (db, ring, cityId, token, form) => addInformation(db, ring, cityId, token, body(form))),
	appeal: reporterAction('appeal', (db, ring, cityId, token, form) => appealConcern(db, ring, cityId, token, body(form))),
	withdraw: reporterAction('withdraw', (db, _ring, cityId, token) => withdrawConcern(db, cityId, token))
} satisfies Actions;
