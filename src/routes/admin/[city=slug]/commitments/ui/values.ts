/** Form values as the pages keep them: multi-valued fields (checkboxes, multi-selects) are joined by new lines. */
export function listOf(values: Record<string, string> | undefined, key: string): string[] {
	const value = values?.[key];
	return value ? value.split('\n').filter(Boolean) : [];
}
