/**
 * Group commit: the write transactions of this process run one at a time on one connection,
 * each inside its own savepoint of a shared database transaction (a *group*), and the group
 * commits once for all of them. Transactions that arrive while a group runs or commits join the
 * next group, so one disk flush (`synchronous=FULL`) makes many small writes durable.
 *
 * - A transaction is acknowledged (its `commit()` resolves) only after its group's COMMIT.
 * - A transaction that fails is rolled back to its savepoint: the others of its group go on.
 * - Transactions wait their turn in arrival order, for a bounded time: past `waitMs` the wait
 *   ends in a `DatabaseBusyError` (the HTTP layer answers 503 with Retry-After).
 * - A group stays open at most `maxGroupMs` and `maxMembers` (so the write lock is held briefly),
 *   and commits as soon as nobody is waiting: after one turn of the event loop, so requests whose
 *   data has just arrived can still join.
 *
 * The backend is the dialect's connection (better-sqlite3 or a pg client); see sqlite-driver.ts
 * and postgres-driver.ts.
 */
import { DatabaseBusyError } from './busy.ts';
import { workBreather } from './event-loop.ts';

export interface GroupBackend {
	/** Opens the group's database transaction (SQLite: BEGIN IMMEDIATE), giving up at `deadline` (ms, performance.now()). */
	begin(deadline: number): Promise<void>;
	/** Runs one statement of the transaction. */
	run(statement: string): Promise<void>;
	commit(): Promise<void>;
	/** Ends the group's transaction without keeping anything (also when it is already gone). */
	rollback(): Promise<void>;
	/** False once an error has ended the database transaction by itself (SQLite does so on a full disk, say). */
	inTransaction(): boolean;
}

export interface GroupOptions {
	/** How long a transaction waits for its turn (ms). */
	waitMs: number;
	maxGroupMs: number;
	maxMembers: number;
	/** Called after each successful commit (the cache's change signal). */
	onCommit?: () => void;
}

interface Waiter {
	grant(): void;
	fail(error: Error): void;
	deadline: number;
	timer: ReturnType<typeof setTimeout> | undefined;
}

interface Group {
	openedAt: number;
	members: number;
	/** Settled by the group's COMMIT (or its failure). */
	acknowledgements: { resolve(): void; reject(error: unknown): void }[];
}

/** One transaction's place in a group: its savepoint. */
export class GroupMember {
	#writer: GroupWriter;
	readonly savepoint: string;
	/** Before each statement: pauses only once this transaction has run a slice (see event-loop.ts). */
	readonly breather = workBreather();
	#done = false;

	constructor(writer: GroupWriter, savepoint: string) {
		this.#writer = writer;
		this.savepoint = savepoint;
	}

	/** Keeps the transaction's work; resolves once it is durable (its group committed). */
	commit(): Promise<void> {
		if (this.#done) return Promise.resolve();
		this.#done = true;
		return this.#writer.release(this);
	}

	/** Undoes the transaction's work (its savepoint); the group goes on. */
	rollback(): Promise<void> {
		if (this.#done) return Promise.resolve();
		this.#done = true;
		return this.#writer.undo(this);
	}
}

export class GroupWriter {
	readonly #backend: GroupBackend;
	readonly #options: GroupOptions;
	readonly #queue: Waiter[] = [];
	/** Someone holds the turn: a member running, or a commit. */
	#busy = false;
	#group: Group | null = null;
	#commitScheduled = false;
	#sequence = 0;
	#closed = false;

	constructor(backend: GroupBackend, options: GroupOptions) {
		this.#backend = backend;
		this.#options = options;
	}

	/** Waits for the turn (bounded), opens a group if none is open, and starts a savepoint. */
	async enter(waitMs: number = this.#options.waitMs): Promise<GroupMember> {
		if (this.#closed) throw new Error('the database is closed');
		const deadline = performance.now() + waitMs;
		if (this.#busy || this.#queue.length > 0) await this.#wait(deadline);
		else this.#busy = true;
		try {
			if (!this.#group) {
				await this.#backend.begin(deadline);
				this.#group = { openedAt: performance.now(), members: 0, acknowledgements: [] };
			}
			const savepoint = `g${(this.#sequence = (this.#sequence + 1) % 1e9)}`;
			await this.#backend.run(`savepoint ${savepoint}`);
			this.#group.members += 1;
			return new GroupMember(this, savepoint);
		} catch (error) {
			this.#passTurn();
			throw error;
		}
	}

	/** Called by a member that kept its work. */
	async release(member: GroupMember): Promise<void> {
		const group = this.#group;
		try {
			if (!group || !this.#backend.inTransaction()) throw new Error('the group transaction ended before this transaction could commit');
			await this.#backend.run(`release ${member.savepoint}`);
		} catch (error) {
			await this.#abandonGroup(error);
			this.#passTurn();
			throw error;
		}
		const acknowledged = new Promise<void>((resolve, reject) => group.acknowledgements.push({ resolve, reject }));
		this.#passTurn();
		return acknowledged;
	}

	/** Called by a member that failed: only its own work is undone. */
	async undo(member: GroupMember): Promise<void> {
		try {
			if (this.#group && this.#backend.inTransaction()) {
				await this.#backend.run(`rollback to ${member.savepoint}`);
				await this.#backend.run(`release ${member.savepoint}`);
			} else {
				await this.#abandonGroup(new Error('the database ended the transaction after an error'));
			}
		} catch (error) {
			await this.#abandonGroup(error);
		} finally {
			this.#passTurn();
		}
	}

	/** Refuses new transactions and waits for the open group to commit. */
	async close(): Promise<void> {
		this.#closed = true;
		for (const waiter of this.#queue.splice(0)) waiter.fail(new Error('the database is closing'));
		while (this.#busy || this.#group) await new Promise((resolve) => setTimeout(resolve, 5));
	}

	#wait(deadline: number): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const waiter: Waiter = {
				deadline,
				timer: undefined,
				grant: () => {
					if (waiter.timer) clearTimeout(waiter.timer);
					resolve();
				},
				fail: (error) => {
					if (waiter.timer) clearTimeout(waiter.timer);
					reject(error);
				}
			};
			waiter.timer = setTimeout(() => {
				const at = this.#queue.indexOf(waiter);
				if (at >= 0) {
					this.#queue.splice(at, 1);
					waiter.fail(new DatabaseBusyError());
				}
			}, Math.max(0, deadline - performance.now()));
			waiter.timer.unref?.();
			this.#queue.push(waiter);
		});
	}

	#grantNext(): boolean {
		const waiter = this.#queue.shift();
		if (!waiter) return false;
		this.#busy = true;
		waiter.grant();
		return true;
	}

	#withinLimits(group: Group): boolean {
		return group.members < this.#options.maxMembers && performance.now() - group.openedAt < this.#options.maxGroupMs;
	}

	/** The turn is free: the next waiter continues the group, or the group commits. */
	#passTurn(): void {
		this.#busy = false;
		const group = this.#group;
		if (!group) {
			this.#grantNext();
			return;
		}
		if (this.#queue.length > 0) {
			if (this.#withinLimits(group)) this.#grantNext();
			else void this.#commit();
			return;
		}
		// Nobody waits: commit after this turn of the event loop, so writes whose requests are
		// being read right now can still join.
		if (this.#commitScheduled) return;
		this.#commitScheduled = true;
		setImmediate(() => {
			this.#commitScheduled = false;
			if (this.#busy || !this.#group) return;
			if (this.#queue.length > 0 && this.#withinLimits(this.#group)) this.#grantNext();
			else void this.#commit();
		});
	}

	async #commit(): Promise<void> {
		const group = this.#group;
		if (!group || this.#busy) return;
		this.#busy = true;
		this.#group = null;
		try {
			if (group.members > 0 || this.#backend.inTransaction()) await this.#backend.commit();
			this.#options.onCommit?.();
			for (const acknowledgement of group.acknowledgements) acknowledgement.resolve();
		} catch (error) {
			await this.#backend.rollback().catch(() => {});
			for (const acknowledgement of group.acknowledgements) acknowledgement.reject(error);
		}
		this.#busy = false;
		this.#grantNext();
	}

	/** The group's transaction is lost: every member waiting for its commit fails with it. */
	async #abandonGroup(error: unknown): Promise<void> {
		const group = this.#group;
		this.#group = null;
		await this.#backend.rollback().catch(() => {});
		for (const acknowledgement of group?.acknowledgements ?? []) acknowledgement.reject(error);
	}
}
