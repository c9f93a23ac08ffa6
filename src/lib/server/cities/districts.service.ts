/**
 * A city's districts: the areas residents name when they report a concern, that participatory
 * processes and budgets are scoped to, and that indicators break down by. City admins keep the
 * list as lines of text, `code: name` (the name in their UI language; the names other languages
 * already have are kept, and a new district's name is its only name until translated).
 *
 * @example
 *   await saveDistricts(db, actor, gwangju.id, 'dong-gu: Dong-gu\nseo-gu: Seo-gu', { locale: 'en' });
 *   await listDistricts(db, gwangju.id) // [{ code: 'dong-gu', name: { en: 'Dong-gu', ko: '동구' } }, …]
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { fieldErrors, forbidden } from '../errors.ts';
import { canAdministerCity, recordAudit, type MaybeActor } from '../accounts/index.ts';
import { parseLocalizedText, type LocalizedText } from '../../i18n/localized-text.ts';
import { isLocale } from '../../i18n/locales.ts';
import * as repository from './cities.repository.ts';
import { isSlug, MAX_SLUG_LENGTH } from './slug.ts';

export interface District {
	code: string;
	name: LocalizedText;
}

export const MAX_DISTRICTS = 500;
export const MAX_DISTRICT_NAME = 120;

export async function listDistricts(db: Db, cityId: string): Promise<District[]> {
	return (await repository.listDistricts(db, cityId)).map((row) => ({ code: row.code, name: parseLocalizedText(row.name) }));
}

/** The districts as the editing form shows them: one `code: name` line each, names in `locale` (or any language they have). */
export function districtsText(districts: readonly District[], locale: string): string {
	return districts.map((district) => `${district.code}: ${district.name[locale] ?? Object.values(district.name)[0] ?? ''}`).join('\n');
}

/** One problem of the text: its line (1-based) and the rule, which the form shows next to the field. */
export interface DistrictLineProblem {
	line: number;
	rule: 'district_line_invalid' | 'district_code_invalid' | 'district_code_duplicate' | 'district_name_missing' | 'district_name_too_long';
	text: string;
}

/** Reads `code: name` lines (blank lines skipped); every problem with its line. */
export function parseDistrictsText(text: string): { districts: { code: string; name: string }[]; problems: DistrictLineProblem[] } {
	const districts: { code: string; name: string }[] = [];
	const problems: DistrictLineProblem[] = [];
	const seen = new Set<string>();
	text.split(/\r\n|\r|\n/).forEach((raw, index) => {
		const line = raw.trim();
		if (!line) return;
		const at = line.indexOf(':');
		const report = (rule: DistrictLineProblem['rule']) => problems.push({ line: index + 1, rule, text: line.slice(0, 200) });
		if (at < 0) return report('district_line_invalid');
		const code = line.slice(0, at).trim().toLowerCase();
		const name = line.slice(at + 1).trim();
		if (!isSlug(code) || code.length > MAX_SLUG_LENGTH) return report('district_code_invalid');
		if (seen.has(code)) return report('district_code_duplicate');
		if (!name) return report('district_name_missing');
		if (name.length > MAX_DISTRICT_NAME || /[\u0000-\u001f\u007f]/.test(name)) return report('district_name_too_long');
		seen.add(code);
		districts.push({ code, name });
	});
	return { districts, problems };
}

/**
 * Replaces the city's list of districts (its admins and the network admin). All or nothing:
 * a problem on any line is an `invalid_input` on `districts` listing the lines (`details.rows`: line, rule, text).
 */
export async function saveDistricts(db: Db, actor: MaybeActor, cityId: string, text: string, context: { locale: string; ip?: string | undefined }): Promise<District[]> {
	if (!canAdministerCity(actor, cityId)) throw forbidden();
	const locale = isLocale(context.locale) ? context.locale : 'en';
	const { districts, problems } = parseDistrictsText(text);
	if (problems.length) throw fieldErrors({ districts: problems[0]!.rule }, { rows: problems.slice(0, 50), total: problems.length });
	if (districts.length > MAX_DISTRICTS) throw fieldErrors({ districts: 'district_too_many' }, { max: MAX_DISTRICTS });
	return inTransaction(db, async (trx) => {
		const before = new Map((await listDistricts(trx, cityId)).map((district) => [district.code, district.name]));
		const next = districts.map(({ code, name }) => ({ code, name: { ...(before.get(code) ?? {}), [locale]: name } }));
		await repository.replaceDistricts(trx, cityId, next.map((district) => ({ code: district.code, name: JSON.stringify(district.name) })));
		const codes = next.map((district) => district.code);
		await recordAudit(trx, {
			cityId,
			actorId: actor!.system ? null : actor!.personId,
			action: 'city.districts_updated',
			target: cityId,
			details: { added: codes.filter((code) => !before.has(code)), removed: [...before.keys()].filter((code) => !codes.includes(code)), locale, ...(actor!.system ? { by: actor!.system } : {}) },
			ip: context.ip
		});
		return next;
	});
}
