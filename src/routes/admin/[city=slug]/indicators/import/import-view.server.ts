/**
 * An import's outcome as the page shows it: per file what was new, changed and unchanged, or
 * each problem with its file, row and column and the sentence in the reader's language.
 */
import { formatNumber } from '#lib/i18n/format.ts';
import { message } from '#lib/i18n/messages.ts';
import type { ImportError } from '#lib/server/indicators/import/import-errors.ts';
import { describeDifferences, parseDifferences } from '#lib/server/indicators/import/lookalikes.ts';
import type { ImportedFile } from '#lib/server/indicators/import/import.service.ts';

/** One problem as a sentence naming its file, row and column (the catalogs put them first). */
export interface ImportProblem {
	text: string;
}

/** The sentence of an import problem in the reader's language (the English one if a catalog lacks it). */
function problemText(error: ImportError, locale: string): string {
	const params: Record<string, string> = {};
	for (const [name, value] of Object.entries(error.params)) params[name] = typeof value === 'number' ? formatNumber(value, locale, { useGrouping: false }) : value;
	// Look-alike letters are named in the reader's language ("Latin O where the definition has Cyrillic О").
	if (params.differences) {
		params.letters = describeDifferences(parseDifferences(params.differences), {
			locale,
			letter: (script, character) => message('iimport_lookalike_letter', { script, character }),
			other: (character, codePoint) => `${character} (${codePoint})`,
			pair: (found, expected) => message('iimport_lookalike_pair', { found, expected })
		});
	}
	const key = `iimport_error_${error.code}`;
	const text = message(key, params);
	return text === key ? error.message : text;
}

export function presentImportErrors(errors: ImportError[], locale: string): ImportProblem[] {
	return errors.map((error) => ({ text: problemText(error, locale) }));
}

export function presentImportedFiles(files: ImportedFile[], locale: string) {
	const number = (value: number) => formatNumber(value, locale);
	return files.map((file) => ({
		name: file.name,
		format: file.format,
		indicator: file.indicator ?? null,
		rows: number(file.rows),
		new: number(file.new),
		changed: number(file.changed),
		unchanged: number(file.unchanged)
	}));
}
