/**
 * The header row of a CSV file: finds columns by name, names a column in an error message, checks
 * the header against the columns a format knows and requires, and reads a record by column name.
 * Names are compared after `normalise` (default: surrounding spaces trimmed; pass
 * `(name) => name.trim().toLowerCase()` to ignore case).
 *
 * @example
 *   const header = new CsvHeader(['Year', ' Value '], (name) => name.trim().toLowerCase());
 *   header.indexOf('value') // 1
 *   header.nameOf(1) // 'Value'; header.nameOf(5) // '#6'
 *   header.check(['year', 'value', 'units'], ['year', 'value', 'geocode']) // [{ field: null, name: 'geocode', problem: 'missing' }]
 */

export interface CsvHeaderProblem {
	/** 0-based column of the problem, or null for a missing column. */
	field: number | null;
	/** The column's name for a message: as written (trimmed), `#N` for a column without one, or the missing name. */
	name: string;
	problem: 'unknown' | 'duplicate' | 'missing';
}

export class CsvHeader {
	/** The header's names as written, without surrounding spaces. */
	readonly names: readonly string[];
	/** The names after `normalise`, as columns are looked up. */
	readonly keys: readonly string[];
	readonly #index = new Map<string, number>();

	constructor(fields: readonly string[], normalise: (name: string) => string = (name) => name.trim()) {
		this.names = fields.map((name) => name.trim());
		this.keys = fields.map(normalise);
		for (let field = this.keys.length - 1; field >= 0; field--) this.#index.set(this.keys[field]!, field);
	}

	get length(): number {
		return this.names.length;
	}

	/** The 0-based column with this (normalised) name — the first one, if repeated — or -1. */
	indexOf(key: string): number {
		return this.#index.get(key) ?? -1;
	}

	has(key: string): boolean {
		return this.#index.has(key);
	}

	/** How a message names column `field`: its header text, or `#3` for one without a name or beyond the header. */
	nameOf(field: number): string {
		return this.names[field] || `#${field + 1}`;
	}

	/**
	 * What is wrong with the header, in column order, then the missing columns: a name not in
	 * `known` (when given), a known name seen before, a `required` name absent.
	 */
	check(known: readonly string[] | null, required: readonly string[]): CsvHeaderProblem[] {
		const problems: CsvHeaderProblem[] = [];
		const seen = new Set<string>();
		this.keys.forEach((key, field) => {
			if (known !== null && !known.includes(key)) problems.push({ field, name: this.nameOf(field), problem: 'unknown' });
			else if (seen.has(key)) problems.push({ field, name: this.nameOf(field), problem: 'duplicate' });
			seen.add(key);
		});
		for (const key of required) if (!seen.has(key)) problems.push({ field: null, name: key, problem: 'missing' });
		return problems;
	}

	/** A record's cells by (normalised) column name; a column the record lacks reads as ''. */
	cellsOf(fields: readonly string[]): Record<string, string> {
		// fromEntries defines properties, so a column named "__proto__" is a cell like any other.
		return Object.fromEntries(this.keys.flatMap((key, field) => (this.#index.get(key) === field ? [[key, fields[field] ?? '']] : [])));
	}
}
