import { describe, expect, it } from 'vitest';
import { fileTypeLabel, formatBytes, formatDay, formatMoney, formatPercent, languageName } from './format.ts';

describe('accountability formats', () => {
	it('writes dates in the reader’s locale, as UTC days', () => {
		expect(formatDay('2026-03-01', 'en')).toBe('Mar 1, 2026');
		expect(formatDay('2026-03-01', 'fr')).toBe('1 mars 2026');
		expect(formatDay('not a date', 'en')).toBe('not a date');
	});

	it('writes progress as a percentage with at most one decimal', () => {
		expect(formatPercent(62.5, 'en')).toBe('62.5%');
		expect(formatPercent(100, 'en')).toBe('100%');
		expect(formatPercent(37.5, 'sv')).toBe('37,5\u00a0%');
	});

	it('writes money in its currency, and an unknown currency code after the number', () => {
		expect(formatMoney(250000, 'GBP', 'en')).toBe('£250,000');
		expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
		expect(formatMoney(10, 'NOT-A-CODE', 'en')).toBe('10 NOT-A-CODE');
	});

	it('writes file sizes in decimal units and names file types', () => {
		expect(formatBytes(50, 'en')).toBe('50 byte');
		expect(formatBytes(1500, 'en')).toBe('1.5 kB');
		expect(formatBytes(2_400_000, 'en')).toBe('2.4 MB');
		expect(fileTypeLabel('application/pdf')).toBe('PDF');
		expect(fileTypeLabel('application/vnd.oasis.opendocument.text')).toBe('ODT');
		expect(fileTypeLabel('application/x-unknown')).toBe('application/x-unknown');
		expect(fileTypeLabel(null)).toBe('');
	});

	it('names a fallback language in the reader’s language', () => {
		expect(languageName('en', 'fr')).toBe('anglais');
		expect(languageName('not a language!', 'en')).toBe('not a language!');
	});
});
