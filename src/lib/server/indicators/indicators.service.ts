/**
 * Use cases of indicator definitions: create, edit (optimistic `version`), delete (soft), adopt
 * from the network library ("one click", keeping `library_code` so cities stay comparable), list
 * with scores, and link to the city's commitments and actions. Policies first; every change and
 * its ledger entry are written in one transaction.
 */
import type { Db } from '../db/database.ts';
import { findLinkTarget } from '../commitments/index.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, isDomainError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { appendLedger, ledgered } from '../ledger/index.ts';
import { getEntry } from '../frameworks/index.ts';
import type { LocalizedText } from '../../i18n/localized-text.ts';
import { parseGroupKey } from './group-key.ts';
import { toIndicator, toLibraryEntry, type Indicator, type LibraryEntry } from './indicator-model.ts';
import { indicatorRow } from './ledger-rows.ts';
import { assertAllowed, canManageIndicators } from './indicators.policy.ts';
import * as repository from './indicators.repository.ts';
import { adoptionSettingsSchema, indicatorUpdateSchema, newIndicatorSchema, type AdoptionSettings, type IndicatorUpdate } from './indicators.schema.ts';
import type { IndicatorLinkTable, IndicatorRow, IndicatorTable, IndicatorType } from './indicators.tables.ts';
import { scoreIndicator, type IndicatorScore, type ScoreStatus } from './scores.ts';

export type LinkTargetType = IndicatorLinkTable['target_type'];

export interface IndicatorWithScore extends Indicator {
	score: IndicatorScore;
}

export interface IndicatorLink {
	targetType: LinkTargetType;
	targetId: string;
	/** Public reference of the commitment or action, e.g. `A-2026-014`. */
	ref: string;
}

interface WriteOptions {
	/** The editor's language: the texts typed go into this locale, the others are kept. */
	locale: string;
}

const invalidField = (field: string, rule: string): DomainError => fieldErrors({ [field]: rule });

function notFound(code: string): DomainError {
	return new DomainError('indicator_not_found', `No indicator "${code}"`, { code });
}

/** Sets (or, when blank, removes) the text of one locale, keeping the other languages. */
function withText(texts: LocalizedText, locale: string, text: string): LocalizedText {
	const next: LocalizedText = { ...texts };
	if (text === '') delete next[locale];
	else next[locale] = text;
	return next;
}

/** Framework codes must name real entries (the schema checked their shape). */
async function checkFrameworkCodes(db: Db, input: Pick<IndicatorUpdate, 'rightCode' | 'sdgTargets' | 'principles'>): Promise<void> {
	const checks: [string, string[], string][] = [
		['rightCode', input.rightCode ? [input.rightCode] : [], 'indicator_right_invalid'],
		['sdgTargets', input.sdgTargets, 'indicator_sdg_invalid'],
		['principles', input.principles, 'indicator_principle_invalid']
	];
	for (const [field, codes, rule] of checks) {
		for (const code of codes) {
			try {
				await getEntry(db, code, 'en');
			} catch (error) {
				if (isDomainError(error, 'not_found')) throw invalidField(field, rule);
				throw error;
			}
		}
	}
}

function definitionColumns(input: IndicatorUpdate | ReturnType<typeof newIndicatorSchema.parse>) {
	const band = input.direction === 'target_band';
	return {
		type: input.type,
		right_code: input.rightCode,
		attribute: input.attribute,
		sdg_targets: JSON.stringify(input.sdgTargets),
		principles: JSON.stringify(input.principles),
		unit: input.unit,
		currency: input.unit === 'currency' ? input.currency : null,
		direction: input.direction,
		band_low: band ? input.bandLow : null,
		band_high: band ? input.bandHigh : null,
		dimensions: JSON.stringify(input.dimensions),
		baseline_value: input.baselineValue,
		baseline_period: input.baselinePeriod,
		target_value: input.targetValue,
		target_period: input.targetPeriod,
		source: input.source,
		unit_text: input.unitText,
		series_text: input.seriesText
	};
}

async function liveIndicator(db: Db, cityId: string, code: string): Promise<IndicatorRow> {
	const row = await repository.findIndicatorByCode(db, cityId, code);
	if (!row || row.deleted_at !== null) throw notFound(code);
	return row;
}

/**
 * A new indicator definition of the city (city admin or network admin).
 *
 * @example await createIndicator(db, actor, york.id, { code: 'housing.waiting-list', title: 'Households on the housing register', type: 'outcome', unit: 'count', direction: 'lower_is_better' }, { locale: 'en' })
 * @throws DomainError forbidden · invalid_input with `details.fields` (e.g. `{ code: 'indicator_code_taken' }`)
 */
export async function createIndicator(db: Db, actor: MaybeActor, cityId: string, raw: unknown, options: WriteOptions): Promise<Indicator> {
	assertAllowed(canManageIndicators(actor, cityId));
	const input = parseInput(newIndicatorSchema, raw);
	await checkFrameworkCodes(db, input);
	return ledgered.create(db, indicatorRow, { cityId, actor }, {
		insert: async (trx) => {
			if (await repository.findIndicatorByCode(trx, cityId, input.code)) throw invalidField('code', 'indicator_code_taken');
			const now = nowIso();
			const row: IndicatorTable = {
				city_id: cityId,
				id: uuidv7(),
				code: input.code,
				library_code: null,
				title: JSON.stringify(withText({}, options.locale, input.title)),
				description: JSON.stringify(withText({}, options.locale, input.description)),
				methodology: JSON.stringify(withText({}, options.locale, input.methodology)),
				...definitionColumns(input),
				data_language: input.dataLanguage ?? options.locale,
				version: 1,
				created_at: now,
				updated_at: now,
				deleted_at: null
			};
			await repository.insertIndicator(trx, row);
			return toIndicator(row);
		}
	});
}

/**
 * Edits a definition. `version` must be the one the editor loaded, else `conflict` (someone
 * else saved in between). Dimension values still used by observations cannot be removed.
 *
 * @throws DomainError forbidden · indicator_not_found · conflict · invalid_input (fields)
 */
export async function updateIndicator(db: Db, actor: MaybeActor, cityId: string, code: string, raw: unknown, options: WriteOptions): Promise<Indicator> {
	assertAllowed(canManageIndicators(actor, cityId));
	const input = parseInput(indicatorUpdateSchema, raw);
	await checkFrameworkCodes(db, input);
	return ledgered.update(db, indicatorRow, { cityId, actor }, {
		load: (trx) => getIndicator(trx, cityId, code),
		check: async (trx, before) => {
			if (before.version !== input.version) throw conflict('conflict', { expected: input.version, actual: before.version });
			for (const key of await repository.listGroupKeysInUse(trx, cityId, before.id)) {
				for (const [dimension, value] of Object.entries(parseGroupKey(key))) {
					// `Units=` / `Series=` mark a published unit or series (import-formats.ts), not a dimension.
					if (dimension === 'Units' || dimension === 'Series') continue;
					if (!input.dimensions[dimension]?.includes(value)) throw invalidField('dimensions', 'indicator_dimension_in_use');
				}
			}
		},
		apply: (trx, before, at) =>
			repository.updateIndicatorRow(trx, cityId, before.id, before.version, {
				title: JSON.stringify(withText(before.title, options.locale, input.title)),
				description: JSON.stringify(withText(before.description, options.locale, input.description)),
				methodology: JSON.stringify(withText(before.methodology, options.locale, input.methodology)),
				...definitionColumns(input),
				...(input.dataLanguage ? { data_language: input.dataLanguage } : {}),
				updated_at: at
			})
	});
}

/**
 * Deletes a definition (soft: its observations and history stay; the code stays taken).
 * Pass the `version` the editor saw to refuse deleting a definition changed in between.
 */
export async function deleteIndicator(db: Db, actor: MaybeActor, cityId: string, code: string, options: { version?: number } = {}): Promise<void> {
	assertAllowed(canManageIndicators(actor, cityId));
	await ledgered.remove(db, indicatorRow, { cityId, actor }, {
		load: (trx) => getIndicator(trx, cityId, code),
		apply: (trx, before, at) => repository.updateIndicatorRow(trx, cityId, before.id, options.version ?? before.version, { deleted_at: at, updated_at: at })
	});
}

/** One live indicator of the city by code. @throws DomainError indicator_not_found */
export async function getIndicator(db: Db, cityId: string, code: string): Promise<Indicator> {
	return toIndicator(await liveIndicator(db, cityId, code));
}

export interface IndicatorListFilter {
	rightCode?: string | undefined;
	type?: IndicatorType | undefined;
	status?: ScoreStatus | undefined;
}

/**
 * The city's indicators with their score, status and trend, by code; filters by right, type
 * and score status.
 *
 * @example (await listIndicators(db, york.id, { rightCode: 'udhr:25', status: 'off_track' })).map((i) => i.code)
 */
export async function listIndicators(db: Db, cityId: string, filter: IndicatorListFilter = {}): Promise<IndicatorWithScore[]> {
	const indicators = (await repository.listIndicatorRows(db, cityId, { rightCode: filter.rightCode, type: filter.type }))
		.map(toIndicator)
		// By code point, the same on both databases (PostgreSQL collations may ignore punctuation).
		.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	const totals = await repository.listObservationRows(
		db,
		cityId,
		indicators.map((indicator) => indicator.id),
		{ groupKey: '' }
	);
	const byIndicator = Map.groupBy(totals, (row) => row.indicator_id);
	const scored = indicators.map((indicator) => ({
		...indicator,
		score: scoreIndicator(indicator, (byIndicator.get(indicator.id) ?? []).map((row) => ({ period: row.period, value: row.value })))
	}));
	return filter.status ? scored.filter((indicator) => indicator.score.status === filter.status) : scored;
}

/** The network library in order; with `cityId`, which entries that city has adopted. */
export async function listLibrary(db: Db, cityId?: string): Promise<(LibraryEntry & { adopted: boolean })[]> {
	const entries = (await repository.listLibraryRows(db)).map(toLibraryEntry);
	const adopted = new Set(
		cityId ? (await repository.listIndicatorRows(db, cityId)).map((row) => row.library_code).filter((code): code is string => code !== null) : []
	);
	return entries.map((entry) => ({ ...entry, adopted: adopted.has(entry.code) }));
}

/** For every library code: the cities that adopted it and those that report a total value. */
export async function libraryUse(db: Db): Promise<Map<string, { adopted: number; reporting: number }>> {
	return new Map((await repository.countLibraryUse(db)).map((row) => [row.library_code, { adopted: row.adopted, reporting: row.reporting }]));
}

async function adoptOne(db: Db, actor: MaybeActor, cityId: string, libraryCode: string, settings: AdoptionSettings = {}): Promise<Indicator> {
	const own = parseInput(adoptionSettingsSchema, settings);
	const entry = await repository.findLibraryRow(db, libraryCode);
	if (!entry) throw new DomainError('not_found', `No library indicator "${libraryCode}"`, { code: libraryCode, field: 'libraryCode' });
	const existing = await repository.findIndicatorByLibraryCode(db, cityId, libraryCode);
	if (existing && existing.deleted_at === null) {
		throw fieldErrors({ libraryCode: 'indicator_already_adopted' }, { code: existing.code });
	}
	if (existing) {
		// Adopting a deleted adoption again restores it, with its observations and settings.
		return inTransaction(db, async (trx) => {
			const at = nowIso();
			if (!(await repository.restoreIndicatorRow(trx, cityId, existing.id, existing.version, at))) throw conflict();
			await appendLedger(trx, { cityId, actor, entityType: 'indicator', entityId: existing.id, entityRef: existing.code, action: 'update', change: { deleted_at: [existing.deleted_at, null] } });
			return toIndicator({ ...existing, deleted_at: null, updated_at: at, version: existing.version + 1 });
		});
	}
	return ledgered.create(db, indicatorRow, { cityId, actor }, {
		insert: async (trx) => {
			if (await repository.findIndicatorByCode(trx, cityId, libraryCode)) throw invalidField('libraryCode', 'indicator_code_taken');
			const now = nowIso();
			const row: IndicatorTable = {
				city_id: cityId,
				id: uuidv7(),
				code: libraryCode,
				library_code: libraryCode,
				title: entry.title,
				description: entry.description,
				methodology: entry.methodology,
				type: entry.type,
				right_code: entry.right_code,
				attribute: entry.attribute,
				sdg_targets: entry.sdg_targets,
				principles: entry.principles,
				unit: entry.unit,
				currency: null,
				direction: entry.direction,
				band_low: null,
				band_high: null,
				dimensions: own.dimensions ? JSON.stringify(own.dimensions) : entry.dimensions,
				baseline_value: own.baselineValue,
				baseline_period: own.baselinePeriod,
				target_value: own.targetValue,
				target_period: own.targetPeriod,
				source: own.source,
				unit_text: null,
				series_text: null,
				// The library's dimension names and values are English codes.
				data_language: 'en',
				version: 1,
				created_at: now,
				updated_at: now,
				deleted_at: null
			};
			await repository.insertIndicator(trx, row);
			return toIndicator(row);
		}
	});
}

/**
 * Adopts a network library indicator ("one click"): a copy in the city keeping `library_code`,
 * with the city's own baseline, target, breakdown and source when given (else none: the city
 * sets its own later). Adopting it again is an error (`indicator_already_adopted`); adopting one
 * the city deleted restores it.
 *
 * @example const indicator = await adoptLibraryIndicator(db, actor, york.id, 'housing.temporary-accommodation', { baselineValue: 60, baselinePeriod: '2019' , targetValue: 40, targetPeriod: '2027' });
 */
export async function adoptLibraryIndicator(db: Db, actor: MaybeActor, cityId: string, libraryCode: string, settings: AdoptionSettings = {}): Promise<Indicator> {
	assertAllowed(canManageIndicators(actor, cityId));
	return adoptOne(db, actor, cityId, libraryCode, settings);
}

async function changeLink(db: Db, actor: MaybeActor, cityId: string, code: string, targetType: LinkTargetType, targetId: string, link: boolean): Promise<boolean> {
	assertAllowed(canManageIndicators(actor, cityId));
	if (targetType !== 'commitment' && targetType !== 'action') throw invalidField('targetType', 'indicator_link_target_not_found');
	return inTransaction(db, async (trx) => {
		const row = await liveIndicator(trx, cityId, code);
		const target = await findLinkTarget(trx, cityId, targetType, targetId);
		if (!target) throw invalidField('targetId', 'indicator_link_target_not_found');
		const key = { city_id: cityId, indicator_id: row.id, target_type: targetType, target_id: targetId };
		const changed = link ? await repository.insertLink(trx, key) : await repository.deleteLink(trx, key);
		if (changed) {
			const reference = `${targetType}:${target.ref}`;
			await appendLedger(trx, { cityId, actor, entityType: 'indicator', entityId: row.id, entityRef: row.code, action: 'update', change: { link: link ? [null, reference] : [reference, null] } });
		}
		return changed;
	});
}

/**
 * Links an indicator to a commitment or action of the same city (it measures it). Linking
 * twice changes nothing and returns false.
 *
 * @example await linkIndicator(db, actor, york.id, 'housing.temporary-accommodation', 'commitment', commitmentId)
 * @throws DomainError forbidden · indicator_not_found · invalid_input `{ targetId: 'indicator_link_target_not_found' }`
 */
export async function linkIndicator(db: Db, actor: MaybeActor, cityId: string, code: string, targetType: LinkTargetType, targetId: string): Promise<boolean> {
	return changeLink(db, actor, cityId, code, targetType, targetId, true);
}

/** Removes a link; returns false when there was none. */
export async function unlinkIndicator(db: Db, actor: MaybeActor, cityId: string, code: string, targetType: LinkTargetType, targetId: string): Promise<boolean> {
	return changeLink(db, actor, cityId, code, targetType, targetId, false);
}

/** What an indicator measures: its links to live commitments and actions, with their references. */
export async function listIndicatorLinks(db: Db, cityId: string, code: string): Promise<IndicatorLink[]> {
	const row = await liveIndicator(db, cityId, code);
	const links: IndicatorLink[] = [];
	for (const link of await repository.listLinks(db, cityId, [row.id])) {
		const target = await findLinkTarget(db, cityId, link.target_type, link.target_id);
		if (target) links.push({ targetType: link.target_type, targetId: link.target_id, ref: target.ref });
	}
	return links.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

/** The live indicators that measure a commitment or an action. */
export async function listIndicatorsOf(db: Db, cityId: string, targetType: LinkTargetType, targetId: string): Promise<Indicator[]> {
	const links = await repository.listLinksToTarget(db, cityId, targetType, targetId);
	return (await repository.listIndicatorRows(db, cityId, { ids: links.map((link) => link.indicator_id) })).map(toIndicator);
}
