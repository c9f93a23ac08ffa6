// A city's indicators, grouped by right, type or status (a GET form), with the city's scores per
// right and per Gwangju principle, each with its formula and the indicators behind it.
import type { PageServerLoad } from './$types';
import { cachePublicly } from '#lib/server/http/page-cache.ts';
import { getCityScoreboard } from '#lib/server/indicators/evaluation.service.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { m } from '#lib/i18n/messages.ts';
import { typeLabel } from '#lib/indicators/labels.server.ts';
import { frameworkLabels, presentAggregate, principleLabel, rightLabel, statusLabel, STATUSES, summarise, type IndicatorSummary } from '#lib/indicators/view.server.ts';

const GROUPINGS = ['right', 'type', 'status'] as const;
type Grouping = (typeof GROUPINGS)[number];
const TYPES = ['structural', 'process', 'outcome'] as const;

export const load: PageServerLoad = async ({ locals, url, parent, setHeaders }) => {
	cachePublicly({ setHeaders });
	const { city } = await parent();
	const locale = locals.locale;
	const asked = url.searchParams.get('by');
	const by: Grouping = (GROUPINGS as readonly string[]).includes(asked ?? '') ? (asked as Grouping) : 'right';
	const board = await getCityScoreboard(locals.db, city.id);
	const labels = await frameworkLabels(locals.db, locale, ['udhr', 'gwangju']);
	const indicators = board.indicators.map((indicator) => summarise(indicator, locale));
	const titles = new Map(indicators.map((indicator) => [indicator.code, indicator.title]));

	let groups: { key: string; label: string; indicators: IndicatorSummary[] }[];
	if (by === 'type') {
		groups = TYPES.map((type) => ({ key: type, label: typeLabel(type), indicators: indicators.filter((indicator) => indicator.type === type) }));
	} else if (by === 'status') {
		groups = STATUSES.map((status) => ({ key: status, label: statusLabel(status), indicators: indicators.filter((indicator) => indicator.status === status) }));
	} else {
		const rights = [...new Set(indicators.map((indicator) => indicator.rightCode))].sort((a, b) => (a === null ? 1 : b === null ? -1 : Number(a.slice(5)) - Number(b.slice(5))));
		groups = rights.map((code) => ({ key: code ?? 'none', label: code ? rightLabel(code, labels) : m.indicators_right_none(), indicators: indicators.filter((indicator) => indicator.rightCode === code) }));
	}

	return {
		city: { slug: city.slug, name: city.displayName },
		by,
		groups: groups.filter((group) => group.indicators.length > 0),
		count: indicators.length,
		overall: presentAggregate(board.city, locale, titles),
		statusCounts: STATUSES.map((status) => ({ status, label: statusLabel(status), count: formatNumber(board.statusCounts[status], locale) })),
		byRight: board.byRight.map((entry) => ({ code: entry.code, label: rightLabel(entry.code, labels), ...presentAggregate(entry.aggregate, locale, titles) })),
		byPrinciple: board.byPrinciple.map((entry) => ({ code: entry.code, label: principleLabel(entry.code, labels), ...presentAggregate(entry.aggregate, locale, titles) }))
	};
};
