/** A criterion code as part of an HTML id (codes hold colons and dots): `gwangju:1.2` → `gwangju-1-2`. */
export function criterionId(code: string): string {
	return code.replace(/[^A-Za-z0-9_-]/g, '-');
}
