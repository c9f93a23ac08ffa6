/**
 * How the ledger sees an indicator (its definition, by code) and an observation (its value, by
 * `code period [group]`, e.g. `housing.waiting-list 2024 sex=female`).
 */
import { ledgeredRow } from '../ledger/index.ts';
import { indicatorSnapshot, observationSnapshot, type Indicator, type Observation } from './indicator-model.ts';

export const indicatorRow = ledgeredRow<Indicator>({ entityType: 'indicator', snapshot: indicatorSnapshot, identify: (indicator) => ({ id: indicator.id, ref: indicator.code }) });

/** An observation with its indicator's code (which its snapshot and reference name). */
export type ObservationOf = Observation & { indicatorCode: string };

/** The reference of an observation's ledger entries. */
export function observationRef(code: string, period: string, groupKey: string): string {
	return groupKey === '' ? `${code} ${period}` : `${code} ${period} ${groupKey}`;
}

export const observationRow = ledgeredRow<ObservationOf>({
	entityType: 'observation',
	snapshot: ({ indicatorCode, ...observation }) => observationSnapshot(observation, indicatorCode),
	identify: (observation) => ({ id: observation.id, ref: observationRef(observation.indicatorCode, observation.period, observation.groupKey) })
});
