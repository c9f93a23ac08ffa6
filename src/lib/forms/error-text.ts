/**
 * The one way an error code becomes a sentence in the reader's language. Codes (`email_taken`,
 * `due_before_start`, …) map to message keys; each area of the site keeps its sentences in its
 * own catalogue and reads a more general one after it (the commitments admin pages say
 * `conflict` their own way, else as the admin area says it). A code no catalogue knows is a
 * bug, but the reader still gets a sentence, never a key.
 *
 * @example errorText('file_too_large', 'commitments-admin', { params: { file: 'scan.pdf', maxMb: 10 } })
 *          // 'The file “scan.pdf” is too large: at most 10 MB per file. Nothing was saved.'
 */
import { message } from '#lib/i18n/messages.ts';

interface Catalogue {
	/** Message keys tried in order: `${prefix}${code}`. */
	prefixes: readonly string[];
	/** Codes whose key does not follow the prefix; `field.code` for a field's own sentence. */
	keys?: Readonly<Record<string, string>>;
	/** The sentence for an unknown code. */
	unknown: (code: string) => string;
}

const invalidInput = () => message('error_invalid_input');
const adminUnknown = (code: string) => message('admin_error_unknown', { code });

const CATALOGUES = {
	/** Sign-up, sign-in, the account pages, password reset, the city directory's filters. */
	site: { prefixes: ['error_'], unknown: invalidInput },
	/** The admin area: people and roles, the city profile, census lists, the network. */
	admin: { prefixes: ['admin_error_'], unknown: adminUnknown },
	'commitments-admin': { prefixes: ['cadmin_error_', 'admin_error_'], unknown: adminUnknown },
	'indicators-admin': { prefixes: ['iadmin_error_', 'admin_error_'], unknown: adminUnknown },
	/** The network's forms: joining, decisions on requests. */
	network: { prefixes: ['network_error_', 'admin_error_'], unknown: adminUnknown },
	/** The import of an action plan's CSV file. */
	'plan-import': { prefixes: ['cadmin_csv_error_'], unknown: (code: string) => message('cadmin_csv_error_unknown', { code }) },
	/** The public commitments page's filters. */
	commitments: { prefixes: ['commitments_error_'], unknown: invalidInput },
	/** The public ledger's filters. */
	ledger: {
		prefixes: [],
		keys: {
			type_invalid: 'ledger_error_type',
			action_invalid: 'ledger_error_action',
			ref_invalid: 'ledger_error_ref',
			'from.date_invalid': 'ledger_error_from',
			'to.date_invalid': 'ledger_error_to',
			date_invalid: 'ledger_error_from',
			date_range_reversed: 'ledger_error_range',
			cursor_invalid: 'ledger_error_cursor',
			cursor_both: 'ledger_error_cursor_both'
		},
		unknown: invalidInput
	},
	rights: { prefixes: ['rights_error_'], unknown: invalidInput },
	/** The standards pages: assessments, peer reviews and their positions. */
	standards: { prefixes: ['standards_error_', 'admin_error_'], unknown: adminUnknown },
	/** Reporting and following a rights concern, and the office's case pages. */
	concerns: { prefixes: ['concerns_error_'], unknown: invalidInput },
	/** Participation: proposals, supports, the city's answers and its desk. */
	participation: { prefixes: ['participation_error_', 'admin_error_', 'error_'], unknown: invalidInput }
} satisfies Record<string, Catalogue>;

export type ErrorArea = keyof typeof CATALOGUES;

/** Codes the shared input layer (validation.ts) gives in every area, said the same way everywhere. */
const SHARED: Readonly<Record<string, string>> = { control_character: 'form_error_control_character' };
export type ErrorParams = Record<string, string | number>;

/** Placeholders a sentence may name but the error did not carry: a dash, never "undefined". */
const PLACEHOLDERS: ErrorParams = { codes: '—', file: '—', maxMb: '—', max: '—', minutes: 15 };

export function errorText(code: string, area: ErrorArea, options: { field?: string; params?: ErrorParams | undefined } = {}): string {
	const catalogue: Catalogue = CATALOGUES[area];
	const inputs = { ...PLACEHOLDERS, ...options.params };
	const keys = [
		...(options.field && catalogue.keys?.[`${options.field}.${code}`] ? [catalogue.keys[`${options.field}.${code}`]!] : []),
		...(catalogue.keys?.[code] ? [catalogue.keys[code]!] : []),
		...catalogue.prefixes.map((prefix) => `${prefix}${code}`),
		...(SHARED[code] ? [SHARED[code]] : [])
	];
	for (const key of keys) {
		const text = message(key, inputs);
		if (text !== key) return text;
	}
	return catalogue.unknown(code);
}
