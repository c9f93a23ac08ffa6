/**
 * SDMX identifiers for names in any script (issue 11 §5). SDMX ids are ASCII only: components
 * (dimensions, concepts, codelists) match `NCNameIDType` `[A-Za-z][A-Za-z0-9_-]*`, codes match
 * `IDType` `[A-Za-z0-9_@$-]+` (SDMXCommonReferences.xsd, SDMX 3.0 and revised 2.1). The names
 * themselves travel in their own language in the structure file (`sdmx-structure.ts`).
 *
 * The rules, each a function of the name alone (so an id is stable across exports):
 * - a dimension named in lower-case ASCII (`sex`, `age_group`) keeps its name in upper case
 *   (`SEX`): lower-case letters, digits and `_` only, so no two such names share an id; a name
 *   that would take a column id of the data file itself (`obs_value`, …) goes by the next rule;
 * - any other dimension name gets `D-<SLUG>-<HASH>`: SLUG an ASCII transliteration (Latin letters
 *   without accents, Cyrillic and Greek transliterated, up to 16 characters; left out when nothing
 *   is left, e.g. Korean or Arabic) and HASH the first 8 characters of base32(SHA-256(NFC(name))).
 *   Such ids hold a `-`, which the first rule's never do, and the hash tells apart names that
 *   transliterate alike (`Регионы` / `Regiony`);
 * - a value written with ASCII letters, digits and `_` only (`female`, `65`) is its own code, unless it is
 *   one of SDMX's special codes (`_T` total, `_Z` not applicable, …); any other value gets
 *   `V-<SLUG>-<HASH>` (`65+` → `V-65-…`), distinct from the plain codes by its `-`.
 * Within one export, two names whose hashes would still agree (one chance in 2⁴⁰) get the full
 * 52-character hash (`disambiguate`).
 */
import { createHash } from 'node:crypto';

export const SDMX_ID = /^[A-Za-z0-9_@$-]+$/;
export const SDMX_NCNAME_ID = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Column ids the SDMX-CSV file uses itself; a dimension may not take one. */
export const SDMX_OWN_COLUMNS = new Set(['STRUCTURE', 'STRUCTURE_ID', 'ACTION', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD', 'OBS_VALUE', 'UNIT_MEASURE', 'OBS_STATUS', 'SERIES', 'UNITS']);
/** Codes SDMX gives a meaning of its own (total, not applicable, …); a value may not take one. */
const SPECIAL_CODES = new Set(['_T', '_Z', '_X', '_N', '_U', '_O']);

const CYRILLIC: Record<string, string> = {
	а: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', і: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'n',
	о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ү: 'u', ұ: 'u', ф: 'f', х: 'kh', һ: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
	ь: '', э: 'e', ә: 'a', ю: 'iu', я: 'ia', є: 'ie', ї: 'i', ў: 'u'
};
const GREEK: Record<string, string> = {
	α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's',
	τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o'
};

/** An ASCII transliteration of a name in upper case, `_` between words, at most `max` characters ('' when nothing is left). */
export function asciiSlug(name: string, max = 16): string {
	let out = '';
	for (const character of name.normalize('NFKD').toLowerCase()) {
		if (/[a-z0-9]/.test(character)) out += character;
		else if (CYRILLIC[character] !== undefined) out += CYRILLIC[character];
		else if (GREEK[character] !== undefined) out += GREEK[character];
		else if (/\p{M}/u.test(character)) continue;
		else out += '_';
	}
	return out.replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, max).replace(/_$/, '').toUpperCase();
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32 (RFC 4648 alphabet, no padding) of SHA-256(NFC(name)): 52 characters. */
export function nameHash(name: string): string {
	const bytes = createHash('sha256').update(name.normalize('NFC'), 'utf8').digest();
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
		value &= (1 << bits) - 1;
	}
	return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

function hashed(prefix: string, name: string, length: number): string {
	const slug = asciiSlug(name);
	return `${prefix}-${slug === '' ? '' : `${slug}-`}${nameHash(name).slice(0, length)}`;
}

/** The component id of a dimension name (see the module comment). */
export function dimensionId(name: string, hashLength = 8): string {
	if (/^[a-z][a-z0-9_]*$/.test(name) && !SDMX_OWN_COLUMNS.has(name.toUpperCase())) return name.toUpperCase();
	return hashed('D', name, hashLength);
}

/** The code of a dimension value (see the module comment). */
export function valueCode(value: string, hashLength = 8): string {
	if (/^[A-Za-z0-9_]+$/.test(value) && !SPECIAL_CODES.has(value.toUpperCase())) return value;
	return hashed('V', value, hashLength);
}

/**
 * Ids for a set of names, all distinct: `idOf(name)` for each, and the full hash for the names
 * whose short ids meet (see the module comment).
 */
export function disambiguate(names: Iterable<string>, idOf: (name: string, hashLength?: number) => string): Map<string, string> {
	const ids = new Map<string, string>();
	const byId = new Map<string, string[]>();
	for (const name of new Set(names)) {
		const id = idOf(name);
		ids.set(name, id);
		byId.set(id, [...(byId.get(id) ?? []), name]);
	}
	for (const clash of byId.values()) if (clash.length > 1) for (const name of clash) ids.set(name, idOf(name, 52));
	return ids;
}
