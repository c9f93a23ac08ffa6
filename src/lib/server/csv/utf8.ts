/**
 * UTF-8 byte checks for the reader's strict streaming decoder: which trailing bytes of a chunk
 * start a character that continues in the next chunk, and — once the decoder has refused the
 * bytes — where the first invalid byte is, so the error can name its row and field. Valid input
 * never goes through these loops except `incompleteTail`, which looks at three bytes at most.
 */

/**
 * Index of the first byte that is not part of valid UTF-8, or -1 when all are valid. Overlong
 * forms, surrogates, code points above U+10FFFF and a sequence cut by the end count as invalid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		let need: number;
		let min: number;
		if (lead < 0x80) {
			index += 1;
			continue;
		} else if (lead >= 0xc2 && lead <= 0xdf) [need, min] = [1, 0x80];
		else if (lead >= 0xe0 && lead <= 0xef) [need, min] = [2, 0x800];
		else if (lead >= 0xf0 && lead <= 0xf4) [need, min] = [3, 0x10000];
		else return index;
		let code = lead & (0x3f >> need);
		for (let offset = 1; offset <= need; offset += 1) {
			const next = bytes[index + offset];
			if (next === undefined || (next & 0xc0) !== 0x80) return index;
			code = (code << 6) | (next & 0x3f);
		}
		if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
		index += need + 1;
	}
	return -1;
}

const NONE = new Uint8Array(0);

/** The bytes at the end of `bytes` that start a UTF-8 sequence not yet complete (0–3 bytes). */
export function incompleteTail(bytes: Uint8Array): Uint8Array {
	for (let back = 1; back <= 3 && back <= bytes.length; back++) {
		const byte = bytes[bytes.length - back]!;
		if ((byte & 0xc0) === 0x80) continue;
		const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return length > back ? bytes.subarray(bytes.length - back) : NONE;
	}
	return NONE;
}
