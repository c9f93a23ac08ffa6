// The module contract, checked on the source: modules reach each other only through `index.ts`,
// never import the central pieces built from the module list, and read and write only the tables
// their own migrations create (other modules' data through those modules' exported queries).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from './modules.ts';

const SERVER = path.resolve('src/lib/server');
const MODULES = new Set<string>(modules.map((module) => module.name));
/** Built from the module list, or the web edge: a module importing one of these closes a cycle. */
const CENTRAL = ['modules.ts', 'db/migrate.ts', 'demo', 'http'];

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'data' ? [] : sourceFiles(full);
		return /\.ts$/.test(entry.name) ? [full] : [];
	});
}

/** Static imports and re-exports (`import … from`, `export … from`, `import '…'`); dynamic `import()` is lazy and left out. */
function importsOf(file: string): string[] {
	const source = fs.readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const match of source.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) found.push(match[1]!);
	return found;
}

/** `commitments` for a file under src/lib/server/commitments/, undefined for core files. */
function moduleOf(file: string): string | undefined {
	const first = path.relative(SERVER, file).split(path.sep)[0]!;
	return MODULES.has(first) ? first : undefined;
}

interface Violation {
	file: string;
	imports: string;
}

function violations(check: (file: string, target: string) => boolean): Violation[] {
	const found: Violation[] = [];
	for (const file of sourceFiles(SERVER)) {
		for (const specifier of importsOf(file)) {
			if (!specifier.startsWith('.')) continue;
			const target = path.resolve(path.dirname(file), specifier);
			if (check(file, target)) found.push({ file: path.relative(SERVER, file), imports: path.relative(SERVER, target) });
		}
	}
	return found;
}

describe('module boundaries', () => {
	it('every module in the list has a folder with an index.ts', () => {
		for (const name of MODULES) expect(fs.existsSync(path.join(SERVER, name, 'index.ts')), name).toBe(true);
	});

	it('a module with an authorization-matrix file names it in its manifest (else its routes go unchecked)', () => {
		const unnamed = modules.filter((module) => fs.existsSync(path.join(SERVER, module.name, `${module.name}.matrix.ts`)) && !module.matrix).map((module) => module.name);
		expect(unnamed).toEqual([]);
	});

	it('modules (and the core) reach another module only through its index.ts', () => {
		const deep = violations((file, target) => {
			const owner = moduleOf(target);
			if (!owner || owner === moduleOf(file)) return false;
			return path.relative(path.join(SERVER, owner), target) !== 'index.ts';
		});
		expect(deep).toEqual([]);
	});

	it('modules never import what is built from the module list (the list, migrations, the demo seed, the web edge)', () => {
		const central = violations((file, target) => {
			// Tests may set up a whole database (migrations, the demo); module code may not import them.
			if (!moduleOf(file) || file.endsWith('.test.ts')) return false;
			const relative = path.relative(SERVER, target);
			return CENTRAL.some((piece) => relative === piece || relative.startsWith(`${piece}${path.sep}`));
		});
		expect(central).toEqual([]);
	});

	it('a module reads and writes only the tables its own migrations create', () => {
		const owner = new Map<string, string>();
		const clashes: string[] = [];
		for (const name of MODULES) {
			const migrations = path.join(SERVER, name, 'migrations');
			for (const file of fs.existsSync(migrations) ? sourceFiles(migrations) : []) {
				for (const match of fs.readFileSync(file, 'utf8').matchAll(/createTable\(\s*'([a-z_]+)'/g)) {
					// Two modules making one table would share rows without knowing it.
					if (owner.has(match[1]!) && owner.get(match[1]!) !== name) clashes.push(`${match[1]} (${owner.get(match[1]!)} and ${name})`);
					owner.set(match[1]!, name);
				}
			}
		}
		expect(clashes, 'tables made by two modules').toEqual([]);
		expect(owner.size).toBeGreaterThan(10);
		const foreign: { file: string; table: string; owner: string }[] = [];
		for (const name of MODULES) {
			for (const file of sourceFiles(path.join(SERVER, name))) {
				if (file.includes(`${path.sep}migrations${path.sep}`) || /\.(test|matrix)\.ts$/.test(file)) continue;
				const source = fs.readFileSync(file, 'utf8');
				for (const match of source.matchAll(/\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\(\s*'([a-z_]+)(?:\s+as\s+[a-z_]+)?'/g)) {
					const table = match[1]!;
					const tableOwner = owner.get(table);
					if (tableOwner && tableOwner !== name) foreign.push({ file: path.relative(SERVER, file), table, owner: tableOwner });
				}
			}
		}
		expect(foreign).toEqual([]);
	});
});
