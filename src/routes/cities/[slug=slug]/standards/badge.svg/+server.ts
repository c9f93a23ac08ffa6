// The city's badge: its latest maturity level (of `?framework=`, else of its latest result) as an
// SVG that links back to the scorecard and carries the network's signature of the result. A city
// without an agreed (published) review has no badge: 404 with a sentence saying so (not stored).
// Kept by the render cache and by shared caches, which revalidate every time (ETag, 304): a new
// result is in the city's ledger, so an embedded badge changes as soon as the level does.
import type { RequestHandler } from './$types';
import { PUBLIC_CACHE_CONTROL } from '#lib/server/http/page-cache.ts';
import { cityOf } from '../../city.server.ts';
import { findCityBySlug } from '#lib/server/cities/index.ts';
import { message } from '#lib/i18n/messages.ts';
import { textDirection } from '#lib/i18n/locales.ts';
import { latestResult } from '#lib/server/standards/results.service.ts';
import { getFrameworkVersion } from '#lib/server/standards/frameworks.service.ts';
import { renderBadge } from '#lib/server/standards/badge.ts';
import { badgeCodeOf } from '#lib/server/standards/badge-verify.ts';
import { levelName, textOf } from '#lib/standards/view.server.ts';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const city = await cityOf({ locals, params });
	const framework = url.searchParams.get('framework') ?? undefined;
	const result = await latestResult(locals.db, city.id, framework);
	if (!result) {
		return new Response(message('standards_badge_missing'), { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
	}
	const version = await getFrameworkVersion(locals.db, result.frameworkVersionId);
	const short = textOf(version.document.short, locals.locale, result.framework).text;
	const level = message('standards_level_of', { level: result.level, name: levelName(result.level) });
	const statement = result.statement;
	// The statement names the reviewer city by its slug; the badge by its name.
	const reviewer = (await findCityBySlug(locals.db, statement.reviewer))?.display_name ?? statement.reviewer;
	const svg = renderBadge({
		title: message('standards_badge_alt', { city: city.displayName, level }),
		description: message('standards_badge_description', { framework: short, version: statement.frameworkVersion, year: statement.year, review: statement.review, reviewer }),
		lines: [`${message('standards_badge_line_heading')}: ${city.displayName}`, level, `${short} ${statement.frameworkVersion} · ${statement.year}`],
		level: result.level,
		href: `${url.origin}/cities/${city.slug}/standards`,
		verifyHref: `${url.origin}/network/standards/verify?code=${badgeCodeOf(result)}`,
		statement: result.statementText,
		signature: result.signature,
		kid: result.kid,
		direction: textDirection(locals.locale),
		lang: locals.locale
	});
	return new Response(svg, { headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': PUBLIC_CACHE_CONTROL, 'x-content-type-options': 'nosniff' } });
};
