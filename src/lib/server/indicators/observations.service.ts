/**
 * Use cases of observations (indicator × period × disaggregation group → value): record,
 * correct, delete (a hard delete; the ledger keeps the history) and read. The city admin or an
 * officer of the city records data; every change and its ledger entry share one transaction.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { DomainError, fieldErrors } from '../errors.ts';
import { parseInput, safeParseInput } from '../validation.ts';
import { BatchProblems } from '../batch-problems.ts';
import type { MaybeActor } from '../accounts/index.ts';
import { appendLedger, diffSnapshots, ledgered } from '../ledger/index.ts';
import { comparePeriods, groupKey, groupProblem } from './group-key.ts';
import { observationSnapshot, toIndicator, toObservation, type Indicator, type Observation } from './indicator-model.ts';
import { assertAllowed, canRecordObservations } from './indicators.policy.ts';
import * as repository from './indicators.repository.ts';
import { observationSchema, observationValueProblem, type ObservationInput } from './indicators.schema.ts';
import type { IndicatorRow, ObservationRow, ObservationTable } from './indicators.tables.ts';
import { observationRef, observationRow, type ObservationOf } from './ledger-rows.ts';

const invalidField = (field: string, rule: string): DomainError => fieldErrors({ [field]: rule });

async function liveIndicatorByCode(db: Db, cityId: string, code: string): Promise<IndicatorRow> {
	const row = await repository.findIndicatorByCode(db, cityId, code);
	if (!row || row.deleted_at !== null) throw new DomainError('indicator_not_found', `No indicator "${code}"`, { code });
	return row;
}

async function observationOf(db: Db, cityId: string, id: string): Promise<{ observation: ObservationRow; indicator: IndicatorRow }> {
	const observation = await repository.findObservation(db, cityId, id);
	const indicator = observation ? await repository.findIndicatorById(db, cityId, observation.indicator_id) : undefined;
	if (!observation || !indicator || indicator.deleted_at !== null) throw new DomainError('observation_not_found', `No observation "${id}"`, { id });
	return { observation, indicator };
}

/** The canonical key of the input's group, checked against the indicator's dimensions and unit. */
function checkedKey(indicator: Indicator, input: ObservationInput): string {
	const problem = groupProblem(indicator.dimensions, input.group);
	if (problem) throw invalidField(problem.reason === 'unknown_dimension' ? 'group' : `group.${problem.dimension}`, 'observation_group_invalid');
	const valueProblem = observationValueProblem(indicator.unit, input.value);
	if (valueProblem) throw invalidField('value', valueProblem);
	return groupKey(input.group);
}

/** Up to this many values, each key is looked up alone instead of reading all of an indicator's keys. */
const FEW_OBSERVATIONS = 20;

/**
 * Records one observation of a city's indicator. The period must be ISO (`2024`, `2024-Q3`,
 * `2024-05`, `2024-05-31`, 1900..2100), each group value one of the indicator's dimension
 * values (`{}` is the total), the value a number (null = reported missing); one observation
 * per (indicator, period, group).
 *
 * @example await recordObservation(db, actor, york.id, 'health.healthy-life-expectancy', { period: '2023', group: { sex: 'female' }, value: 62.7 })
 * @throws DomainError forbidden · indicator_not_found · invalid_input with `details.fields`
 *   (`period`, `value`, `group`/`group.<dimension>`; `{ period: 'observation_duplicate' }` for an existing key)
 */
export async function recordObservation(db: Db, actor: MaybeActor, cityId: string, indicatorCode: string, raw: unknown): Promise<Observation> {
	return (await recordObservations(db, actor, cityId, indicatorCode, [raw]))[0]!;
}

/**
 * Records several observations of one indicator at once (a form with many values, the demo),
 * each checked as `recordObservation` checks one; all or nothing, problems reported per item.
 */
export async function recordObservations(db: Db, actor: MaybeActor, cityId: string, indicatorCode: string, raws: readonly unknown[]): Promise<Observation[]> {
	assertAllowed(canRecordObservations(actor, cityId));
	const problems = new BatchProblems();
	const inputs = raws.map((raw, index) => problems.take(index, safeParseInput(observationSchema, raw)));
	problems.throwIfAny();
	const created = await ledgered.createMany(db, observationRow, { cityId, actor }, {
		insert: async (trx) => {
			const indicatorRow = await liveIndicatorByCode(trx, cityId, indicatorCode);
			const indicator = toIndicator(indicatorRow);
			// A form's few values look their keys up one by one (the unique key's index), inside
			// the write lock; a large batch reads the indicator's keys once.
			const taken = inputs.length > FEW_OBSERVATIONS ? await repository.listObservationKeys(trx, cityId, indicatorRow.id) : new Set<string>();
			const now = nowIso();
			const rows: ObservationTable[] = [];
			for (const [index, input] of (inputs as ObservationInput[]).entries()) {
				let key: string;
				try {
					key = checkedKey(indicator, input);
				} catch (error) {
					const fields = (error as DomainError).details?.fields as Record<string, string> | undefined;
					if (!fields) throw error;
					for (const [field, rule] of Object.entries(fields)) problems.add(index, field, rule);
					continue;
				}
				const stored = inputs.length > FEW_OBSERVATIONS ? false : (await repository.findObservationByKey(trx, cityId, indicatorRow.id, input.period, key)) !== undefined;
				if (stored || taken.has(`${input.period} ${key}`)) problems.add(index, 'period', 'observation_duplicate');
				taken.add(`${input.period} ${key}`);
				rows.push({ city_id: cityId, id: uuidv7(), indicator_id: indicatorRow.id, period: input.period, group_key: key, value: input.value, status: input.status, source: input.source, note: input.note, extras: null, created_at: now, updated_at: now });
			}
			problems.throwIfAny();
			await repository.insertObservations(trx, rows);
			return rows.map((row) => ({ ...toObservation(row), indicatorCode: indicatorRow.code }));
		}
	});
	return created.map(({ indicatorCode: _code, ...observation }) => observation);
}

/**
 * Corrects an observation (period, group, value, status, source, note: the whole form).
 * Observations carry no version: the last correction wins, and each is in the ledger.
 *
 * @throws DomainError forbidden · observation_not_found · invalid_input (fields, as for recordObservation)
 */
export async function updateObservation(db: Db, actor: MaybeActor, cityId: string, observationId: string, raw: unknown): Promise<Observation> {
	assertAllowed(canRecordObservations(actor, cityId));
	const input = parseInput(observationSchema, raw);
	const { indicatorCode: _code, ...after } = await ledgered.update(db, observationRow, { cityId, actor }, {
		load: (trx) => loadObservation(trx, cityId, observationId),
		apply: async (trx, before, at) => {
			const { indicator } = await observationOf(trx, cityId, observationId);
			const key = checkedKey(toIndicator(indicator), input);
			if ((key !== before.groupKey || input.period !== before.period) && (await repository.findObservationByKey(trx, cityId, indicator.id, input.period, key))) throw invalidField('period', 'observation_duplicate');
			const changes = { period: input.period, group_key: key, value: input.value, status: input.status, source: input.source, note: input.note };
			// Saving the form unchanged keeps the row as it was (and its time).
			const same = changes.period === before.period && key === before.groupKey && changes.value === before.value && changes.status === before.status && changes.source === before.source && changes.note === before.note;
			if (!same) await repository.updateObservationRow(trx, cityId, observationId, { ...changes, updated_at: at });
			return true;
		}
	});
	return after;
}

async function loadObservation(db: Db, cityId: string, observationId: string): Promise<ObservationOf> {
	const { observation, indicator } = await observationOf(db, cityId, observationId);
	return { ...toObservation(observation), indicatorCode: indicator.code };
}

/** Deletes an observation; the ledger entry keeps what it was. */
export async function deleteObservation(db: Db, actor: MaybeActor, cityId: string, observationId: string): Promise<void> {
	assertAllowed(canRecordObservations(actor, cityId));
	await inTransaction(db, async (trx) => {
		const { observation: row, indicator } = await observationOf(trx, cityId, observationId);
		await repository.deleteObservationRow(trx, cityId, row.id);
		// A hard delete (the row is gone): the entry records every field going to nothing.
		await appendLedger(trx, {
			cityId,
			actor,
			entityType: 'observation',
			entityId: row.id,
			entityRef: observationRef(indicator.code, row.period, row.group_key),
			action: 'delete',
			change: diffSnapshots(observationSnapshot(toObservation(row), indicator.code), {})
		});
	});
}

/** One observation of the city. @throws DomainError observation_not_found */
export async function getObservation(db: Db, cityId: string, observationId: string): Promise<Observation> {
	return toObservation((await observationOf(db, cityId, observationId)).observation);
}

/** Sorts observations by period (time order), then group key (total first). */
export function sortObservations<T extends { period: string; groupKey: string }>(observations: T[]): T[] {
	return observations.sort((a, b) => comparePeriods(a.period, b.period) || (a.groupKey < b.groupKey ? -1 : a.groupKey > b.groupKey ? 1 : 0));
}

/**
 * Every observation of an indicator, in time order, total before groups.
 *
 * @example (await listObservations(db, york.id, 'housing.temporary-accommodation', { totalOnly: true })).map((o) => [o.period, o.value])
 */
export async function listObservations(db: Db, cityId: string, indicatorCode: string, options: { totalOnly?: boolean } = {}): Promise<Observation[]> {
	const indicator = await liveIndicatorByCode(db, cityId, indicatorCode);
	const rows = await repository.listObservationRows(db, cityId, [indicator.id], options.totalOnly ? { groupKey: '' } : {});
	return sortObservations(rows.map(toObservation));
}
