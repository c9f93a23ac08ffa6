/** CLI commands of the commitments module (ledger verification, action-plan import/export). */
import type { Command } from './command.ts';
import { verifyLedgerCommand } from './verify-ledger.ts';
import { planCsvCommands } from './plan-csv-commands.ts';

export const commitmentCommands: Command[] = [
	{
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
	},
	...planCsvCommands
];
