// A whole action plan as CSV (commitments, actions, milestones; the columns are described in
// commitments/plan-csv.ts), for anyone: a plan is public. Its lead officers' e-mail addresses are
// only in the file for the city's admins, so their copy is never kept by a shared cache.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cityOf } from '../../../city.server.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { getPlanByRef } from '#lib/server/commitments/plans.service.ts';
import { exportPlanCsv } from '#lib/server/commitments/plan-csv.service.ts';
import { canManageCommitments } from '#lib/server/commitments/commitments.policy.ts';
import { toByteStream } from '#lib/server/csv/index.ts';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	if (!/^P-\d{1,6}$/.test(params.ref)) error(404, 'plan_not_found', { code: 'not_found' });
	const city = await cityOf({ locals, params });
	const plan = await orHttpError(() => getPlanByRef(locals.db, city.id, params.ref));
	const exported = await exportPlanCsv(locals.db, locals.actor, city.id, plan.id);
	const personal = canManageCommitments(locals.actor, city.id);
	// A browser opening the link may get the CSRF cookie from the hooks: keep such answers private too.
	const navigation = request.headers.get('accept')?.includes('text/html') ?? false;
	return new Response(toByteStream(exported.chunks()), {
		headers: {
			'content-type': 'text/csv; charset=utf-8; header=present',
			'content-disposition': `attachment; filename="${city.slug}-${plan.ref}.csv"`,
			'cache-control': personal ? 'private, no-store' : `${navigation ? 'private' : 'public'}, max-age=60`,
			'x-content-type-options': 'nosniff'
		}
	});
};
