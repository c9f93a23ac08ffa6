// Verify a badge: paste its SVG source, its code or a link to it (or open the link a badge
// carries, `?code=…`); the page checks the network's signature with the code the
// `standards-verify-badge` command uses and says what the badge states. Reading only: the form
// posts so that a pasted SVG fits, but nothing is stored.
import type { Actions, PageServerLoad } from './$types';
import { invalid } from '#lib/server/http/forms.ts';
import { verifyBadgeText } from '#lib/server/standards/badge-verify.ts';
import { verificationView } from '#lib/standards/verify.server.ts';

export const load: PageServerLoad = async ({ locals, url }) => {
	const code = url.searchParams.get('code');
	if (code === null) return { checked: null, codeProblem: null };
	const answer = await verifyBadgeText(locals.db, code);
	if (!answer.ok) return { checked: null, codeProblem: answer.problem };
	return { checked: await verificationView(locals.db, answer.check, answer.code, locals.locale), codeProblem: null };
};

export const actions = {
	verify: async ({ locals, request }) => {
		const form = await request.formData();
		const text = form.get('badge');
		const answer = await verifyBadgeText(locals.db, typeof text === 'string' ? text : '');
		if (!answer.ok) return invalid({ badge: answer.problem }, form);
		return { checked: await verificationView(locals.db, answer.check, answer.code, locals.locale) };
	}
} satisfies Actions;
