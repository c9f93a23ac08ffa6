// Every indicator of the city as one SDMX-CSV 2.0 file, streamed.
import type { RequestHandler } from './$types';
import { cityOf } from '../../city.server.ts';
import { exportSdmxCsv } from '#lib/server/indicators/export/export.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { download, SDMX_CSV } from '../download.server.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const city = await cityOf({ locals, params });
	const chunks = await orHttpError(() => exportSdmxCsv(locals.db, city.id));
	return download(request, chunks, { type: SDMX_CSV, filename: `${city.slug}-indicators-sdmx.csv` });
};
