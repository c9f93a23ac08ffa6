import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales.ts';

const root = path.resolve('messages');
const files = fs.readdirSync(path.join(root, 'en')).filter((file) => file.endsWith('.json'));

function placeholders(value: unknown): string[] {
	return [...JSON.stringify(value).matchAll(/\{([a-zA-Z_]+)\}/g)].map((match) => match[1]!).sort();
}

describe('UI message catalogs', () => {
	it.each(files)('every locale has every key of en/%s, with the same placeholders', (file) => {
		const english = JSON.parse(fs.readFileSync(path.join(root, 'en', file), 'utf8')) as Record<string, unknown>;
		for (const locale of LOCALES) {
			const translated = JSON.parse(fs.readFileSync(path.join(root, locale, file), 'utf8')) as Record<string, unknown>;
			const missing = Object.keys(english).filter((key) => !(key in translated));
			expect(missing, `${locale}/${file} misses keys`).toEqual([]);
			for (const key of Object.keys(english)) {
				if (typeof english[key] === 'string') {
					expect(placeholders(translated[key]), `${locale}/${file} ${key}`).toEqual(placeholders(english[key]));
				}
			}
		}
	});
});
