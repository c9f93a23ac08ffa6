// The city's participatory processes: what residents are deciding now, and what they decided.
import type { PageServerLoad } from './$types';
import { listProcesses } from '#lib/server/participation/processes.service.ts';
import { text } from '#lib/commitments/present.server.ts';

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { city } = await parent();
	const processes = await listProcesses(locals.db, city.id);
	return {
		city: { slug: city.slug, name: city.displayName },
		processes: processes.map((process) => ({
			ref: process.ref,
			title: text(process.title, locals.locale),
			phase: process.activePhase ? { kind: process.activePhase.kind, endsOn: process.activePhase.endsOn } : undefined,
			startsOn: process.phases[0]?.startsOn,
			endsOn: process.phases.at(-1)?.endsOn
		}))
	};
};
