/**
 * Use cases of observations (indicator × period × disaggregation group → value): record,
 * correct, delete (a hard delete; the ledger keeps the history) and read. The city admin or an
 * officer of the city records data; every change and its ledger entry share one transaction.
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { DomainError } from '../errors.ts';
import type { MaybeActor } from '../accounts/actor.ts';
import { appendLedger } from '../commitments/ledger.service.ts';
import { diffSnapshots } from '../commitments/ledger-hash.ts';
import { comparePeriods, groupKey, groupProblem } from './group-key.ts';
import { observationSnapshot, toIndicator, toObservation, type Indicator, type Observation } from './indicator-model.ts';
import { assertAllowed, canRecordObservations } from './indicators.policy.ts';
import * as repository from './indicators.repository.ts';
import { observationSchema, observationValueProblem, parseInput, type ObservationInput } from './indicators.schema.ts';
import type { IndicatorRow, ObservationRow, ObservationTable } from './indicators.tables.ts';

function invalidField(field: string, rule: string): DomainError {
	return new DomainError('invalid_input', rule, { fields: { [field]: rule } });
}

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

function ledgerRef(code: string, period: string, key: string): string {
	return key === '' ? `${code} ${period}` : `${code} ${period} ${key}`;
}

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
	assertAllowed(canRecordObservations(actor, cityId));
	const input = parseInput(observationSchema, raw);
	return db.transaction().execute(async (trx) => {
		const indicatorRow = await liveIndicatorByCode(trx, cityId, indicatorCode);
		const key = checkedKey(toIndicator(indicatorRow), input);
		if (await repository.findObservationByKey(trx, cityId, indicatorRow.id, input.period, key)) throw invalidField('period', 'observation_duplicate');
		const now = nowIso();
		const row: ObservationTable = {
			city_id: cityId,
			id: uuidv7(),
			indicator_id: indicatorRow.id,
			period: input.period,
			group_key: key,
			value: input.value,
			status: input.status,
			source: input.source,
			note: input.note,
			created_at: now,
			updated_at: now
		};
		await repository.insertObservation(trx, row);
		const observation = toObservation(row);
		await appendLedger(trx, {
			cityId,
			actor,
			entityType: 'observation',
			entityId: row.id,
			entityRef: ledgerRef(indicatorRow.code, row.period, key),
			action: 'create',
			change: diffSnapshots({}, observationSnapshot(observation, indicatorRow.code))
		});
		return observation;
	});
}

/**
 * Corrects an observation (period, group, value, status, source, note: the whole form).
 *
 * @throws DomainError forbidden · observation_not_found · invalid_input (fields, as for recordObservation)
 */
export async function updateObservation(db: Db, actor: MaybeActor, cityId: string, observationId: string, raw: unknown): Promise<Observation> {
	assertAllowed(canRecordObservations(actor, cityId));
	const input = parseInput(observationSchema, raw);
	return db.transaction().execute(async (trx) => {
		const { observation: row, indicator } = await observationOf(trx, cityId, observationId);
		const key = checkedKey(toIndicator(indicator), input);
		if (key !== row.group_key || input.period !== row.period) {
			if (await repository.findObservationByKey(trx, cityId, indicator.id, input.period, key)) throw invalidField('period', 'observation_duplicate');
		}
		const changes = { period: input.period, group_key: key, value: input.value, status: input.status, source: input.source, note: input.note, updated_at: nowIso() };
		const before = toObservation(row);
		const after = toObservation({ ...row, ...changes });
		const change = diffSnapshots(observationSnapshot(before, indicator.code), observationSnapshot(after, indicator.code));
		if (Object.keys(change).length === 0) return before;
		await repository.updateObservationRow(trx, cityId, row.id, changes);
		await appendLedger(trx, { cityId, actor, entityType: 'observation', entityId: row.id, entityRef: ledgerRef(indicator.code, after.period, key), action: 'update', change });
		return after;
	});
}

/** Deletes an observation; the ledger entry keeps what it was. */
export async function deleteObservation(db: Db, actor: MaybeActor, cityId: string, observationId: string): Promise<void> {
	assertAllowed(canRecordObservations(actor, cityId));
	await db.transaction().execute(async (trx) => {
		const { observation: row, indicator } = await observationOf(trx, cityId, observationId);
		await repository.deleteObservationRow(trx, cityId, row.id);
		await appendLedger(trx, {
			cityId,
			actor,
			entityType: 'observation',
			entityId: row.id,
			entityRef: ledgerRef(indicator.code, row.period, row.group_key),
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
