/**
 * What the indicator page shows, as finished strings and aligned number arrays: the definition
 * in the reader's language, the score with its formula filled in, and the data of the three
 * charts (line, disaggregation, gaps). Only what is shown is returned, so the page stays light
 * even for 20 years × 50 groups: the line chart carries the total and at most five groups.
 */
import { m, message } from '#lib/i18n/messages.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { pickText, type PickedText } from '#lib/i18n/localized-text.ts';
import type { ChartPeriod, ChartSeries } from '#lib/charts/chart-data.ts';
import type { Db } from '#lib/server/db/database.ts';
import { comparePeriods, groupKey } from '#lib/server/indicators/group-key.ts';
import type { IndicatorDetail } from '#lib/server/indicators/evaluation.service.ts';
import { dimensionLabel, dimensionValueLabel, directionLabel, groupLabel, periodLabel, periodPosition, typeLabel, unitLabel } from '#lib/indicators/labels.server.ts';
import { formatterOf, frameworkLabels, principleLabel, rightLabel, scoreText, statusLabel, titleOf, trendLabel } from '#lib/indicators/view.server.ts';

/** Groups drawn in the line chart besides the total (the table and downloads have all). */
export const MAX_SHOWN_GROUPS = 5;

export interface PresentOptions {
	locale: string;
	citySlug: string;
	/** `?dim=`: the dimension of the disaggregation and gap charts. */
	dimension: string | null;
	/** `?show=`: group keys for the line chart. */
	show: string[];
	/** The reader submitted the chooser (so an empty `show` means "total only"). */
	chosen: boolean;
}

const optional = (text: PickedText | undefined) => (text && text.text.trim() !== '' ? text : null);

export async function presentIndicator(db: Db, detail: IndicatorDetail, options: PresentOptions) {
	const { indicator, observations, score } = detail;
	const { locale } = options;
	const format = formatterOf(indicator, locale);
	const labels = await frameworkLabels(db, locale, ['udhr', 'gwangju', 'sdg']);
	const title = titleOf(indicator.title, locale, indicator.code);
	const period = (text: string) => periodLabel(text, locale);
	const valueAt = (value: { value: number; period: string }) => m.indicators_value_in({ value: format.value(value.value), period: period(value.period) });

	// ——— Definition ———
	const dimensions = Object.entries(indicator.dimensions).map(([name, values]) => ({
		name,
		label: dimensionLabel(name),
		values: values.map((value) => dimensionValueLabel(name, value))
	}));
	const definition = {
		code: indicator.code,
		libraryCode: indicator.libraryCode,
		title,
		description: optional(pickText(indicator.description, locale)),
		methodology: optional(pickText(indicator.methodology, locale)),
		unit: indicator.unit,
		currency: indicator.currency,
		type: typeLabel(indicator.type),
		right: indicator.rightCode ? rightLabel(indicator.rightCode, labels) : null,
		attribute: indicator.attribute,
		// An SDG target's label is its number (`11.1`): shown once, not as "11.1 11.1".
		sdgTargets: indicator.sdgTargets.map((code) => {
			const label = labels.get(code)?.text ?? '';
			return { code: code.slice(4), label: label === code.slice(4) ? '' : label };
		}),
		principles: indicator.principles.map((code) => principleLabel(code, labels)),
		unitLabel: unitLabel(indicator.unit, indicator.currency),
		direction: directionLabel(indicator.direction),
		baseline: indicator.baseline ? valueAt(indicator.baseline) : null,
		target: indicator.target ? valueAt(indicator.target) : null,
		band: indicator.band ? m.indicators_band_value({ low: format.value(indicator.band.low), high: format.value(indicator.band.high) }) : null,
		source: indicator.source,
		dimensions
	};

	// ——— Score, status, trend ———
	const scoreView = {
		status: score.status,
		statusLabel: statusLabel(score.status),
		value: score.score === null ? null : scoreText(score.score, locale),
		latest: score.latest ? valueAt(score.latest) : null,
		formula: scoreFormula(detail, locale),
		expected:
			score.expected !== null && (score.status === 'on_track' || score.status === 'off_track')
				? m.indicators_expected({ expected: scoreText(score.expected, locale), tolerance: formatNumber(score.tolerance, locale), floor: scoreText(Math.max(0, score.expected - score.tolerance), locale) })
				: null,
		distance: score.distanceToTarget !== null && score.status !== 'achieved' ? format.signed(score.distanceToTarget) : null,
		trend: trendLabel(score.trend.direction),
		trendDetail:
			score.trend.slopePerPeriod !== null && score.trend.periods.length >= 2
				? m.indicators_trend_detail({
						slope: format.signed(score.trend.slopePerPeriod),
						per: message(`indicators_per_${score.trend.granularity ?? 'year'}`),
						count: formatNumber(score.trend.periods.length, locale),
						from: period(score.trend.periods[0]!),
						to: period(score.trend.periods.at(-1)!)
					})
				: null
	};

	// ——— Line chart: total and chosen groups over every period ———
	const periodTexts = [...new Set(observations.map((observation) => observation.period))].sort(comparePeriods);
	const periods: ChartPeriod[] = periodTexts.map((text) => ({ x: periodPosition(text), period: text, label: period(text) }));
	const index = new Map(periodTexts.map((text, i) => [text, i]));
	const byGroup = new Map<string, { values: (number | null)[]; notes: (string | null)[] }>();
	for (const observation of observations) {
		let entry = byGroup.get(observation.groupKey);
		if (!entry) {
			entry = { values: periodTexts.map(() => null), notes: periodTexts.map(() => null) };
			byGroup.set(observation.groupKey, entry);
		}
		const i = index.get(observation.period)!;
		entry.values[i] = observation.value;
		entry.notes[i] = observation.status === 'provisional' ? m.indicators_provisional() : null;
	}
	const groupKeys = orderGroups([...byGroup.keys()].filter((key) => key !== ''), indicator.dimensions);
	let shown = options.show.filter((key) => byGroup.has(key) && key !== '');
	if (!options.chosen && shown.length === 0) {
		// By default: the groups of the first dimension, when there are few of them.
		const [first] = Object.entries(indicator.dimensions);
		const defaults = first ? first[1].map((value) => groupKey({ [first[0]]: value })).filter((key) => byGroup.has(key)) : [];
		if (defaults.length <= 4) shown = defaults;
	}
	const tooMany = shown.length > MAX_SHOWN_GROUPS;
	shown = [...new Set(shown)].slice(0, MAX_SHOWN_GROUPS);
	const series: ChartSeries[] = ['', ...orderGroups(shown, indicator.dimensions)]
		.filter((key) => byGroup.has(key))
		.map((key) => ({ key, label: groupLabel(key), values: byGroup.get(key)!.values, notes: byGroup.get(key)!.notes }));
	const total = byGroup.get('');
	const line = {
		periods,
		series,
		target: indicator.target && indicator.direction !== 'target_band' ? { value: indicator.target.value, label: m.indicators_target_label({ value: valueAt(indicator.target) }) } : null,
		baseline: indicator.baseline && index.has(indicator.baseline.period) ? { period: indicator.baseline.period, value: indicator.baseline.value, label: m.indicators_baseline_label({ value: valueAt(indicator.baseline) }) } : null,
		band: indicator.band ? { low: indicator.band.low, high: indicator.band.high, label: m.indicators_band_label({ band: definition.band ?? '' }) } : null,
		options: groupKeys.map((key) => ({ key, label: groupLabel(key), checked: shown.includes(key) })),
		tooMany,
		description: periods.length
			? m.indicators_line_desc({
					from: periods[0]!.label,
					to: periods.at(-1)!.label,
					groups: series.map((entry) => entry.label).join(', '),
					latest: score.latest ? valueAt(score.latest) : m.indicators_no_data()
				})
			: '',
		hasTotal: total !== undefined
	};

	// ——— Disaggregation and gaps of one dimension ———
	const dimensionNames = Object.keys(indicator.dimensions);
	const withData = dimensionNames.filter((name) => indicator.dimensions[name]!.some((value) => byGroup.has(groupKey({ [name]: value }))));
	const dimension = options.dimension && withData.includes(options.dimension) ? options.dimension : (withData[0] ?? null);
	let disaggregation = null;
	let gaps = null;
	if (dimension) {
		const values = indicator.dimensions[dimension]!;
		const keys = values.map((value) => groupKey({ [dimension]: value }));
		const latestIndex = [...periodTexts.keys()].reverse().find((i) => keys.some((key) => byGroup.get(key)?.values[i] != null));
		if (latestIndex !== undefined) {
			const at = periodTexts[latestIndex]!;
			const totalValue = total?.values[latestIndex] ?? null;
			disaggregation = {
				period: period(at),
				bars: values.map((value, i) => ({ key: keys[i]!, label: dimensionValueLabel(dimension, value), value: byGroup.get(keys[i]!)?.values[latestIndex] ?? null, note: byGroup.get(keys[i]!)?.notes[latestIndex] ?? null })),
				references: [
					...(totalValue !== null ? [{ value: totalValue, label: m.indicators_total_label({ value: format.value(totalValue) }) }] : []),
					...(line.target ? [{ value: line.target.value, label: line.target.label }] : [])
				]
			};
		}
		const series = detail.gaps.find((entry) => entry.dimension === dimension);
		if (series && series.periods.length > 0) {
			const gapPeriods: ChartPeriod[] = series.periods.map((entry) => ({ x: periodPosition(entry.period), period: entry.period, label: period(entry.period) }));
			const used = values.filter((value) => series.periods.some((entry) => entry.groups.some((group) => group.value === value)));
			gaps = {
				periods: gapPeriods,
				groups: used.map((value) => ({
					key: groupKey({ [dimension]: value }),
					label: dimensionValueLabel(dimension, value),
					gaps: series.periods.map((entry) => entry.groups.find((group) => group.value === value)?.gap ?? null),
					widening: series.periods.map((entry) => entry.groups.find((group) => group.value === value)?.widened === true)
				})),
				widened: series.widenedCount,
				bestReference: series.periods.filter((entry) => entry.reference.kind === 'best').map((entry) => period(entry.period))
			};
		}
	}

	const base = `/cities/${options.citySlug}/indicators/${indicator.code}`;
	return {
		definition,
		score: scoreView,
		line,
		dimensions: withData.map((name) => ({ name, label: dimensionLabel(name) })),
		dimension: dimension ? { name: dimension, label: dimensionLabel(dimension) } : null,
		disaggregation,
		gaps,
		links: detail.links.map((link) => ({ type: link.targetType, ref: link.ref, href: `/cities/${options.citySlug}/${link.targetType === 'commitment' ? 'commitments' : 'actions'}/${link.ref}` })),
		observationCount: observations.length,
		downloads: { csv: `${base}/data.csv`, json: `${base}/data.json`, sdmx: `${base}/sdmx.csv` }
	};
}

/** Group keys in definition order: by dimension, then by value (the order the city defined). */
function orderGroups(keys: string[], dimensions: Record<string, string[]>): string[] {
	const names = Object.keys(dimensions);
	const rank = (key: string): number[] =>
		key.split(';').flatMap((part) => {
			const [name, value] = part.split('=') as [string, string];
			const n = names.indexOf(name);
			return [key.split(';').length, n < 0 ? 99 : n, n < 0 ? 0 : dimensions[name]!.indexOf(value)];
		});
	return [...keys].sort((a, b) => {
		const ra = rank(a);
		const rb = rank(b);
		for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
			const d = (ra[i] ?? -1) - (rb[i] ?? -1);
			if (d !== 0) return d;
		}
		return a < b ? -1 : a > b ? 1 : 0;
	});
}

/** The score's formula with the indicator's own numbers, or why there is no score. */
function scoreFormula(detail: IndicatorDetail, locale: string): string {
	const { indicator, score } = detail;
	const format = formatterOf(indicator, locale);
	const n = (value: number) => format.value(value);
	if (score.status === 'no_target') return m.indicators_formula_no_target();
	if (score.status === 'no_data') return score.reason === 'no_baseline' ? m.indicators_formula_no_baseline() : m.indicators_formula_no_observation();
	const latest = score.latest!;
	if (score.status === 'achieved') return m.indicators_formula_achieved({ latest: n(latest.value) });
	const scoreValue = scoreText(score.score ?? 0, locale);
	if (indicator.direction === 'target_band' && indicator.band && indicator.baseline) {
		const distance = (value: number) => (value < indicator.band!.low ? indicator.band!.low - value : value > indicator.band!.high ? value - indicator.band!.high : 0);
		return m.indicators_formula_band({ now: n(distance(latest.value)), from: n(distance(indicator.baseline.value)), score: scoreValue });
	}
	if (indicator.baseline && indicator.target) {
		return m.indicators_formula_progress({ latest: n(latest.value), baseline: n(indicator.baseline.value), target: n(indicator.target.value), score: scoreValue });
	}
	return '';
}
