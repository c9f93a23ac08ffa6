/**
 * CLI commands of the standards module: `standards-rotate-key` retires the network's signing key
 * and makes a new one (badges signed before still verify: retired keys stay published), and
 * `standards-verify-badge FILE|CODE|LINK` checks a badge's signature with the verify page's code.
 */
import fs from 'node:fs';
import { type Command, withDatabase } from '../cli/command.ts';
import { CliError } from '../cli/cli-error.ts';
import { BADGE_TEXT_MAX, readBadgeCode, verifyBadgeText, type BadgeReadProblem } from './badge-verify.ts';
import { rotateSigningKey } from './results.service.ts';

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
	summary: 'check the network’s signature on a badge (an SVG file, a badge code or a link)',
	details: 'Reads the badge as the verify page (/network/standards/verify) does, with the same code: an SVG file, a badge code STATEMENT.SIGNATURE.KID, or a link to a badge of this platform. Exit status 0 when the signature is the network’s, 1 when it is not.',
	positional: 'FILE|CODE|LINK',
	options: [],
	run: async (_options, positionals) => {
		const given = positionals[0];
		if (!given) throw new CliError('name the badge: rightscity standards-verify-badge badge.svg (or a badge code, or a link)');
		const isFile = fs.existsSync(given) && fs.statSync(given).isFile();
		let text = given;
		if (isFile) {
			try {
				text = fs.readFileSync(given, 'utf8');
			} catch {
				throw new CliError(`cannot read ${given}`);
			}
		} else if (!readBadgeCode(given) && !/^(https?:\/\/|\/)/i.test(given)) {
			throw new CliError(`cannot read ${given}: no such file, and not a badge code or link`);
		}
		const label = isFile ? given : 'badge';
		return withDatabase(async ({ db }) => {
			const answer = await verifyBadgeText(db, text);
			if (!answer.ok) throw new CliError(`${label}: ${PROBLEMS[answer.problem]}`);
			const check = answer.check;
			if (!check.valid) {
				process.stdout.write(`${label}: NOT valid (${check.reason.replace(/_/g, ' ')})\n`);
				return 1;
			}
			const { statement } = check;
			process.stdout.write(`${label}: valid — ${statement.cityName}, level ${statement.level} (${statement.levelCode}), ${statement.framework} ${statement.frameworkVersion}, ${statement.year}; ${check.onRecord ? (check.latest ? 'the city’s latest result' : 'a result on record, not the latest') : 'signed, but not on record here (revoked)'}${check.keyRetired ? '; signed with a retired key' : ''}\n`);
			return 0;
		});
	}
};

const PROBLEMS: Record<BadgeReadProblem, string> = {
	badge_required: 'empty',
	badge_unreadable: 'no Rights City signature in the badge’s metadata',
	badge_not_found: 'no badge at this link (no such city here, or no agreed peer review)',
	badge_too_long: `too long for a badge (at most ${BADGE_TEXT_MAX} characters)`
};

export const standardsCommands: readonly Command[] = [rotateKeyCommand, verifyBadgeCommand];
