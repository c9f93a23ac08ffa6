import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('contentDisposition', () => {
	it('keeps a plain name as it is', () => {
		expect(contentDisposition('minutes-2026.pdf')).toBe(`attachment; filename="minutes-2026.pdf"; filename*=UTF-8''minutes-2026.pdf`);
	});

	it('gives non-ASCII names an ASCII fallback and the exact name in UTF-8', () => {
		expect(contentDisposition('année 2025.pdf')).toBe(`attachment; filename="ann_e 2025.pdf"; filename*=UTF-8''ann%C3%A9e%202025.pdf`);
		expect(contentDisposition('보고서.pdf')).toContain(`filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C.pdf`);
	});

	it('cannot be broken out of: quotes, semicolons, line breaks and path separators are replaced', () => {
		const header = contentDisposition('a"; filename="evil.html\r\nx-injected: 1/..\\b.txt');
		expect(header).not.toMatch(/[\r\n]/);
		expect(header.match(/"/g)).toHaveLength(2);
		expect(header).toMatch(/^attachment; filename="a__ filename=_evil\.html__x-injected: 1_\.\._b\.txt"; filename\*=UTF-8''/);
		expect(header.split("filename*=UTF-8''")[1]).not.toMatch(/["; ]/);
	});

	it('never gives an empty name', () => {
		expect(contentDisposition('   ')).toContain('filename="evidence"');
	});
});
