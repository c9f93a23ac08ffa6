/**
 * What the project's Kysely drivers (sqlite-driver.ts, postgres-driver.ts) share: savepoints in
 * the SQL both databases accept, and — for the pooled drivers — transactions as members of the
 * group commit (group-commit.ts): a connection holds its `GroupMember` while its transaction runs.
 */
import { CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import type { GroupMember, GroupWriter } from './group-commit.ts';

export abstract class SavepointDriver implements Driver {
	async init(): Promise<void> {}
	abstract acquireConnection(): Promise<DatabaseConnection>;
	abstract beginTransaction(connection: DatabaseConnection): Promise<void>;
	abstract commitTransaction(connection: DatabaseConnection): Promise<void>;
	abstract rollbackTransaction(connection: DatabaseConnection): Promise<void>;
	abstract destroy(): Promise<void>;

	async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
	}

	async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
	}

	async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
	}

	async releaseConnection(): Promise<void> {}
}

/** A connection of a pooled driver: its transaction's place in the group, while one runs. */
export interface GroupConnection extends DatabaseConnection {
	member: GroupMember | null;
}

/** Transactions are members of `group`: committed (durably) with their group, undone alone. */
export abstract class GroupDriver extends SavepointDriver {
	protected abstract readonly group: GroupWriter;

	async beginTransaction(connection: DatabaseConnection): Promise<void> {
		(connection as GroupConnection).member = await this.group.enter();
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		const pooled = connection as GroupConnection;
		const member = pooled.member;
		pooled.member = null;
		await member?.commit();
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		const pooled = connection as GroupConnection;
		const member = pooled.member;
		pooled.member = null;
		await member?.rollback();
	}
}
