/**
 * Demo content of the network module. EVERYTHING HERE IS DEMO DATA for trying out Rights City:
 * who is a member, the requests, pairings, threads, events, budgets, contacts and results are
 * invented for illustration. The good practices are short summaries of practices that cities
 * have made public (each says "Demo summary of a public practice" and names its source area),
 * except those marked "Demo practice (invented)". Population figures are rounded orders of
 * magnitude for the pairing suggestions, not statistics. No text quotes a city.
 *
 * Sources of the summarised practices (public, general knowledge about these cities):
 * Gwangju's human rights ombudsperson and the World Human Rights Cities Forum (since 2011);
 * Graz's Human Rights Council and its yearly human rights report; Vienna's human rights office
 * (2015); York's yearly human rights indicator report by the York Human Rights City Network;
 * Barcelona's Office for Non-Discrimination (1998) and its anti-rumour strategy (2010); the
 * Mexico City Charter for the Right to the City (2010); Bogotá's Casas de Igualdad de
 * Oportunidades para las Mujeres; the Montréal Charter of Rights and Responsibilities (2006) and
 * the Ombudsman de Montréal; Porto Alegre's participatory budget (1989); Utrecht's shelter for
 * people without a residence permit ("Bed, Bad, Brood").
 *
 * Dates are days from the day of seeding, so the forum is always ahead and pairings under way.
 */
import type { PopulationGroup } from '../commitments/index.ts';
import type { EventKind, EventMode, Layer } from './network.tables.ts';
import type { TOPICS } from './network.schema.ts';

type Text = Record<string, string>;

export interface DemoMember {
	slug: string;
	level: 'member' | 'guest';
	/** Days before the seed day that the membership started. */
	since: number;
	languages: string[];
	population: number;
}

/** Members and guests among the demo cities (the registry's cities not listed here are not members). */
export const DEMO_MEMBERS: DemoMember[] = [
	{ slug: 'gwangju', level: 'member', since: 2200, languages: ['ko', 'en'], population: 1_400_000 },
	{ slug: 'graz', level: 'member', since: 2150, languages: ['de', 'en'], population: 300_000 },
	{ slug: 'vienna', level: 'member', since: 2000, languages: ['de', 'en'], population: 2_000_000 },
	{ slug: 'york', level: 'member', since: 1900, languages: ['en'], population: 200_000 },
	{ slug: 'barcelona', level: 'member', since: 2100, languages: ['ca', 'es', 'en'], population: 1_600_000 },
	{ slug: 'utrecht', level: 'member', since: 1950, languages: ['nl', 'en'], population: 370_000 },
	{ slug: 'lund', level: 'member', since: 1500, languages: ['sv', 'en'], population: 130_000 },
	{ slug: 'pitea', level: 'member', since: 700, languages: ['sv', 'en'], population: 42_000 },
	{ slug: 'bergen', level: 'member', since: 1400, languages: ['no', 'en'], population: 290_000 },
	{ slug: 'rosario', level: 'member', since: 2100, languages: ['es'], population: 1_300_000 },
	{ slug: 'saint-denis', level: 'member', since: 2050, languages: ['fr'], population: 115_000 },
	{ slug: 'salzburg', level: 'member', since: 1800, languages: ['de', 'en'], population: 155_000 },
	{ slug: 'montreal', level: 'member', since: 1700, languages: ['fr', 'en'], population: 1_800_000 },
	{ slug: 'mexico-city', level: 'member', since: 1650, languages: ['es', 'en'], population: 9_000_000 },
	{ slug: 'bogota', level: 'member', since: 1600, languages: ['es'], population: 7_900_000 },
	{ slug: 'porto-alegre', level: 'member', since: 1550, languages: ['pt', 'es'], population: 1_300_000 },
	{ slug: 'seattle', level: 'member', since: 1300, languages: ['en'], population: 750_000 },
	{ slug: 'nuremberg', level: 'member', since: 1350, languages: ['de', 'en'], population: 520_000 },
	{ slug: 'middelburg', level: 'member', since: 600, languages: ['nl'], population: 49_000 },
	{ slug: 'bandung', level: 'member', since: 400, languages: ['id', 'en'], population: 2_500_000 },
	{ slug: 'aryanah', level: 'guest', since: 300, languages: ['ar', 'fr'], population: 115_000 },
	{ slug: 'korogocho', level: 'guest', since: 900, languages: ['sw', 'en'], population: 150_000 },
	{ slug: 'thies', level: 'guest', since: 800, languages: ['fr', 'wo'], population: 320_000 },
	{ slug: 'nagpur', level: 'guest', since: 850, languages: ['hi', 'mr', 'en'], population: 2_400_000 },
	{ slug: 'eugene', level: 'guest', since: 500, languages: ['en'], population: 177_000 }
];

/** Requests waiting for the network admin's decision. */
export const DEMO_PENDING = {
	city: {
		slug: 'chicago',
		level: 'guest' as const,
		process: 'informal' as const,
		declaration: 'Demo request. A city council resolution supporting the Convention on the Rights of the Child; not a human rights city declaration.',
		motivation: 'Demo request: we would like to learn from member cities how to turn an issue-specific resolution into a wider human rights approach.',
		languages: ['en', 'es'],
		population: 2_700_000
	},
	organisation: {
		orgName: 'Raoul Wallenberg Institute of Human Rights and Humanitarian Law',
		orgKind: 'university' as const,
		countryCode: 'SE',
		website: 'https://rwi.lu.se',
		declaration: 'Demo request. A research and academic institute working on human rights, with experience of supporting local governments.',
		motivation: 'Demo request: to share research and training with member cities as an associate member.',
		languages: ['en', 'sv']
	}
};

/** Associate members (accepted in the demo). */
export const DEMO_ASSOCIATES = [
	{
		orgName: 'Centre for Applied Human Rights, University of York',
		orgKind: 'university' as const,
		countryCode: 'GB',
		website: 'https://www.york.ac.uk/cahr/',
		declaration: 'Demo membership. An academic centre that worked with civil society and the council in York’s human rights city campaign.',
		languages: ['en']
	},
	{
		orgName: 'European Training and Research Centre for Human Rights and Democracy (ETC Graz)',
		orgKind: 'cso' as const,
		countryCode: 'AT',
		website: 'https://www.etc-graz.at',
		declaration: 'Demo membership. The centre that supported Graz in becoming the first human rights city in Europe.',
		languages: ['de', 'en']
	}
];

export interface DemoPractice {
	city: string;
	key: string;
	layer?: 'public' | 'practitioners';
	originalLocale: string;
	title: Text;
	summary: Text;
	body?: Text;
	results?: Text;
	budget?: { amount: number; currency: string };
	startedYear?: number;
	groups?: PopulationGroup[];
	tags: string[];
	contact?: { name: string; role: string; email: string };
	practitionerNotes?: Text;
	links?: { type: 'commitment' | 'action' | 'indicator' | 'url'; target: string; label: string }[];
}

const contact = (city: string) => ({ name: 'Human rights office (demo contact)', role: 'Demo contact, not a real person', email: `network-demo+${city}@example.org` });

export const DEMO_PRACTICES: DemoPractice[] = [
	{
		city: 'gwangju',
		key: 'ombudsperson',
		originalLocale: 'ko',
		title: { ko: '인권옴부즈맨: 시정으로 인한 인권침해 구제', en: 'Human rights ombudsperson for complaints about the city', ar: 'أمين المظالم لحقوق الإنسان لشكاوى السكان من البلدية' },
		summary: {
			ko: '공개된 사례의 시연용 요약. 시와 산하기관의 행정으로 인권을 침해당했다고 느끼는 시민이 독립적인 인권옴부즈맨에게 진정하고, 옴부즈맨은 조사 후 시정을 권고합니다.',
			en: 'Demo summary of a public practice. Residents who feel their rights were harmed by the city or its agencies complain to an independent human rights ombudsperson, who investigates and recommends remedies.',
			ar: 'ملخص تجريبي لممارسة منشورة. يتقدم السكان الذين يرون أن البلدية أو هيئاتها انتهكت حقوقهم بشكوى إلى أمين مظالم مستقل لحقوق الإنسان، فيحقق فيها ويوصي بسبل الانتصاف.'
		},
		body: {
			ko: '옴부즈맨은 시장에게서 독립적으로 활동하며, 진정 접수, 직권조사, 정책 개선 권고를 맡습니다. 권고와 이행 결과는 해마다 공개합니다.',
			en: 'The ombudsperson acts independently of the mayor: receives complaints, opens inquiries on its own initiative and recommends policy changes. Recommendations and how they were followed are published each year.',
			ar: 'يعمل أمين المظالم باستقلال عن رئيس البلدية: يتلقى الشكاوى ويفتح تحقيقات من تلقاء نفسه ويوصي بتغيير السياسات. وتُنشر التوصيات ومدى تنفيذها كل عام.'
		},
		results: { en: 'Demo: recommendations are followed up in the city’s yearly human rights report.', ko: '시연용: 권고 이행 여부를 시의 연례 인권보고서에서 점검합니다.' },
		startedYear: 2013,
		groups: ['everyone'],
		tags: ['udhr:7', 'udhr:8', 'gwangju:8', 'sdg:16.6'],
		contact: contact('gwangju'),
		practitionerNotes: { en: 'Demo note for practitioners: independence was secured by a fixed term and a separate budget line; early complaints were mostly about welfare services.' }
	},
	{
		city: 'gwangju',
		key: 'forum',
		originalLocale: 'ko',
		title: { ko: '세계인권도시포럼', en: 'World Human Rights Cities Forum' },
		summary: {
			ko: '공개된 사례의 시연용 요약. 광주는 2011년부터 해마다 세계인권도시포럼을 열어 전 세계 인권도시의 공무원, 시민사회, 연구자가 경험을 나누게 합니다.',
			en: 'Demo summary of a public practice. Since 2011 Gwangju has held the World Human Rights Cities Forum every year, where officials, civil society and researchers from human rights cities worldwide share experience.'
		},
		body: { ko: '포럼에서 인권도시 가이드라인(광주 원칙, 2014)이 채택되었고, 도시 간 교류와 짝맺기의 출발점이 됩니다.', en: 'The Gwangju Guiding Principles for a Human Rights City were adopted at the forum in 2014; the forum is where many city-to-city exchanges and pairings begin.' },
		startedYear: 2011,
		groups: ['everyone'],
		tags: ['udhr:27', 'gwangju:6', 'sdg:17.17']
	},
	{
		city: 'graz',
		key: 'council',
		originalLocale: 'en',
		title: { en: 'Human Rights Council and a yearly human rights report', es: 'Consejo de Derechos Humanos e informe anual' },
		summary: {
			en: 'Demo summary of a public practice. An advisory human rights council of civil society, academics and city representatives assesses the human rights situation in the city every year and publishes a report with recommendations.',
			es: 'Resumen de demostración de una práctica pública. Un consejo asesor de derechos humanos, formado por sociedad civil, academia y representantes municipales, evalúa cada año la situación de los derechos humanos en la ciudad y publica un informe con recomendaciones.'
		},
		body: {
			en: 'The report follows the rights of the city’s declaration and looks at housing, discrimination, participation and public space. Departments answer the recommendations in the following year’s report.',
			es: 'El informe sigue los derechos de la declaración de la ciudad y examina la vivienda, la discriminación, la participación y el espacio público. Los departamentos responden a las recomendaciones en el informe del año siguiente.'
		},
		startedYear: 2007,
		groups: ['everyone'],
		tags: ['udhr:21', 'gwangju:4', 'sdg:16.7'],
		contact: contact('graz')
	},
	{
		city: 'vienna',
		key: 'office',
		originalLocale: 'en',
		title: { en: 'A municipal human rights office', fr: 'Un bureau municipal des droits humains' },
		summary: {
			en: 'Demo summary of a public practice. After declaring itself a human rights city in 2014, Vienna set up a human rights office that coordinates the city’s work, trains staff and is a contact point for residents.',
			fr: 'Résumé de démonstration d’une pratique publique. Après s’être déclarée ville des droits humains en 2014, Vienne a créé un bureau des droits humains qui coordonne l’action de la ville, forme le personnel et accueille les habitants.'
		},
		startedYear: 2015,
		groups: ['everyone'],
		tags: ['udhr:2', 'gwangju:6', 'gwangju:7', 'sdg:16.a']
	},
	{
		city: 'york',
		key: 'indicators',
		originalLocale: 'en',
		title: { en: 'A yearly human rights indicator report', sv: 'En årlig indikatorrapport om mänskliga rättigheter' },
		summary: {
			en: 'Demo summary of a public practice. Every year since 2017 the York Human Rights City Network publishes an indicator report on the rights residents chose as priorities, so progress and setbacks are visible to everyone.',
			sv: 'Demosammanfattning av en offentlig praktik. Varje år sedan 2017 publicerar York Human Rights City Network en indikatorrapport om de rättigheter som invånarna valt som prioriteringar, så att framsteg och bakslag syns för alla.'
		},
		body: {
			en: 'Residents chose the priority rights in a consultation: non-discrimination, education, housing, health and social care, and a decent standard of living. Each right has a few indicators drawn from public statistics, with a traffic-light judgement and recommendations.',
			sv: 'Invånarna valde de prioriterade rättigheterna i en konsultation: icke-diskriminering, utbildning, bostad, hälsa och omsorg samt skälig levnadsstandard. Varje rättighet har några indikatorer ur offentlig statistik, med en bedömning i trafikljusfärger och rekommendationer.'
		},
		results: { en: 'Demo: the council’s human rights action plan now refers to the report’s indicators; see the linked commitments and indicators.' },
		startedYear: 2017,
		groups: ['everyone', 'low_income', 'persons_with_disabilities'],
		tags: ['udhr:25', 'udhr:26', 'udhr:2', 'gwangju:4', 'sdg:16.7'],
		contact: contact('york'),
		links: [
			{ type: 'commitment', target: 'C-1', label: 'Adequate housing for everyone in York' },
			{ type: 'commitment', target: 'C-3', label: 'Residents take part in decisions' },
			{ type: 'indicator', target: 'housing.temporary-accommodation', label: 'Households in temporary accommodation' }
		]
	},
	{
		city: 'york',
		key: 'lessons',
		layer: 'practitioners',
		originalLocale: 'en',
		title: { en: 'What we learned from five years of indicator reports (for practitioners)' },
		summary: { en: 'Demo practice (invented). Practitioners only: how council departments reacted to red ratings, and how we keep the report independent while depending on council data.' },
		body: { en: 'Demo practice (invented). Agree the data sources with departments before the rating season; publish the method; keep a log of every data request.' },
		startedYear: 2022,
		groups: ['everyone'],
		tags: ['udhr:19', 'gwangju:8', 'sdg:16.10'],
		contact: contact('york')
	},
	{
		city: 'barcelona',
		key: 'antirumours',
		originalLocale: 'es',
		title: { es: 'Estrategia Antirrumores', en: 'Anti-rumour strategy', ko: '반(反)루머 전략' },
		summary: {
			es: 'Resumen de demostración de una práctica pública. Desde 2010 una red de entidades y «agentes antirrumores» formados desmonta prejuicios y rumores sobre la población migrante en barrios, escuelas y comercios.',
			en: 'Demo summary of a public practice. Since 2010 a network of organisations and trained “anti-rumour agents” has challenged prejudice and rumours about migrants in neighbourhoods, schools and shops.',
			ko: '공개된 사례의 시연용 요약. 2010년부터 단체들의 네트워크와 교육받은 “반루머 요원”들이 동네, 학교, 상점에서 이주민에 대한 편견과 소문을 바로잡고 있습니다.'
		},
		body: {
			es: 'La estrategia combina formación, materiales con datos y campañas creativas. Las entidades adheridas organizan sus propias actividades; el Ayuntamiento coordina y evalúa.',
			en: 'The strategy combines training, materials with facts and creative campaigns. Member organisations run their own activities; the city coordinates and evaluates.'
		},
		startedYear: 2010,
		groups: ['migrants_refugees', 'ethnic_minorities'],
		tags: ['udhr:2', 'udhr:7', 'gwangju:3', 'sdg:10.2', 'sdg:16.b']
	},
	{
		city: 'barcelona',
		key: 'ond',
		originalLocale: 'es',
		title: { es: 'Oficina para la No Discriminación', en: 'Office for Non-Discrimination' },
		summary: {
			es: 'Resumen de demostración de una práctica pública. Desde 1998 una oficina municipal atiende a las personas que sufren discriminación, les informa de sus derechos y les acompaña en la denuncia.',
			en: 'Demo summary of a public practice. Since 1998 a municipal office has helped people who face discrimination, informing them of their rights and supporting their complaints.'
		},
		body: { es: 'La oficina ofrece asesoramiento jurídico gratuito y mediación, y publica cada año los casos atendidos por motivo de discriminación.' },
		startedYear: 1998,
		groups: ['women', 'lgbtqi', 'migrants_refugees', 'persons_with_disabilities'],
		tags: ['udhr:7', 'udhr:8', 'gwangju:2', 'sdg:10.3', 'sdg:16.b'],
		budget: { amount: 450_000, currency: 'EUR' }
	},
	{
		city: 'mexico-city',
		key: 'charter',
		originalLocale: 'es',
		title: { es: 'Carta de la Ciudad de México por el Derecho a la Ciudad', en: 'Mexico City Charter for the Right to the City' },
		summary: {
			es: 'Resumen de demostración de una práctica pública. En 2010 movimientos sociales y el gobierno de la ciudad firmaron una carta que reconoce el derecho a la ciudad: vivienda, espacio público, participación y gestión democrática.',
			en: 'Demo summary of a public practice. In 2010 social movements and the city government signed a charter recognising the right to the city: housing, public space, participation and democratic management.'
		},
		body: { es: 'La carta se elaboró en un proceso participativo con organizaciones urbanas populares y sirve de referencia para evaluar políticas de vivienda y uso del suelo.' },
		startedYear: 2010,
		groups: ['low_income', 'everyone'],
		tags: ['udhr:25', 'udhr:21', 'gwangju:1', 'sdg:11.1', 'sdg:11.3']
	},
	{
		city: 'bogota',
		key: 'casas',
		originalLocale: 'es',
		title: { es: 'Casas de Igualdad de Oportunidades para las Mujeres', en: 'Houses of Equal Opportunities for Women' },
		summary: {
			es: 'Resumen de demostración de una práctica pública. En cada localidad una casa municipal ofrece a las mujeres orientación jurídica y psicosocial, formación y espacios de participación.',
			en: 'Demo summary of a public practice. In each district a municipal house offers women legal and psychosocial advice, training and spaces to take part in local decisions.'
		},
		startedYear: 2008,
		groups: ['women'],
		tags: ['udhr:2', 'udhr:3', 'sdg:5.1', 'sdg:5.2', 'gwangju:2']
	},
	{
		city: 'montreal',
		key: 'charter',
		originalLocale: 'fr',
		title: { fr: 'Charte montréalaise des droits et responsabilités et recours à l’Ombudsman', en: 'Montréal Charter of Rights and Responsibilities with recourse to the Ombudsman' },
		summary: {
			fr: 'Résumé de démonstration d’une pratique publique. Depuis 2006 une charte municipale énonce les droits des Montréalaises et Montréalais et les engagements de la ville; l’Ombudsman de Montréal peut être saisi lorsqu’un engagement n’est pas respecté.',
			en: 'Demo summary of a public practice. Since 2006 a municipal charter sets out residents’ rights and the city’s commitments; residents can turn to the Ombudsman de Montréal when a commitment is not respected.'
		},
		body: { fr: 'La charte couvre la démocratie, la vie économique et sociale, la culture, les loisirs, l’environnement, la sécurité et les services municipaux. L’Ombudsman enquête et formule des recommandations publiques.' },
		startedYear: 2006,
		groups: ['everyone'],
		tags: ['udhr:8', 'udhr:21', 'gwangju:4', 'sdg:16.6', 'sdg:16.7']
	},
	{
		city: 'porto-alegre',
		key: 'budget',
		originalLocale: 'es',
		title: { es: 'Presupuesto participativo', en: 'Participatory budgeting' },
		summary: {
			es: 'Resumen de demostración de una práctica pública. Desde 1989 las y los habitantes deciden en asambleas de barrio y temáticas las prioridades de inversión del presupuesto municipal.',
			en: 'Demo summary of a public practice. Since 1989 residents have decided the investment priorities of the city budget in neighbourhood and thematic assemblies.'
		},
		startedYear: 1989,
		groups: ['low_income', 'everyone'],
		tags: ['udhr:21', 'gwangju:4', 'sdg:16.7', 'sdg:11.3']
	},
	{
		city: 'utrecht',
		key: 'shelter',
		originalLocale: 'en',
		title: { en: 'Shelter for people without a residence permit (“Bed, Bath, Bread”)', fr: 'Hébergement des personnes sans titre de séjour' },
		summary: {
			en: 'Demo summary of a public practice. The city offers night shelter, food and support to people without a residence permit, arguing from the right to an adequate standard of living.',
			fr: 'Résumé de démonstration d’une pratique publique. La ville offre un hébergement de nuit, des repas et un accompagnement aux personnes sans titre de séjour, au nom du droit à un niveau de vie suffisant.'
		},
		startedYear: 2012,
		groups: ['migrants_refugees', 'homeless_persons'],
		tags: ['udhr:25', 'gwangju:1', 'sdg:1.3', 'sdg:11.1']
	},
	{
		city: 'lund',
		key: 'training',
		originalLocale: 'sv',
		title: { sv: 'Utbildning i mänskliga rättigheter för alla chefer', en: 'Human rights training for every manager' },
		summary: {
			sv: 'Demopraktik (påhittad). Alla chefer i kommunen går en utbildning om mänskliga rättigheter och hur rättighetsperspektivet används i budget, upphandling och bemötande.',
			en: 'Demo practice (invented). Every manager in the municipality takes a course on human rights and how a rights-based approach is used in budgets, procurement and service.'
		},
		body: { sv: 'Utbildningen tas fram tillsammans med forskare och följs upp med en enkät efter ett år. Deltagarna tar med sig ett eget ärende att pröva mot rättigheterna.' },
		budget: { amount: 600_000, currency: 'SEK' },
		startedYear: 2019,
		groups: ['everyone'],
		tags: ['udhr:26', 'gwangju:7', 'gwangju:9', 'sdg:4.7']
	},
	{
		city: 'pitea',
		key: 'child-budget',
		originalLocale: 'sv',
		title: { sv: 'Barnrättsprövning av budgetbeslut', en: 'Child rights check of budget decisions' },
		summary: {
			sv: 'Demopraktik (påhittad). Varje större budgetbeslut prövas mot barnkonventionen: hur påverkas barn och unga, och har de själva fått säga sitt?',
			en: 'Demo practice (invented). Every major budget decision is checked against the Convention on the Rights of the Child: how are children and young people affected, and were they heard?'
		},
		startedYear: 2021,
		groups: ['children', 'youth'],
		tags: ['udhr:25', 'udhr:26', 'sdg:16.7', 'gwangju:7']
	},
	{
		city: 'aryanah',
		key: 'youth',
		originalLocale: 'ar',
		title: { ar: 'مجلس محلي للشباب', fr: 'Un conseil local des jeunes' },
		summary: {
			ar: 'ممارسة تجريبية (مُختلَقة). ينتخب شباب المدينة مجلساً محلياً يقدّم آراءه في مشاريع البلدية المتعلقة بالتعليم والثقافة والفضاءات العامة.',
			fr: 'Pratique de démonstration (inventée). Les jeunes de la ville élisent un conseil local qui donne son avis sur les projets municipaux d’éducation, de culture et d’espaces publics.'
		},
		body: { ar: 'يجتمع المجلس كل شهر، وتلتزم البلدية بالرد كتابياً على توصياته خلال ثلاثة أشهر، مع نشر الردود للعموم.' },
		startedYear: 2023,
		groups: ['youth'],
		tags: ['udhr:20', 'udhr:21', 'gwangju:4', 'sdg:16.7']
	}
];

export const DEMO_PAIRINGS = [
	{
		mentee: 'pitea',
		mentor: 'lund',
		status: 'active' as const,
		startedDaysAgo: 200,
		endsInDays: 165,
		message: 'Demo pairing. Piteå asks Lund, the first Swedish human rights city, to share how it organised its human rights work.',
		goals: [
			{ text: 'Demo goal: set up a human rights council with residents’ organisations', status: 'achieved' as const },
			{ text: 'Demo goal: train all managers in a rights-based approach', status: 'open' as const },
			{ text: 'Demo goal: publish a first human rights indicator report', status: 'open' as const }
		],
		meetings: [
			{ daysAgo: 180, mode: 'online' as const, summary: 'Demo meeting: getting to know each other; Lund presented its organisation.', notes: 'Demo notes for the participants: share the training material before the next meeting.' },
			{ daysAgo: 60, mode: 'in_person' as const, summary: 'Demo meeting in Lund: visit to the human rights council and the training team.', notes: 'Demo notes: Piteå will draft its indicator list by the next meeting.' }
		],
		note: 'Demo note: the council statutes from Lund were a useful model; adapt the number of seats to a smaller municipality.'
	},
	{
		mentee: 'bandung',
		mentor: 'gwangju',
		status: 'active' as const,
		startedDaysAgo: 90,
		endsInDays: 640,
		message: 'Demo pairing. Bandung asks Gwangju to share its experience with a human rights ombudsperson and a human rights charter.',
		goals: [
			{ text: 'Demo goal: draft a local human rights charter with civil society', status: 'open' as const },
			{ text: 'Demo goal: study the ombudsperson model for a complaints office', status: 'open' as const }
		],
		meetings: [{ daysAgo: 30, mode: 'online' as const, summary: 'Demo meeting: the ombudsperson model and its independence.', notes: '' }],
		note: ''
	},
	{
		mentee: 'middelburg',
		mentor: 'utrecht',
		status: 'ended' as const,
		startedDaysAgo: 560,
		endsInDays: -100,
		message: 'Demo pairing. Middelburg asks Utrecht for advice on a local human rights coalition.',
		goals: [{ text: 'Demo goal: a local coalition of organisations meets four times a year', status: 'achieved' as const }],
		meetings: [{ daysAgo: 400, mode: 'in_person' as const, summary: 'Demo meeting in Utrecht with the city’s human rights coalition.', notes: '' }],
		note: ''
	},
	{ mentee: 'eugene', mentor: 'seattle', status: 'proposed' as const, startedDaysAgo: 0, endsInDays: 365, message: 'Demo request. Eugene would like to learn from Seattle’s human rights commission.', goals: [], meetings: [], note: '' }
];

export interface DemoThread {
	topic: (typeof TOPICS)[number];
	layer: 'public' | 'practitioners';
	title: string;
	lang: string;
	/** [city slug of the author (a city admin in the demo), text]. */
	posts: [string, string][];
	pairing?: { mentee: string; mentor: string };
	practice?: { city: string; key: string };
}

export const DEMO_THREADS: DemoThread[] = [
	{
		topic: 'monitoring',
		layer: 'public',
		title: 'Which indicators do you report on every year?',
		lang: 'en',
		posts: [
			['york', 'Demo post. We report on five priority rights with two or three indicators each. How many do you publish, and who rates them?'],
			['graz', 'Demo post. Our human rights council rates about twenty areas in its yearly report; departments answer in the next report.'],
			['gwangju', 'Demo post. We combine an index of city services with residents’ survey results; happy to share the questionnaire.']
		]
	},
	{
		topic: 'housing',
		layer: 'practitioners',
		title: 'Shelter in winter for people without papers: how do you fund it?',
		lang: 'en',
		posts: [
			['utrecht', 'Demo post for practitioners. We fund night shelter from the social budget and argue from the right to an adequate standard of living. Who else does this, and with which legal basis?'],
			['vienna', 'Demo post for practitioners. Our winter package is run with NGOs; the contracts are public. I can send our template.']
		]
	},
	{
		topic: 'participation',
		layer: 'practitioners',
		title: 'Pairing Piteå–Lund: council statutes',
		lang: 'en',
		pairing: { mentee: 'pitea', mentor: 'lund' },
		posts: [
			['lund', 'Demo post in the pairing. Here are our council statutes; sections 3 and 4 are the ones that changed most.'],
			['pitea', 'Demo post in the pairing. Thank you. We will bring a draft to our next meeting.']
		]
	},
	{
		topic: 'equality',
		layer: 'public',
		title: 'Anti-rumour agents: how to start small?',
		lang: 'en',
		practice: { city: 'barcelona', key: 'antirumours' },
		posts: [
			['lund', 'Demo post. We would like to try the anti-rumour approach in two schools first. What did the first training include?'],
			['barcelona', 'Demo post. A short course on facts and myths, and practice in conversations. Start with people who already have trust in the neighbourhood.']
		]
	}
];

export interface DemoEvent {
	kind: EventKind;
	audience: Layer;
	title: Text;
	description: Text;
	/** Days from the seed day to the first day. */
	inDays: number;
	startTime: string;
	/** Days from the first to the last day. */
	days: number;
	endTime: string;
	timeZone: string;
	mode: EventMode;
	place: string;
	onlineUrl: string | null;
	languages: string[];
	capacity: number;
	/** The host city's slug. */
	host: string;
	materials?: { title: string; url: string }[];
}

export const DEMO_EVENTS: DemoEvent[] = [
	{
		kind: 'forum' as const,
		audience: 'public' as const,
		title: { en: 'World Human Rights Cities Forum (demo)', ko: '세계인권도시포럼 (시연용)', es: 'Foro Mundial de Ciudades por los Derechos Humanos (demostración)', fr: 'Forum mondial des villes des droits humains (démo)', sv: 'World Human Rights Cities Forum (demo)', ar: 'المنتدى العالمي لمدن حقوق الإنسان (تجريبي)' },
		description: {
			en: 'Demo event. The yearly forum in Gwangju where human rights cities meet; dates, programme and registration here are invented for the demo.',
			ko: '시연용 행사. 인권도시들이 만나는 광주의 연례 포럼입니다. 여기의 일정, 프로그램, 등록은 시연을 위해 만든 것입니다.'
		},
		inDays: 60,
		startTime: '09:30',
		days: 3,
		endTime: '18:00',
		timeZone: 'Asia/Seoul',
		mode: 'hybrid' as const,
		place: 'Kim Dae-jung Convention Center, Gwangju (demo)',
		onlineUrl: 'https://example.org/demo/whrcf-stream',
		languages: ['ko', 'en', 'es', 'fr', 'ar'],
		capacity: 400,
		host: 'gwangju'
	},
	{
		kind: 'webinar' as const,
		audience: 'practitioners' as const,
		title: { en: 'Webinar: writing a human rights indicator report (demo)', sv: 'Webbinarium: att skriva en indikatorrapport (demo)' },
		description: { en: 'Demo event for practitioners. York and Graz present how they prepare their yearly reports.' },
		inDays: 14,
		startTime: '14:00',
		days: 0,
		endTime: '15:30',
		timeZone: 'Europe/London',
		mode: 'online' as const,
		place: '',
		onlineUrl: 'https://example.org/demo/webinar-indicators',
		languages: ['en'],
		capacity: 2,
		host: 'york'
	},
	{
		kind: 'workshop' as const,
		audience: 'public' as const,
		title: { en: 'Workshop: anti-rumour strategies (demo)', es: 'Taller: estrategias antirrumores (demostración)' },
		description: { en: 'Demo event (past). Barcelona shared its anti-rumour strategy with cities starting out.' },
		inDays: -30,
		startTime: '10:00',
		days: 0,
		endTime: '13:00',
		timeZone: 'Europe/Madrid',
		mode: 'in_person' as const,
		place: 'Barcelona (demo)',
		onlineUrl: null,
		languages: ['es', 'en'],
		capacity: 40,
		host: 'barcelona',
		materials: [{ title: 'Slides of the workshop (demo link)', url: 'https://example.org/demo/antirumours-slides' }]
	}
];
