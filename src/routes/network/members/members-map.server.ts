// The network's members on the world map, drawn on the server with the directory map's code
// (#lib/server/cities/map.ts: the same projection, land image and pin layout): member and guest
// cities where they are, associate members (organisations, which have no place of their own) at
// the middle of their country. The page's tables are the map's text equivalent.
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import { buildWorldMap, projectPoint, type WorldMap } from '#lib/server/cities/map.ts';
import type { CitySummary } from '#lib/server/cities/index.ts';
import type { Member } from '#lib/server/network/membership.service.ts';

export type MemberMark = 'member' | 'guest' | 'associate';

export interface MemberPin {
	key: string;
	/** The city's page; none for an associate member. */
	href: string | null;
	/** "Name, Country": the mark's accessible name and tooltip. */
	label: string;
	x: number;
	y: number;
	hitRadius: number;
	mark: MemberMark;
}

export interface MembersMap {
	view: WorldMap['view'];
	land: WorldMap['land'];
	pins: MemberPin[];
	/** Members the map cannot place (an associate without a country the atlas knows). */
	unplaced: string[];
}

type Atlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Spellings of the atlas (Natural Earth's short names) that differ from the English names Intl gives. */
const ATLAS_NAMES: Record<string, string> = {
	US: 'United States of America',
	CD: 'Dem. Rep. Congo',
	CF: 'Central African Rep.',
	BA: 'Bosnia and Herz.',
	DO: 'Dominican Rep.',
	SS: 'S. Sudan',
	CZ: 'Czechia',
	KR: 'South Korea',
	KP: 'North Korea',
	MK: 'Macedonia',
	CI: "Côte d'Ivoire",
	GQ: 'Eq. Guinea',
	SZ: 'eSwatini',
	MM: 'Myanmar',
	TR: 'Turkey',
	PS: 'Palestine'
};

let centroids: Map<string, [number, number]> | undefined;

/** The middle of each of the atlas's countries, by its name there. */
function countryCentroids(): Map<string, [number, number]> {
	if (!centroids) {
		const topology = atlas as unknown as Atlas;
		const countries = feature(topology, topology.objects.countries);
		centroids = new Map(countries.features.map((country) => [country.properties.name, geoCentroid(country) as [number, number]]));
	}
	return centroids;
}

const englishNames = new Intl.DisplayNames('en', { type: 'region' });

/** Where a country is on the map, in map units; undefined when the atlas does not know it. */
export function countryPoint(countryCode: string): [number, number] | undefined {
	const code = countryCode.toUpperCase();
	let name: string | undefined;
	try {
		name = ATLAS_NAMES[code] ?? englishNames.of(code);
	} catch {
		return undefined;
	}
	const centre = name ? countryCentroids().get(name) : undefined;
	return centre ? projectPoint(centre[0], centre[1]) : undefined;
}

/**
 * The map of the current (active) members: cities as links to their pages, a filled dot for a
 * member and a ring for a guest; associates as a square at their country's middle.
 */
export function buildMembersMap(members: readonly Member[], cities: readonly CitySummary[], country: (code: string | null) => string): MembersMap {
	const active = members.filter((member) => member.status === 'active');
	const levels = new Map(active.filter((member) => member.cityId).map((member) => [member.cityId!, member.level]));
	const placed = cities.filter((city) => levels.has(city.id));
	const world = buildWorldMap(placed, (city) => `${city.displayName}, ${country(city.countryCode)}`);
	const bySlug = new Map(placed.map((city) => [city.slug, city]));
	const pins: MemberPin[] = world.pins.map((pin) => ({ key: pin.slug, href: `/cities/${pin.slug}`, label: pin.label, x: pin.x, y: pin.y, hitRadius: pin.hitRadius, mark: levels.get(bySlug.get(pin.slug)!.id) === 'guest' ? 'guest' : 'member' }));
	const unplaced: string[] = [];
	for (const member of active.filter((item) => item.kind === 'organisation')) {
		const point = member.countryCode ? countryPoint(member.countryCode) : undefined;
		if (!point) {
			unplaced.push(member.name);
			continue;
		}
		pins.push({ key: member.id, href: null, label: `${member.name}, ${country(member.countryCode)}`, x: point[0], y: point[1], hitRadius: 6, mark: 'associate' });
	}
	return { view: world.view, land: world.land, pins: pins.sort((a, b) => a.x - b.x || a.y - b.y), unplaced };
}
