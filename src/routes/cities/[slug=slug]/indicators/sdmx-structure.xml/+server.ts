// The SDMX-ML 3.0 structure that goes beside sdmx.csv: its ids with the names in their languages.
import type { RequestHandler } from './$types';
import { cityOf } from '../../city.server.ts';
import { exportSdmxStructure } from '#lib/server/indicators/export/sdmx-structure.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { download, SDMX_STRUCTURE } from '../download.server.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const city = await cityOf({ locals, params });
	const xml = await orHttpError(() => exportSdmxStructure(locals.db, city.id, undefined, new Date().toISOString()));
	return download(request, (async function* () {
		yield xml;
	})(), { type: SDMX_STRUCTURE, filename: `${city.slug}-indicators-sdmx-structure.xml` });
};
