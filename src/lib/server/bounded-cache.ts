/**
 * An in-process cache with a byte budget (issue 10, point 5: memory stays bounded however long
 * the server runs): least recently used entries leave once the estimated size of what is kept
 * passes `budgetBytes`. The size of an entry is the caller's estimate (`sizeOf`); an entry larger
 * than the whole budget is not kept. A caller that knows an entry's size better (the length of
 * the text it was parsed from, say) passes it to `set`.
 *
 * @example
 *   const parsed = new BoundedCache<string, Doc>(16 << 20, (key, doc) => key.length * 2 + textOf(doc).length * 3);
 */
export class BoundedCache<K, V> {
	readonly budgetBytes: number;
	readonly #sizeOf: (key: K, value: V) => number;
	readonly #entries = new Map<K, { value: V; size: number }>();
	#bytes = 0;

	constructor(budgetBytes: number, sizeOf: (key: K, value: V) => number) {
		this.budgetBytes = budgetBytes;
		this.#sizeOf = sizeOf;
	}

	get(key: K): V | undefined {
		const entry = this.#entries.get(key);
		if (!entry) return undefined;
		// Re-inserted: a Map keeps insertion order, so the first key is the least recently used.
		this.#entries.delete(key);
		this.#entries.set(key, entry);
		return entry.value;
	}

	/** Keeps `value` (its size estimated by `sizeOf`, unless the caller knows it). */
	set(key: K, value: V, size = this.#sizeOf(key, value)): void {
		this.delete(key);
		if (size > this.budgetBytes) return;
		this.#entries.set(key, { value, size });
		this.#bytes += size;
		for (const [oldest, entry] of this.#entries) {
			if (this.#bytes <= this.budgetBytes) break;
			this.#entries.delete(oldest);
			this.#bytes -= entry.size;
		}
	}

	delete(key: K): void {
		const entry = this.#entries.get(key);
		if (!entry) return;
		this.#entries.delete(key);
		this.#bytes -= entry.size;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** The estimated bytes kept (never above the budget). */
	get bytes(): number {
		return this.#bytes;
	}
}
