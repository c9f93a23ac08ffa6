import { describe, expect, it } from 'vitest';
import { aggregateScores } from '#lib/server/indicators/scores.ts';
import { presentAggregate, summarise } from './view.server.ts';

const titles = new Map([
	['a', { text: 'Homelessness', lang: 'en' }],
	['b', { text: 'Child poverty', lang: 'en' }],
	['c', { text: 'Food banks', lang: 'en' }]
]);

describe('presentAggregate', () => {
	it('writes the mean out with its terms and names every indicator behind it', () => {
		const view = presentAggregate(aggregateScores([{ code: 'a', score: 40 }, { code: 'b', score: 55.5 }, { code: 'c', score: null }]), 'en', titles);
		expect(view.value).toBe('47.8');
		expect(view.formula).toBe('(40 + 55.5) ÷ 2 = 47.8');
		expect(view.count).toBe(2);
		expect(view.missing).toBe(1);
		expect(view.terms).toEqual([
			{ code: 'a', title: 'Homelessness', lang: 'en', score: '40' },
			{ code: 'b', title: 'Child poverty', lang: 'en', score: '55.5' },
			{ code: 'c', title: 'Food banks', lang: 'en', score: null }
		]);
	});

	it('says so when nothing can be averaged', () => {
		const view = presentAggregate(aggregateScores([{ code: 'c', score: null }]), 'en', titles);
		expect(view.value).toBeNull();
		expect(view.formula).toMatch(/nothing to average/);
	});

	it('uses the reader’s decimal mark', () => {
		expect(presentAggregate(aggregateScores([{ code: 'a', score: 55.5 }]), 'fr', titles).formula).toBe('(55,5) ÷ 1 = 55,5');
	});
});

describe('summarise', () => {
	it('formats the latest value in the indicator’s unit with its period', () => {
		const summary = summarise(
			{
				id: 'i',
				cityId: 'c',
				code: 'living.child-poverty',
				libraryCode: null,
				title: { en: 'Children in poverty', es: 'Niños en la pobreza' },
				description: {},
				methodology: {},
				type: 'outcome',
				rightCode: 'udhr:25',
				attribute: null,
				sdgTargets: [],
				principles: [],
				unit: 'percent',
				currency: null,
				direction: 'lower_is_better',
				band: null,
				dimensions: {},
				baseline: null,
				target: null,
				source: null,
				unitText: null,
				seriesText: null,
				dataLanguage: null,
				version: 1,
				createdAt: '',
				updatedAt: '',
				score: {
					status: 'on_track',
					score: 48.64,
					reason: null,
					latest: { value: 15.6, period: '2024-Q3' },
					expected: 45,
					tolerance: 5,
					distanceToTarget: -3.6,
					trend: { direction: 'improving', slopePerPeriod: -0.7, periods: [], granularity: 'year' }
				}
			},
			'es'
		);
		expect(summary.title).toEqual({ text: 'Niños en la pobreza', lang: 'es' });
		expect(summary.score).toBe('48,6');
		expect(summary.latest?.value).toMatch(/^15,6\s%$/);
		expect(summary.latest?.period).toBe('T3 2024');
	});
});
