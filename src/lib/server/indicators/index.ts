/**
 * The indicators module: indicator definitions (structural / process / outcome, unit, direction,
 * disaggregation, baseline and target), the network's library that cities adopt, observations by
 * period and group, scores, trends, equality gaps, joint evaluation across cities, and imports and
 * exports (Open SDG, long CSV, JSON, SDMX-CSV). Every change is in the city's ledger.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { IndicatorTables } from './indicators.tables.ts';
import * as indicatorsMigration from './migrations/20261123T1200-indicators.ts';
import * as publishedDataMigration from './migrations/20261208T1400-published-data.ts';
import { seedDemoIndicators } from './indicators.seed.ts';
import { indicatorCommands } from './indicators.command.ts';

export type { IndicatorTables } from './indicators.tables.ts';
export type { Indicator, Observation, LibraryEntry } from './indicator-model.ts';
// The use cases (routes, seeds, imports and other modules call these; each joins the caller's transaction).
export type { IndicatorWithScore } from './indicators.service.ts';
export { createIndicator, updateIndicator, deleteIndicator, getIndicator, listIndicators, adoptLibraryIndicator, linkIndicator, unlinkIndicator, listIndicatorLinks, listIndicatorsOf } from './indicators.service.ts';
export { recordObservation, recordObservations, updateObservation, deleteObservation, getObservation, listObservations } from './observations.service.ts';
export { importObservations, type ImportResult, type ImportSource } from './import/import.service.ts';
export { summariseIndicatorData, type IndicatorDataSummary } from './data-summary.ts';

const ERRORS = { indicator_not_found: 404, observation_not_found: 404 } as const;

const manifest: ModuleManifest<IndicatorTables, keyof typeof ERRORS> = {
	name: 'indicators',
	tables: tableTypes<IndicatorTables>(),
	migrations: { '20261123T1200-indicators': indicatorsMigration, '20261208T1400-published-data': publishedDataMigration },
	ledgerEntityTypes: [
		{ type: 'indicator', page: 'indicators' },
		// An observation's entry carries `code period` as its reference: the indicator's page shows it.
		{ type: 'observation' }
	],
	errors: ERRORS,
	seedDemo: async (db) => {
		await seedDemoIndicators(db);
	},
	commands: () => indicatorCommands,
	matrix: () => import('./indicators.matrix.ts')
};
export default manifest;
