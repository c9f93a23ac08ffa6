/**
 * The concerns module: residents report rights concerns (no account needed, anonymously if they
 * wish) and follow them with a secret tracking link; the city's human rights office handles them
 * as cases (triage, assignment, referral, replies, internal notes, deadlines, appeal, links to the
 * commitments they reveal a systemic problem in); personal data is sealed at rest, read only by
 * the staff allowed and audited, and erased after the retention period; the public sees
 * suppressed statistics; any Open311 GeoReport v2 client can file and read (non-personal) reports.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { ConcernTables } from './concerns.tables.ts';
import * as concernsMigration from './migrations/20261208T1000-concerns.ts';
import * as listedOrderMigration from './migrations/20261209T0100-listed-order.ts';
import { seedDemoConcerns } from './concerns.seed.ts';
import { eraseExpiredConcerns, reencryptConcerns } from './retention.service.ts';
import { environmentHasKeys, keyRingFromEnvironment } from './crypto.ts';
import { registerMailSeal } from '../accounts/index.ts';
import { configuredMailSeal } from './mail.ts';

export type { ConcernTables } from './concerns.tables.ts';
/** What other modules' public pages may show: a count of linked cases, never the cases. */
export { countLinkedConcerns } from './cases.service.ts';

// The reporter's mails wait in the outbox sealed; the delivery job opens them with this process's keys.
registerMailSeal(configuredMailSeal);

const ERRORS = {
	concern_not_found: 404,
	api_key_not_found: 404,
	concerns_unavailable: 503,
	concerns_key_missing: 503
} as const;

const manifest: ModuleManifest<ConcernTables, keyof typeof ERRORS> = {
	name: 'concerns',
	tables: tableTypes<ConcernTables>(),
	migrations: { '20261208T1000-concerns': concernsMigration, '20261209T0100-listed-order': listedOrderMigration },
	// A case has no public page: the ledger shows its reference, status and dates only.
	ledgerEntityTypes: [{ type: 'concern' }],
	errors: ERRORS,
	seedDemo: async (db, { today }) => {
		if (environmentHasKeys()) await seedDemoConcerns(db, keyRingFromEnvironment(), today);
	},
	jobs: [
		// Personal data of cases closed more than the retention period ago; then data under an old key.
		{ name: 'concerns-erase-expired', everyMinutes: 60, run: (db, now) => eraseExpiredConcerns(db, now) },
		{ name: 'concerns-reencrypt', everyMinutes: 15, run: (db) => (environmentHasKeys() ? reencryptConcerns(db, keyRingFromEnvironment()) : Promise.resolve({ reencrypted: 0 })) }
	],
	matrix: () => import('./concerns.matrix.ts')
};
export default manifest;
