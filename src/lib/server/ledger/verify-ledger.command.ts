/**
 * `rightscity verify-ledger`: recompute a city's hash chain, either straight from the database
 * (`--city york`) or from a downloaded `ledger.json` (`--file`, no database needed), and report the
 * entries checked, the time taken, the head hash and either OK or the first broken entry.
 *
 * Exit status: 0 the chain holds, 1 it is broken, 2 nothing could be checked (bad options, unknown
 * city, a file that is not a ledger).
 */
import fs from 'node:fs';
import { requireCity, withDatabase, type Command } from '../cli/command.ts';
import { CliError } from '../cli/cli-error.ts';
import { ledgerSize, readLedgerHead, verifyLedger, type LedgerBreak, type LedgerVerification } from './ledger.service.ts';
import { LedgerDocumentError, verifyLedgerDocument } from './ledger-document.ts';

export interface VerifyLedgerOutput {
	out: (line: string) => void;
	err: (text: string) => void;
	/** True when stderr is a terminal: progress rewrites one line instead of adding lines. */
	interactive: boolean;
}

const defaultOutput: VerifyLedgerOutput = {
	out: (line) => console.log(line),
	err: (text) => process.stderr.write(text),
	interactive: Boolean(process.stderr.isTTY)
};

const count = (value: number) => value.toLocaleString('en');

function progress(output: VerifyLedgerOutput): { report: (checked: number, total: number) => void; done: () => void } {
	let shown = false;
	return {
		report(checked, total) {
			shown = true;
			const line = `Checked ${count(checked)} of ${count(total)} entries…`;
			output.err(output.interactive ? `\r${line}` : `${line}\n`);
		},
		done() {
			if (shown && output.interactive) output.err('\r\x1b[K');
		}
	};
}

/** One sentence per kind of break, saying what probably happened. */
export function describeBreak(broken: LedgerBreak): string[] {
	switch (broken.reason) {
		case 'hash':
			return [
				`BROKEN at seq ${broken.seq}: the entry does not match its hash (it was changed after it was written)`,
				`  expected hash: ${broken.expected}`,
				`  found hash:    ${broken.found}`
			];
		case 'prev_hash':
			return [
				`BROKEN at seq ${broken.seq}: its prev_hash is not the hash of the entry before (an entry before it was replaced)`,
				`  expected prev_hash: ${broken.expected}`,
				`  found prev_hash:    ${broken.found}`
			];
		case 'seq_gap':
			return [
				`BROKEN at seq ${broken.seq}: the sequence jumps (an entry was removed or inserted)`,
				`  expected seq: ${broken.expected}`,
				`  found seq:    ${broken.seq}`
			];
		case 'head':
			return [
				`BROKEN at seq ${broken.seq}: the head does not match the last entry (entries at the end were removed, or the head was changed)`,
				`  expected (head) hash:  ${broken.expected}`,
				`  found (last entry) hash: ${broken.found}`
			];
	}
}

function report(output: VerifyLedgerOutput, what: string, result: LedgerVerification, head: { seq: number; hash: string } | undefined, started: number): number {
	const seconds = ((performance.now() - started) / 1000).toFixed(2);
	output.out(`Checked ${count(result.entries)} ${result.entries === 1 ? 'entry' : 'entries'} of ${what} in ${seconds} s.`);
	if (head) output.out(`Head: seq ${head.seq}, hash ${head.hash}`);
	if (result.ok) {
		output.out('OK');
		return 0;
	}
	output.out(`Last intact entry: seq ${result.entries}, hash ${result.lastHash}`);
	for (const line of describeBreak(result.firstBroken!)) output.out(line);
	return 1;
}

export async function verifyLedgerCommand(options: { city?: string | undefined; file?: string | undefined }, output: VerifyLedgerOutput = defaultOutput): Promise<number> {
	if ((options.city === undefined) === (options.file === undefined)) {
		output.err(
			options.city === undefined
				? 'rightscity verify-ledger: give --city <slug> to check a city’s ledger in the database, or --file <ledger.json> to check a downloaded copy.\n'
				: 'rightscity verify-ledger: give either --city or --file, not both.\n'
		);
		return 2;
	}
	const started = performance.now();
	if (options.file !== undefined) return verifyFile(options.file, output, started);
	const slug = options.city!;
	return withDatabase(async (database) => {
		let city;
		try {
			city = await requireCity(database.db, slug);
		} catch (error) {
			if (!(error instanceof CliError)) throw error;
			output.err(`rightscity verify-ledger: ${error.message}.\n`);
			return 2;
		}
		const [total, head] = await Promise.all([ledgerSize(database.db, city.id), readLedgerHead(database.db, city.id)]);
		const shown = progress(output);
		const result = await verifyLedger(database.db, city.id, (checked) => shown.report(checked, total));
		shown.done();
		return report(output, `the ledger of ${city.displayName} (${city.slug}) in ${database.description}`, result, head, started);
	});
}

function verifyFile(file: string, output: VerifyLedgerOutput, started: number): number {
	let document: unknown;
	try {
		document = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
		output.err(`rightscity verify-ledger: cannot read ${file} as JSON: ${reason}.\n`);
		return 2;
	}
	try {
		const shown = progress(output);
		const result = verifyLedgerDocument(document, shown.report);
		shown.done();
		return report(output, `the ledger of ${result.city.name} (${result.city.slug}) in ${file}`, result, result.head, started);
	} catch (error) {
		if (!(error instanceof LedgerDocumentError)) throw error;
		output.err(`rightscity verify-ledger: ${file} is not a Rights City ledger: ${error.message}.\n`);
		return 2;
	}
}

export const verifyLedgerCliCommand: Command = {
	name: 'verify-ledger',
	summary: 'Recompute a city’s public ledger hash chain and report the first broken entry',
	details: [
		'Checks every entry in order: its seq follows the one before, its prev_hash is the hash before it,',
		'its hash is sha256(prev_hash || canonical_json(entry)), and the last hash is the head.',
		'Prints the entries checked, the time taken, the head hash, then OK or the first broken entry.',
		'Exit status: 0 intact, 1 broken, 2 nothing checked (bad options, unknown city, not a ledger file).',
		'Examples: rightscity verify-ledger --city york',
		'          rightscity verify-ledger --file york-ledger.json   (a downloaded copy; no database needed)'
	].join('\n'),
	options: [
		{ name: 'city', type: 'string', placeholder: 'slug', description: 'Check this city’s ledger in the database' },
		{ name: 'file', type: 'string', placeholder: 'ledger.json', description: 'Check a downloaded /cities/<slug>/ledger.json instead' }
	],
	run: (options) =>
		verifyLedgerCommand({
			city: typeof options.city === 'string' ? options.city : undefined,
			file: typeof options.file === 'string' ? options.file : undefined
		})
};
