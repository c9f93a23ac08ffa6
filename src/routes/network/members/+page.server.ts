// The public member list of the network: member and guest cities and associate members, with
// since when, and the public reason of a suspension or departure (every decision is in the
// network ledger).
import type { PageServerLoad } from './$types';
import { listMembers } from '#lib/server/network/membership.service.ts';
import { listCitySummaries } from '#lib/server/cities/index.ts';
import { buildMembersMap } from './members-map.server.ts';
import { countryOf, reasonOf } from '../network-view.server.ts';

export const load: PageServerLoad = async ({ locals }) => {
	const locale = locals.locale;
	const all = await listMembers(locals.db, { includeFormer: true });
	const cityIds = all.flatMap((member) => (member.cityId && member.status === 'active' ? [member.cityId] : []));
	const map = buildMembersMap(all, await listCitySummaries(locals.db, cityIds), (code) => countryOf(code, locale));
	const members = all.map((member) => ({
		ref: member.ref,
		name: member.name,
		slug: member.slug,
		kind: member.kind,
		orgKind: member.orgKind,
		country: countryOf(member.countryCode, locale),
		level: member.level,
		status: member.status,
		since: member.since,
		reason: member.status === 'active' ? null : reasonOf(member.statusReason, locale)
	}));
	const collator = new Intl.Collator(locale);
	const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
	return {
		map,
		current: members.filter((member) => member.status !== 'left' && member.kind === 'city').sort(byName),
		associates: members.filter((member) => member.status !== 'left' && member.kind === 'organisation').sort(byName),
		former: members.filter((member) => member.status === 'left').sort(byName)
	};
};
