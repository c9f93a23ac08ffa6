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

export function sniffContentType(bytes: Uint8Array, fileName: string): string | undefined {
	const extension = fileName.toLowerCase().split('.').pop() ?? '';
	if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
	if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
	if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return OFFICE[extension];
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
