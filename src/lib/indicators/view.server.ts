/**
 * Presenting indicators to readers: the finished strings and small numbers the pages show
 * (titles in the reader's language with the language they are really in, formatted values and
 * periods, score, status and trend words, formulas of aggregates). Loads call these so that only
 * what a page shows is serialised.
 */
import { m, message } from '#lib/i18n/messages.ts';
import { formatNumber } from '#lib/i18n/format.ts';
import { pickText, type LocalizedText, type PickedText } from '#lib/i18n/localized-text.ts';
import { valueFormatter, type ValueFormatter } from '#lib/charts/value-format.ts';
import type { Db } from '#lib/server/db/database.ts';
import { listEntries } from '#lib/server/frameworks/frameworks.service.ts';
import type { Indicator } from '#lib/server/indicators/indicator-model.ts';
import type { Aggregate, IndicatorScore, ScoreStatus, TrendDirection } from '#lib/server/indicators/scores.ts';
import type { IndicatorUnit } from '#lib/server/indicators/indicators.tables.ts';
import { periodLabel } from './labels.server.ts';

export const STATUSES: ScoreStatus[] = ['achieved', 'on_track', 'off_track', 'no_data', 'no_target'];

/** A title in the reader's language, or the code when the indicator has no title at all. */
export function titleOf(texts: LocalizedText, locale: string, code: string): PickedText {
	return pickText(texts, locale) ?? { text: code, lang: 'en' };
}

/** The formatter of an indicator's values in the reader's locale. */
export function formatterOf(indicator: { unit: IndicatorUnit; currency: string | null }, locale: string): ValueFormatter {
	return valueFormatter({ unit: indicator.unit, currency: indicator.currency, locale, yes: m.indicators_yes(), no: m.indicators_no() });
}

export function scoreText(score: number, locale: string): string {
	return formatNumber(score, locale, { maximumFractionDigits: 1 });
}

export function statusLabel(status: ScoreStatus): string {
	return message(`indicators_status_${status}`);
}

export function trendLabel(direction: TrendDirection): string {
	return message(`indicators_trend_${direction}`);
}

/** Labels of framework entries (UDHR articles, Gwangju principles, SDG targets) by code, in the reader's locale. */
export async function frameworkLabels(db: Db, locale: string, schemes: ('udhr' | 'gwangju' | 'sdg')[]): Promise<Map<string, PickedText>> {
	const labels = new Map<string, PickedText>();
	for (const scheme of schemes) {
		for (const entry of await listEntries(db, scheme, locale)) labels.set(entry.code, entry.label);
	}
	return labels;
}

/** "Article 25: Right to Adequate Living Standard" (or the code when unknown). */
export function rightLabel(code: string, labels: Map<string, PickedText>): string {
	const label = labels.get(code);
	const number = code.slice(code.indexOf(':') + 1);
	return label ? m.indicators_right_label({ number, title: label.text }) : code;
}

/** "Principle 4: …" for Gwangju principles. */
export function principleLabel(code: string, labels: Map<string, PickedText>): string {
	const label = labels.get(code);
	const number = code.slice(code.indexOf(':') + 1);
	return label ? m.indicators_principle_label({ number, title: label.text }) : code;
}

export interface IndicatorSummary {
	code: string;
	title: PickedText;
	type: Indicator['type'];
	rightCode: string | null;
	status: ScoreStatus;
	/** "64.5", or null without a score. */
	score: string | null;
	/** "12.5%" and its period label, or null without data. */
	latest: { value: string; period: string } | null;
	trend: TrendDirection;
}

/** One line of an indicator list. */
export function summarise(indicator: Indicator & { score: IndicatorScore }, locale: string): IndicatorSummary {
	const format = formatterOf(indicator, locale);
	const latest = indicator.score.latest;
	return {
		code: indicator.code,
		title: titleOf(indicator.title, locale, indicator.code),
		type: indicator.type,
		rightCode: indicator.rightCode,
		status: indicator.score.status,
		score: indicator.score.score === null ? null : scoreText(indicator.score.score, locale),
		latest: latest ? { value: format.value(latest.value), period: periodLabel(latest.period, locale) } : null,
		trend: indicator.score.trend.direction
	};
}

export interface AggregateView {
	/** "65.2", or null when no indicator has a score. */
	value: string | null;
	/** "(40 + 55.5 + 100) ÷ 3 = 65.2", or the sentence that nothing could be averaged. */
	formula: string;
	count: number;
	missing: number;
	/** The indicators behind the mean, each with its score (or null: not counted). */
	terms: { code: string; title: string; lang: string; score: string | null }[];
}

/** An aggregate with its formula written out and its terms named, so nothing is hidden. */
export function presentAggregate(aggregate: Aggregate, locale: string, titles: Map<string, PickedText>): AggregateView {
	const number = (value: number) => scoreText(value, locale);
	const value = aggregate.value === null ? null : number(aggregate.value);
	const formula =
		aggregate.value === null
			? m.indicators_formula_none()
			: m.indicators_formula_mean({ terms: aggregate.terms.map((term) => number(term.score)).join(' + '), count: number(aggregate.count), value: value! });
	const titleOfCode = (code: string) => titles.get(code) ?? { text: code, lang: 'en' };
	return {
		value,
		formula,
		count: aggregate.count,
		missing: aggregate.missing,
		terms: [
			...aggregate.terms.map((term) => ({ code: term.code, title: titleOfCode(term.code).text, lang: titleOfCode(term.code).lang, score: number(term.score) })),
			...aggregate.missingCodes.map((code) => ({ code, title: titleOfCode(code).text, lang: titleOfCode(code).lang, score: null }))
		]
	};
}
