/**
 * Demo content of the commitments module for York and Gwangju: a declaration, departments and an
 * action plan 2025–2028 each, so the public pages show real structure out of the box. Everything
 * here is DEMO DATA: the plans, actions, budgets and updates are invented for illustration and are
 * marked as such; only the dated facts in the declarations' summaries come from public sources
 * (York declared itself a human rights city on 24 April 2017 after a campaign led by civil
 * society with City of York Council; Gwangju adopted its Human Rights Charter in 2012). No text
 * here quotes either city.
 *
 * Dates are fixed (`YYYY-MM-DD`) or days from the day of seeding (a number), so some actions are
 * always overdue and some milestones always late, whenever the demo is loaded.
 */
import type { ActionStatus, AdoptedBy } from './commitments.tables.ts';

type Text = Record<string, string>;
export type DemoDate = string | number;

export interface DemoUpdate {
	on: number;
	text: Text;
	status: ActionStatus;
	progress: number;
	reason?: Text;
	links?: { url: string; label: string }[];
}

export interface DemoAction {
	key: string;
	parent?: string;
	/** Index into the plan's commitments. */
	commitment: number;
	title: Text;
	description?: Text;
	departments: string[];
	budget?: number;
	start?: DemoDate;
	due?: DemoDate;
	/** The state before its updates (or its only state when it has none). */
	status?: ActionStatus;
	progress?: number;
	reason?: Text;
	weight?: number;
	milestones?: { title: Text; due: DemoDate; done?: DemoDate }[];
	updates?: DemoUpdate[];
}

export interface DemoCommitment {
	title: Text;
	description: Text;
	duty: 'duty:respect' | 'duty:protect' | 'duty:fulfil';
	groups: string[];
	tags: string[];
}

export interface DemoCityPlan {
	slug: string;
	currency: string;
	declaration: { title: Text; adoptedOn: string | null; adoptedBy: AdoptedBy; process: 'formal' | 'informal'; instruments: string[]; fullText: Text };
	departments: [string, Text][];
	plan: Text;
	commitments: DemoCommitment[];
	actions: DemoAction[];
}

const link = (city: string, page: string, label: string) => ({ url: `https://example.org/demo/${city}/${page}`, label });

export const YORK: DemoCityPlan = {
	slug: 'york',
	currency: 'GBP',
	declaration: {
		title: { en: 'York Human Rights City declaration (2017)', es: 'Declaración de York como ciudad de derechos humanos (2017)', ko: '요크 인권도시 선언 (2017)' },
		adoptedOn: '2017-04-24',
		adoptedBy: 'mayor',
		process: 'formal',
		instruments: ['udhr'],
		fullText: {
			en: 'Demo summary, not the text of the declaration. York declared itself a human rights city on 24 April 2017, after a campaign led by civil society (the York Human Rights City Network, with the University of York’s Centre for Applied Human Rights) together with City of York Council. Read the declaration itself at its source.',
			es: 'Resumen de demostración, no el texto de la declaración. York se declaró ciudad de derechos humanos el 24 de abril de 2017, tras una campaña impulsada por la sociedad civil junto con el Ayuntamiento de York. Consulte la declaración en su fuente.',
			ko: '시연용 요약이며 선언문 원문이 아닙니다. 요크는 시민사회가 이끈 캠페인과 요크 시의회의 참여를 거쳐 2017년 4월 24일 인권도시를 선언했습니다. 선언문은 원문 출처에서 확인하세요.'
		}
	},
	departments: [
		['housing', { en: 'Housing', es: 'Vivienda', ko: '주택' }],
		['equality', { en: 'Equality and inclusion', es: 'Igualdad e inclusión', ko: '평등·포용' }],
		['participation', { en: 'Communities and participation', es: 'Comunidades y participación', ko: '지역공동체·참여' }],
		['hr-education', { en: 'Learning and development', es: 'Formación', ko: '교육훈련' }],
		['social-care', { en: 'Adult social care', es: 'Servicios sociales', ko: '성인 사회돌봄' }],
		['education', { en: 'Children and education', es: 'Infancia y educación', ko: '아동·교육' }]
	],
	plan: { en: 'Human rights action plan 2025–2028 (demo)', es: 'Plan de acción de derechos humanos 2025–2028 (demostración)', ko: '인권 실행계획 2025–2028 (시연용)' },
	commitments: [
		{
			title: { en: 'Adequate housing for everyone in York', es: 'Vivienda adecuada para todas las personas en York', ko: '요크의 모든 사람에게 적절한 주거' },
			description: { en: 'Demo commitment: no one in York lives in unsafe or unaffordable housing, and tenants know and can claim their rights.' },
			duty: 'duty:fulfil',
			groups: ['homeless_persons', 'low_income', 'persons_with_disabilities'],
			tags: ['udhr:25', 'sdg:11.1']
		},
		{
			title: { en: 'Equal treatment and no discrimination', es: 'Igualdad de trato y no discriminación', ko: '평등한 대우와 차별 금지' },
			description: { en: 'Demo commitment: council decisions and services are checked for their effect on groups at risk of discrimination.' },
			duty: 'duty:protect',
			groups: ['women', 'migrants_refugees', 'lgbtqi', 'ethnic_minorities'],
			tags: ['udhr:2', 'udhr:7', 'sdg:10.3', 'sdg:5.1']
		},
		{
			title: { en: 'Residents take part in decisions that affect them', es: 'Participación de la ciudadanía en las decisiones que le afectan', ko: '주민이 자신에게 영향을 주는 결정에 참여' },
			description: { en: 'Demo commitment: residents, above all those heard least, help decide and monitor the plan.' },
			duty: 'duty:fulfil',
			groups: ['youth', 'older_persons', 'migrants_refugees'],
			tags: ['udhr:21', 'sdg:16.7']
		},
		{
			title: { en: 'Human rights education for council staff', es: 'Formación en derechos humanos para el personal municipal', ko: '시 공무원 인권교육' },
			description: { en: 'Demo commitment: every officer knows the rights their work touches and how to respect them.' },
			duty: 'duty:respect',
			groups: ['everyone'],
			tags: ['udhr:26', 'sdg:4.7']
		},
		{
			title: { en: 'Care that supports independent living', es: 'Cuidados que apoyan la vida independiente', ko: '자립생활을 돕는 돌봄' },
			description: { en: 'Demo commitment: older and disabled residents get the support they need to live as they choose.' },
			duty: 'duty:fulfil',
			groups: ['older_persons', 'persons_with_disabilities'],
			tags: ['udhr:22', 'udhr:25', 'sdg:10.2']
		}
	],
	actions: [
		{
			key: 'advice',
			commitment: 0,
			title: { en: 'Housing rights advice service', es: 'Servicio de asesoría sobre derechos de vivienda', ko: '주거권 상담 서비스' },
			description: { en: 'Free, independent advice for tenants on repairs, evictions and discrimination.' },
			departments: ['housing', 'social-care'],
			budget: 180000,
			start: '2025-02-01',
			due: '2027-12-31',
			weight: 3,
			updates: [
				{ on: -300, text: { en: 'Two desks open; 140 households advised so far.' }, status: 'in_progress', progress: 30, links: [link('york', 'housing-advice-report-1', 'First quarterly report')] },
				{ on: -45, text: { en: 'Third desk open in Tang Hall; 410 households advised.', es: 'Tercera oficina abierta; 410 hogares asesorados.' }, status: 'in_progress', progress: 55, links: [link('york', 'housing-advice-report-2', 'Quarterly report')] }
			]
		},
		{
			key: 'desks',
			parent: 'advice',
			commitment: 0,
			title: { en: 'Open advice desks in three neighbourhoods', es: 'Abrir oficinas de asesoría en tres barrios', ko: '세 동네에 상담 창구 개설' },
			departments: ['housing'],
			start: '2025-02-01',
			due: '2025-10-31',
			milestones: [
				{ title: { en: 'First desk open', es: 'Primera oficina abierta', ko: '첫 창구 개설' }, due: '2025-04-30', done: '2025-04-22' },
				{ title: { en: 'Third desk open', es: 'Tercera oficina abierta', ko: '세 번째 창구 개설' }, due: '2025-10-31', done: '2025-10-15' }
			],
			updates: [{ on: -400, text: { en: 'All three desks are open.', es: 'Las tres oficinas están abiertas.' }, status: 'completed', progress: 100, links: [link('york', 'advice-desks', 'Opening hours and addresses')] }]
		},
		{
			key: 'advisers',
			parent: 'advice',
			commitment: 0,
			title: { en: 'Train advisers in housing law and equality', es: 'Formar a asesores en derecho de vivienda e igualdad', ko: '상담원 주거법·평등 교육' },
			departments: ['housing', 'equality'],
			start: '2025-06-01',
			due: 120,
			status: 'in_progress',
			progress: 40
		},
		{
			key: 'leaflets',
			parent: 'advice',
			commitment: 0,
			title: { en: 'Advice leaflets in easy read and six languages', es: 'Folletos en lectura fácil y seis idiomas', ko: '쉬운 글과 6개 언어 안내문' },
			departments: ['housing', 'participation'],
			start: '2025-09-01',
			due: -20,
			status: 'in_progress',
			progress: 70
		},
		{
			key: 'accessible',
			commitment: 0,
			title: { en: 'Accessible homes in the council’s housing stock', es: 'Viviendas accesibles en el parque municipal', ko: '시 소유 주택의 접근성 개선' },
			departments: ['housing'],
			start: '2025-04-01',
			due: '2028-03-31',
			status: 'in_progress',
			progress: 0,
			weight: 2
		},
		{
			key: 'survey',
			parent: 'accessible',
			commitment: 0,
			title: { en: 'Survey 2,000 council homes for accessibility', es: 'Evaluar la accesibilidad de 2.000 viviendas municipales', ko: '시 소유 주택 2,000호 접근성 조사' },
			departments: ['housing'],
			start: '2025-04-01',
			due: 200,
			status: 'in_progress',
			progress: 25,
			milestones: [{ title: { en: 'First 500 homes surveyed', es: 'Primeras 500 viviendas evaluadas', ko: '첫 500호 조사 완료' }, due: -10 }]
		},
		{
			key: 'grants',
			parent: 'accessible',
			commitment: 0,
			title: { en: 'Adaptation grants for disabled tenants', es: 'Ayudas de adaptación para inquilinos con discapacidad', ko: '장애인 세입자 주택개조 지원금' },
			departments: ['housing', 'social-care'],
			budget: 250000,
			start: '2026-01-01',
			due: '2027-12-31',
			updates: [{ on: -60, text: { en: 'On hold until the national funding decision.', es: 'En espera de la decisión de financiación nacional.' }, status: 'delayed', progress: 10, reason: { en: 'Waiting for the national funding decision', es: 'A la espera de la decisión de financiación nacional', ko: '국가 예산 결정 대기 중' } }]
		},
		{
			key: 'evictions',
			commitment: 0,
			title: { en: 'Prevent evictions into homelessness', es: 'Prevenir desahucios que lleven a la falta de hogar', ko: '노숙으로 이어지는 퇴거 예방' },
			departments: ['social-care', 'housing'],
			start: 30,
			due: '2028-06-30'
		},
		{
			key: 'assessment',
			commitment: 1,
			title: { en: 'Equality impact assessment of council decisions', es: 'Evaluación de impacto en la igualdad de las decisiones municipales', ko: '시 의사결정의 평등영향평가' },
			departments: ['equality'],
			start: '2025-03-01',
			due: '2026-12-31',
			status: 'in_progress',
			progress: 0,
			weight: 2
		},
		{
			key: 'template',
			parent: 'assessment',
			commitment: 1,
			title: { en: 'Adopt an assessment template with community groups', es: 'Adoptar una plantilla de evaluación con grupos comunitarios', ko: '지역 단체와 함께 평가 양식 채택' },
			departments: ['equality', 'participation'],
			start: '2025-03-01',
			due: '2025-07-31',
			status: 'completed',
			progress: 100
		},
		{
			key: 'budget',
			parent: 'assessment',
			commitment: 1,
			title: { en: 'Assess the 2026 budget for its equality impact', es: 'Evaluar el impacto en la igualdad del presupuesto de 2026', ko: '2026년 예산의 평등영향 평가' },
			departments: ['equality'],
			start: '2025-10-01',
			due: -45,
			status: 'in_progress',
			progress: 50
		},
		{
			key: 'hate',
			commitment: 1,
			title: { en: 'Hate incident reporting with community groups', es: 'Denuncia de incidentes de odio con grupos comunitarios', ko: '지역 단체와 함께하는 혐오 사건 신고' },
			departments: ['equality', 'participation'],
			start: '2025-05-01',
			due: 300,
			status: 'in_progress',
			progress: 35,
			milestones: [
				{ title: { en: 'Third-party reporting centres agreed', es: 'Centros de denuncia acordados', ko: '제3자 신고센터 합의' }, due: '2025-09-30', done: '2025-09-18' },
				{ title: { en: 'Online reporting form live', es: 'Formulario de denuncia en línea', ko: '온라인 신고 양식 개시' }, due: -10 }
			]
		},
		{
			key: 'paygap',
			commitment: 1,
			title: { en: 'Gender pay gap review of council staff', es: 'Revisión de la brecha salarial de género en el personal municipal', ko: '시 직원 성별 임금격차 검토' },
			departments: ['equality'],
			start: '2025-04-01',
			due: '2026-03-31',
			updates: [{ on: -250, text: { en: 'Stopped: the yearly statutory pay gap report covers it.' }, status: 'cancelled', progress: 20, reason: { en: 'Replaced by the yearly statutory gender pay gap report', es: 'Sustituida por el informe anual obligatorio sobre la brecha salarial', ko: '법정 연례 성별 임금격차 보고서로 대체' } }]
		},
		{
			key: 'panel',
			commitment: 2,
			title: { en: 'Residents’ human rights panel', es: 'Panel ciudadano de derechos humanos', ko: '주민 인권위원회' },
			departments: ['participation'],
			start: '2025-01-15',
			due: '2028-12-31',
			status: 'in_progress',
			progress: 0
		},
		{
			key: 'recruit',
			parent: 'panel',
			commitment: 2,
			title: { en: 'Recruit a panel that reflects York’s population', es: 'Reclutar un panel que refleje la población de York', ko: '요크 인구 구성을 반영한 위원 모집' },
			departments: ['participation', 'equality'],
			start: '2025-01-15',
			due: '2025-05-31',
			updates: [{ on: -500, text: { en: 'Twenty-four residents selected by lot from 600 volunteers.' }, status: 'completed', progress: 100, links: [link('york', 'panel-members', 'How the panel was chosen')] }]
		},
		{
			key: 'review',
			parent: 'panel',
			commitment: 2,
			title: { en: 'Panel reviews the yearly human rights indicator report', es: 'El panel revisa el informe anual de indicadores', ko: '위원회의 연례 인권지표 보고서 검토' },
			departments: ['participation'],
			start: 60,
			due: 250
		},
		{
			key: 'youth',
			commitment: 2,
			title: { en: 'Youth consultation on public transport', es: 'Consulta juvenil sobre el transporte público', ko: '대중교통에 관한 청소년 의견 수렴' },
			departments: ['participation', 'education'],
			start: '2026-09-01',
			due: 150,
			status: 'in_progress',
			progress: 15
		},
		{
			key: 'training',
			commitment: 3,
			title: { en: 'Human rights training for all council officers', es: 'Formación en derechos humanos para todo el personal', ko: '전 직원 인권교육' },
			departments: ['hr-education'],
			budget: 40000,
			start: '2025-03-01',
			due: '2027-06-30',
			status: 'in_progress',
			progress: 0,
			weight: 2
		},
		{
			key: 'online',
			parent: 'training',
			commitment: 3,
			title: { en: 'Online introductory course', es: 'Curso introductorio en línea', ko: '온라인 입문 과정' },
			departments: ['hr-education'],
			start: '2025-03-01',
			due: '2025-09-30',
			status: 'completed',
			progress: 100
		},
		{
			key: 'workshops',
			parent: 'training',
			commitment: 3,
			title: { en: 'Workshops for front-line staff', es: 'Talleres para el personal de atención directa', ko: '현장 직원 워크숍' },
			departments: ['hr-education', 'social-care', 'housing'],
			start: '2025-10-01',
			due: 180,
			updates: [{ on: -30, text: { en: '12 of 20 workshops held; feedback summary attached.' }, status: 'in_progress', progress: 60, links: [link('york', 'workshop-feedback', 'Feedback summary')] }]
		},
		{
			key: 'schools',
			parent: 'training',
			commitment: 3,
			title: { en: 'Guidance for schools on teaching human rights', es: 'Guía para escuelas sobre la enseñanza de los derechos humanos', ko: '학교 인권교육 안내서' },
			departments: ['education', 'hr-education'],
			start: 90,
			due: 400
		},
		{
			key: 'living',
			commitment: 4,
			title: { en: 'Independent living support for older and disabled residents', es: 'Apoyo a la vida independiente de personas mayores y con discapacidad', ko: '노인·장애인 자립생활 지원' },
			departments: ['social-care'],
			budget: 320000,
			start: '2025-04-01',
			due: '2028-03-31',
			status: 'in_progress',
			progress: 20
		}
	]
};

export const GWANGJU: DemoCityPlan = {
	slug: 'gwangju',
	currency: 'KRW',
	declaration: {
		title: { ko: '광주인권헌장 (2012)', en: 'Gwangju Human Rights Charter (2012)' },
		adoptedOn: null,
		adoptedBy: 'other',
		process: 'formal',
		instruments: ['udhr'],
		fullText: {
			ko: '시연용 요약이며 헌장 원문이 아닙니다. 광주는 2011년 인권도시 선언에 이어 2012년 광주인권헌장을 채택했습니다. 헌장은 원문 출처에서 확인하세요.',
			en: 'Demo summary, not the text of the charter. After its 2011 declaration as a human rights city, Gwangju adopted the Gwangju Human Rights Charter in 2012. Read the charter itself at its source.'
		}
	},
	departments: [
		['housing', { ko: '주택정책과', en: 'Housing policy' }],
		['equality', { ko: '성평등·다양성 담당', en: 'Gender equality and diversity' }],
		['participation', { ko: '시민참여과', en: 'Citizen participation' }],
		['hr-education', { ko: '인권교육 담당', en: 'Human rights education' }],
		['social-care', { ko: '복지정책과', en: 'Welfare policy' }],
		['education', { ko: '교육협력과', en: 'Education cooperation' }]
	],
	plan: { ko: '인권 실행계획 2025–2028 (시연용)', en: 'Human rights action plan 2025–2028 (demo)' },
	commitments: [
		{
			title: { ko: '모든 시민의 적절한 주거권 보장', en: 'The right to adequate housing for every resident' },
			description: { ko: '시연용 약속: 주거 취약계층이 안전하고 부담 가능한 집에서 살 수 있도록 합니다.', en: 'Demo commitment: residents in housing need live in safe, affordable homes.' },
			duty: 'duty:fulfil',
			groups: ['low_income', 'older_persons', 'homeless_persons'],
			tags: ['udhr:25', 'sdg:11.1', 'gwangju:1']
		},
		{
			title: { ko: '차별 없는 도시', en: 'A city without discrimination' },
			description: { ko: '시연용 약속: 이주민, 여성, 성소수자 등에 대한 차별을 막고 구제합니다.', en: 'Demo commitment: prevent and remedy discrimination against migrants, women, LGBTQI+ residents and others.' },
			duty: 'duty:protect',
			groups: ['migrants_refugees', 'women', 'lgbtqi'],
			tags: ['udhr:2', 'udhr:7', 'sdg:10.3', 'sdg:5.1', 'gwangju:2']
		},
		{
			title: { ko: '시민이 함께 만드는 인권 행정', en: 'Human rights governance made with residents' },
			description: { ko: '시연용 약속: 시민이 정책의 결정과 점검에 참여합니다.', en: 'Demo commitment: residents take part in deciding and monitoring policy.' },
			duty: 'duty:fulfil',
			groups: ['everyone', 'youth'],
			tags: ['udhr:21', 'sdg:16.7', 'gwangju:4']
		},
		{
			title: { ko: '공무원 인권교육', en: 'Human rights education for city officials' },
			description: { ko: '시연용 약속: 모든 공무원이 업무와 관련된 인권을 알고 존중합니다.', en: 'Demo commitment: every official knows and respects the rights their work touches.' },
			duty: 'duty:respect',
			groups: ['everyone'],
			tags: ['udhr:26', 'sdg:4.7', 'gwangju:7']
		},
		{
			title: { ko: '다양성과 사회통합', en: 'Diversity and social inclusion' },
			description: { ko: '시연용 약속: 이주민과 장애인이 지역사회에 온전히 참여합니다.', en: 'Demo commitment: migrants and persons with disabilities take a full part in city life.' },
			duty: 'duty:fulfil',
			groups: ['migrants_refugees', 'persons_with_disabilities'],
			tags: ['udhr:22', 'sdg:10.2', 'gwangju:3']
		}
	],
	actions: [
		{
			key: 'rent',
			commitment: 0,
			title: { ko: '청년·노인 임대주택 확충', en: 'More rental homes for young and older residents' },
			departments: ['housing'],
			budget: 4500000000,
			start: '2025-03-01',
			due: '2028-12-31',
			status: 'in_progress',
			progress: 0,
			weight: 3
		},
		{
			key: 'rent-plan',
			parent: 'rent',
			commitment: 0,
			title: { ko: '공공임대 공급 계획 수립', en: 'Plan the supply of public rental homes' },
			departments: ['housing'],
			start: '2025-03-01',
			due: '2025-09-30',
			updates: [{ on: -420, text: { ko: '공급 계획을 확정하고 공개했습니다.', en: 'Supply plan agreed and published.' }, status: 'completed', progress: 100, links: [link('gwangju', 'rental-plan', '공급 계획 (Supply plan)')] }]
		},
		{
			key: 'rent-build',
			parent: 'rent',
			commitment: 0,
			title: { ko: '임대주택 300호 착공', en: 'Start building 300 rental homes' },
			departments: ['housing'],
			start: '2025-10-01',
			due: -15,
			status: 'in_progress',
			progress: 45,
			milestones: [{ title: { ko: '부지 확보', en: 'Sites secured' }, due: '2026-03-31', done: '2026-03-20' }, { title: { ko: '첫 100호 착공', en: 'First 100 homes started' }, due: -5 }]
		},
		{
			key: 'repairs',
			commitment: 0,
			title: { ko: '저소득 가구 주거환경 개선', en: 'Home repairs for low-income households' },
			departments: ['housing', 'social-care'],
			budget: 800000000,
			start: '2025-05-01',
			due: 240,
			updates: [
				{ on: -200, text: { ko: '120가구 수리 완료.', en: '120 homes repaired.' }, status: 'in_progress', progress: 30 },
				{ on: -20, text: { ko: '310가구 수리 완료, 만족도 조사 결과 첨부.', en: '310 homes repaired; satisfaction survey attached.' }, status: 'in_progress', progress: 65, links: [link('gwangju', 'repairs-survey', '만족도 조사 (Survey)')] }
			]
		},
		{
			key: 'migrants',
			commitment: 1,
			title: { ko: '이주민 인권 상담과 통역 지원', en: 'Rights advice and interpreting for migrants' },
			departments: ['equality', 'social-care'],
			budget: 350000000,
			start: '2025-02-01',
			due: '2027-12-31',
			status: 'in_progress',
			progress: 0,
			weight: 2
		},
		{
			key: 'migrants-centre',
			parent: 'migrants',
			commitment: 1,
			title: { ko: '다국어 상담 창구 운영', en: 'Run a multilingual advice desk' },
			departments: ['equality'],
			start: '2025-02-01',
			due: 300,
			status: 'in_progress',
			progress: 55
		},
		{
			key: 'migrants-interpret',
			parent: 'migrants',
			commitment: 1,
			title: { ko: '공공기관 통역 서비스', en: 'Interpreting in public offices' },
			departments: ['equality', 'participation'],
			start: '2025-06-01',
			due: '2026-12-31',
			updates: [{ on: -90, text: { ko: '통역사 채용이 늦어지고 있습니다.', en: 'Hiring interpreters is taking longer than planned.' }, status: 'delayed', progress: 20, reason: { ko: '통역사 채용 지연', en: 'Interpreter recruitment delayed' } }]
		},
		{
			key: 'discrimination-survey',
			commitment: 1,
			title: { ko: '차별 실태조사', en: 'Survey of discrimination in the city' },
			departments: ['equality'],
			start: '2025-04-01',
			due: '2025-12-31',
			status: 'completed',
			progress: 100
		},
		{
			key: 'ordinance',
			commitment: 1,
			title: { ko: '차별 금지 조례 개정 검토', en: 'Review of the anti-discrimination ordinance' },
			departments: ['equality'],
			start: '2025-06-01',
			due: '2026-06-30',
			updates: [{ on: -150, text: { ko: '국가 차원의 법 논의 결과를 기다리기로 했습니다.', en: 'Paused to follow the national legislative debate.' }, status: 'cancelled', progress: 10, reason: { ko: '국가 차별금지법 논의로 대체', en: 'Superseded by the national anti-discrimination law debate' } }]
		},
		{
			key: 'council',
			commitment: 2,
			title: { ko: '시민 인권위원회 운영', en: 'Residents’ human rights committee' },
			departments: ['participation'],
			start: '2025-01-15',
			due: '2028-12-31',
			status: 'in_progress',
			progress: 0
		},
		{
			key: 'council-monitor',
			parent: 'council',
			commitment: 2,
			title: { ko: '실행계획 이행 점검 회의 (분기별)', en: 'Quarterly monitoring of the action plan' },
			departments: ['participation'],
			start: '2025-03-01',
			due: '2028-12-31',
			updates: [{ on: -40, text: { ko: '3분기 점검 회의 결과를 공개했습니다.', en: 'Third-quarter monitoring minutes published.' }, status: 'in_progress', progress: 40, links: [link('gwangju', 'monitoring-q3', '회의록 (Minutes)')] }]
		},
		{
			key: 'council-budget',
			parent: 'council',
			commitment: 2,
			title: { ko: '인권 주민참여예산', en: 'Participatory budget for human rights projects' },
			departments: ['participation', 'social-care'],
			budget: 500000000,
			start: 45,
			due: 400
		},
		{
			key: 'officials',
			commitment: 3,
			title: { ko: '전 공무원 인권교육', en: 'Human rights training for all officials' },
			departments: ['hr-education'],
			start: '2025-03-01',
			due: '2027-12-31',
			status: 'in_progress',
			progress: 0,
			weight: 2
		},
		{
			key: 'officials-basic',
			parent: 'officials',
			commitment: 3,
			title: { ko: '신규 공무원 기본 과정', en: 'Basic course for new officials' },
			departments: ['hr-education'],
			start: '2025-03-01',
			due: '2025-12-31',
			status: 'completed',
			progress: 100
		},
		{
			key: 'officials-managers',
			parent: 'officials',
			commitment: 3,
			title: { ko: '관리자 인권영향평가 교육', en: 'Human rights impact assessment course for managers' },
			departments: ['hr-education', 'equality'],
			start: '2026-01-01',
			due: -30,
			status: 'in_progress',
			progress: 60
		},
		{
			key: 'schools',
			commitment: 3,
			title: { ko: '학교 인권교육 협력', en: 'Human rights education with schools' },
			departments: ['education', 'hr-education'],
			start: '2025-09-01',
			due: 200,
			status: 'in_progress',
			progress: 25
		},
		{
			key: 'access',
			commitment: 4,
			title: { ko: '장애인 이동권 개선', en: 'Accessible transport for persons with disabilities' },
			departments: ['social-care'],
			budget: 1200000000,
			start: '2025-04-01',
			due: '2028-06-30',
			status: 'in_progress',
			progress: 30
		},
		{
			key: 'festival',
			commitment: 4,
			title: { ko: '다문화 주민 참여 행사', en: 'Community events led by migrant residents' },
			departments: ['participation', 'equality'],
			start: 20,
			due: 140
		}
	]
};

export const DEMO_PLANS: readonly DemoCityPlan[] = [YORK, GWANGJU];
