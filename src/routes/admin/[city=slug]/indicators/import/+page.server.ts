// Import observations from CSV files (Open SDG: one file per indicator, named after its code; or
// the long format: indicator, period, disaggregation, value). All files or nothing: a bad file
// imports nothing and comes back with its row and column problems in the reader's language.
import type { Actions, PageServerLoad } from './$types';
import { formFailure, invalid } from '#lib/server/http/forms.ts';
import { listIndicators } from '#lib/server/indicators/indicators.service.ts';
import { importObservations, type ImportOptions } from '#lib/server/indicators/import/import.service.ts';
import { titleOf } from '#lib/indicators/view.server.ts';
import { cityForStaff } from '../../staff-access.server.ts';
import { presentImportErrors, presentImportedFiles } from './import-view.server.ts';

/** The request body limit of the server (BODY_SIZE_LIMIT) is 25 MB; say so before reading. */
const MAX_TOTAL_BYTES = 24 * 1024 * 1024;
/** Problems listed on the page (all are counted). */
const MAX_LISTED = 50;
const FORMATS = ['auto', 'open-sdg', 'long'] as const;

export const load: PageServerLoad = async (event) => {
	const { city } = await cityForStaff(event);
	const indicators = await listIndicators(event.locals.db, city.id);
	return {
		indicators: indicators.map((indicator) => ({ code: indicator.code, title: titleOf(indicator.title, event.locals.locale, indicator.code).text })),
		example: indicators[0]?.code ?? 'housing.temporary-accommodation',
		maxListed: MAX_LISTED
	};
};

export const actions = {
	upload: async (event) => {
		const { actor, city } = await cityForStaff(event);
		const form = await event.request.formData();
		const files = form.getAll('files').filter((file): file is File => file instanceof File && (file.size > 0 || file.name !== ''));
		if (files.length === 0) return invalid({ files: 'import_files_required' }, form);
		if (files.reduce((sum, file) => sum + file.size, 0) > MAX_TOTAL_BYTES) return invalid({ files: 'import_too_large' }, form);
		const askedFormat = form.get('format');
		const format: ImportOptions['format'] = (FORMATS as readonly unknown[]).includes(askedFormat) ? (askedFormat as ImportOptions['format']) : 'auto';
		const indicator = form.get('indicator');
		const chosen = typeof indicator === 'string' && indicator !== '' ? indicator : undefined;
		const acceptLookalikes = form.get('acceptLookalikes') === 'on';
		const values = { format, indicator: chosen ?? '', acceptLookalikes: acceptLookalikes ? 'on' : '' };
		try {
			const result = await importObservations(
				event.locals.db,
				actor,
				city.id,
				files.map((file) => ({ name: file.name || 'upload.csv', stream: file.stream(), ...(chosen ? { indicator: chosen } : {}) })),
				{ format, maxErrors: MAX_LISTED, acceptLookalikes }
			);
			if (!result.ok) {
				return invalid({ files: 'import_rejected' }, form, {
					values,
					extra: { problems: presentImportErrors(result.errors, event.locals.locale), problemCount: result.errorCount, truncated: result.truncated }
				});
			}
			return { imported: presentImportedFiles(result.files, event.locals.locale) };
		} catch (error) {
			// A problem of the whole upload shows at the file field.
			return formFailure(error, form, { values, rename: { form: 'files' } });
		}
	}
} satisfies Actions;
