import { describe, expect, it } from 'vitest';
import { downloadName, isOfficeArchive, sniffContentType } from './file-type.ts';

/** A ZIP archive of stored (uncompressed) entries, as the smallest real document would be. */
function zip(entries: Record<string, string>): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(entries)) {
		const nameBytes = Buffer.from(name);
		const data = Buffer.from(text);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(nameBytes.length, 26);
		locals.push(local, nameBytes, data);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(nameBytes.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, nameBytes);
		offset += 30 + nameBytes.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(entries).length, 8);
	end.writeUInt16LE(Object.keys(entries).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ODT = 'application/vnd.oasis.opendocument.text';

describe('office documents', () => {
	it('accepts a real archive with the part its kind must have', () => {
		expect(sniffContentType(zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), 'report.docx')).toBe(DOCX);
		expect(sniffContentType(zip({ mimetype: ODT, 'content.xml': '<office:document/>' }), 'report.odt')).toBe(ODT);
	});

	it('refuses what only starts like a ZIP, an archive cut short, one without the part, or with a directory out of bounds', () => {
		const real = zip({ '[Content_Types].xml': '<Types/>' });
		expect(sniffContentType(new Uint8Array(Buffer.from('PK\u0003\u0004 not really a zip')), 'x.docx')).toBeUndefined();
		expect(sniffContentType(real.subarray(0, real.length - 10), 'x.docx')).toBeUndefined();
		expect(sniffContentType(zip({ 'word/document.xml': '<w:document/>' }), 'x.docx')).toBeUndefined();
		expect(sniffContentType(zip({ '[Content_Types].xml': '<Types/>' }), 'x.odt')).toBeUndefined();
		const broken = Buffer.from(real);
		broken.writeUInt32LE(0xfffffff0, broken.length - 6);
		expect(isOfficeArchive(new Uint8Array(broken), '[Content_Types].xml')).toBe(false);
	});
});

describe('downloadName', () => {
	it('gives the name an extension that fits the type the bytes are', () => {
		expect(downloadName('x.html', 'application/pdf')).toBe('x.html.pdf');
		expect(downloadName('scan.PDF', 'application/pdf')).toBe('scan.PDF');
		expect(downloadName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
		expect(downloadName('notes', 'text/plain')).toBe('notes.txt');
		expect(downloadName('table.txt', 'text/csv; charset=utf-8')).toBe('table.txt.csv');
	});

	it('removes controls and bidi and other invisible formatting characters', () => {
		expect(downloadName('report\u202Efdp.exe', 'application/pdf')).toBe('reportfdp.exe.pdf');
		expect(downloadName('a\u0000b\u2066c\u2069\u200F.pdf', 'application/pdf')).toBe('abc.pdf');
		expect(downloadName('\u202E', 'image/png')).toBe('evidence.png');
		expect(downloadName('보고서 année.pdf', 'application/pdf')).toBe('보고서 année.pdf');
	});
});
