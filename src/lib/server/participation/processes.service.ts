/**
 * Participatory processes: what is being decided, in which phases (information → proposals →
 * supports → evaluation → results, or budgeting → voting → results, or a consultation on a draft
 * plan), where (the city or some districts), about which rights, and who may take part at each
 * step. One phase is active at a time: the city starts a phase by hand, and the phase job moves
 * on by the calendar when the active phase's last day has passed. Every change is in the ledger.
 *
 * @example
 *   const process = await createProcess(db, admin, cityId, {
 *     title: { en: 'Housing rights action plan 2026' }, thresholdKind: 'census_share', thresholdValue: 100,
 *     phases: [{ kind: 'proposals', startsOn: '2026-01-10', endsOn: '2026-02-28' }, { kind: 'supports', startsOn: '2026-03-01', endsOn: '2026-03-31' }]
 *   });
 */
import type { Db } from '../db/database.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { censusSize, type MaybeActor } from '../accounts/index.ts';
import { listDistricts } from '../cities/index.ts';
import { findFrameworkCodes } from '../frameworks/index.ts';
import { getPlan } from '../commitments/index.ts';
import { ledgered } from '../ledger/index.ts';
import * as repository from './processes.repository.ts';
import { canManageParticipation } from './participation.policy.ts';
import { processInputSchema, type ProcessInput, type ValidProcess } from './participation.schema.ts';
import type { PhaseKind, PhaseTable, ProcessTable } from './participation.tables.ts';
import { toPhase, toProcess, type Phase, type Process } from './participation.types.ts';
import { processRow } from './ledger-rows.ts';
import { qualifyReached } from './qualification.ts';

export async function getProcess(db: Db, cityId: string, id: string): Promise<Process> {
	const row = await repository.findProcess(db, cityId, id);
	if (!row) throw new DomainError('process_not_found');
	return toProcess(row, (await repository.listPhases(db, cityId, [id])).map(toPhase));
}

export async function getProcessByRef(db: Db, cityId: string, ref: string): Promise<Process> {
	const row = await repository.findProcessByRef(db, cityId, ref);
	if (!row) throw new DomainError('process_not_found');
	return toProcess(row, (await repository.listPhases(db, cityId, [row.id])).map(toPhase));
}

/** The city's processes, newest first. */
export async function listProcesses(db: Db, cityId: string): Promise<Process[]> {
	const rows = await repository.listProcessRows(db, cityId);
	const phases = Map.groupBy((await repository.listPhases(db, cityId, rows.map((row) => row.id))).map((row) => ({ processId: row.process_id, phase: toPhase(row) })), (item) => item.processId);
	return rows.map((row) => toProcess(row, (phases.get(row.id) ?? []).map((item) => item.phase)));
}

/** Whether the process's active phase is of this kind (what every step of taking part checks). */
export function isPhaseOpen(process: Process, kind: PhaseKind): boolean {
	return process.activePhase?.kind === kind;
}

/** Refuses a step outside its phase: `proposals_closed`, `supports_closed`, `voting_closed`, … */
export function requirePhase(process: Process, kind: PhaseKind): void {
	if (!isPhaseOpen(process, kind)) throw conflict(`${kind}_closed`);
}

/** The phase the calendar puts the process in on `today`, if any. */
export function phaseOn(phases: readonly Phase[], today: string): Phase | undefined {
	return phases.find((phase) => phase.startsOn <= today && today <= phase.endsOn);
}

/** Districts, tags and the plan named by the input must exist in the city (the schema checked their shape). */
async function checkReferences(db: Db, cityId: string, valid: ValidProcess): Promise<void> {
	const fields: Record<string, string> = {};
	if (valid.districts.length) {
		const known = new Set((await listDistricts(db, cityId)).map((district) => district.code));
		if (valid.districts.some((code) => !known.has(code))) fields.districts = 'district_unknown';
	}
	if (valid.tags.length) {
		const found = new Set((await findFrameworkCodes(db, valid.tags)).map((entry) => entry.code));
		if (valid.tags.some((tag) => !found.has(tag))) fields.tags = 'tag_unknown';
	}
	if (valid.planId) {
		try {
			await getPlan(db, cityId, valid.planId);
		} catch {
			fields.planId = 'plan_unknown';
		}
	}
	if (Object.keys(fields).length) throw fieldErrors(fields);
}

/** The supports that qualify a proposal: the number given, or the share of today's census. */
async function resolveThreshold(db: Db, actor: MaybeActor, cityId: string, valid: ValidProcess): Promise<Pick<ProcessTable, 'threshold_supports' | 'census_basis' | 'census_counted_at'>> {
	if (valid.thresholdKind === 'none') return { threshold_supports: null, census_basis: null, census_counted_at: null };
	if (valid.thresholdKind === 'count') return { threshold_supports: valid.thresholdValue, census_basis: null, census_counted_at: null };
	const census = await censusSize(db, actor, cityId);
	if (census === 0) throw fieldErrors({ thresholdValue: 'census_empty' });
	return { threshold_supports: Math.max(1, Math.ceil((census * valid.thresholdValue!) / 10_000)), census_basis: census, census_counted_at: nowIso() };
}

function columns(valid: ValidProcess) {
	return {
		title: JSON.stringify(valid.title),
		description: JSON.stringify(valid.description),
		districts: JSON.stringify([...new Set(valid.districts)]),
		tags: JSON.stringify([...new Set(valid.tags)]),
		propose_level: valid.proposeLevel,
		support_level: valid.supportLevel,
		vote_level: valid.voteLevel,
		moderation: valid.moderation,
		support_limit: valid.supportLimit,
		threshold_kind: valid.thresholdKind,
		threshold_value: valid.thresholdKind === 'none' ? null : valid.thresholdValue,
		budget_amount: valid.budgetAmount,
		budget_currency: valid.budgetAmount === null ? null : valid.budgetCurrency,
		plan_id: valid.planId
	};
}

function phaseRows(cityId: string, processId: string, valid: ValidProcess, keep: readonly Phase[] = []): PhaseTable[] {
	// A phase keeps its id while its kind stays, so the active phase survives an edit of the dates.
	return valid.phases.map((phase, position) => ({
		city_id: cityId,
		id: keep.find((old) => old.kind === phase.kind)?.id ?? uuidv7(),
		process_id: processId,
		kind: phase.kind,
		starts_on: phase.startsOn,
		ends_on: phase.endsOn,
		position
	}));
}

export async function createProcess(db: Db, actor: MaybeActor, cityId: string, input: ProcessInput, options: { demo?: boolean } = {}): Promise<Process> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const valid = parseInput(processInputSchema, input);
	return ledgered.create(db, processRow, { cityId, actor }, {
		insert: async (trx) => {
			await checkReferences(trx, cityId, valid);
			const threshold = await resolveThreshold(trx, actor, cityId, valid);
			const id = uuidv7();
			const now = nowIso();
			const phases = phaseRows(cityId, id, valid);
			const active = phaseOn(phases.map(toPhase), todayIso());
			await repository.insertProcess(trx, {
				city_id: cityId,
				id,
				ref: `PP-${await repository.nextNumber(trx, cityId, 'process')}`,
				...columns(valid),
				...threshold,
				active_phase_id: active?.id ?? null,
				results_published_at: null,
				demo: options.demo ? 1 : 0,
				version: 1,
				created_at: now,
				updated_at: now,
				deleted_at: null
			});
			await repository.replacePhases(trx, cityId, id, phases);
			return getProcess(trx, cityId, id);
		}
	});
}

export async function updateProcess(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, input: ProcessInput): Promise<Process> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const valid = parseInput(processInputSchema, input);
	return inTransaction(db, async (trx) => {
		const updated = await ledgered.update(trx, processRow, { cityId, actor }, {
			load: (inner) => getProcess(inner, cityId, id),
			check: (inner) => checkReferences(inner, cityId, valid),
			apply: async (inner, before, at) => {
				const threshold = await resolveThreshold(inner, actor, cityId, valid);
				const phases = phaseRows(cityId, id, valid, before.phases);
				const activeKind = before.activePhase?.kind;
				const active = (activeKind && phases.find((phase) => phase.kind === activeKind)) || phaseOn(phases.map(toPhase), todayIso());
				const saved = await repository.updateProcess(inner, cityId, id, version, { ...columns(valid), ...threshold, active_phase_id: active?.id ?? null, updated_at: at });
				if (saved) await repository.replacePhases(inner, cityId, id, phases);
				return saved;
			}
		});
		// A lower threshold may qualify proposals that already have enough supports.
		if (updated.threshold.supports !== null) await qualifyReached(trx, actor, updated);
		return updated;
	});
}

/**
 * Starts a phase now (the city moves the process on by hand): the phase begins today, and
 * earlier phases that had not ended end yesterday, so the published schedule stays true.
 */
export async function startPhase(db: Db, actor: MaybeActor, cityId: string, id: string, version: number, phaseId: string): Promise<Process> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const today = todayIso();
	const yesterday = todayIso(new Date(Date.now() - 86_400_000));
	return ledgered.update(db, processRow, { cityId, actor }, {
		load: (trx) => getProcess(trx, cityId, id),
		check: (_trx, before) => {
			if (!before.phases.some((phase) => phase.id === phaseId)) throw fieldErrors({ phaseId: 'phase_unknown' });
		},
		apply: async (trx, before, at) => {
			const target = before.phases.find((phase) => phase.id === phaseId)!;
			const phases: PhaseTable[] = before.phases.map((phase) => {
				let startsOn = phase.startsOn;
				let endsOn = phase.endsOn;
				if (phase.position < target.position && endsOn >= today) {
					endsOn = yesterday;
					if (startsOn > endsOn) startsOn = endsOn;
				}
				if (phase.id === target.id) {
					if (startsOn > today) startsOn = today;
					if (endsOn < today) endsOn = today;
				}
				if (phase.position > target.position && startsOn <= today) {
					// A later phase that had already begun on paper starts after this one.
					startsOn = todayIso(new Date(Date.now() + 86_400_000));
					if (endsOn < startsOn) endsOn = startsOn;
				}
				return { city_id: cityId, id: phase.id, process_id: id, kind: phase.kind, starts_on: startsOn, ends_on: endsOn, position: phase.position };
			});
			const saved = await repository.updateProcess(trx, cityId, id, version, { active_phase_id: target.id, updated_at: at });
			if (saved) await repository.replacePhases(trx, cityId, id, phases);
			return saved;
		}
	});
}

/**
 * Closes the active phase now (a consultation, a vote, …) without starting another: it ends
 * yesterday on the published schedule, so the phase job does not open it again; the city starts
 * the next phase by hand or the calendar does.
 */
export async function closePhase(db: Db, actor: MaybeActor, cityId: string, id: string, version: number): Promise<Process> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const yesterday = todayIso(new Date(Date.now() - 86_400_000));
	return ledgered.update(db, processRow, { cityId, actor }, {
		load: (trx) => getProcess(trx, cityId, id),
		check: (_trx, before) => {
			if (!before.activePhase) throw conflict('no_active_phase');
		},
		apply: async (trx, before, at) => {
			const closing = before.activePhase!;
			const phases: PhaseTable[] = before.phases.map((phase) => ({
				city_id: cityId,
				id: phase.id,
				process_id: id,
				kind: phase.kind,
				starts_on: phase.id === closing.id && phase.startsOn > yesterday ? yesterday : phase.startsOn,
				ends_on: phase.id === closing.id ? yesterday : phase.endsOn,
				position: phase.position
			}));
			const saved = await repository.updateProcess(trx, cityId, id, version, { active_phase_id: null, updated_at: at });
			if (saved) await repository.replacePhases(trx, cityId, id, phases);
			return saved;
		}
	});
}

/** Records that a budget's results are published (budgets.service computes them). */
export async function markResultsPublished(db: Db, actor: MaybeActor, process: Process): Promise<Process> {
	return ledgered.update(db, processRow, { cityId: process.cityId, actor }, {
		load: (trx) => getProcess(trx, process.cityId, process.id),
		apply: (trx, before, at) => repository.updateProcess(trx, process.cityId, process.id, before.version, { results_published_at: at, updated_at: at })
	});
}

/**
 * The phase job: a process whose active phase has ended moves to the phase the calendar gives
 * (or to none, between phases); a process with no active phase starts the one that has begun.
 * The ledger records each move as the system's.
 */
export async function advancePhases(db: Db, now: Date = new Date(), limit = 200): Promise<{ moved: number }> {
	const today = todayIso(now);
	let moved = 0;
	const rows = await repository.listAllLiveProcesses(db, limit);
	for (const row of rows) {
		await inTransaction(db, async (trx) => {
			const process = await getProcess(trx, row.city_id, row.id);
			const due = phaseOn(process.phases, today);
			const ended = process.activePhase && process.activePhase.endsOn < today;
			if (!ended && (process.activePhase || !due)) return;
			const next = due && (!process.activePhase || due.position > process.activePhase.position) ? due : null;
			if (next?.id === process.activePhase?.id) return;
			await ledgered.update(trx, processRow, { cityId: row.city_id, actor: null }, {
				load: (inner) => getProcess(inner, row.city_id, row.id),
				apply: (inner, before, at) => repository.updateProcess(inner, row.city_id, row.id, before.version, { active_phase_id: next?.id ?? null, updated_at: at })
			});
			moved += 1;
		});
	}
	return { moved };
}
