import { describe, expect, it } from 'vitest';
import { checkEvidence, countsFor, linksText, lowerRating, parseLinks, type EvidenceItem } from './evidence.ts';
import { BUNDLED_DOCUMENTS } from './frameworks.service.ts';
import { criterionOf } from './framework-document.ts';

const fra = BUNDLED_DOCUMENTS[0]!;
const item = (kind: EvidenceItem['kind'], facets: string[] = []): EvidenceItem => ({ kind, ref: `${kind}-1`, label: null, href: null, facets, facts: {} });

describe('evidence and ratings', () => {
	it('counts a link always, a record only when the criterion accepts its kind and facets', () => {
		const budget = criterionOf(fra, 'fra:T2')!;
		expect(countsFor(budget, item('link'))).toBe(true);
		expect(countsFor(budget, item('action', ['budget']))).toBe(true);
		expect(countsFor(budget, item('action'))).toBe(false);
		expect(countsFor(budget, item('declaration'))).toBe(false);
	});

	it('refuses "met" without the evidence the criterion requires, and accepts "not met" with none', () => {
		const plan = criterionOf(fra, 'fra:T3')!;
		expect(checkEvidence(plan, 'met', [item('action'), item('progress')])).toEqual({ ok: false, rule: 'evidence_missing', needed: 3, counted: 2 });
		expect(checkEvidence(plan, 'met', [item('action'), item('progress'), item('link')])).toEqual({ ok: false, rule: 'evidence_kind_missing', needed: 3, counted: 3 });
		expect(checkEvidence(plan, 'met', [item('action'), item('progress'), item('plan')])).toEqual({ ok: true });
		expect(checkEvidence(plan, 'partly_met', [item('plan')])).toEqual({ ok: true });
		expect(checkEvidence(plan, 'not_met', [])).toEqual({ ok: true });
	});

	it('takes the lower rating where two differ; not applicable only when both say so', () => {
		expect(lowerRating('met', 'partly_met')).toBe('partly_met');
		expect(lowerRating('not_met', 'met')).toBe('not_met');
		expect(lowerRating('not_applicable', 'met')).toBe('met');
		expect(lowerRating('not_applicable', 'not_applicable')).toBe('not_applicable');
	});

	it('reads links one per line with an optional label, and names the first bad line', () => {
		const parsed = parseLinks('https://example.org/minutes.pdf Council minutes 2026\n\nhttp://example.org/plan');
		expect(parsed.ok && parsed.links.map((link) => [link.ref, link.label])).toEqual([
			['https://example.org/minutes.pdf', { und: 'Council minutes 2026' }],
			['http://example.org/plan', null]
		]);
		expect(parsed.ok && linksText(parsed.links)).toBe('https://example.org/minutes.pdf Council minutes 2026\nhttp://example.org/plan');
		expect(parseLinks('https://example.org/a\nminutes.pdf')).toEqual({ ok: false, line: 2, rule: 'link_invalid' });
		expect(parseLinks('javascript:alert(1)')).toEqual({ ok: false, line: 1, rule: 'link_invalid' });
		expect(parseLinks(Array.from({ length: 11 }, (_, index) => `https://example.org/${index}`).join('\n'))).toEqual({ ok: false, line: 11, rule: 'too_many_links' });
	});
});
