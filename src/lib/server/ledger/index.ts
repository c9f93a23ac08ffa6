/**
 * The ledger module: the public, append-only, hash-chained record of every change — one chain
 * per city and one for the network. It knows no other module: each module declares in its
 * manifest the entity types it writes (`ledgerEntityTypes`), and writes through the recipe in
 * ledgered.ts (or `appendLedger`) inside the transaction that makes the change.
 */
import { type ModuleManifest, tableTypes } from '../module.ts';
import type { LedgerTables } from './ledger.tables.ts';
import * as ledgerMigration from './migrations/20261123T1050-ledger.ts';
import * as chainsMigration from './migrations/20261207T0900-ledger-chains.ts';
import { verifyLedgerCliCommand } from './verify-ledger.command.ts';

export type { LedgerTables, LedgerAction, LedgerEntryRow, LedgerEntryTable } from './ledger.tables.ts';
export { canonicalJson, diffSnapshots, entryHash, GENESIS_HASH, type HashedEntry } from './ledger-hash.ts';
export {
	appendLedger,
	appendLedgerMany,
	actorRoleIn,
	browseLedger,
	checkEntry,
	historyOf,
	recentHistoryOf,
	readLedgerHead,
	ledgerHeadsVersion,
	readLedgerPage,
	readLedgerAfter,
	streamLedger,
	verifyLedger,
	ledgerSize,
	ledgerActivity,
	LEDGER_PAGE_SIZE,
	type LedgerActor,
	type LedgerAppend,
	type LedgerBreak,
	type LedgerBrowsePage,
	type LedgerEntry,
	type LedgerVerification
} from './ledger.service.ts';
export { ledgered, ledgeredRow, type LedgeredRow, type LedgerAuthor, type ChangeSteps, type CreateSteps, type CreateManySteps } from './ledgered.ts';
export { LEDGER_FORMAT, HASH_RULE, HASHED_FIELDS, ledgerDocumentStream, LedgerDocumentError, verifyLedgerDocument } from './ledger-document.ts';
export { LEDGER_ACTIONS, parseLedgerQuery, toLedgerFilter, startOfDay, type LedgerQuery, type LedgerQueryErrors } from './ledger.schema.ts';
export type { LedgerFilter } from './ledger.repository.ts';

/** The chain of the network itself (membership decisions and other network-level records). */
export const NETWORK_CHAIN = 'network';

const manifest: ModuleManifest<LedgerTables> = {
	name: 'ledger',
	tables: tableTypes<LedgerTables>(),
	migrations: { '20261123T1050-ledger': ledgerMigration, '20261207T0900-ledger-chains': chainsMigration },
	commands: () => [verifyLedgerCliCommand],
	matrix: () => import('./ledger.matrix.ts')
};
export default manifest;
