/**
 * The demo's assessments and reviews, as plain data: which framework, year and reviewer city,
 * and the rating each side gives each criterion (criteria left out are rated "not met"). The
 * seed backs every rating with evidence from the city's demo data, adding demo links where a
 * criterion needs a document the platform does not hold; a rating the evidence cannot carry is
 * lowered, so the demo never claims more than its data shows.
 */
import type { Rating } from './evidence.ts';

export interface DemoReview {
	slug: string;
	framework: string;
	/** Years before the seed's year. */
	yearsAgo: number;
	reviewer: string;
	/** The city's own ratings. */
	self: Record<string, Rating>;
	/** Where the reviewers rate differently (else as the city). */
	reviewerDiffers?: Record<string, Rating>;
	/** Where the city takes the reviewers' rating as its final position (else it keeps its own). */
	cityAccepts?: string[];
}

const YORK_FRA_EARLIER: Record<string, Rating> = {
	'fra:F1': 'not_applicable',
	'fra:F2': 'met',
	'fra:F3': 'partly_met',
	'fra:S1': 'met',
	'fra:S2': 'partly_met',
	'fra:S3': 'partly_met',
	'fra:T1': 'partly_met',
	'fra:T2': 'partly_met',
	'fra:T3': 'partly_met',
	'fra:T5': 'partly_met',
	'fra:T6': 'partly_met'
};

export const DEMO_REVIEWS: readonly DemoReview[] = [
	{ slug: 'york', framework: 'fra', yearsAgo: 2, reviewer: 'lund', self: YORK_FRA_EARLIER, reviewerDiffers: { 'fra:S2': 'not_met' }, cityAccepts: ['fra:S2'] },
	{
		slug: 'york',
		framework: 'fra',
		yearsAgo: 1,
		reviewer: 'lund',
		self: { ...YORK_FRA_EARLIER, 'fra:F4': 'partly_met', 'fra:S2': 'met', 'fra:S3': 'met', 'fra:S4': 'partly_met', 'fra:T1': 'met', 'fra:T2': 'met', 'fra:T3': 'met', 'fra:T5': 'met', 'fra:T6': 'met' },
		// The reviewers see staff training as begun, not done; York keeps its view: a recorded disagreement.
		reviewerDiffers: { 'fra:T5': 'partly_met' }
	},
	{
		slug: 'gwangju',
		framework: 'gwangju',
		yearsAgo: 1,
		reviewer: 'york',
		self: {
			'gwangju:1.1': 'met',
			'gwangju:1.2': 'partly_met',
			'gwangju:2.1': 'partly_met',
			'gwangju:2.2': 'met',
			'gwangju:3.1': 'partly_met',
			'gwangju:3.2': 'partly_met',
			'gwangju:4.1': 'met',
			'gwangju:4.2': 'met',
			'gwangju:5.1': 'met',
			'gwangju:5.2': 'partly_met',
			'gwangju:6.1': 'met',
			'gwangju:6.2': 'met',
			'gwangju:7.1': 'partly_met',
			'gwangju:7.2': 'met',
			'gwangju:8.1': 'met',
			'gwangju:8.2': 'met',
			'gwangju:9.1': 'met',
			'gwangju:9.2': 'partly_met',
			'gwangju:10.1': 'met',
			'gwangju:10.2': 'partly_met'
		},
		reviewerDiffers: { 'gwangju:2.2': 'partly_met' }
	}
];

/** A shadow assessment civil society filed beside York's latest self-assessment. */
export const DEMO_SHADOW = {
	slug: 'york',
	framework: 'fra',
	yearsAgo: 1,
	organisation: 'Demo civil-society coalition (York)',
	ratings: { ...YORK_FRA_EARLIER, 'fra:S3': 'partly_met', 'fra:S4': 'not_met', 'fra:T3': 'met', 'fra:T6': 'partly_met' } as Record<string, Rating>
};
