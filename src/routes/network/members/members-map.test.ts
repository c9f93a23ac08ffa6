// The members map: member and guest cities where they are (by the directory map's projection),
// associate members at their country's middle, suspended and former members left off, and an
// associate whose country the atlas does not know named as not placed.
import { describe, expect, it } from 'vitest';
import { projectPoint } from '#lib/server/cities/map.ts';
import type { CitySummary } from '#lib/server/cities/index.ts';
import type { Member } from '#lib/server/network/membership.service.ts';
import { buildMembersMap, countryPoint } from './members-map.server.ts';

const city = (id: string, name: string, countryCode: string, latitude: number, longitude: number): CitySummary => ({ id, slug: name.toLowerCase(), name, displayName: name, countryCode, region: 'europe', latitude, longitude, year: 2010, process: 'formal', processConfirmed: true });
const member = (overrides: Partial<Member>): Member => ({ id: overrides.cityId ?? overrides.name ?? 'm', kind: 'city', cityId: null, organisationId: null, name: '', slug: null, countryCode: null, level: 'member', status: 'active', ...overrides }) as Member;

describe('the members map', () => {
	it('places a country at its middle, and knows none for an unknown code', () => {
		const korea = countryPoint('KR')!;
		const [seoulX, seoulY] = projectPoint(126.98, 37.57);
		expect(Math.hypot(korea[0] - seoulX, korea[1] - seoulY)).toBeLessThan(6);
		expect(countryPoint('FR')).toBeDefined();
		expect(countryPoint('US')).toBeDefined();
		expect(countryPoint('ZZ')).toBeUndefined();
		expect(countryPoint('not a code')).toBeUndefined();
	});

	it('shows active member and guest cities as links and associates by country; the rest is left off or named', () => {
		const cities = [city('c1', 'Graz', 'AT', 47.07, 15.44), city('c2', 'Lund', 'SE', 55.7, 13.19), city('c3', 'Rosario', 'AR', -32.95, -60.64)];
		const members = [
			member({ cityId: 'c1', name: 'Graz', slug: 'graz', countryCode: 'AT', level: 'member' }),
			member({ cityId: 'c2', name: 'Lund', slug: 'lund', countryCode: 'SE', level: 'guest' }),
			member({ cityId: 'c3', name: 'Rosario', slug: 'rosario', countryCode: 'AR', level: 'member', status: 'suspended' }),
			member({ id: 'o1', kind: 'organisation', name: 'Raoul Wallenberg Institute', countryCode: 'SE', level: 'associate' }),
			member({ id: 'o2', kind: 'organisation', name: 'UCLG', countryCode: null, level: 'associate' }),
			member({ id: 'o3', kind: 'organisation', name: 'Former friends', countryCode: 'FR', level: 'associate', status: 'left' })
		];
		const map = buildMembersMap(members, cities, (code) => `[${code}]`);
		expect(map.pins.map((pin) => [pin.label, pin.mark, pin.href])).toEqual([
			['Lund, [SE]', 'guest', '/cities/lund'],
			['Raoul Wallenberg Institute, [SE]', 'associate', null],
			['Graz, [AT]', 'member', '/cities/graz']
		]);
		expect(map.unplaced).toEqual(['UCLG']);
		expect(map.land.href).toMatch(/^\/map\/land\.svg\?v=/);
	});
});
