/**
 * Short public references: `SA-2026-1` (self-assessment), `SH-2026-2` (shadow assessment),
 * `PR-2026-1` (peer review), numbered per city, kind and year.
 */
export type RefKind = 'SA' | 'SH' | 'PR';

/** The next free reference under `KIND-YEAR-`, given the references in use under that prefix. */
export function nextRefOf(kind: RefKind, year: number, taken: readonly string[]): string {
	const prefix = `${kind}-${year}-`;
	let highest = 0;
	for (const ref of taken) {
		if (!ref.startsWith(prefix)) continue;
		const number = Number(ref.slice(prefix.length));
		if (Number.isInteger(number) && number > highest) highest = number;
	}
	return `${prefix}${highest + 1}`;
}

export const REF_PATTERN = /^(SA|SH|PR)-\d{4}-\d{1,5}$/;
