/**
 * The one-time link with which a new administrator sets their password (CLI `create-admin`):
 * a password-reset token, stored only as its hash, printed once to the operator.
 */
import type { Db } from '../db/database.ts';
import { insertAccountToken } from './accounts.repository.ts';
import { hashToken, newToken } from './secrets.ts';

/** Longer than a mailed reset link (1 hour): the operator passes it on by hand. */
export const SETUP_LINK_HOURS = 72;

/**
 * Creates a reset token for the person and returns the link to the reset-password page.
 *
 * @example await passwordSetupLink(db, personId, 'https://rights.example.org') // 'https://rights.example.org/reset-password/…'
 */
export async function passwordSetupLink(db: Db, personId: string, origin: string, hours = SETUP_LINK_HOURS): Promise<string> {
	const token = newToken();
	const now = Date.now();
	await insertAccountToken(db, {
		token_hash: hashToken(token),
		person_id: personId,
		purpose: 'reset',
		expires_at: new Date(now + hours * 60 * 60 * 1000).toISOString(),
		created_at: new Date(now).toISOString()
	});
	return `${origin.replace(/\/+$/, '')}/reset-password/${token}`;
}
