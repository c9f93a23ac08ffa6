import { describe, expect, it } from 'vitest';
import type { FrameworkDocument } from './framework-document.ts';
import type { Rating } from './evidence.ts';
import { BUNDLED_DOCUMENTS } from './frameworks.service.ts';
import { computeMaturity } from './maturity.ts';

/** The municipal roles framework: six criteria, the four SALAR/RWI roles are core. */
const roles = BUNDLED_DOCUMENTS.find((document) => document.framework === 'roles')! as FrameworkDocument;
const CORE = ['role:societal', 'role:democratic', 'role:welfare', 'role:employer'];
const all = (rating: Rating): Record<string, Rating> => Object.fromEntries(roles.criteria.map((criterion) => [criterion.code, rating]));

describe('the maturity rule', () => {
	it('is below the first level when no core criterion is at least partly met', () => {
		const outcome = computeMaturity(roles, { ...all('not_met'), 'role:procurer': 'met' });
		expect(outcome.level).toBe(0);
		expect(outcome.next?.code).toBe('declaration');
		expect(outcome.next?.conditions).toEqual([{ kind: 'core', rule: 'one_partly', holds: false, core: CORE, short: CORE }]);
	});

	it('reaches "declaration of intention" with one core criterion partly met', () => {
		expect(computeMaturity(roles, { ...all('not_met'), 'role:employer': 'partly_met' }).level).toBe(1);
	});

	it('reaches "commitment" with every core criterion at least partly met and half of all', () => {
		const outcome = computeMaturity(roles, { ...all('not_met'), ...Object.fromEntries(CORE.map((code) => [code, 'partly_met'])) });
		expect(outcome.level).toBe(2);
		// Level 3 needs every core criterion met: all four keep York from it.
		const core = outcome.next!.conditions.find((condition) => condition.kind === 'core')!;
		expect(core).toMatchObject({ rule: 'all_met', holds: false, short: CORE });
	});

	it('counts shares of the applicable criteria, rounded up to whole criteria, and names the candidates', () => {
		// Six criteria, one not applicable: 75 % of 5 → 4 at least partly met, 50 % of 5 → 3 met.
		const ratings: Record<string, Rating> = { ...Object.fromEntries(CORE.map((code) => [code, 'met'])), 'role:rule-maker': 'not_met', 'role:procurer': 'not_applicable' };
		const outcome = computeMaturity(roles, ratings);
		expect(outcome.applicable).toBe(5);
		expect(outcome.level).toBe(3);
		const next = outcome.next!;
		expect(next.code).toBe('effective');
		expect(next.conditions).toEqual([
			{ kind: 'core', rule: 'all_met', holds: true, core: CORE, short: [] },
			{ kind: 'at_least_partly', share: 1, needed: 5, have: 4, holds: false, candidates: ['role:rule-maker'] },
			{ kind: 'met', share: 0.8, needed: 4, have: 4, holds: true, candidates: ['role:rule-maker'] }
		]);
	});

	it('reaches "effective implementation" only when every level below holds too', () => {
		expect(computeMaturity(roles, all('met')).level).toBe(4);
		expect(computeMaturity(roles, all('met')).next).toBeUndefined();
		// 5 of 6 met and 1 partly: every share of level 4 holds, and every core criterion is met.
		expect(computeMaturity(roles, { ...all('met'), 'role:procurer': 'partly_met' }).level).toBe(4);
		// A core criterion only partly met stops the city at level 2, whatever the shares.
		expect(computeMaturity(roles, { ...all('met'), 'role:welfare': 'partly_met' }).level).toBe(2);
	});

	it('counts a criterion without a rating as not met and lists it', () => {
		const { 'role:procurer': _left, ...ratings } = all('met');
		const outcome = computeMaturity(roles, ratings);
		expect(outcome.unrated).toEqual(['role:procurer']);
		expect(outcome.level).toBe(3);
	});
});
