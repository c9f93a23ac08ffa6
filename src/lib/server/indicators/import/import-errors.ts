/**
 * The problems an observation import reports: stable codes with their parameters, where each
 * code points (file; file and row; or file, row and column), and the English text. Pages show the
 * text in the reader's language with `message('iimport_error_' + code, params)`; the module's
 * catalogues (`../messages/<locale>.json`, keys `iimport_error_*`) hold one sentence per code with
 * the same placeholders (a test checks the English one says exactly what `importErrorMessage` says).
 */

/** What a code's location names: the file, a row of it, or a cell (row and column). */
type Scope = 'file' | 'row' | 'cell';

const PROBLEMS = {
	empty_file: { scope: 'file', text: 'the file is empty: it needs a header row and at least one data row.' },
	unknown_file_indicator: {
		scope: 'file',
		text: 'the file name does not name an indicator of this city ("{value}"). Name the file after the indicator code, e.g. {example}.csv, or choose the indicator.'
	},
	bad_encoding: { scope: 'cell', text: 'the text is not UTF-8 (wrong encoding). Save the file as "CSV UTF-8" and import it again.' },
	unterminated_quote: { scope: 'cell', text: 'a quoted field is not closed: a closing quote (") is missing.' },
	bad_quote: { scope: 'cell', text: 'a quote (") is in the wrong place. Put the whole field in quotes and double each quote inside it ("").' },
	row_too_long: { scope: 'row', text: 'the row is longer than {max} characters.' },
	field_too_long: { scope: 'cell', text: 'the field is longer than {max} characters. If it starts with a quote ("), the closing quote may be missing.' },
	control_character: { scope: 'cell', text: 'the text holds an invisible control character ({character}), which a CSV file may not carry. Remove it and import again.' },
	unknown_format: {
		scope: 'row',
		text: 'the header is neither the Open SDG format (Year, dimension columns, Value) nor the long format (indicator, period, disaggregation, value).'
	},
	missing_column: { scope: 'cell', text: 'this required column is missing.' },
	unknown_column: { scope: 'cell', text: 'this column is not known. The columns are: {allowed}.' },
	duplicate_column: { scope: 'cell', text: 'this column appears more than once.' },
	wrong_field_count: { scope: 'row', text: 'the row has {found} fields but the header has {expected}.' },
	unknown_indicator: { scope: 'cell', text: '"{value}" is not an indicator of this city.' },
	unknown_dimension: { scope: 'cell', text: '"{value}" is not a disaggregation dimension of the indicator {indicator} (its dimensions: {allowed}).' },
	lookalike_dimension: {
		scope: 'cell',
		text: '"{value}" looks like the dimension "{expected}" but uses {letters}. Correct the file, or import again treating look-alike letters as the same.'
	},
	lookalike_value: {
		scope: 'cell',
		text: '"{value}" looks like the value "{expected}" of the dimension {dimension} but uses {letters}. Correct the file, or import again treating look-alike letters as the same.'
	},
	unknown_dimension_value: { scope: 'cell', text: '"{value}" is not a value of the dimension {dimension} (allowed: {allowed}).' },
	disaggregation_invalid: {
		scope: 'cell',
		text: '"{value}" is not a disaggregation. Write dimension=value pairs separated by ";" (each dimension once), or leave the cell empty for the total.'
	},
	period_invalid: { scope: 'cell', text: '"{value}" is not a period. Write a year (2024), a quarter (2024-Q3), a month (2024-05) or a day (2024-05-31).' },
	period_out_of_range: { scope: 'cell', text: 'the period "{value}" is outside the years {min} to {max}.' },
	value_not_numeric: {
		scope: 'cell',
		text: '"{value}" is not a number. Use a point for decimals and no thousands separators; leave the cell empty for a missing value.'
	},
	value_out_of_range: { scope: 'cell', text: '{value} does not fit the unit of the indicator ({unit}): yes/no takes 0 or 1, and counts and rates cannot be negative.' },
	status_invalid: { scope: 'cell', text: '"{value}" is not a status: write provisional or final, or leave the cell empty.' },
	text_too_long: { scope: 'cell', text: 'the text is longer than {max} characters.' },
	duplicate_key: { scope: 'cell', text: 'the same observation (period {period}, group {group}) is already in {first_file}, row {first_row}.' }
} as const satisfies Record<string, { scope: Scope; text: string }>;

export type ImportErrorCode = keyof typeof PROBLEMS;
export const IMPORT_ERROR_CODES = Object.keys(PROBLEMS) as ImportErrorCode[];

export type ImportErrorParams = Record<string, string | number>;

export interface ImportError {
	file: string;
	/** 1-based record number (the header is row 1); null for a problem of the whole file. */
	row: number | null;
	/** The header name of the column (or `#N` before the header is read); null for a whole row or file. */
	column: string | null;
	code: ImportErrorCode;
	/** `file`, `row`, `column` and the code's own placeholders, ready for `message('iimport_error_' + code, params)`. */
	params: ImportErrorParams;
	/** English text, location first. */
	message: string;
}

const PREFIX: Record<Scope, string> = {
	file: '{file}: ',
	row: '{file}, row {row}: ',
	cell: '{file}, row {row}, column "{column}": '
};

function fill(template: string, params: ImportErrorParams): string {
	return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The problem alone, without its location (the CLI prints `file:row:column: problem`). */
export function importProblemText(code: ImportErrorCode, params: ImportErrorParams): string {
	return fill(PROBLEMS[code].text, params);
}

/** The whole English sentence: the location the code names, then the problem. */
export function importErrorMessage(code: ImportErrorCode, params: ImportErrorParams): string {
	const problem = importProblemText(code, params);
	return fill(PREFIX[PROBLEMS[code].scope], params) + problem.charAt(0).toUpperCase() + problem.slice(1);
}

/** The English template of a code's whole sentence (what the English catalogue must say). */
export function importErrorTemplate(code: ImportErrorCode): string {
	const text: string = PROBLEMS[code].text;
	return PREFIX[PROBLEMS[code].scope] + text.charAt(0).toUpperCase() + text.slice(1);
}

/** Up to this many values of a list go into a message; the rest are summarised with "…". */
export function listForMessage(values: readonly string[], max = 12): string {
	return values.length > max ? `${values.slice(0, max).join(', ')}, …` : values.join(', ');
}

/**
 * The errors of one import: keeps the first `max` in the order found and counts all of them.
 */
export class ImportErrorList {
	readonly errors: ImportError[] = [];
	readonly max: number;
	count = 0;

	constructor(max: number) {
		this.max = Math.max(1, max);
	}

	add(file: string, row: number | null, column: string | null, code: ImportErrorCode, extra: ImportErrorParams = {}): void {
		this.count += 1;
		if (this.errors.length >= this.max) return;
		const params: ImportErrorParams = { file, ...(row === null ? {} : { row }), ...(column === null ? {} : { column }), ...extra };
		this.errors.push({ file, row, column, code, params, message: importErrorMessage(code, params) });
	}

	get truncated(): boolean {
		return this.count > this.errors.length;
	}

	/** The errors kept, in file order (as `files` lists them) and row order within a file. */
	sorted(files: readonly string[]): ImportError[] {
		const order = (error: ImportError) => files.indexOf(error.file);
		return [...this.errors].sort((a, b) => order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0));
	}
}
