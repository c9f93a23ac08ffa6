/**
 * Writing CSV (RFC 4180, LF line ends): a field is quoted when it holds a comma, a quote, a line
 * break or surrounding spaces, with quotes doubled inside.
 *
 * @example csvLine(['2024', 'a "b"', '1,5']) // '2024,"a ""b""","1,5"\n'
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(text: string): string {
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly string[]): string {
	let line = '';
	for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(fields[i]!);
	return `${line}\n`;
}
