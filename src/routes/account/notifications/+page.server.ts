// The person's notifications about what they follow (proposals, budget projects, council
// recommendations), newest first, each linking to its page; marking them read, and e-mail about
// them on or off (every participation mail links here to stop them).
import type { Actions, PageServerLoad } from './$types';
import { formFailure, requireActor } from '#lib/server/http/forms.ts';
import { listMyFollows, listMyNotifications, markAllRead, setAllFollowMail } from '#lib/server/participation/follows.service.ts';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const [notifications, follows] = await Promise.all([listMyNotifications(event.locals.db, actor, event.locals.locale), listMyFollows(event.locals.db, actor)]);
	return {
		notifications: notifications.items.map((item) => ({ id: item.id, path: item.path, ref: item.targetRef, text: item.text, createdAt: item.createdAt, read: item.read })),
		unread: notifications.unread,
		following: follows.length,
		mail: follows.some((item) => item.mail)
	};
};

export const actions = {
	read: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		try {
			return { read: await markAllRead(event.locals.db, actor) };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'read' });
		}
	},
	mail: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const mail = form.get('mail') === 'on';
		try {
			await setAllFollowMail(event.locals.db, actor, mail);
			return { mail };
		} catch (failure) {
			return formFailure(failure, form, { intent: 'mail' });
		}
	}
} satisfies Actions;
