/**
 * The SDMX-ML 3.0 structure message that goes beside an SDMX-CSV export (issue 11 §5): the
 * dataflow `RIGHTSCITY:DF_HRC_INDICATORS(1.0)`, its data structure, a concept per column and a
 * codelist per coded dimension, with every name in its own language (`com:Name xml:lang`):
 * dimension names and values in the indicator's data language (`data_language`, `und` when not
 * known), indicator titles in every language they are written in. Ids are `sdmx-ids.ts`'s, the
 * same the data file uses (`sdmxPlan`), so `Возраст` and `Регионы` are two dimensions with their
 * names, never one `_______`.
 *
 * Shape checked against the SDMX-ML 3.0.0 schemas (sdmx-twg/sdmx-ml, SDMXMessage.xsd): Header
 * (ID, Test, Prepared, Sender), then Codelists, ConceptSchemes, Dataflows, DataStructures; a
 * DataStructure's components are DimensionList (dimensions, then TIME_PERIOD), AttributeList and
 * MeasureList.
 */
import type { Db } from '../../db/database.ts';
import { SDMX, indicatorId, sdmxPlan, type SdmxPlan } from './export.service.ts';

const NS = {
	mes: 'http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message',
	str: 'http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure',
	com: 'http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common'
};

function xml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** `com:Name` elements, one per language (sorted, so the file is stable). */
function names(byLanguage: Record<string, string>, indent: string): string {
	return Object.entries(byLanguage)
		.filter(([, text]) => text.trim() !== '')
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([language, text]) => `${indent}<com:Name xml:lang="${xml(language)}">${xml(text)}</com:Name>\n`)
		.join('');
}

const ref = (kind: string, id: string) => `${SDMX.agency}:${id}(${SDMX.version})`.replace(/^/, `urn:sdmx:org.sdmx.infomodel.${kind}=`);
const CONCEPTS = 'CS_HRC_INDICATORS';
const conceptRef = (id: string) => `${ref('conceptscheme.Concept', CONCEPTS)}.${id}`;
const codelistRef = (id: string) => ref('codelist.Codelist', id);

interface Codelist {
	id: string;
	names: Record<string, string>;
	codes: { id: string; names: Record<string, string> }[];
}

/** The codelists, concepts and dimensions of the plan. */
function parts(plan: SdmxPlan) {
	const codelists: Codelist[] = [];
	const concepts: { id: string; names: Record<string, string> }[] = [
		{ id: 'REF_AREA', names: { en: 'Reference area' } },
		{ id: 'INDICATOR', names: { en: 'Indicator' } }
	];
	codelists.push({
		id: 'CL_INDICATOR',
		names: { en: 'Indicators' },
		codes: plan.indicators.map((indicator) => ({ id: indicatorId(indicator.code), names: Object.fromEntries(Object.entries(indicator.title).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) }))
	});
	const special = [
		{ id: SDMX.total, names: { en: 'Total' } },
		{ id: SDMX.notApplicable, names: { en: 'Not applicable' } }
	];
	for (const id of plan.columns) {
		const conceptNames: Record<string, string> = {};
		const codes = new Map<string, Record<string, string>>();
		for (const indicator of plan.indicators) {
			const language = indicator.dataLanguage ?? 'und';
			for (const [dimension, values] of Object.entries(indicator.dimensions)) {
				if (plan.dimensionIds.get(dimension) !== id) continue;
				conceptNames[language] ??= dimension;
				for (const value of values) {
					const code = plan.valueCodes.get(dimension)!.get(value)!;
					codes.set(code, { ...codes.get(code), [language]: codes.get(code)?.[language] ?? value });
				}
			}
		}
		concepts.push({ id, names: conceptNames });
		codelists.push({ id: `CL_${id}`, names: conceptNames, codes: [...[...codes.entries()].map(([code, byLanguage]) => ({ id: code, names: byLanguage })), ...special] });
	}
	if (plan.series) concepts.push({ id: 'SERIES', names: { en: 'Series' } });
	if (plan.units) concepts.push({ id: 'UNITS', names: { en: 'Unit of the series' } });
	concepts.push(
		{ id: 'TIME_PERIOD', names: { en: 'Time period' } },
		{ id: 'OBS_VALUE', names: { en: 'Observation value' } },
		{ id: 'UNIT_MEASURE', names: { en: 'Unit of measure' } },
		{ id: 'OBS_STATUS', names: { en: 'Observation status' } }
	);
	codelists.push({
		id: 'CL_OBS_STATUS',
		names: { en: 'Observation status' },
		codes: [
			{ id: 'A', names: { en: 'Normal value' } },
			{ id: 'P', names: { en: 'Provisional value' } },
			{ id: 'M', names: { en: 'Missing value' } }
		]
	});
	return { codelists, concepts };
}

function representation(inner: string, indent: string): string {
	return `${indent}<str:LocalRepresentation>\n${indent}  ${inner}\n${indent}</str:LocalRepresentation>\n`;
}

/**
 * The structure message of an export of one indicator or all the city's (the same selection as
 * `exportSdmxCsv`). `prepared` is the message's time (ISO 8601).
 *
 * @throws DomainError indicator_not_found · city_not_found
 */
export async function exportSdmxStructure(db: Db, cityId: string, indicatorCode: string | undefined, prepared: string): Promise<string> {
	const plan = await sdmxPlan(db, cityId, indicatorCode);
	const { codelists, concepts } = parts(plan);
	const i = (n: number) => '  '.repeat(n);
	let out = `<?xml version="1.0" encoding="UTF-8"?>\n<mes:Structure xmlns:mes="${NS.mes}" xmlns:str="${NS.str}" xmlns:com="${NS.com}">\n`;
	out += `${i(1)}<mes:Header>\n${i(2)}<mes:ID>RC-${xml(plan.slug)}-${indicatorCode === undefined ? 'all' : xml(indicatorId(indicatorCode))}</mes:ID>\n${i(2)}<mes:Test>false</mes:Test>\n${i(2)}<mes:Prepared>${xml(prepared)}</mes:Prepared>\n${i(2)}<mes:Sender id="${SDMX.agency}"/>\n${i(1)}</mes:Header>\n`;
	out += `${i(1)}<mes:Structures>\n${i(2)}<str:Codelists>\n`;
	for (const list of codelists) {
		out += `${i(3)}<str:Codelist urn="${codelistRef(list.id)}" agencyID="${SDMX.agency}" id="${list.id}" version="${SDMX.version}">\n${names(Object.keys(list.names).length ? list.names : { en: list.id }, i(4))}`;
		for (const code of list.codes) out += `${i(4)}<str:Code urn="${ref('codelist.Code', list.id)}.${xml(code.id)}" id="${xml(code.id)}">\n${names(Object.keys(code.names).length ? code.names : { en: code.id }, i(5))}${i(4)}</str:Code>\n`;
		out += `${i(3)}</str:Codelist>\n`;
	}
	out += `${i(2)}</str:Codelists>\n${i(2)}<str:ConceptSchemes>\n${i(3)}<str:ConceptScheme urn="${ref('conceptscheme.ConceptScheme', CONCEPTS)}" agencyID="${SDMX.agency}" id="${CONCEPTS}" version="${SDMX.version}">\n${names({ en: 'Concepts of the human rights city indicators' }, i(4))}`;
	for (const concept of concepts) out += `${i(4)}<str:Concept urn="${conceptRef(concept.id)}" id="${concept.id}">\n${names(concept.names, i(5))}${i(4)}</str:Concept>\n`;
	out += `${i(3)}</str:ConceptScheme>\n${i(2)}</str:ConceptSchemes>\n`;
	const dsd = ref('datastructure.DataStructure', SDMX.dataStructure);
	out += `${i(2)}<str:Dataflows>\n${i(3)}<str:Dataflow urn="${ref('datastructure.Dataflow', SDMX.dataflow)}" agencyID="${SDMX.agency}" id="${SDMX.dataflow}" version="${SDMX.version}">\n${names({ en: 'Human rights city indicators' }, i(4))}${i(4)}<str:Structure>${dsd}</str:Structure>\n${i(3)}</str:Dataflow>\n${i(2)}</str:Dataflows>\n`;
	out += `${i(2)}<str:DataStructures>\n${i(3)}<str:DataStructure urn="${dsd}" agencyID="${SDMX.agency}" id="${SDMX.dataStructure}" version="${SDMX.version}">\n${names({ en: 'Human rights city indicators' }, i(4))}${i(4)}<str:DataStructureComponents>\n${i(5)}<str:DimensionList id="DimensionDescriptor">\n`;
	const text = (type: string) => `<str:TextFormat textType="${type}"/>`;
	const enumeration = (id: string) => `<str:Enumeration>${codelistRef(id)}</str:Enumeration>`;
	const dimensions: [string, string][] = [
		['REF_AREA', text('String')],
		['INDICATOR', enumeration('CL_INDICATOR')],
		...plan.columns.map((id): [string, string] => [id, enumeration(`CL_${id}`)]),
		...(plan.series ? [['SERIES', text('String')] as [string, string]] : []),
		...(plan.units ? [['UNITS', text('String')] as [string, string]] : [])
	];
	dimensions.forEach(([id, format], index) => {
		out += `${i(6)}<str:Dimension id="${id}" position="${index + 1}">\n${i(7)}<str:ConceptIdentity>${conceptRef(id)}</str:ConceptIdentity>\n${representation(format, i(7))}${i(6)}</str:Dimension>\n`;
	});
	out += `${i(6)}<str:TimeDimension id="TIME_PERIOD">\n${i(7)}<str:ConceptIdentity>${conceptRef('TIME_PERIOD')}</str:ConceptIdentity>\n${representation(text('ObservationalTimePeriod'), i(7))}${i(6)}</str:TimeDimension>\n${i(5)}</str:DimensionList>\n`;
	out += `${i(5)}<str:AttributeList id="AttributeDescriptor">\n`;
	for (const [id, format] of [
		['UNIT_MEASURE', text('String')],
		['OBS_STATUS', enumeration('CL_OBS_STATUS')]
	]) {
		out += `${i(6)}<str:Attribute id="${id}" usage="optional">\n${i(7)}<str:ConceptIdentity>${conceptRef(id!)}</str:ConceptIdentity>\n${representation(format!, i(7))}${i(7)}<str:AttributeRelationship>\n${i(8)}<str:Observation/>\n${i(7)}</str:AttributeRelationship>\n${i(6)}</str:Attribute>\n`;
	}
	out += `${i(5)}</str:AttributeList>\n${i(5)}<str:MeasureList id="MeasureDescriptor">\n${i(6)}<str:Measure id="OBS_VALUE" usage="optional">\n${i(7)}<str:ConceptIdentity>${conceptRef('OBS_VALUE')}</str:ConceptIdentity>\n${representation(text('Double'), i(7))}${i(6)}</str:Measure>\n${i(5)}</str:MeasureList>\n`;
	out += `${i(4)}</str:DataStructureComponents>\n${i(3)}</str:DataStructure>\n${i(2)}</str:DataStructures>\n${i(1)}</mes:Structures>\n</mes:Structure>\n`;
	return out;
}
