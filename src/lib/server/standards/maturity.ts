/**
 * The maturity level, computed from the agreed ratings by a rule that pages print as it is
 * applied. The rule's parameters come from the framework version the city was assessed against
 * (so a new version never moves a past result):
 *
 *   level 1 "declaration of intention"   one_partly: at least one core criterion met or partly met
 *   level 2 "commitment"                 all_partly: every core criterion at least partly met,
 *                                        and at least `atLeastPartly` of the applicable criteria
 *   level 3 "implementation"             all_met: every core criterion met, shares as given
 *   level 4 "effective implementation"   every core criterion met, shares as given
 *
 * A city is at the highest level whose conditions hold together with those of every level below.
 * Shares are of the applicable criteria (not applicable ones left out), rounded up to whole criteria.
 *
 * @example
 *   const outcome = computeMaturity(document, { 'fra:S1': 'met', … });
 *   outcome.level // 2
 *   outcome.next?.conditions.filter((condition) => !condition.holds) // what keeps the city from level 3
 */
import type { CoreRule, FrameworkDocument, LevelCode } from './framework-document.ts';
import type { Rating } from './evidence.ts';

export const LEVEL_COUNT = 4;

export type Condition =
	| { kind: 'core'; rule: CoreRule; holds: boolean; core: string[]; short: string[] }
	| { kind: 'at_least_partly' | 'met'; share: number; needed: number; have: number; holds: boolean; candidates: string[] };

export interface LevelCheck {
	level: number;
	code: LevelCode;
	holds: boolean;
	conditions: Condition[];
}

export interface MaturityOutcome {
	/** 0 (not yet at the first level) to 4. */
	level: number;
	applicable: number;
	atLeastPartly: number;
	met: number;
	/** Criteria without a rating (counted as not met). */
	unrated: string[];
	levels: LevelCheck[];
	/** The level above the city's, with its conditions; none at the top. */
	next: LevelCheck | undefined;
}

const atLeastPartly = (rating: Rating | undefined) => rating === 'met' || rating === 'partly_met';

function coreCondition(rule: CoreRule, core: string[], ratings: Record<string, Rating>): Condition {
	const good = rule === 'all_met' ? (code: string) => ratings[code] === 'met' : (code: string) => atLeastPartly(ratings[code]);
	const short = core.filter((code) => !good(code));
	const holds = rule === 'one_partly' ? short.length < core.length || core.length === 0 : short.length === 0;
	return { kind: 'core', rule, holds, core, short };
}

function shareCondition(kind: 'at_least_partly' | 'met', share: number, applicable: string[], ratings: Record<string, Rating>): Condition {
	const good = kind === 'met' ? (code: string) => ratings[code] === 'met' : (code: string) => atLeastPartly(ratings[code]);
	const needed = Math.ceil(share * applicable.length - 1e-9);
	const have = applicable.filter(good).length;
	return { kind, share, needed, have, holds: have >= needed, candidates: applicable.filter((code) => !good(code)) };
}

export function computeMaturity(document: FrameworkDocument, ratings: Record<string, Rating>): MaturityOutcome {
	const codes = document.criteria.map((criterion) => criterion.code);
	const applicable = codes.filter((code) => ratings[code] !== 'not_applicable');
	const levels: LevelCheck[] = document.maturity.levels.map((rule, index) => {
		const conditions: Condition[] = [coreCondition(rule.core, document.maturity.core, ratings)];
		if (rule.atLeastPartly > 0) conditions.push(shareCondition('at_least_partly', rule.atLeastPartly, applicable, ratings));
		if (rule.met > 0) conditions.push(shareCondition('met', rule.met, applicable, ratings));
		return { level: index + 1, code: rule.code, holds: conditions.every((condition) => condition.holds), conditions };
	});
	let level = 0;
	for (const check of levels) {
		if (!check.holds) break;
		level = check.level;
	}
	return {
		level,
		applicable: applicable.length,
		atLeastPartly: applicable.filter((code) => atLeastPartly(ratings[code])).length,
		met: applicable.filter((code) => ratings[code] === 'met').length,
		unrated: codes.filter((code) => ratings[code] === undefined),
		levels,
		next: levels[level]
	};
}
