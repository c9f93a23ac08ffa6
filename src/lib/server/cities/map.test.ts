import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import reference from './data/human-rights-cities.json' with { type: 'json' };
import type { CitySummary } from './cities.service.ts';
import { slugify } from './slug.ts';
import { buildLocatorMap, buildWorldMap, landSvg, MAP_HEIGHT, MAP_WIDTH, projectPoint } from './map.ts';
import { regionOf } from './regions.ts';

/** The 39 cities of the demo network, as the service returns them. */
const network: CitySummary[] = reference.items.map((item, index) => ({
	id: `city-${index}`,
	slug: slugify(item.name),
	name: item.name,
	displayName: item.display_name ?? item.name,
	countryCode: item.iso2,
	region: regionOf(item.iso2) ?? 'europe',
	latitude: item.lat,
	longitude: item.lon,
	year: item.year,
	process: item.process as CitySummary['process'],
	processConfirmed: item.process_confirmed
}));

function city(slug: string): CitySummary {
	const found = network.find((candidate) => candidate.slug === slug);
	if (!found) throw new Error(`no demo city ${slug}`);
	return found;
}

const hasOneDecimal = (value: number) => Math.round(value * 10) === value * 10;

/** The absolute points of path data as the land SVG writes it (`M x y l dx dy dx dy … z`); throws on anything else. */
function pathPoints(d: string): Array<[number, number]> {
	const tokens = d.match(/[Mlz]|-?(\d+(\.\d+)?|\.\d+)/g) ?? [];
	expect(tokens.join('').length, 'path data holds only M, l, z and numbers').toBe(d.replace(/ /g, '').length);
	const points: Array<[number, number]> = [];
	let command = '';
	let [x, y] = [0, 0];
	for (let index = 0; index < tokens.length; ) {
		const token = tokens[index] ?? '';
		if (/^[Mlz]$/.test(token)) {
			command = token;
			index += 1;
			continue;
		}
		const [dx, dy] = [Number(token), Number(tokens[index + 1])];
		if (command === 'M') [x, y] = [dx, dy];
		else if (command === 'l') [x, y] = [x + dx, y + dy];
		else throw new Error(`numbers after ${command || 'nothing'}`);
		points.push([x, y]);
		index += 2;
	}
	return points;
}

describe('projectPoint', () => {
	const [centreX, equatorY] = projectPoint(0, 0);

	it('puts the prime meridian in the middle of the map', () => {
		expect(centreX).toBeCloseTo(MAP_WIDTH / 2, 0);
	});

	it('puts Rosario in the south-west and Gwangju in the north-east', () => {
		const [rosarioX, rosarioY] = projectPoint(city('rosario').longitude, city('rosario').latitude);
		const [gwangjuX, gwangjuY] = projectPoint(city('gwangju').longitude, city('gwangju').latitude);
		expect(rosarioX).toBeLessThan(centreX);
		expect(rosarioY).toBeGreaterThan(equatorY);
		expect(gwangjuX).toBeGreaterThan(centreX);
		expect(gwangjuY).toBeLessThan(equatorY);
	});

	it('rounds to one decimal', () => {
		for (const value of projectPoint(city('york').longitude, city('york').latitude)) expect(hasOneDecimal(value)).toBe(true);
	});
});

describe('buildWorldMap', () => {
	const map = buildWorldMap(network, (summary) => `${summary.displayName}, ${summary.countryCode}`);

	it('has one linked pin per city, named by the label function', () => {
		expect(map.linked).toBe(true);
		expect(map.pins.map((pin) => pin.slug).sort()).toEqual(network.map((summary) => summary.slug).sort());
		expect(map.pins.find((pin) => pin.slug === 'york')?.label).toBe('York, GB');
		expect(map.pins.every((pin) => !pin.highlighted)).toBe(true);
	});

	it('keeps every pin inside the view box, at one decimal', () => {
		expect(map.view).toEqual({ x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT });
		for (const pin of map.pins) {
			expect(pin.x).toBeGreaterThanOrEqual(0);
			expect(pin.x).toBeLessThanOrEqual(MAP_WIDTH);
			expect(pin.y).toBeGreaterThanOrEqual(0);
			expect(pin.y).toBeLessThanOrEqual(MAP_HEIGHT);
			expect(hasOneDecimal(pin.x) && hasOneDecimal(pin.y)).toBe(true);
		}
	});

	it('keeps every two pins a dot apart (even Copenhagen and Lund, 35 km apart), with hit areas that do not overlap', () => {
		for (const [index, a] of map.pins.entries()) {
			for (const b of map.pins.slice(index + 1)) {
				const gap = Math.hypot(a.x - b.x, a.y - b.y);
				expect(gap, `${a.slug} and ${b.slug}`).toBeGreaterThanOrEqual(10);
				expect(a.hitRadius + b.hitRadius, `${a.slug} and ${b.slug}`).toBeLessThanOrEqual(gap + 0.1);
			}
		}
	});

	it('moves a city only where it crowds another', () => {
		const lonely = map.pins.find((pin) => pin.slug === 'rosario');
		expect([lonely?.x, lonely?.y]).toEqual(projectPoint(city('rosario').longitude, city('rosario').latitude));
	});

	it('orders the pins from west to east, the order Tab follows', () => {
		const xs = map.pins.map((pin) => pin.x);
		expect(xs).toEqual([...xs].sort((a, b) => a - b));
		expect(map.pins[0]?.slug).toBe('eugene');
	});

	it('links to the current land image', () => {
		expect(map.land.href).toBe(`/map/land.svg?v=${landSvg().hash}`);
	});
});

describe('buildLocatorMap', () => {
	it('highlights exactly one city and links nowhere', () => {
		const map = buildLocatorMap(city('york'), 'York, United Kingdom');
		expect(map.linked).toBe(false);
		expect(map.pins.filter((pin) => pin.highlighted).map((pin) => pin.slug)).toEqual(['york']);
	});

	it('zooms onto the city, with the window inside the map and pins kept at their size on screen', () => {
		for (const slug of ['york', 'victoria', 'seattle', 'rosario', 'pitea']) {
			const map = buildLocatorMap(city(slug), slug);
			const { view } = map;
			const [pin] = map.pins;
			expect(view.width).toBeLessThan(MAP_WIDTH / 2);
			expect(view.width / view.height).toBeCloseTo(MAP_WIDTH / MAP_HEIGHT, 1);
			expect(view.x).toBeGreaterThanOrEqual(0);
			expect(view.y).toBeGreaterThanOrEqual(0);
			expect(view.x + view.width).toBeLessThanOrEqual(MAP_WIDTH + 0.1);
			expect(view.y + view.height).toBeLessThanOrEqual(MAP_HEIGHT + 0.1);
			expect(pin!.x).toBeGreaterThan(view.x);
			expect(pin!.x).toBeLessThan(view.x + view.width);
			expect(pin!.y).toBeGreaterThan(view.y);
			expect(pin!.y).toBeLessThan(view.y + view.height);
			expect(map.pinScale).toBeCloseTo(view.width / MAP_WIDTH, 2);
		}
	});
});

describe('landSvg', () => {
	const { svg, hash } = landSvg();

	it('is a standalone SVG document of filled and stroked paths, without inline styles', () => {
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg).toContain(`viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}"`);
		expect(svg).toMatch(/^<svg [^<>]*>(<path( [a-z-]+="[^"<>]*")+\/>)+<\/svg>\n$/);
		const paths = [...svg.matchAll(/ d="([^"]*)"/g)].map((match) => match[1] ?? '');
		expect(paths).toHaveLength(4);
		for (const d of paths) expect(pathPoints(d).length).toBeGreaterThan(10);
		expect(svg).not.toMatch(/style=|<style/);
		expect(svg).not.toContain('NaN');
	});

	it('draws the land in detail, without Antarctica, inside the map', () => {
		const land = /<path fill="#d3dce6" d="([^"]+)"/.exec(svg)?.[1] ?? '';
		const points = pathPoints(land);
		expect(points.length).toBeGreaterThan(2000);
		for (const [x, y] of points) {
			expect(x).toBeGreaterThanOrEqual(-0.1);
			expect(x).toBeLessThanOrEqual(MAP_WIDTH + 0.1);
			// Antarctica would reach far below the map's bottom edge (latitude -56).
			expect(y).toBeGreaterThanOrEqual(-0.1);
			expect(y).toBeLessThanOrEqual(MAP_HEIGHT + 0.1);
		}
	});

	it('stays under 40 KB gzipped', () => {
		expect(gzipSync(svg).length).toBeLessThan(40_000);
	});

	it('keeps the same hash across calls, and the hash follows the content', () => {
		expect(hash).toBe(createHash('sha256').update(svg).digest('hex').slice(0, 12));
		expect(landSvg().hash).toBe(hash);
		expect(landSvg().svg).toBe(svg);
	});
});
