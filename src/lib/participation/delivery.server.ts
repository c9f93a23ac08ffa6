/**
 * The action that delivers a proposal, a budget project or a council recommendation, as its
 * public page shows it: status, progress, due date, latest updates and the indicators that
 * measure it (read live from the commitments and indicators modules).
 *
 * @example const delivery = deliveryView(await deliveryOf(db, cityId, proposal.actionId), locale);
 */
import type { Delivery } from '#lib/server/participation/actions-link.ts';
import { text } from '#lib/commitments/present.server.ts';
import type { Text } from '#lib/commitments/view.ts';

export interface DeliveryView {
	ref: string;
	title: Text;
	status: string;
	progress: Delivery['detail']['progress'];
	dueDate: string | null;
	updates: { id: string; reportedOn: string; text: Text; evidence: number }[];
	indicators: { code: string; title: Text }[];
}

export function deliveryView(delivery: Delivery | undefined, locale: string): DeliveryView | undefined {
	if (!delivery) return undefined;
	const { action } = delivery.detail;
	return {
		ref: action.ref,
		title: text(action.title, locale),
		status: action.status,
		progress: delivery.detail.progress,
		dueDate: action.dueDate,
		updates: delivery.detail.updates.slice(0, 5).map((update) => ({ id: update.id, reportedOn: update.reportedOn, text: text(update.text, locale), evidence: update.evidence.length })),
		indicators: delivery.indicators.map((indicator) => ({ code: indicator.code, title: text(indicator.title, locale) }))
	};
}
