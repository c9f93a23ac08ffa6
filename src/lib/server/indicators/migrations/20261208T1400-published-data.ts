/**
 * Data as published (issue 11): what an Open SDG file carries beyond our model survives an
 * import → export round trip, and an indicator remembers how its files write it.
 *
 * - `observation.extras`: JSON object of the Open SDG columns the file had that are not part of
 *   the observation's key (`GeoCode`, `Observation status`, `Unit multiplier`, `COMMENT_OBS`, …,
 *   and a `Units`/`Series` cell that named the indicator's own unit or series), by column name as
 *   written; and, under `Value`, the number as published when its text differs from the plain
 *   number (`8.0`, `19.30`). Null when there is nothing to keep.
 * - `indicator.unit_text`: the indicator's unit as its files write it (`Porcentaje`, `млн.тенге`);
 *   a `Units` cell with this text is the indicator's own unit.
 * - `indicator.series_text`: likewise the indicator's own `Series` (its headline series).
 * - `indicator.data_language`: the language (BCP 47) of the dimension names and values as the
 *   data writes them, for the names an SDMX structure gives them.
 * New nullable columns only: no existing row changes.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('observation').addColumn('extras', 'text').execute();
	await db.schema.alterTable('indicator').addColumn('unit_text', 'text').execute();
	await db.schema.alterTable('indicator').addColumn('series_text', 'text').execute();
	await db.schema.alterTable('indicator').addColumn('data_language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('indicator').dropColumn('data_language').execute();
	await db.schema.alterTable('indicator').dropColumn('series_text').execute();
	await db.schema.alterTable('indicator').dropColumn('unit_text').execute();
	await db.schema.alterTable('observation').dropColumn('extras').execute();
}
