// Open311 API keys of the city's clients: issue one (shown once), revoke one. The office only.
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure } from '#lib/server/http/forms.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from '#lib/server/concerns/api-keys.service.ts';
import { concernsOffice } from '../concerns-access.server.ts';

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await concernsOffice(event);
	event.setHeaders({ 'cache-control': 'no-store, private' });
	return { keys: await listApiKeys(event.locals.db, actor, city.id), endpoint: `${event.locals.config.publicOrigin}/open311/v2` };
};

export const actions = {
	issue: async (event) => {
		// The page's load marks the answer (with the new key) no-store.
		const { actor, city } = await concernsOffice(event);
		const form = await event.request.formData();
		const name = form.get('name');
		try {
			const issued = await issueApiKey(event.locals.db, actor, city.id, { name: typeof name === 'string' ? name : '' }, { ip: clientIp(event) });
			return { issued: { key: issued.key, name: typeof name === 'string' ? name.trim() : '' } };
		} catch (error) {
			return formFailure(error, form, { intent: 'issue' });
		}
	},
	revoke: async (event) => {
		const { actor, city } = await concernsOffice(event);
		const form = await event.request.formData();
		const id = form.get('keyId');
		try {
			await revokeApiKey(event.locals.db, actor, city.id, typeof id === 'string' ? id : '', { ip: clientIp(event) });
			return { revoked: true as const };
		} catch (error) {
			return formFailure(error, form, { intent: 'revoke' });
		}
	}
} satisfies Actions;
