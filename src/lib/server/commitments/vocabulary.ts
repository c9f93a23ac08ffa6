/**
 * The closed lists of the commitments module: how a declaration was adopted, which instruments
 * it adopts, which population groups a commitment is for, action statuses, roll-up methods and
 * evidence limits. Labels live in the message catalogs (`commitments_instrument_<code>` …).
 */
import type { ActionStatus, AdoptedBy, RollupMethod } from './commitments.tables.ts';

export const ADOPTED_BY: readonly AdoptedBy[] = ['council_decision', 'mayor', 'community_proclamation', 'other'];

/** Instruments a declaration can adopt (international and regional texts cities commit to). */
export const INSTRUMENTS = [
	'udhr',
	'european_charter_city',
	'global_charter_agenda',
	'gwangju_principles',
	'iccpr',
	'icescr',
	'cerd',
	'cedaw',
	'crc',
	'crpd',
	'cat',
	'icmw',
	'echr',
	'eu_charter',
	'sdg_agenda_2030',
	'new_urban_agenda'
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Population groups a commitment is for. */
export const POPULATION_GROUPS = [
	'women',
	'children',
	'youth',
	'older_persons',
	'persons_with_disabilities',
	'migrants_refugees',
	'lgbtqi',
	'ethnic_minorities',
	'indigenous_peoples',
	'homeless_persons',
	'low_income',
	'religious_minorities',
	'everyone'
] as const;
export type PopulationGroup = (typeof POPULATION_GROUPS)[number];

export const ACTION_STATUSES: readonly ActionStatus[] = ['planned', 'in_progress', 'completed', 'delayed', 'cancelled'];
/** Statuses that need a reason. */
export const STATUSES_WITH_REASON: readonly ActionStatus[] = ['delayed', 'cancelled'];
/** Statuses after which an action is no longer expected to move. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['completed', 'cancelled'];

export const ROLLUP_METHODS: readonly RollupMethod[] = ['weighted', 'average'];

export const DUTIES = ['duty:respect', 'duty:protect', 'duty:fulfil'] as const;

/** Framework schemes a commitment can be tagged with. */
export const TAG_SCHEMES = ['udhr', 'gwangju', 'sdg'] as const;

/** Evidence limits: per file, per update, and the number of links. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_MAX_LINKS = 5;

/** An action in progress with no update for this many days needs attention. */
export const STALE_AFTER_DAYS = 90;
