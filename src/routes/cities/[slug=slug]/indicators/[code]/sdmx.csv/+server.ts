// One indicator's data as SDMX-CSV 2.0, streamed.
import type { RequestHandler } from './$types';
import { cityOf } from '../../../city.server.ts';
import { exportSdmxCsv } from '#lib/server/indicators/export/export.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { download, SDMX_CSV } from '../../download.server.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const city = await cityOf({ locals, params });
	const chunks = await orHttpError(() => exportSdmxCsv(locals.db, city.id, params.code));
	return download(request, chunks, { type: SDMX_CSV, filename: `${city.slug}-${params.code}-sdmx.csv` });
};
