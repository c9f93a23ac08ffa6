/**
 * The embeddable badge: a small SVG that names the city, its maturity level, the framework and
 * the year, links back to the city's scorecard, and carries the network's signature of the
 * result in its metadata (so anyone can check it was not drawn by the city itself):
 *
 *   <metadata><rc:signature xmlns:rc="urn:rightscity:badge:1" alg="EdDSA" kid="…"
 *     statement="base64url of the signed canonical JSON" signature="base64url" verify="…"/></metadata>
 *
 * Texts come in already translated; everything is escaped here.
 *
 * @example
 *   renderBadge({ title: 'York: Commitment (level 2 of 4)', lines: ['Human rights city', …], level: 2, … })
 */
export interface BadgeInput {
	/** The accessible name, also the SVG's title. */
	title: string;
	/** A longer description (framework, year, who reviewed, signed by the network). */
	description: string;
	/** Three lines: the heading, the level, the framework and year. */
	lines: [string, string, string];
	level: number;
	/** Absolute URL of the city's scorecard. */
	href: string;
	/** Absolute URL of the verification page for this very badge. */
	verifyHref: string;
	statement: string;
	signature: string;
	kid: string;
	direction: 'ltr' | 'rtl';
	lang: string;
}

/** Contrast-checked fills (white text on each passes WCAG AA), from "not yet" to "effective". */
export const LEVEL_COLOURS = ['#5b616b', '#8a4b08', '#1d5fa8', '#146b4f', '#0b5d1e'] as const;

export const BADGE_WIDTH = 340;
export const BADGE_HEIGHT = 76;
const MAX_LINE = 46;

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char]!);
}

function fit(text: string): string {
	const chars = [...text];
	return chars.length > MAX_LINE ? `${chars.slice(0, MAX_LINE - 1).join('')}…` : text;
}

export function renderBadge(input: BadgeInput): string {
	const colour = LEVEL_COLOURS[Math.max(0, Math.min(4, input.level))]!;
	const rtl = input.direction === 'rtl';
	const x = rtl ? BADGE_WIDTH - 68 : 68;
	const anchor = rtl ? 'end' : 'start';
	const stepX = rtl ? BADGE_WIDTH - 52 : 16;
	// Four steps, filled up to the level: the level is also in the text, the steps only repeat it.
	const steps = [1, 2, 3, 4]
		.map((step, index) => `<rect x="${stepX}" y="${58 - index * 12}" width="36" height="8" rx="2" fill="${step <= input.level ? '#ffffff' : 'none'}" stroke="#ffffff" stroke-width="1.5"/>`)
		.join('');
	const text = input.lines
		.map((line, index) => `<text x="${x}" y="${24 + index * 19}" text-anchor="${anchor}" font-size="${index === 1 ? 16 : 12}" font-weight="${index === 1 ? 700 : 400}">${escapeXml(fit(line))}</text>`)
		.join('');
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-labelledby="badge-title badge-desc" lang="${escapeXml(input.lang)}" direction="${input.direction}">`,
		`<title id="badge-title">${escapeXml(input.title)}</title>`,
		`<desc id="badge-desc">${escapeXml(input.description)}</desc>`,
		`<metadata><rc:signature xmlns:rc="urn:rightscity:badge:1" alg="EdDSA" kid="${escapeXml(input.kid)}" statement="${escapeXml(Buffer.from(input.statement, 'utf8').toString('base64url'))}" signature="${escapeXml(input.signature)}" verify="${escapeXml(input.verifyHref)}"/></metadata>`,
		`<a href="${escapeXml(input.href)}" target="_top">`,
		`<rect width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" rx="8" fill="${colour}"/>`,
		`<g aria-hidden="true">${steps}</g>`,
		`<g fill="#ffffff" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif">${text}</g>`,
		'</a>',
		'</svg>'
	].join('');
}

/** The three signature attributes of a badge's metadata, from its SVG source (as pasted on the verify page). */
export function readBadgeSignature(svg: string): { statement: string; signature: string; kid: string } | undefined {
	const element = /<rc:signature\b[^>]*>/.exec(svg)?.[0];
	if (!element) return undefined;
	const attribute = (name: string) => new RegExp(`\\s${name}="([A-Za-z0-9_-]+)"`).exec(element)?.[1];
	const statement = attribute('statement');
	const signature = attribute('signature');
	const kid = attribute('kid');
	if (!statement || !signature || !kid) return undefined;
	return { statement: Buffer.from(statement, 'base64url').toString('utf8'), signature, kid };
}
