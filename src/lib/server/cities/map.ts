/**
 * The network map: city pins projected onto a world map that is rendered on the server.
 */
import type { CitySummary } from './cities.service.ts';

export interface MapPin {
	slug: string;
	label: string;
	x: number;
	y: number;
	process: 'formal' | 'informal';
}

export interface WorldMap {
	viewBox: string;
	width: number;
	height: number;
	landHref: string;
	pins: MapPin[];
}

const WIDTH = 960;
const HEIGHT = 480;

export function buildWorldMap(cities: CitySummary[], label: (city: CitySummary) => string): WorldMap {
	return {
		viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
		width: WIDTH,
		height: HEIGHT,
		landHref: '/map/land.svg',
		pins: cities.map((city) => ({
			slug: city.slug,
			label: label(city),
			x: ((city.longitude + 180) / 360) * WIDTH,
			y: ((90 - city.latitude) / 180) * HEIGHT,
			process: city.process
		}))
	};
}
