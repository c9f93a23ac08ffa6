/**
 * The network module: membership of the Human Rights Cities Network (member and guest cities,
 * associate members), pairing new cities with experienced mentors, the knowledge centre of good
 * practices with full-text search, inter-city dialogue and events.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { NetworkTables } from './network.tables.ts';
import * as networkMigration from './migrations/20261208T1100-network.ts';
import * as materialLanguageMigration from './migrations/20261209T0400-material-language.ts';
import { loadConfig } from '../config/config.ts';
import { sendWeeklyDigests } from './digest.service.ts';
import { seedDemoNetwork } from './network.seed.ts';

export type { NetworkTables } from './network.tables.ts';
/** Joining the network (test factories and the CLI make members through these). */
export { requestMembership, decideRequest, membershipOfCity, viewerOf } from './membership.service.ts';
export type { PracticeInput, RequestInput } from './network.schema.ts';
/**
 * For other modules (the standards module's peer review): a city's pairings under way, and the
 * latest pairing of two cities in any state. See pairing.service.ts.
 */
export { activePairingsOf, pairingBetween, type Pairing, type PairingCity } from './pairing.service.ts';
/** Pairing two cities (test factories make a pairing through these, as the pages do). */
export { requestPairing, acceptPairing } from './pairing.service.ts';

const ERRORS = {
	request_not_found: 404,
	membership_not_found: 404,
	grant_not_found: 404,
	pairing_not_found: 404,
	goal_not_found: 404,
	practice_not_found: 404,
	attachment_not_found: 404,
	adoption_not_found: 404,
	thread_not_found: 404,
	post_not_found: 404,
	event_not_found: 404,
	material_not_found: 404
} as const;

const manifest: ModuleManifest<NetworkTables, keyof typeof ERRORS> = {
	name: 'network',
	tables: tableTypes<NetworkTables>(),
	migrations: {
		'20261208T1100-network': networkMigration,
		'20261209T0400-material-language': materialLanguageMigration
	},
	// Network-level records have their pages under /network (the network ledger links them);
	// an adoption is in the adopting city's chain and shown on its network page.
	ledgerEntityTypes: [{ type: 'network_request' }, { type: 'network_membership' }, { type: 'pairing' }, { type: 'practice_adoption', page: 'network' }],
	errors: ERRORS,
	seedDemo: (db, { today }) => seedDemoNetwork(db, today),
	// The weekly digest: hourly, a bounded batch each time, each person's week sent once.
	jobs: [{ name: 'network-weekly-digest', everyMinutes: 60, run: (db, now) => sendWeeklyDigests(db, now, { origin: loadConfig().publicOrigin }) }],
	matrix: () => import('./network.matrix.ts')
};
export default manifest;
