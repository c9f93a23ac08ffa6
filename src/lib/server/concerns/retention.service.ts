/**
 * Scheduled work on sealed data: erasure of a case's personal data `RETENTION_MONTHS` after it
 * closed (what happened, where, contact, every message; its category, district, status and dates
 * stay for the statistics and the ledger), and re-encryption of data sealed with an older key
 * after CONCERNS_KEYS was rotated. Both go city by city in bounded batches.
 *
 * @example
 *   await eraseExpiredConcerns(db, new Date());   // { erased: 12 }
 *   await reencryptConcerns(db, ring);            // { reencrypted: 500 }
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { appendLedger, type LedgerActor } from '../ledger/index.ts';
import type { KeyRing } from './crypto.ts';
import * as repository from './concerns.repository.ts';
import { messageField } from './case-record.ts';
import { RETENTION_MONTHS } from './vocabulary.ts';

/** The moment before which a case must have closed for its personal data to be erased. */
export function retentionCutoff(now: Date, months = RETENTION_MONTHS): string {
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
	return cutoff.toISOString();
}

/** Erases the personal data of cases closed more than the retention period ago; at most `batch` cases per run. */
export async function eraseExpiredConcerns(db: Db, now: Date, batch = 500): Promise<{ erased: number }> {
	const cutoff = retentionCutoff(now);
	let erased = 0;
	for (const cityId of await repository.listCaseCities(db)) {
		if (erased >= batch) break;
		const due = await repository.listErasable(db, cityId, cutoff, batch - erased);
		for (const kase of due) {
			await inTransaction(db, async (trx) => {
				const at = now.toISOString();
				const row = (await repository.findCase(trx, cityId, kase.id))!;
				if (!(await repository.updateCase(trx, cityId, kase.id, row.version, { details_enc: null, contact_enc: null, key_id: null, has_email: 0, erased_at: at, updated_at: at }))) return;
				await repository.eraseMessages(trx, cityId, kase.id);
				await appendLedger(trx, { cityId, actor: null as LedgerActor | null, entityType: 'concern', entityId: kase.id, entityRef: kase.ref, action: 'update', change: { personal_data: ['kept', 'erased'] } });
			});
			erased += 1;
		}
	}
	return { erased };
}

/** Seals again, with the current key, what was sealed with an older one; at most `batch` cases per run. */
export async function reencryptConcerns(db: Db, ring: KeyRing, batch = 500): Promise<{ reencrypted: number }> {
	let reencrypted = 0;
	for (const cityId of await repository.listCaseCities(db)) {
		if (reencrypted >= batch) break;
		const rows = await repository.listSealedWithOtherKey(db, cityId, ring.currentId, batch - reencrypted);
		for (const row of rows) {
			await inTransaction(db, async (trx) => {
				const reseal = (sealed: string | null, field: string) => (sealed ? ring.seal(ring.open(sealed, { cityId, caseId: row.id, field }), { cityId, caseId: row.id, field }) : null);
				if (!(await repository.updateCase(trx, cityId, row.id, row.version, { details_enc: reseal(row.details_enc, 'details'), contact_enc: reseal(row.contact_enc, 'contact'), key_id: ring.currentId }))) return;
				for (const message of await repository.listMessages(trx, cityId, row.id)) {
					if (message.body_enc && message.key_id !== ring.currentId) await repository.updateMessageBody(trx, cityId, message.id, reseal(message.body_enc, messageField(message.id)), ring.currentId);
				}
			});
			reencrypted += 1;
		}
	}
	return { reencrypted };
}
