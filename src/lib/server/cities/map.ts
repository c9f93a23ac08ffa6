/**
 * The network map, drawn on the server: one Natural Earth projection shared by the land (a
 * standalone SVG document served once and cached for a year, see `/map/land.svg`) and the city
 * pins (small SVG marks inside each page). No tiles, no client JavaScript.
 *
 * Map units: the whole map is `MAP_WIDTH` × `MAP_HEIGHT` (960 × 421.5; Antarctica, where no city
 * of the network lies, is cropped away). A pin is drawn in "pin units": one pin unit is one
 * map unit on the world map and smaller on a zoomed locator, so pins keep their size on screen.
 */
import { createHash } from 'node:crypto';
import { geoGraticule, geoNaturalEarth1, geoPath, type GeoContext, type GeoPermissibleObjects } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import { presimplify, quantile, simplify, sphericalTriangleArea } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json' with { type: 'json' };
import type { CitySummary } from './cities.service.ts';

export interface MapPin {
	slug: string;
	/** "City, Country": the pin's accessible name and tooltip. */
	label: string;
	/** Where the pin sits, in map units (1 decimal). */
	x: number;
	y: number;
	/** Radius of the invisible hit area in pin units; it never reaches into a neighbour's. */
	hitRadius: number;
	process: 'formal' | 'informal';
	/** The one city a locator map is about. */
	highlighted: boolean;
}

export interface WorldMap {
	/** The visible part of the map in map units: the whole world, or a locator's window on it. */
	view: { x: number; y: number; width: number; height: number };
	/** The land image (versioned URL) and its size in map units; it always covers the whole map. */
	land: { href: string; width: number; height: number };
	/** Map units per pin unit: 1 on the world map, 1/zoom on a locator. */
	pinScale: number;
	pins: MapPin[];
	/** True on the network map, whose pins link to their cities; false on a locator, which only shows a place. */
	linked: boolean;
}

export interface LandSvg {
	/** The standalone SVG document. */
	svg: string;
	/** Short content hash: the `?v=` of the land URL and its ETag. */
	hash: string;
}

type Atlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

export const MAP_WIDTH = 960;
/** The crop: from the pole (a flat line in Natural Earth) to just below Cape Horn. */
const NORTH = 90;
const SOUTH = -56;
/**
 * An image cannot read the page's CSS variables: these echo app.css (--sea, --land), a shade
 * deeper so that coasts and borders show.
 */
const COLOURS = { ocean: '#eef3f8', graticule: '#dce5ee', land: '#d3dce6', border: '#f7fafc' };
/** Pin geometry in pin units; WorldMap.svelte draws the dot, ring and focus ring to match. */
const PIN_RADIUS = 4.5;
const PIN_GAP = 1.5;
const HIT_RADIUS = 12;
/** A locator shows a third of the world's width around its city. */
const LOCATOR_ZOOM = 3;
/** Share of the arcs' points kept (the most significant ones): ~15 KB gzipped, still crisp at 3×. */
const SIMPLIFY_QUANTILE = 0.6;

const projection = geoNaturalEarth1().fitWidth(MAP_WIDTH, { type: 'Sphere' });
// Shift the world up so that the crop's northern edge is the top of the map.
const [centreX, centreY] = projection.translate();
projection.translate([centreX, centreY - latitudeY(NORTH)]);
export const MAP_HEIGHT = round1(latitudeY(SOUTH));

/**
 * Project a place onto the map, in map units rounded to 1 decimal.
 *
 * @example projectPoint(-60.64, -32.95) // Rosario: [x, y] in the lower left quarter
 */
export function projectPoint(longitude: number, latitude: number): [number, number] {
	const point = projection([longitude, latitude]);
	if (!point) throw new Error(`cannot project ${longitude},${latitude}`);
	return [round1(point[0]), round1(point[1])];
}

/**
 * The network map: every city as a pin linking to its profile, in order from west to east (the
 * order Tab follows). Pins that would overlap are nudged apart (by a few units at most, in
 * crowded Europe) so that every city stays visible and clickable.
 *
 * @example buildWorldMap(overview.cities, (city) => `${city.displayName}, ${countryName(city.countryCode, locale)}`)
 */
export function buildWorldMap(cities: CitySummary[], label: (city: CitySummary) => string): WorldMap {
	const layout = layoutPins(cities);
	const pins = cities.map((city, index): MapPin => {
		const { x, y, hitRadius } = layout[index]!;
		return { slug: city.slug, label: label(city), x, y, hitRadius, process: city.process, highlighted: false };
	});
	return {
		view: { x: 0, y: 0, width: MAP_WIDTH, height: MAP_HEIGHT },
		land: landImage(),
		pinScale: 1,
		linked: true,
		pins: pins.sort((a, b) => a.x - b.x || a.y - b.y)
	};
}

const layouts = new Map<string, { x: number; y: number; hitRadius: number }[]>();

/** Pin positions and hit areas depend only on where the cities are: computed once per network. */
function layoutPins(cities: CitySummary[]): { x: number; y: number; hitRadius: number }[] {
	const key = cities.map((city) => `${city.slug}:${city.longitude}:${city.latitude}`).join('|');
	let layout = layouts.get(key);
	if (layout) return layout;
	const points = spreadApart(
		cities.map((city) => projection([city.longitude, city.latitude]) ?? [0, 0]),
		2 * PIN_RADIUS + PIN_GAP
	);
	layout = points.map(([x, y], index) => {
		const nearest = Math.min(...points.filter((_, other) => other !== index).map((other) => distance([x, y], other)));
		return { x: round1(clamp(x, 0, MAP_WIDTH)), y: round1(clamp(y, 0, MAP_HEIGHT)), hitRadius: round1(Math.min(HIT_RADIUS, nearest / 2)) };
	});
	if (layouts.size >= 8) layouts.delete(layouts.keys().next().value!);
	layouts.set(key, layout);
	return layout;
}

/**
 * A locator for a city's profile: the world map zoomed onto the city's region (the window
 * stays inside the map, so a city near the edge is off-centre), with the city as its only pin.
 *
 * @example buildLocatorMap(city, `${city.displayName}, ${country}`)
 */
export function buildLocatorMap(city: CitySummary, label: string): WorldMap {
	const [x, y] = projectPoint(city.longitude, city.latitude);
	const width = round1(MAP_WIDTH / LOCATOR_ZOOM);
	const height = round1(MAP_HEIGHT / LOCATOR_ZOOM);
	return {
		view: { x: round1(clamp(x - width / 2, 0, MAP_WIDTH - width)), y: round1(clamp(y - height / 2, 0, MAP_HEIGHT - height)), width, height },
		land: landImage(),
		pinScale: Number((1 / LOCATOR_ZOOM).toFixed(3)),
		linked: false,
		pins: [{ slug: city.slug, label, x, y, hitRadius: HIT_RADIUS, process: city.process, highlighted: true }]
	};
}

let cachedLand: LandSvg | undefined;

/**
 * The land as a standalone SVG document (ocean, graticule, land, country borders), computed on
 * first use and kept for the life of the process.
 */
export function landSvg(): LandSvg {
	if (!cachedLand) {
		const svg = renderLandSvg();
		cachedLand = { svg, hash: createHash('sha256').update(svg).digest('hex').slice(0, 12) };
	}
	return cachedLand;
}

function landImage(): WorldMap['land'] {
	return { href: `/map/land.svg?v=${landSvg().hash}`, width: MAP_WIDTH, height: MAP_HEIGHT };
}

function renderLandSvg(): string {
	const weighted = presimplify(atlas as unknown as Atlas, sphericalTriangleArea);
	const simplified = simplify(weighted, quantile(weighted, SIMPLIFY_QUANTILE));
	const landShapes = feature(simplified, simplified.objects.land).features.map((shape) => withinCrop(shape.geometry));
	const borders = mesh(simplified, simplified.objects.countries, (a, b) => a !== b);
	const path = (object: GeoPermissibleObjects) => {
		const context = new CompactPathContext();
		geoPath(projection, context)(object);
		return context.toString();
	};
	const graticule = geoGraticule().step([30, 30]).extent([[-180, -60], [180, 80]]);
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${MAP_WIDTH} ${MAP_HEIGHT}" width="${MAP_WIDTH}" height="${MAP_HEIGHT}">`,
		`<path fill="${COLOURS.ocean}" d="${path({ type: 'Sphere' })}"/>`,
		`<path fill="none" stroke="${COLOURS.graticule}" stroke-width=".6" d="${path(graticule())}"/>`,
		`<path fill="${COLOURS.land}" d="${landShapes.map((shape) => path(shape)).join('')}"/>`,
		`<path fill="none" stroke="${COLOURS.border}" stroke-width=".6" stroke-linejoin="round" d="${path(borders)}"/>`,
		'</svg>\n'
	].join('');
}

/** Drop the polygons wholly south of the crop: Antarctica (no city of the network) and its islands. */
function withinCrop(geometry: GeoJSON.Geometry): GeoJSON.Geometry {
	if (geometry.type !== 'MultiPolygon') return geometry;
	return { ...geometry, coordinates: geometry.coordinates.filter((polygon) => polygon[0]?.some(([, latitude]) => (latitude ?? -90) > SOUTH)) };
}

/**
 * A d3-geo path context that writes short SVG path data: points rounded to a tenth of a unit,
 * relative moves after the first, repeated points dropped. Rounding happens on absolute
 * positions, so the relative steps never drift.
 */
class CompactPathContext implements GeoContext {
	#parts: string[] = [];
	/** The current point, in tenths of a unit. */
	#x = 0;
	#y = 0;
	#ringOpen = false;

	beginPath(): void {
		// Nothing to do: every path of the land SVG is one string of subpaths.
	}

	moveTo(x: number, y: number): void {
		const [tx, ty] = [Math.round(x * 10), Math.round(y * 10)];
		this.#parts.push(`M${decimal(tx)}${signed(ty)}`);
		[this.#x, this.#y, this.#ringOpen] = [tx, ty, false];
	}

	lineTo(x: number, y: number): void {
		const [tx, ty] = [Math.round(x * 10), Math.round(y * 10)];
		if (tx === this.#x && ty === this.#y) return;
		this.#parts.push(`${this.#ringOpen ? signed(tx - this.#x) : `l${decimal(tx - this.#x)}`}${signed(ty - this.#y)}`);
		[this.#x, this.#y, this.#ringOpen] = [tx, ty, true];
	}

	closePath(): void {
		this.#parts.push('z');
		this.#ringOpen = false;
	}

	arc(): void {
		// Only points use arcs; the land, graticule and borders have none.
	}

	toString(): string {
		return this.#parts.join('');
	}
}

/** Tenths as a short decimal: 12 → "1.2", -3 → "-.3", 40 → "4". */
function decimal(tenths: number): string {
	const text = (tenths / 10).toString();
	return text.replace(/^(-?)0\./, '$1.');
}

/** A number that follows another: a minus sign separates it, otherwise a space. */
function signed(tenths: number): string {
	const text = decimal(tenths);
	return text.startsWith('-') ? text : ` ${text}`;
}

/**
 * Push points apart until no two are closer than `minimum`, moving each pair symmetrically;
 * points that do not crowd anyone stay where they are.
 */
function spreadApart(points: Array<[number, number]>, minimum: number): Array<[number, number]> {
	const spread = points.map(([x, y]): [number, number] => [x, y]);
	for (let round = 0; round < 100; round++) {
		let moved = false;
		for (let i = 0; i < spread.length; i++) {
			for (let j = i + 1; j < spread.length; j++) {
				const a = spread[i];
				const b = spread[j];
				if (!a || !b) continue;
				const gap = distance(a, b);
				if (gap >= minimum - 0.05) continue;
				// Identical places are split along a fixed direction, so the result is deterministic.
				const [ux, uy] = gap > 0 ? [(b[0] - a[0]) / gap, (b[1] - a[1]) / gap] : [1, 0];
				const push = (minimum - gap) / 2 + 0.05;
				[a[0], a[1], b[0], b[1]] = [a[0] - ux * push, a[1] - uy * push, b[0] + ux * push, b[1] + uy * push];
				moved = true;
			}
		}
		if (!moved) break;
	}
	return spread;
}

function distance(a: readonly [number, number], b: readonly [number, number]): number {
	return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** Where a parallel crosses the map's vertical axis. */
function latitudeY(latitude: number): number {
	return projection([0, latitude])?.[1] ?? 0;
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}
