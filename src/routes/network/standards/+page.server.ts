// The network comparison: per framework, cities by maturity level (their latest published
// result) and the criteria cities most often do not yet meet.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { getNetworkComparison } from '#lib/server/standards/scorecard.service.ts';
import { levelName, textOf } from '#lib/standards/view.server.ts';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	// Renewed when any chain grows: every city's results are in its ledger.
	cachePublicly({ setHeaders });
	const locale = locals.locale;
	const comparisons = await getNetworkComparison(locals.db);
	return {
		frameworks: comparisons.map((comparison) => ({
			framework: comparison.framework,
			title: textOf(comparison.version.document.title, locale, comparison.framework),
			levels: comparison.levels.map((count, level) => ({ level, name: levelName(level), count })),
			cities: comparison.cities.map((city) => ({ ...city, levelName: levelName(city.level) })),
			missing: comparison.missing.slice(0, 10).map((entry) => ({ criterion: entry.criterion, title: textOf(entry.title, locale, entry.criterion), notMet: entry.notMet, partlyMet: entry.partlyMet }))
		}))
	};
};
