// One indicator's definition and observations as JSON, streamed.
import type { RequestHandler } from './$types';
import { cityOf } from '../../../city.server.ts';
import { exportJson } from '#lib/server/indicators/export/export.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { download, JSON_TYPE } from '../../download.server.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const city = await cityOf({ locals, params });
	const chunks = await orHttpError(() => exportJson(locals.db, city.id, params.code));
	return download(request, chunks, { type: JSON_TYPE, filename: `${city.slug}-${params.code}.json` });
};
