/**
 * Input schemas of the accounts forms (also used by a future API). Messages are codes that the
 * pages translate; the field a problem belongs to is its path.
 */
import { z } from 'zod';
import { formFields, safeParseInput, type Parsed } from '../validation.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { MAX_PASSWORD_LENGTH } from './password.ts';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../cities/index.ts';

const email = z
	.string({ error: 'email_required' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'email_required' })
	.max(254, { error: 'email_invalid' })
	.pipe(z.email({ error: 'email_invalid' }));
const password = z.string({ error: 'password_required' }).min(1, { error: 'password_required' }).max(MAX_PASSWORD_LENGTH, { error: 'password_too_long' });
const displayName = z.string({ error: 'name_required' }).trim().min(1, { error: 'name_required' }).max(100, { error: 'name_too_long' });
const optionalSlug = z.preprocess((value) => (value === '' ? undefined : value), z.string().max(MAX_SLUG_LENGTH, { error: 'city_invalid' }).regex(SLUG_PATTERN, { error: 'city_invalid' }).optional());

export const signUpSchema = z.object({ displayName, email, password, city: optionalSlug });
export const signInSchema = z.object({ email, password });
export const resetRequestSchema = z.object({ email });
export const resetPasswordSchema = z.object({ password });
export const changePasswordSchema = z.object({ currentPassword: password, newPassword: password });
export const profileSchema = z.object({
	displayName,
	preferredLocale: z.preprocess((value) => (value === '' ? undefined : value), z.enum(LOCALES, { error: 'locale_invalid' }).optional())
});
export const deleteAccountSchema = z.object({ password, confirm: z.literal('on', { error: 'confirm_required' }) });

export const ROLES = ['resident', 'officer', 'city_admin', 'cso'] as const;
export const grantRoleSchema = z.object({
	email,
	role: z.enum(ROLES, { error: 'role_invalid' }),
	department: z.preprocess((value) => (value === '' ? undefined : value), z.string().trim().max(100, { error: 'department_too_long' }).optional())
});
export const revokeRoleSchema = z.object({ personId: z.string().min(1).max(64), role: z.enum(ROLES, { error: 'role_invalid' }) });
export const censusClaimSchema = z.object({ identifier: z.string().trim().min(1, { error: 'identifier_required' }).max(100, { error: 'identifier_invalid' }) });

export type FieldErrors = Record<string, string>;

/**
 * Parse form data with a schema; on failure, the first problem per field as message codes.
 *
 * @example const result = parseForm(signInSchema, await request.formData());
 */
export function parseForm<T extends z.ZodType>(schema: T, form: FormData): Parsed<z.infer<T>> {
	return safeParseInput(schema, formFields(form));
}
