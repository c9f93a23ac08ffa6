/**
 * A large action plan for the commitments benchmark (and its test at a small size): departments,
 * a plan whose commitments (tagged) and actions (three levels of parents, one or two departments
 * each) are imported through the plan CSV, then progress updates recorded until the city's ledger
 * has the wanted number of entries. Every ledger entry is a real one — `appendLedger` with the
 * diff of a real change, in the same transaction as the change — written in batches of updates
 * per transaction so 50,000 entries take seconds, not the hour one commit per update would.
 *
 * @example
 *   const result = await createBenchPlan(db, cityId, { actions: 5000, ledgerEntries: 50_000 });
 */
import type { Db } from '../db/database.ts';
import { nowIso, todayIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { type Actor, insertPerson, insertRole, loadActor, hashPassword } from '../accounts/index.ts';
import { createDepartment, createPlan, importPlanCsv, listActions, recordProgress, updateAction, actionCells, commitmentCells, orderedCells, PLAN_CSV_COLUMNS, type ActionStatus } from '../commitments/index.ts';
import { csvRow } from '../csv/index.ts';
import { ledgerSize } from '../ledger/index.ts';

const DEPARTMENTS = ['housing', 'equality', 'participation', 'hr-education', 'social-care', 'education', 'health', 'transport', 'culture', 'employment', 'police-liaison', 'environment'];
const TAGS = [['udhr:25', 'sdg:11.1'], ['udhr:2', 'udhr:7', 'sdg:10.3'], ['udhr:21', 'sdg:16.7'], ['udhr:26', 'sdg:4.7'], ['udhr:23', 'sdg:8.5'], ['udhr:3', 'sdg:16.1'], ['udhr:19', 'sdg:16.10'], ['udhr:22', 'sdg:1.3']];
const UPDATES_PER_TRANSACTION = 1000;

export interface BenchPlan {
	planId: string;
	planRef: string;
	admin: Actor;
	/** A top-level action with children and updates (for the action page). */
	sampleActionRef: string;
	ledgerEntries: number;
}

/** A city admin (a real person with a real role row), so services accept the changes. */
async function benchAdmin(db: Db, cityId: string): Promise<Actor> {
	const now = nowIso();
	const id = uuidv7();
	await insertPerson(db, { id, email: `bench-admin-${id}@example.org`, display_name: 'Benchmark admin', password_hash: await hashPassword(uuidv7()), preferred_locale: null, network_admin: 0, email_verified_at: now, created_at: now, updated_at: now });
	await insertRole(db, { city_id: cityId, person_id: id, role: 'city_admin', department: null, granted_by: null, created_at: now });
	return (await loadActor(db, id))!;
}

/** The plan as a CSV file: `actions` actions under `actions / 100` commitments, three levels deep. */
export function benchPlanCsv(actionCount: number, year: number): string {
	const commitmentCount = Math.max(1, Math.round(actionCount / 100));
	const roots = Math.max(1, Math.round(actionCount / 20));
	const middle = Math.max(1, Math.round(actionCount / 5));
	let text = csvRow(PLAN_CSV_COLUMNS);
	for (let index = 0; index < commitmentCount; index += 1) {
		text += csvRow(orderedCells(commitmentCells({ ref: `C-${index + 1}`, title: { en: `Commitment ${index + 1}`, es: `Compromiso ${index + 1}` }, description: {}, duty: 'duty:fulfil', groups: ['everyone'], tags: TAGS[index % TAGS.length]! })));
	}
	const rootOf = (index: number): number => (index < roots ? index : index < roots + middle ? (index - roots) % roots : rootOf(roots + ((index - roots - middle) % middle)));
	for (let index = 0; index < actionCount; index += 1) {
		const parent = index < roots ? null : index < roots + middle ? (index - roots) % roots : roots + ((index - roots - middle) % middle);
		const status: ActionStatus = index % 11 === 0 ? 'completed' : index % 13 === 0 ? 'delayed' : index % 29 === 0 ? 'cancelled' : index % 3 === 0 ? 'in_progress' : 'planned';
		const month = String((index % 12) + 1).padStart(2, '0');
		text += csvRow(
			orderedCells(
				actionCells({
					ref: `A-${year}-${String(index + 1).padStart(4, '0')}`,
					parentRef: parent === null ? null : `A-${year}-${String(parent + 1).padStart(4, '0')}`,
					commitmentRef: `C-${(rootOf(index) % commitmentCount) + 1}`,
					title: { en: `Action ${index + 1}`, es: `Acción ${index + 1}` },
					description: { en: `What action ${index + 1} does, in a sentence or two.` },
					departmentCodes: index % 4 === 0 ? [DEPARTMENTS[index % DEPARTMENTS.length]!, DEPARTMENTS[(index + 5) % DEPARTMENTS.length]!] : [DEPARTMENTS[index % DEPARTMENTS.length]!],
					leadOfficerEmail: null,
					budgetAmount: parent === null ? 10_000 + index * 100 : null,
					budgetCurrency: parent === null ? 'EUR' : null,
					startDate: `${year}-${month}-01`,
					dueDate: `${year + 1 + (index % 3)}-${month}-28`,
					status,
					statusReason: status === 'delayed' || status === 'cancelled' ? { en: 'Benchmark reason' } : {},
					progress: status === 'completed' ? 100 : (index * 7) % 100,
					weight: 1 + (index % 3)
				})
			)
		);
	}
	return text;
}

/**
 * Records progress updates (round-robin over the open actions) until the city's ledger has
 * `target` entries, through `recordProgress` (each writes the update and the action's change: two
 * entries), several to a transaction.
 */
export async function fillLedgerWithUpdates(db: Db, admin: Actor, cityId: string, planId: string, target: number, onProgress?: (entries: number) => void): Promise<number> {
	const open = (await listActions(db, cityId, { planId })).filter((action) => action.status === 'planned' || action.status === 'in_progress');
	if (open.length === 0) return ledgerSize(db, cityId);
	const state = new Map(open.map((action) => [action.id, { version: action.version, progress: action.progress }]));
	let entries = await ledgerSize(db, cityId);
	let turn = 0;
	if ((target - entries) % 2 === 1 && target > entries) {
		// One entry short of pairs: a plain edit of an action (its weight), one entry.
		const action = open[0]!;
		const { id: _id, ref: _ref, version: _version, position: _position, updatedAt: _updated, ...input } = action;
		const edited = await updateAction(db, admin, cityId, action.id, action.version, { ...input, statusReason: input.statusReason as Record<string, string>, title: input.title as Record<string, string>, description: input.description as Record<string, string>, weight: action.weight + 1 });
		state.set(action.id, { version: edited.version, progress: edited.progress });
		entries += 1;
	}
	while (entries < target) {
		const batch = Math.min(UPDATES_PER_TRANSACTION, (target - entries) / 2);
		await inTransaction(db, async (trx) => {
			for (let count = 0; count < batch; count += 1, turn += 1) {
				const action = open[turn % open.length]!;
				const before = state.get(action.id)!;
				const progress = before.progress >= 99 ? 1 : before.progress + 1;
				await recordProgress(trx, null, admin, cityId, action.id, before.version, { text: { en: `Update ${turn + 1}: progress ${progress} %` }, status: 'in_progress', progress, reportedOn: todayIso() });
				state.set(action.id, { version: before.version + 1, progress });
			}
		});
		entries += batch * 2;
		onProgress?.(entries);
	}
	return entries;
}

export async function createBenchPlan(db: Db, cityId: string, options: { actions: number; ledgerEntries: number; onProgress?: (step: string) => void }): Promise<BenchPlan> {
	const admin = await benchAdmin(db, cityId);
	for (const code of DEPARTMENTS) await createDepartment(db, admin, cityId, { code, name: { en: code.replace('-', ' ') } });
	const plan = await createPlan(db, admin, cityId, { title: { en: 'Benchmark action plan 2025–2028' }, periodStart: 2025, periodEnd: 2028 });
	const started = performance.now();
	await importPlanCsv(db, admin, cityId, plan.id, benchPlanCsv(options.actions, 2025));
	options.onProgress?.(`imported ${options.actions} actions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	const ledgerEntries = await fillLedgerWithUpdates(db, admin, cityId, plan.id, options.ledgerEntries, (entries) => entries % 10_000 < UPDATES_PER_TRANSACTION * 2 && options.onProgress?.(`${entries} ledger entries`));
	return { planId: plan.id, planRef: plan.ref, admin, sampleActionRef: 'A-2025-0002', ledgerEntries };
}
