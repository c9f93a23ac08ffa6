// One indicator's data as an Open SDG CSV file (named after the indicator, so it imports back).
import type { RequestHandler } from './$types';
import { cityOf } from '../../../city.server.ts';
import { exportOpenSdgCsv } from '#lib/server/indicators/export/export.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { CSV, download } from '../../download.server.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const city = await cityOf({ locals, params });
	const chunks = await orHttpError(() => exportOpenSdgCsv(locals.db, city.id, params.code));
	return download(request, chunks, { type: CSV, filename: `${params.code}.csv` });
};
