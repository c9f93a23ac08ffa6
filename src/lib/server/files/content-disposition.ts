/**
 * A `content-disposition: attachment` header for a stored file name: a plain ASCII fallback
 * (quotes, backslashes and control characters replaced) and the exact UTF-8 name (RFC 6266, 5987),
 * so "rapport d’activité.pdf" and "보고서.pdf" keep their names and nothing can break the header.
 *
 * @example contentDisposition('année 2025.pdf') // `attachment; filename="ann_e 2025.pdf"; filename*=UTF-8''ann%C3%A9e%202025.pdf`
 */
export function contentDisposition(fileName: string): string {
	const name = fileName.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim() || 'evidence';
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["%;]/g, '_');
	const encoded = encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
