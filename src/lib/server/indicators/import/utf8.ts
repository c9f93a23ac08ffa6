/**
 * UTF-8 byte checks for the streaming decoder in `csv-reader.ts`: which trailing bytes of a chunk
 * start a character that continues in the next chunk, and — once the decoder has refused a chunk —
 * where the first invalid byte is, so the error can name its row and column.
 */

/**
 * Index of the first byte that does not belong to valid UTF-8 (or `bytes.length` when all are
 * valid). Only used after the decoder has failed, to tell which record holds the bad byte.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i]!;
		let need: number;
		let min: number;
		if (b < 0x80) {
			i += 1;
			continue;
		} else if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else {
			return i;
		}
		if (i + need >= bytes.length) return i;
		let code = b & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const next = bytes[i + k]!;
			if ((next & 0xc0) !== 0x80) return i;
			code = (code << 6) | (next & 0x3f);
		}
		if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
		i += need + 1;
	}
	return i;
}

/** The bytes at the end of `bytes` that start a UTF-8 sequence not yet complete (0–3 bytes). */
export function incompleteTail(bytes: Uint8Array): Uint8Array {
	for (let back = 1; back <= 3 && back <= bytes.length; back++) {
		const b = bytes[bytes.length - back]!;
		if ((b & 0xc0) === 0x80) continue;
		const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return length > back ? bytes.subarray(bytes.length - back) : new Uint8Array(0);
	}
	return new Uint8Array(0);
}
