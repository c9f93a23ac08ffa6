// Group commit on a recording backend: one COMMIT for the writes that arrive together, each
// acknowledged only after it, a failing member undone alone, bounded waits.
import { describe, expect, it } from 'vitest';
import { GroupWriter, type GroupBackend } from './group-commit.ts';
import { isDatabaseBusy } from './busy.ts';

function recordingBackend(options: { failCommit?: boolean } = {}) {
	const log: string[] = [];
	let open = false;
	const backend: GroupBackend = {
		begin: async () => {
			log.push('begin');
			open = true;
		},
		run: async (statement) => void log.push(statement),
		commit: async () => {
			log.push('commit');
			open = false;
			if (options.failCommit) throw new Error('disk full');
		},
		rollback: async () => {
			log.push('rollback');
			open = false;
		},
		inTransaction: () => open
	};
	return { backend, log };
}

const OPTIONS = { waitMs: 1000, maxGroupMs: 1000, maxMembers: 100 };

describe('group commit', () => {
	it('commits writes that arrive together once, and acknowledges each only after that commit', async () => {
		const { backend, log } = recordingBackend();
		let commits = 0;
		const writer = new GroupWriter(backend, { ...OPTIONS, onCommit: () => void (commits += 1) });
		const acknowledged: string[] = [];
		const write = async (name: string) => {
			const member = await writer.enter();
			log.push(`work ${name}`);
			await member.commit();
			acknowledged.push(name);
			// Acknowledged: the COMMIT has run.
			expect(log.indexOf('commit')).toBeGreaterThan(log.indexOf(`work ${name}`));
		};
		await Promise.all(['a', 'b', 'c'].map(write));
		expect(log.filter((line) => line === 'begin')).toHaveLength(1);
		expect(log.filter((line) => line === 'commit')).toHaveLength(1);
		expect(acknowledged.sort()).toEqual(['a', 'b', 'c']);
		expect(commits).toBe(1);
	});

	it('undoes a failing member alone: the others of its group are committed', async () => {
		const { backend, log } = recordingBackend();
		const writer = new GroupWriter(backend, OPTIONS);
		const good = (async () => {
			const member = await writer.enter();
			await member.commit();
		})();
		const bad = (async () => {
			const member = await writer.enter();
			log.push('work that fails');
			await member.rollback();
			throw new Error('invalid input');
		})();
		const alsoGood = (async () => {
			const member = await writer.enter();
			await member.commit();
		})();
		const results = await Promise.allSettled([good, bad, alsoGood]);
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		const failed = log.indexOf('work that fails');
		expect(log[failed - 1]).toMatch(/^savepoint g\d+$/);
		const savepoint = log[failed - 1]!.slice('savepoint '.length);
		expect(log).toContain(`rollback to ${savepoint}`);
		expect(log.filter((line) => line === 'commit')).toHaveLength(1);
		expect(log).not.toContain('rollback');
	});

	it('rejects every member of a group whose COMMIT fails, and the next group starts afresh', async () => {
		const failing = recordingBackend({ failCommit: true });
		const writer = new GroupWriter(failing.backend, OPTIONS);
		const results = await Promise.allSettled(
			[1, 2].map(async () => {
				const member = await writer.enter();
				await member.commit();
			})
		);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		const member = await writer.enter();
		expect(failing.log.filter((line) => line === 'begin')).toHaveLength(2);
		await member.rollback();
	});

	it('ends a wait for the turn past its bound with DatabaseBusyError, and changes nothing', async () => {
		const { backend } = recordingBackend();
		const writer = new GroupWriter(backend, { ...OPTIONS, waitMs: 30 });
		const holder = await writer.enter();
		const started = performance.now();
		const error = await writer.enter().then(
			() => undefined,
			(caught: unknown) => caught
		);
		expect(isDatabaseBusy(error)).toBe(true);
		expect(performance.now() - started).toBeLessThan(500);
		await holder.commit();
		// The turn is free again.
		const next = await writer.enter();
		await next.commit();
	});

	it('commits a group that reached its size limit before letting more in', async () => {
		const { backend, log } = recordingBackend();
		const writer = new GroupWriter(backend, { ...OPTIONS, maxMembers: 2 });
		await Promise.all(
			[1, 2, 3, 4, 5].map(async () => {
				const member = await writer.enter();
				await member.commit();
			})
		);
		expect(log.filter((line) => line === 'commit').length).toBeGreaterThanOrEqual(3);
	});
});
