/**
 * Accessible field errors: the attributes that tie a control to its error message.
 *
 * @example <input id="from" name="from" {...errorAttributes(errors, 'from')} /> → aria-invalid, aria-describedby="from-error"
 */
export function errorId(field: string): string {
	return `${field}-error`;
}

export function errorAttributes(errors: Partial<Record<string, string>> | undefined, field: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
	return errors?.[field] ? { 'aria-invalid': 'true', 'aria-describedby': errorId(field) } : {};
}
