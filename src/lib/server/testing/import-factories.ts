/**
 * Test data for observation imports and exports: CSV text as a stream (in small chunks, so quotes,
 * line ends and multi-byte characters fall across chunk boundaries), a city with an admin and two
 * disaggregated indicators, and a reader of a city's stored observations.
 *
 * @example
 *   const { city, admin } = await importFixture(db);
 *   await importObservations(db, admin, city.id, [csvSource('data.csv', 'indicator,period,disaggregation,value\n…')], { format: 'auto' });
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../accounts/index.ts';
import type { CityTable } from '../cities/index.ts';
import type { ImportSource, Indicator } from '../indicators/index.ts';
import { createCity } from './factories.ts';
import { createTestIndicator, indicatorActor } from './indicator-factories.ts';

/** Bytes as a web stream, `chunkSize` bytes per chunk. */
export function byteStream(bytes: Uint8Array, chunkSize = 7): ReadableStream<Uint8Array> {
	let offset = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (offset >= bytes.length) {
				controller.close();
				return;
			}
			controller.enqueue(bytes.slice(offset, offset + chunkSize));
			offset += chunkSize;
		}
	});
}

/** A named CSV file for `importObservations` (text is UTF-8 encoded; pass bytes for other encodings). */
export function csvSource(name: string, content: string | Uint8Array, options: { chunkSize?: number; indicator?: string } = {}): ImportSource {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	return { name, stream: byteStream(bytes, options.chunkSize), ...(options.indicator ? { indicator: options.indicator } : {}) };
}

export interface ImportFixture {
	city: CityTable;
	admin: Actor;
	/** `test.homeless`: count, dimensions sex (female, male) and age (0-17, 18-64, 65+). */
	homeless: Indicator;
	/** `test.hle`: years, dimension sex (female, male). */
	hle: Indicator;
}

export async function importFixture(db: Db): Promise<ImportFixture> {
	const city = await createCity(db);
	const admin = await indicatorActor(db, city.id, 'city_admin');
	const homeless = await createTestIndicator(db, admin, city.id, {
		code: 'test.homeless',
		unit: 'count',
		direction: 'lower_is_better',
		dimensions: 'sex: female, male\nage: 0-17, 18-64, 65+'
	});
	const hle = await createTestIndicator(db, admin, city.id, { code: 'test.hle', unit: 'years', dimensions: 'sex: female, male' });
	return { city, admin, homeless, hle };
}

/** The city's observations as `code|period|group_key → value/status/source/note`, sorted. */
export async function storedObservations(db: Db, cityId: string): Promise<Record<string, string>> {
	const rows = await db
		.selectFrom('observation')
		.innerJoin('indicator', (join) => join.onRef('indicator.city_id', '=', 'observation.city_id').onRef('indicator.id', '=', 'observation.indicator_id'))
		.select(['indicator.code', 'observation.period', 'observation.group_key', 'observation.value', 'observation.status', 'observation.source', 'observation.note'])
		.where('observation.city_id', '=', cityId)
		.execute();
	const entries = rows.map((row) => [`${row.code}|${row.period}|${row.group_key}`, `${row.value === null ? 'NaN' : Number(row.value)}/${row.status}/${row.source ?? ''}/${row.note ?? ''}`] as const);
	return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The whole text of an export's chunks. */
export async function textOf(chunks: AsyncIterable<string>): Promise<string> {
	let out = '';
	for await (const chunk of chunks) out += chunk;
	return out;
}
