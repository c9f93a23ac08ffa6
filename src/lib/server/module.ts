/**
 * The module contract. A module is a folder under `src/lib/server/` whose `index.ts` exports its
 * public API and, as default, its manifest: what the central pieces need to know about it. The
 * database type, the migration list, the ledger's entity types, the HTTP status of each error
 * code, the demo seed, the CLI, the scheduled jobs and the authorization matrix are all built by
 * looping over the module list (modules.ts); nothing central names a module's internals.
 *
 * @example
 *   // src/lib/server/petitions/index.ts
 *   const ERRORS = { petition_not_found: 404 } as const;
 *   const manifest: ModuleManifest<PetitionTables, keyof typeof ERRORS> = {
 *     name: 'petitions',
 *     tables: tableTypes<PetitionTables>(),
 *     migrations: { '20270101T0900-petitions': petitionsMigration },
 *     ledgerEntityTypes: [{ type: 'petition', page: 'petitions' }],
 *     errors: ERRORS,
 *     seedDemo: seedDemoPetitions,
 *     commands: () => [closePetitionsCommand]
 *   };
 *   export default manifest;
 *
 * Annotate the manifest with its type (as above) rather than letting TypeScript infer it: the
 * database type is computed from the manifests, and services typed with that database would
 * otherwise make the inference circular.
 */
import type { Migration } from 'kysely/migration';
import type { Db } from './db/database.ts';
import type { Command } from './cli/command.ts';

/** A kind of record a module writes to the ledger. The name is part of the hashed chain: never rename one. */
export interface LedgerEntityTypeSpec {
	type: string;
	/**
	 * The public page that shows the record, as a path under `/cities/{slug}/` followed by the
	 * entry's reference (`actions` → `/cities/york/actions/A-2026-014`); none when there is no page.
	 * Its label in the ledger is the message `ledger_type_<type>` of the module's catalogue.
	 */
	page?: string;
}

/** Work the running server does every `everyMinutes` minutes, a bounded amount each time (jobs.ts). */
export interface ScheduledJob {
	name: string;
	everyMinutes: number;
	/** Its result is only reported (tests, logs). */
	run(db: Db, now: Date): Promise<unknown>;
}

export interface DemoSeedContext {
	/** The day the demo is seeded (YYYY-MM-DD): demo dates are relative to it. */
	today: string;
}

/** The authorization matrix entries of a module's routes (kept in `<module>.matrix.ts`). */
export interface MatrixContribution {
	expectations: Record<string, unknown>;
}

export interface ModuleManifest<TTables = unknown, TErrorCode extends string = never> {
	/** The folder name. */
	name: string;
	/** Type carrier for the module's Kysely table types (see `tableTypes`); nothing at run time. */
	tables: TTables;
	/** Timestamped migrations (`YYYYMMDDTHHMM-name`); all modules' migrations run in name order. */
	migrations: Record<string, Migration>;
	ledgerEntityTypes?: readonly LedgerEntityTypeSpec[];
	/** The module's domain error codes and the HTTP status each becomes. */
	errors?: Readonly<Record<TErrorCode, number>>;
	/** Loads the module's demo data through its own services, inside the seed's transaction. */
	seedDemo?: (db: Db, context: DemoSeedContext) => Promise<void>;
	/**
	 * The module's CLI commands. A function, so that the command objects are read only when the CLI
	 * asks for them (modules import each other, and a cycle may reach this manifest first).
	 */
	commands?: () => readonly Command[];
	jobs?: readonly ScheduledJob[];
	/** The module's authorization-matrix expectations, loaded only by the browser tests. */
	matrix?: () => Promise<MatrixContribution>;
}

/** The type carrier of a manifest's `tables`: `tables: tableTypes<CommitmentTables>()`. */
export function tableTypes<T>(): T {
	return undefined as T;
}

export type TablesOf<M> = M extends ModuleManifest<infer T, string> ? T : never;
export type ErrorCodesOf<M> = M extends ModuleManifest<unknown, infer E> ? E : never;

/** `A | B` → `A & B` (the database type is the intersection of every module's tables). */
export type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

// ——— What the central pieces build from a module list (modules.ts applies them to the installed one) ———

type AnyManifest = ModuleManifest<unknown, string>;

/** Every entity type the modules write to the ledger; two modules may not declare one type. */
export function ledgerEntityTypesOf(modules: readonly AnyManifest[]): LedgerEntityTypeSpec[] {
	const owner = new Map<string, string>();
	const specs: LedgerEntityTypeSpec[] = [];
	for (const module of modules) {
		for (const spec of module.ledgerEntityTypes ?? []) {
			if (owner.has(spec.type)) throw new Error(`Ledger entity type "${spec.type}" is declared by both ${owner.get(spec.type)} and ${module.name}`);
			owner.set(spec.type, module.name);
			specs.push(spec);
		}
	}
	return specs;
}

/** Every module's error code with its HTTP status, after the core ones; a code has one owner. */
export function errorStatusesOf(modules: readonly AnyManifest[], core: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
	const statuses = new Map(Object.entries(core));
	for (const module of modules) {
		for (const [code, status] of Object.entries(module.errors ?? {}) as [string, number][]) {
			if (statuses.has(code)) throw new Error(`Error code "${code}" of ${module.name} is already declared`);
			statuses.set(code, status);
		}
	}
	return statuses;
}

/** Every module's CLI commands; two commands may not share a name. */
export function commandsOf(modules: readonly AnyManifest[], core: readonly Command[] = []): Command[] {
	const commands = [...core];
	for (const module of modules) {
		for (const command of module.commands?.() ?? []) {
			if (commands.some((known) => known.name === command.name)) throw new Error(`CLI command "${command.name}" of ${module.name} is already declared`);
			commands.push(command);
		}
	}
	return commands;
}

export function jobsOf(modules: readonly AnyManifest[]): ScheduledJob[] {
	return modules.flatMap((module) => module.jobs ?? []);
}
