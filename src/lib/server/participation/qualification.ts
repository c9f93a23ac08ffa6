/**
 * A proposal qualifies once its supports reach the process's threshold: recorded once, in the
 * ledger (as the system's act: who gave the deciding support stays private), and told to its
 * followers. A proposal keeps its qualification when supports are withdrawn afterwards.
 */
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/ids.ts';
import { appendLedger } from '../ledger/index.ts';
import type { MaybeActor } from '../accounts/index.ts';
import * as proposals from './proposals.repository.ts';
import type { Process } from './participation.types.ts';
import { notifyFollowers } from './follows.service.ts';

export async function qualify(db: Db, cityId: string, proposal: { id: string; ref: string; title: string }): Promise<boolean> {
	const at = nowIso();
	if (!(await proposals.markQualified(db, cityId, proposal.id, at))) return false;
	await appendLedger(db, { cityId, actor: null, actorRole: 'system', entityType: 'proposal', entityId: proposal.id, entityRef: proposal.ref, action: 'update', change: { qualified_at: [null, at] } });
	await notifyFollowers(db, cityId, { type: 'proposal', id: proposal.id, ref: proposal.ref, title: proposal.title }, 'proposal_qualified');
	return true;
}

/** Qualifies every published proposal of the process that already has enough supports (after the threshold changed). */
export async function qualifyReached(db: Db, _actor: MaybeActor, process: Process): Promise<number> {
	if (process.threshold.supports === null) return 0;
	let count = 0;
	for (;;) {
		const rows = await proposals.listNewlyQualifying(db, process.cityId, process.id, process.threshold.supports, 200);
		for (const row of rows) {
			const full = await proposals.findProposal(db, process.cityId, row.id);
			if (full && (await qualify(db, process.cityId, { id: row.id, ref: row.ref, title: full.title }))) count += 1;
		}
		if (rows.length < 200) return count;
	}
}
