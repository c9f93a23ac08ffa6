/**
 * The content type of an evidence file, decided from its bytes (never from the name or the
 * browser's claim), and whether it is allowed: PDF, PNG, JPEG, WebP, GIF, plain text/CSV (valid
 * UTF-8, no NUL bytes) and OpenDocument/Office Open XML documents (ZIP containers whose name says
 * which). HTML, SVG, scripts and executables are refused: they could run in a reader's browser.
 *
 * @example sniffContentType(bytes, 'report.pdf') // 'application/pdf' or undefined when refused
 */

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((byte, index) => bytes[offset + index] === byte);
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const OFFICE: Record<string, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation'
};

function isUtf8Text(bytes: Uint8Array): boolean {
	if (bytes.includes(0)) return false;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return true;
	} catch {
		return false;
	}
}

const u16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u32 = (bytes: Uint8Array, at: number) => (u16(bytes, at) + u16(bytes, at + 2) * 0x10000);

/**
 * A real ZIP archive holding the part every document of its kind has (`[Content_Types].xml` in
 * Office Open XML, `mimetype` in OpenDocument): the end-of-directory record is found, the central
 * directory lies inside the file and every entry of it is well formed. A file that merely starts
 * like a ZIP (or is cut short) is refused.
 */
export function isOfficeArchive(bytes: Uint8Array, requiredEntry: string): boolean {
	const END = [0x50, 0x4b, 0x05, 0x06];
	let end = -1;
	// The end record is 22 bytes plus a comment of at most 65,535.
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
		if (startsWith(bytes, END, at)) {
			end = at;
			break;
		}
	}
	if (end < 0) return false;
	const entries = u16(bytes, end + 10);
	const size = u32(bytes, end + 12);
	const offset = u32(bytes, end + 16);
	if (entries === 0 || offset + size > end) return false;
	const names = new Set<string>();
	let at = offset;
	for (let entry = 0; entry < entries; entry++) {
		if (at + 46 > offset + size || !startsWith(bytes, [0x50, 0x4b, 0x01, 0x02], at)) return false;
		const nameLength = u16(bytes, at + 28);
		const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
		if (next > offset + size || u32(bytes, at + 42) >= offset) return false;
		names.add(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)));
		at = next;
	}
	return names.has(requiredEntry);
}

/** The extensions a download of each accepted type may carry; the first is the one given when the name's does not fit. */
const EXTENSIONS: Record<string, readonly string[]> = {
	'application/pdf': ['pdf'],
	'image/png': ['png'],
	'image/jpeg': ['jpg', 'jpeg'],
	'image/webp': ['webp'],
	'image/gif': ['gif'],
	'text/csv': ['csv'],
	'text/plain': ['txt', 'md'],
	...Object.fromEntries(Object.entries(OFFICE).map(([extension, type]) => [type, [extension]]))
};

/**
 * The name a stored file is downloaded under: controls and invisible formatting characters
 * (bidi overrides such as U+202E, which make `exe.pdf` look like `fdp.exe`) removed, and an
 * extension that fits the type the bytes were found to be (`x.html` served as PDF → `x.html.pdf`).
 *
 * @example downloadName('report\u202Efdp.exe', 'application/pdf') // 'reportfdp.exe.pdf'
 */
export function downloadName(fileName: string, contentType: string): string {
	const name = fileName.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '').trim() || 'evidence';
	const allowed = EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()];
	if (!allowed) return name;
	const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
	return allowed.includes(extension) ? name : `${name}.${allowed[0]}`;
}

export function sniffContentType(bytes: Uint8Array, fileName: string): string | undefined {
	const extension = fileName.toLowerCase().split('.').pop() ?? '';
	if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
		const type = OFFICE[extension];
		return type && isOfficeArchive(bytes, extension.startsWith('od') ? 'mimetype' : '[Content_Types].xml') ? type : undefined;
	}
	if (bytes.length > 0 && isUtf8Text(bytes)) {
		const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
		// Markup is refused even when named .txt: a browser could be talked into rendering it.
		if (head.startsWith('<')) return undefined;
		if (extension === 'csv') return 'text/csv';
		if (extension === 'txt' || extension === 'md') return 'text/plain';
	}
	return undefined;
}

/** The extensions accepted, for the form's hint and `accept` attribute. */
export const ACCEPTED_EXTENSIONS = ['.pdf', '.png', '.jpg', '.jpeg', '.webp', '.gif', '.txt', '.csv', '.md', '.docx', '.xlsx', '.pptx', '.odt', '.ods', '.odp'];
