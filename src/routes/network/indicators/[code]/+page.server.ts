// Joint evaluation of a shared indicator: every city that adopted it, with its latest value and
// period, trend, own target and distance to it, score and status — and the caveats on comparing
// cities printed first. The bar chart compares only cities reporting in the library's unit.
import type { PageServerLoad } from './$types';
import { compareCities } from '#lib/server/indicators/evaluation.service.ts';
import { orHttpError } from '#lib/server/http/domain-errors.ts';
import { countryName } from '#lib/i18n/format.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { directionLabel, periodLabel, typeLabel, unitLabel } from '#lib/indicators/labels.server.ts';
import { formatterOf, frameworkLabels, rightLabel, scoreText, statusLabel, titleOf, trendLabel } from '#lib/indicators/view.server.ts';

export const load: PageServerLoad = async ({ locals, params }) => {
	const locale = locals.locale;
	const joint = await orHttpError(() => compareCities(locals.db, params.code, locale));
	const { entry } = joint;
	const labels = await frameworkLabels(locals.db, locale, ['udhr']);
	// The chart compares like with like: the library's unit (and the most common currency).
	const currencies = joint.cities.filter((city) => city.unit === entry.unit).map((city) => city.currency);
	const currency = currencies.sort((a, b) => currencies.filter((c) => c === b).length - currencies.filter((c) => c === a).length)[0] ?? null;
	const comparable = (city: (typeof joint.cities)[number]) => city.unit === entry.unit && city.currency === currency;
	const cities = joint.cities.map((city) => {
		const format = formatterOf(city, locale);
		const target = city.band
			? { text: `${format.value(city.band.low)}–${format.value(city.band.high)}`, period: null }
			: city.target
				? { text: format.value(city.target.value), period: periodLabel(city.target.period, locale) }
				: null;
		return {
			slug: city.slug,
			name: city.name,
			country: countryName(city.countryCode, locale),
			indicatorCode: city.indicatorCode,
			latest: city.latest ? { value: format.value(city.latest.value), period: periodLabel(city.latest.period, locale) } : null,
			latestValue: city.latest?.value ?? null,
			trend: trendLabel(city.trend.direction),
			target,
			distance: city.distanceToTarget === null ? null : format.signed(city.distanceToTarget),
			score: city.score === null ? null : scoreText(city.score, locale),
			status: city.status,
			statusLabel: statusLabel(city.status),
			comparable: comparable(city),
			unit: unitLabel(city.unit, city.currency)
		};
	});
	const description = pickText(entry.description, locale);
	return {
		entry: {
			code: entry.code,
			title: titleOf(entry.title, locale, entry.code),
			description: description && description.text.trim() !== '' ? description : null,
			type: typeLabel(entry.type),
			right: entry.rightCode ? rightLabel(entry.rightCode, labels) : null,
			unit: entry.unit,
			currency,
			unitLabel: unitLabel(entry.unit, currency),
			direction: directionLabel(entry.direction),
			source: entry.source
		},
		comparability: joint.comparability && joint.comparability.text.trim() !== '' ? joint.comparability : null,
		methodology: joint.methodology && joint.methodology.text.trim() !== '' ? joint.methodology : null,
		cities,
		bars: cities.filter((city) => city.comparable).map((city) => ({ key: city.slug, label: city.latest ? `${city.name} (${city.latest.period})` : city.name, value: city.latestValue })),
		excluded: cities.filter((city) => !city.comparable).map((city) => city.name)
	};
};
