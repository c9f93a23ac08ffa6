// A milestone's form fields as the service's input.
import type { MilestoneInput } from '#lib/server/commitments/commitments.schema.ts';
import { localized, text } from '../form-input.server.ts';

export function milestoneInput(form: FormData): MilestoneInput {
	return { title: localized(form, 'title'), dueDate: text(form, 'dueDate') ?? '', doneOn: text(form, 'doneOn') };
}
