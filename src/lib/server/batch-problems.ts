/**
 * Problems of a batch of inputs (an import, a seed, a form that creates one): each item's field
 * errors, thrown as one `invalid_input`. A batch of one fails exactly as a single form does
 * (`details.fields`); a longer batch also lists each item's problems (`details.items`), which
 * importers map to their rows and columns.
 */
import { fieldErrors } from './errors.ts';
import type { Parsed } from './validation.ts';

export interface ItemProblems {
	index: number;
	fields: Record<string, string>;
	/** What else names the problem (e.g. `unknown: ['udhr:31']`). */
	details?: Record<string, unknown>;
}

export class BatchProblems {
	readonly items: ItemProblems[] = [];

	add(index: number, field: string, rule: string, details?: Record<string, unknown>): void {
		const item = this.items.find((candidate) => candidate.index === index) ?? this.items[this.items.push({ index, fields: {} }) - 1]!;
		item.fields[field] ??= rule;
		if (details) item.details = { ...item.details, ...details };
	}

	/** The parsed value, or undefined with its problems noted. */
	take<T>(index: number, parsed: Parsed<T>): T | undefined {
		if (parsed.ok) return parsed.data;
		for (const [field, rule] of Object.entries(parsed.errors)) this.add(index, field, rule);
		return undefined;
	}

	throwIfAny(): void {
		if (this.items.length === 0) return;
		const sorted = [...this.items].sort((a, b) => a.index - b.index);
		throw fieldErrors(sorted[0]!.fields, { ...sorted[0]!.details, items: sorted });
	}
}

/** The per-item problems of a batch error, or undefined for any other error. */
export function batchProblemsOf(error: unknown): ItemProblems[] | undefined {
	const items = (error as { code?: string; details?: { items?: unknown } })?.details?.items;
	return (error as { code?: string })?.code === 'invalid_input' && Array.isArray(items) ? (items as ItemProblems[]) : undefined;
}
