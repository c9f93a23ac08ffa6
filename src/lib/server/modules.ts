/**
 * The installed modules, in dependency order: a module's demo seed runs after those it builds on.
 * Adding a module is adding its folder and one line here — the database type, the migrations,
 * the ledger's entity types, the error statuses, the demo seed, the CLI, the scheduled jobs and
 * the authorization matrix all loop over this list.
 *
 * Only central pieces (migrations, the seed, the CLI, the web edge) import this file; modules
 * never do (they import each other through `index.ts`).
 */
import { ledgerEntityTypesOf } from './module.ts';
import frameworks from './frameworks/index.ts';
import cities from './cities/index.ts';
import accounts from './accounts/index.ts';
import ledger from './ledger/index.ts';
import commitments from './commitments/index.ts';
import indicators from './indicators/index.ts';
import standards from './standards/index.ts';
import concerns from './concerns/index.ts';
import participation from './participation/index.ts';
import network from './network/index.ts';

export const modules = [frameworks, cities, accounts, ledger, commitments, indicators, participation, concerns, network, standards] as const;

export type Modules = typeof modules;

/** The kinds of records in the ledger, as the modules declared them (for the ledger's filters and links). */
export const ledgerEntityTypes = ledgerEntityTypesOf(modules);
