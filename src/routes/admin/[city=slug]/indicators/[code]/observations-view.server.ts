/**
 * The observation parts of the indicator admin page: the record form's group fields (one choice
 * per dimension, blank = total), an observation as form values for correcting it, the list of
 * observations filtered by period and paged, and the commitments and actions it may measure.
 */
import type { Db } from '#lib/server/db/database.ts';
import { pickText } from '#lib/i18n/localized-text.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { comparePeriods } from '#lib/server/indicators/group-key.ts';
import type { Indicator, Observation } from '#lib/server/indicators/indicator-model.ts';
import { listIndicatorLinks } from '#lib/server/indicators/indicators.service.ts';
import { listObservations } from '#lib/server/indicators/observations.service.ts';
import { listCommitments } from '#lib/server/commitments/plans.service.ts';
import { listActions } from '#lib/server/commitments/actions.service.ts';
import { dimensionLabel, dimensionValueLabel, groupLabel, periodLabel } from '#lib/indicators/labels.server.ts';
import { formatterOf } from '#lib/indicators/view.server.ts';

/** Observations per page of the admin list. */
export const PAGE_SIZE = 50;

export function recordFields(indicator: Indicator) {
	return {
		unit: indicator.unit,
		dimensions: Object.entries(indicator.dimensions).map(([name, values]) => ({
			name,
			label: dimensionLabel(name),
			values: values.map((value) => ({ code: value, label: dimensionValueLabel(name, value) }))
		}))
	};
}

/** An observation as the record form's values (`group.<dimension>` per dimension). */
export function observationValues(observation: Observation): Record<string, string> {
	const values: Record<string, string> = {
		id: observation.id,
		period: observation.period,
		value: observation.value === null ? '' : String(observation.value),
		status: observation.status,
		source: observation.source ?? '',
		note: observation.note ?? ''
	};
	for (const [dimension, value] of Object.entries(observation.group)) values[`group.${dimension}`] = value;
	return values;
}

export async function observationPage(db: Db, cityId: string, indicator: Indicator, url: URL, locale: string) {
	const all = await listObservations(db, cityId, indicator.code);
	const periods = [...new Set(all.map((observation) => observation.period))].sort(comparePeriods).reverse();
	const askedPeriod = url.searchParams.get('period');
	const period = askedPeriod && periods.includes(askedPeriod) ? askedPeriod : null;
	// Newest first: the periods just recorded are the ones being checked.
	const filtered = (period ? all.filter((observation) => observation.period === period) : all).reverse();
	const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
	const asked = Number(url.searchParams.get('page'));
	const page = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
	const format = formatterOf(indicator, locale);
	const href = (target: number) => {
		const search = new URLSearchParams();
		if (period) search.set('period', period);
		if (target > 1) search.set('page', String(target));
		const text = search.toString();
		return `?${text}#observations-heading`;
	};
	return {
		total: formatNumber(filtered.length, locale),
		periods: periods.map((text) => ({ value: text, label: periodLabel(text, locale) })),
		period,
		page: formatNumber(page, locale),
		pages: formatNumber(pages, locale),
		previous: page > 1 ? href(page - 1) : null,
		next: page < pages ? href(page + 1) : null,
		rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((observation) => ({
			id: observation.id,
			period: periodLabel(observation.period, locale),
			group: groupLabel(observation.groupKey),
			value: observation.value === null ? null : format.value(observation.value),
			status: observation.status,
			source: observation.source,
			note: observation.note
		}))
	};
}

export interface LinkChoice {
	id: string;
	type: 'commitment' | 'action';
	ref: string;
	title: string;
	lang: string;
	checked: boolean;
}

/** The city's commitments and actions, each marked when the indicator measures it. */
export async function linkChoices(db: Db, cityId: string, code: string, locale: string): Promise<{ commitments: LinkChoice[]; actions: LinkChoice[] }> {
	const [commitments, actions, links] = await Promise.all([listCommitments(db, cityId), listActions(db, cityId), listIndicatorLinks(db, cityId, code)]);
	const linked = new Set(links.map((link) => link.targetId));
	const choice = (type: LinkChoice['type']) => (item: { id: string; ref: string; title: Record<string, string | undefined> }): LinkChoice => {
		const title = pickText(item.title, locale) ?? { text: item.ref, lang: locale };
		return { id: item.id, type, ref: item.ref, title: title.text, lang: title.lang, checked: linked.has(item.id) };
	};
	return { commitments: commitments.map(choice('commitment')), actions: actions.map(choice('action')) };
}
