/**
 * The digest an import's ledger entry carries, so the entry pins exactly which observations of
 * the indicator changed and how, without listing them:
 *
 *   sha256_of_changes = SHA-256( line₁ ‖ line₂ ‖ … )   (hex)
 *   line = canonicalJson({ period, group, before, after }) + "\n"
 *
 * with one line per new or changed observation, in byte order of (period, group key);
 * `before` is null for a new observation, else `{ value, status, source, note }` as stored before,
 * and `after` the same fields as stored after. Canonical JSON is the ledger's (keys sorted, no
 * white space; `ledger-hash.ts`). Anyone holding the old and new data can recompute it.
 *
 * @example
 *   const digest = new ChangeDigest();
 *   digest.add('2024', 'sex=female', null, { value: 12.5, status: 'final', source: null, note: null });
 *   digest.hex(); // 64 hex digits
 */
import { createHash, type Hash } from 'node:crypto';

export interface ObservationState {
	value: number | null;
	status: string;
	source: string | null;
	note: string | null;
}

/** JSON text of a string or null (`JSON.stringify` is canonical for both). */
function text(value: string | null): string {
	return value === null ? 'null' : JSON.stringify(value);
}

function state(observation: ObservationState): string {
	// Keys in sorted order: note, source, status, value.
	return `{"note":${text(observation.note)},"source":${text(observation.source)},"status":${JSON.stringify(observation.status)},"value":${observation.value === null ? 'null' : JSON.stringify(observation.value)}}`;
}

/** One line of the digest (exactly `canonicalJson({ period, group, before, after }) + '\n'`). */
export function changeLine(period: string, group: string, before: ObservationState | null, after: ObservationState): string {
	return `{"after":${state(after)},"before":${before === null ? 'null' : state(before)},"group":${JSON.stringify(group)},"period":${JSON.stringify(period)}}\n`;
}

export class ChangeDigest {
	readonly #hash: Hash = createHash('sha256');
	#buffer = '';

	add(period: string, group: string, before: ObservationState | null, after: ObservationState): void {
		this.#buffer += changeLine(period, group, before, after);
		// Hash in blocks: one update per line costs more than the hashing itself.
		if (this.#buffer.length > 65_536) this.#flush();
	}

	hex(): string {
		this.#flush();
		return this.#hash.digest('hex');
	}

	#flush(): void {
		if (this.#buffer) this.#hash.update(this.#buffer);
		this.#buffer = '';
	}
}
