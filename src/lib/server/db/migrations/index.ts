/**
 * All migrations, in order. Listed explicitly (not read from the file system) so the same list
 * works in the CLI, in tests and inside the built server bundle.
 */
import type { Migration } from 'kysely/migration';
import * as frameworks from './20261123T0900-frameworks.ts';
import * as cities from './20261123T0910-cities.ts';
import * as accounts from './20261123T1000-accounts.ts';
import * as commitments from './20261123T1100-commitments.ts';
import * as indicators from './20261123T1200-indicators.ts';
import * as expiryIndexes from './20261207T1400-expiry-indexes.ts';

export const migrations: Record<string, Migration> = {
	'20261123T0900-frameworks': frameworks,
	'20261123T0910-cities': cities,
	'20261123T1000-accounts': accounts,
	'20261123T1100-commitments': commitments,
	'20261123T1200-indicators': indicators,
	'20261207T1400-expiry-indexes': expiryIndexes
};
