/**
 * Consultations on a draft action plan: during the consultation phase residents comment on each
 * draft action (one level of replies) and support each other's comments; the city gathers
 * comments into clusters and publishes its response per cluster (in the ledger). A moderator may
 * hide a comment with a public reason (in the ledger too).
 *
 * @example
 *   const comment = await addComment(db, resident, cityId, process.id, action.id, { body: 'Open the desk on Saturdays too.' }, { submissionKey });
 *   await saveCluster(db, admin, cityId, process.id, action.id, { title: { en: 'Opening hours' }, response: { en: 'Saturday mornings from March.' }, commentIds: [comment.id] });
 */
import type { Db } from '../db/database.ts';
import { nowIso, uuidv7 } from '../db/ids.ts';
import { inTransaction } from '../db/transaction.ts';
import { conflict, DomainError, fieldErrors, forbidden } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { hasRole, type MaybeActor } from '../accounts/index.ts';
import { appendLedger, ledgered } from '../ledger/index.ts';
import { getAction, listActions, type Action } from '../commitments/index.ts';
import * as repository from './consultations.repository.ts';
import * as processes from './processes.repository.ts';
import { canManageParticipation } from './participation.policy.ts';
import { clusterInputSchema, commentInputSchema, reasonSchema, SUBMISSION_KEY, type ClusterInput, type CommentInput } from './participation.schema.ts';
import { toCluster, toComment, type Comment, type CommentCluster, type Process } from './participation.types.ts';
import { clusterRow } from './ledger-rows.ts';
import { getProcess, requirePhase } from './processes.service.ts';
import { requireTakePart } from './proposals.service.ts';

/** The draft plan's actions that the consultation is about. */
export async function listDraftActions(db: Db, process: Process): Promise<Action[]> {
	if (!process.planId) return [];
	return listActions(db, process.cityId, { planId: process.planId });
}

async function draftAction(db: Db, process: Process, actionId: string): Promise<Action> {
	const action = await getAction(db, process.cityId, actionId).catch(() => undefined);
	if (!action || action.planId !== process.planId) throw new DomainError('action_not_found');
	return action;
}

export const countCommentsByAction = repository.countCommentsByAction;

export interface Thread {
	comment: Comment;
	replies: Comment[];
}

export interface ActionConsultation {
	action: Action;
	clusters: (CommentCluster & { threads: Thread[] })[];
	/** Threads the city has not gathered into a cluster yet. */
	unclustered: Thread[];
	comments: number;
}

/** One draft action's comments, as threads, grouped under the city's clusters. Hidden comments keep their place with their reason. */
export async function loadActionConsultation(db: Db, process: Process, actionId: string): Promise<ActionConsultation> {
	const action = await draftAction(db, process, actionId);
	const comments = (await repository.listCommentRows(db, process.cityId, process.id, actionId)).map(toComment);
	const replies = Map.groupBy(
		comments.filter((comment) => comment.parentId),
		(comment) => comment.parentId!
	);
	const threads = comments.filter((comment) => !comment.parentId).map((comment) => ({ comment, replies: replies.get(comment.id) ?? [] }));
	const clusters = (await repository.listClusterRows(db, process.cityId, process.id, actionId)).map(toCluster);
	return {
		action,
		clusters: clusters.map((cluster) => ({ ...cluster, threads: threads.filter((thread) => thread.comment.clusterId === cluster.id) })),
		unclustered: threads.filter((thread) => !thread.comment.clusterId || !clusters.some((cluster) => cluster.id === thread.comment.clusterId)),
		comments: comments.filter((comment) => comment.status === 'published').length
	};
}

export async function addComment(db: Db, actor: MaybeActor, cityId: string, processId: string, actionId: string, input: CommentInput, options: { submissionKey?: string | undefined; demo?: boolean } = {}): Promise<Comment> {
	return inTransaction(db, async (trx) => {
		// Who may comment here comes first: another city's people learn nothing from the form's problems.
		const process = await getProcess(trx, cityId, processId);
		requireTakePart(actor, cityId, process.levels.support);
		requirePhase(process, 'consultation');
		await draftAction(trx, process, actionId);
		const valid = parseInput(commentInputSchema, input);
		if (options.submissionKey !== undefined && !SUBMISSION_KEY.test(options.submissionKey)) throw fieldErrors({ form: 'submission_key_invalid' });
		const now = nowIso();
		const personId = actor!.personId;
		if (options.submissionKey) {
			const earlier = await processes.claimSubmissionKey(trx, cityId, personId, options.submissionKey, '', now);
			if (earlier) return toComment((await repository.findComment(trx, cityId, earlier))!);
		}
		if (valid.parentId) {
			const parent = await repository.findComment(trx, cityId, valid.parentId);
			if (!parent || parent.process_id !== processId || parent.action_id !== actionId) throw fieldErrors({ parentId: 'comment_unknown' });
			// One level of replies: a reply to a reply joins its thread.
			if (parent.parent_id) valid.parentId = parent.parent_id;
		}
		const id = uuidv7();
		await repository.insertComment(trx, {
			city_id: cityId,
			id,
			process_id: processId,
			action_id: actionId,
			parent_id: valid.parentId,
			author_id: personId,
			author_role: hasRole(actor, cityId, 'cso') ? 'cso' : 'resident',
			body: valid.body,
			lang: valid.lang,
			status: 'published',
			moderation_reason: null,
			supports_count: 0,
			cluster_id: null,
			demo: options.demo ? 1 : 0,
			created_at: now
		});
		if (options.submissionKey) await processes.setSubmissionOutcome(trx, cityId, personId, options.submissionKey, id);
		return toComment((await repository.findComment(trx, cityId, id))!);
	});
}

export async function supportComment(db: Db, actor: MaybeActor, cityId: string, commentId: string): Promise<{ supports: number }> {
	// Only the city's people get as far as looking the comment up.
	requireTakePart(actor, cityId, 'member');
	return inTransaction(db, async (trx) => {
		const comment = await repository.findComment(trx, cityId, commentId);
		if (!comment) throw new DomainError('comment_not_found');
		const process = await getProcess(trx, cityId, comment.process_id);
		requireTakePart(actor, cityId, process.levels.support);
		requirePhase(process, 'consultation');
		if (comment.status !== 'published') throw conflict('comment_hidden');
		if (comment.author_id === actor!.personId) throw conflict('own_comment');
		if (!(await repository.insertCommentSupport(trx, cityId, commentId, actor!.personId, nowIso()))) throw conflict('already_supported');
		return { supports: Number((await repository.findComment(trx, cityId, commentId))!.supports_count) };
	});
}

export const commentsSupportedBy = repository.commentsSupportedBy;

/** A moderator hides a comment (its public reason stays in its place) or shows it again. */
export async function moderateComment(db: Db, actor: MaybeActor, cityId: string, commentId: string, hide: boolean, reason?: { text: string; lang?: string }): Promise<void> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const parsed = hide ? parseInput(reasonSchema, reason ?? { text: '' }) : null;
	await inTransaction(db, async (trx) => {
		const comment = await repository.findComment(trx, cityId, commentId);
		if (!comment) throw new DomainError('comment_not_found');
		const status = hide ? 'hidden' : 'published';
		if (comment.status === status) throw conflict('moderation_not_possible');
		await repository.updateComment(trx, cityId, commentId, { status, moderation_reason: parsed ? JSON.stringify(parsed) : null });
		await appendLedger(trx, { cityId, actor, entityType: 'consultation_comment', entityId: commentId, action: 'update', change: { status: [comment.status, status], moderation_reason: [null, parsed?.text ?? null] } });
	});
}

async function clusterOf(db: Db, cityId: string, id: string): Promise<CommentCluster & { actionRef: string }> {
	const row = await repository.findCluster(db, cityId, id);
	if (!row) throw new DomainError('cluster_not_found');
	const action = await getAction(db, cityId, row.action_id).catch(() => undefined);
	return { ...toCluster(row), actionRef: action?.ref ?? '' };
}

/**
 * Creates a cluster of comments on one draft action with the city's response (or, with `id`,
 * changes it): the comments named join it. Recorded in the ledger.
 */
export async function saveCluster(db: Db, actor: MaybeActor, cityId: string, processId: string, actionId: string, input: ClusterInput, existing?: { id: string; version: number }): Promise<CommentCluster> {
	if (!canManageParticipation(actor, cityId)) throw forbidden();
	const valid = parseInput(clusterInputSchema, input);
	return inTransaction(db, async (trx) => {
		const process = await getProcess(trx, cityId, processId);
		await draftAction(trx, process, actionId);
		const now = nowIso();
		const responded = Object.keys(valid.response).length > 0 ? now : null;
		let saved: CommentCluster & { actionRef: string };
		if (existing) {
			saved = await ledgered.update(trx, clusterRow, { cityId, actor }, {
				load: (inner) => clusterOf(inner, cityId, existing.id),
				check: (_inner, before) => {
					if (before.processId !== processId || before.actionId !== actionId) throw new DomainError('cluster_not_found');
				},
				apply: (inner, before, at) =>
					repository.updateCluster(inner, cityId, existing.id, existing.version, {
						title: JSON.stringify(valid.title),
						response: JSON.stringify(valid.response),
						responded_at: responded ? (JSON.stringify(before.response) === JSON.stringify(valid.response) ? before.respondedAt : at) : null,
						updated_at: at
					})
			});
		} else {
			saved = await ledgered.create(trx, clusterRow, { cityId, actor }, {
				insert: async (inner) => {
					const id = uuidv7();
					await repository.insertCluster(inner, {
						city_id: cityId,
						id,
						ref: `CC-${await processes.nextNumber(inner, cityId, 'cluster')}`,
						process_id: processId,
						action_id: actionId,
						title: JSON.stringify(valid.title),
						response: JSON.stringify(valid.response),
						responded_at: responded,
						version: 1,
						created_at: now,
						updated_at: now,
						deleted_at: null
					});
					return clusterOf(inner, cityId, id);
				}
			});
		}
		await repository.setCluster(trx, cityId, processId, actionId, valid.commentIds, saved.id);
		const { actionRef: _ref, ...cluster } = saved;
		return cluster;
	});
}

export async function listClusters(db: Db, cityId: string, processId: string): Promise<CommentCluster[]> {
	return (await repository.listClusterRows(db, cityId, processId)).map(toCluster);
}
