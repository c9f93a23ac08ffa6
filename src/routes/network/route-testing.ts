// For the network routes' in-process tests: a form post or a page load as a browser makes it, by
// an actor (null: nobody signed in), and what came of it (a redirect, an HTTP error, a failure).
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { Actor } from '#lib/server/accounts/index.ts';
import type { Db } from '#lib/server/db/database.ts';
import { formOf, requestEvent } from '#lib/server/testing/request-event.ts';

export function routeEvent(db: Db, path: string, actor: Actor | null, options: { form?: [string, string][]; params?: Record<string, string>; locale?: string } = {}) {
	const { event } = requestEvent(`https://example.org${path}`, {
		...(options.form ? { method: 'POST', body: formOf(options.form) } : {}),
		locals: { db, actor, locale: options.locale ?? 'en' } as Partial<App.Locals>
	});
	(event as { params: unknown }).params = options.params ?? {};
	// A page load's `parent()`: the layout gives the locale.
	(event as unknown as { parent: () => Promise<unknown> }).parent = async () => ({ locale: options.locale ?? 'en' });
	return event as never;
}

export interface Outcome {
	status: number;
	location?: string;
	errors?: Record<string, string>;
}

/** A form action's or a load's outcome: 303 with where to, an HTTP error's status, or a failure's status and field errors. */
export async function outcome(run: () => unknown): Promise<Outcome> {
	try {
		const result = (await run()) as { status?: number; data?: { errors?: Record<string, string> } } | undefined;
		return result && typeof result.status === 'number' ? { status: result.status, errors: result.data?.errors ?? {} } : { status: 200 };
	} catch (thrown) {
		if (isRedirect(thrown)) return { status: thrown.status, location: thrown.location };
		if (isHttpError(thrown)) return { status: thrown.status };
		throw thrown;
	}
}
