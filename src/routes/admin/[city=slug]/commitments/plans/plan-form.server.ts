// A plan's form fields as the service's input, and a stored plan as form values.
import type { PlanInput } from '#lib/server/commitments/commitments.schema.ts';
import type { ActionPlan } from '#lib/server/commitments/commitments.types.ts';
import { localized, number, text } from '../form-input.server.ts';
import { localizedValues } from '../text.ts';

export function planInput(form: FormData): PlanInput {
	return {
		title: localized(form, 'title'),
		declarationId: text(form, 'declarationId'),
		// An empty year is not a year: NaN makes the schema say so (`year_invalid`).
		periodStart: number(form, 'periodStart') ?? Number.NaN,
		periodEnd: number(form, 'periodEnd') ?? Number.NaN,
		rollup: (text(form, 'rollup') ?? 'weighted') as PlanInput['rollup']
	};
}

export function planValues(plan: ActionPlan | undefined, declarationId?: string): Record<string, string> {
	if (!plan) {
		const year = new Date().getUTCFullYear();
		return { periodStart: String(year), periodEnd: String(year + 3), rollup: 'weighted', declarationId: declarationId ?? '' };
	}
	return {
		...localizedValues('title', plan.title),
		declarationId: plan.declarationId ?? '',
		periodStart: String(plan.periodStart),
		periodEnd: String(plan.periodEnd),
		rollup: plan.rollup
	};
}
