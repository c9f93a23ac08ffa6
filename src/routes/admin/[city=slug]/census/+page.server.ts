// The city's census list: upload a CSV of resident identifiers (only keyed hashes are stored).
// All-or-nothing: a bad file changes nothing and comes back with its row and column problems.
import type { Actions, PageServerLoad } from './$types';
import { clientIp, formFailure, invalid } from '#lib/server/http/forms.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { isDomainError } from '#lib/server/errors.ts';
import { censusSize, uploadCensus } from '#lib/server/accounts/census.service.ts';
import { cityForAdmin } from '../city-access.server.ts';

/** Beyond this the upload is refused before reading (the list allows 2 million rows). */
const MAX_FILE_BYTES = 24 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const { actor, city } = await cityForAdmin(event);
	return { size: await orHttpError(() => censusSize(event.locals.db, actor, city.id)) };
};

export const actions = {
	upload: async (event) => {
		const { actor, city } = await cityForAdmin(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return invalid({ file: file instanceof File && file.name ? 'census_empty' : 'census_file_required' }, form);
		if (file.size > MAX_FILE_BYTES) return invalid({ file: 'census_too_large' }, form);
		try {
			const { entries } = await uploadCensus(event.locals.db, actor, city.id, new Uint8Array(await file.arrayBuffer()), { ip: clientIp(event) });
			return { uploaded: entries };
		} catch (error) {
			// A bad file (its header, or rows listed with their problems) shows at the file field.
			if (isDomainError(error, 'census_invalid')) return formFailure(error, form, { values: {}, rename: { form: 'file' } });
			return formFailure(error, form);
		}
	}
} satisfies Actions;
