// The browser-free verifier page: the hash rule, a worked example computed by the same code that
// writes the ledger, and short verifiers to copy. One page for the whole network.
import type { PageServerLoad } from './$types';
import { canonicalJson, entryHash, GENESIS_HASH, type HashedEntry } from '#lib/server/ledger/ledger-hash.ts';

const EXAMPLE: HashedEntry = {
	seq: 1,
	at: '2026-03-02T09:30:00.000Z',
	city_id: '019c9a10-5b2e-7c41-8e3d-2f6a1b0c9d84',
	actor_role: 'officer',
	entity_type: 'action',
	entity_id: '019c9a11-0a7f-7d12-9b44-6e5d3c2b1a09',
	entity_ref: 'A-2026-014',
	action: 'update',
	change: { status: ['planned', 'in_progress'], progress: [0, 25] }
};
const example = {
	// As the file writes it: one line per entry.
	entry: JSON.stringify({ ...EXAMPLE, prev_hash: GENESIS_HASH, hash: entryHash(GENESIS_HASH, EXAMPLE) }),
	canonical: canonicalJson(EXAMPLE),
	hashInput: `${GENESIS_HASH}${canonicalJson(EXAMPLE)}`,
	hash: entryHash(GENESIS_HASH, EXAMPLE)
};

export const load: PageServerLoad = ({ url }) => ({ example, origin: url.origin });
