/**
 * CLI commands of the standards module: `standards-rotate-key` retires the network's signing key
 * and makes a new one (badges signed before still verify: retired keys stay published), and
 * `standards-verify-badge FILE` checks a badge's signature as the verify page does.
 */
import fs from 'node:fs';
import { type Command, withDatabase } from '../cli/command.ts';
import { CliError } from '../cli/cli-error.ts';
import { readBadgeSignature } from './badge.ts';
import { rotateSigningKey, verifyResultStatement } from './results.service.ts';

export const rotateKeyCommand: Command = {
	name: 'standards-rotate-key',
	summary: 'retire the network’s badge-signing key and make a new one',
	details: 'Badges signed with the old key keep verifying: the old public key stays published at /network/standards/keys.json, marked retired.',
	options: [],
	run: async () =>
		withDatabase(
			async ({ db }) => {
				const kid = await rotateSigningKey(db);
				process.stdout.write(`New signing key ${kid}; the previous one is retired and still published.\n`);
				return 0;
			},
			{ migrate: true }
		)
};

export const verifyBadgeCommand: Command = {
	name: 'standards-verify-badge',
	summary: 'check the network’s signature on a badge (an SVG file)',
	positional: 'FILE',
	options: [],
	run: async (_options, positionals) => {
		const file = positionals[0];
		if (!file) throw new CliError('name the badge file: rightscity standards-verify-badge badge.svg');
		let svg: string;
		try {
			svg = fs.readFileSync(file, 'utf8');
		} catch {
			throw new CliError(`cannot read ${file}`);
		}
		const signed = readBadgeSignature(svg);
		if (!signed) throw new CliError(`${file}: no Rights City signature in the badge's metadata`);
		return withDatabase(async ({ db }) => {
			const check = await verifyResultStatement(db, signed.statement, signed.signature, signed.kid);
			if (!check.valid) {
				process.stdout.write(`${file}: NOT valid (${check.reason.replace(/_/g, ' ')})\n`);
				return 1;
			}
			const { statement } = check;
			process.stdout.write(`${file}: valid — ${statement.cityName}, level ${statement.level} (${statement.levelCode}), ${statement.framework} ${statement.frameworkVersion}, ${statement.year}; ${check.onRecord ? (check.latest ? 'the city’s latest result' : 'a result on record, not the latest') : 'signed, but not on record here'}${check.keyRetired ? '; signed with a retired key' : ''}\n`);
			return 0;
		});
	}
};

export const standardsCommands: readonly Command[] = [rotateKeyCommand, verifyBadgeCommand];
