/**
 * York's demo participation, made through the module's own services as the demo operator
 * (`systemActor('demo', …)`), so the ledger says plainly that no official made it: a housing
 * process open for proposals (PP-1: anyone of York may propose; supporting needs a confirmed
 * e-mail), a participatory budget with three projects before its vote (PP-2), and a council
 * meeting whose recommendation the city accepted and follows through an action of its demo plan.
 * Nothing here is a person: residents make the proposals. Every title says it is a demo.
 *
 * @example await seedDemoParticipation(trx, '2026-12-07');
 */
import type { Db } from '../db/database.ts';
import { systemActor } from '../accounts/index.ts';
import { findCityBySlug } from '../cities/index.ts';
import { listActions, listPlans } from '../commitments/index.ts';
import { createProcess, listProcesses } from './processes.service.ts';
import { createProject } from './budgets.service.ts';
import { createMeeting, createRecommendation, linkRecommendationToAction, respondToRecommendation } from './council.service.ts';

function shift(today: string, days: number): string {
	return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedDemoParticipation(db: Db, today: string): Promise<{ processes: number }> {
	const city = await findCityBySlug(db, 'york');
	if (!city || (await listProcesses(db, city.id)).length > 0) return { processes: 0 };
	const demo = systemActor('demo', [city.id]);
	const plan = (await listPlans(db, city.id))[0];

	await createProcess(
		db,
		demo,
		city.id,
		{
			title: { en: 'Housing rights action plan 2026 (demo)', es: 'Plan de acción por el derecho a la vivienda 2026 (demo)', fr: 'Plan d’action pour le droit au logement 2026 (démo)', ko: '2026 주거권 실행계획 (데모)', sv: 'Handlingsplan för rätten till bostad 2026 (demo)', ar: 'خطة عمل الحق في السكن 2026 (تجريبية)' },
			description: {
				en: 'Propose what the city should do for the right to adequate housing. Proposals with 5 supports get a public answer from the city.',
				es: 'Propón qué debería hacer la ciudad por el derecho a una vivienda adecuada. Las propuestas con 5 apoyos reciben una respuesta pública de la ciudad.',
				fr: 'Proposez ce que la ville devrait faire pour le droit à un logement convenable. Les propositions qui réunissent 5 soutiens reçoivent une réponse publique de la ville.',
				ko: '적절한 주거에 대한 권리를 위해 시가 해야 할 일을 제안하세요. 지지 5개를 받은 제안에는 시가 공개적으로 답변합니다.',
				sv: 'Föreslå vad staden borde göra för rätten till en tillfredsställande bostad. Förslag med 5 stöd får ett offentligt svar från staden.',
				ar: 'اقترح ما ينبغي أن تفعله المدينة من أجل الحق في السكن اللائق. تتلقى المقترحات التي تحصل على 5 تأييدات ردًا علنيًا من المدينة.'
			},
			tags: ['udhr:25'],
			proposeLevel: 'member',
			supportLevel: 'email',
			thresholdKind: 'count',
			thresholdValue: 5,
			supportLimit: 10,
			...(plan ? { planId: plan.id } : {}),
			phases: [
				{ kind: 'proposals', startsOn: shift(today, -14), endsOn: shift(today, 30) },
				{ kind: 'supports', startsOn: shift(today, 31), endsOn: shift(today, 60) },
				{ kind: 'evaluation', startsOn: shift(today, 61), endsOn: shift(today, 90) }
			]
		},
		{ demo: true }
	);

	const budget = await createProcess(
		db,
		demo,
		city.id,
		{
			title: { en: 'Participatory budget 2027 (demo)', es: 'Presupuesto participativo 2027 (demo)', fr: 'Budget participatif 2027 (démo)', ko: '2027 주민참여예산 (데모)', sv: 'Medborgarbudget 2027 (demo)', ar: 'الميزانية التشاركية 2027 (تجريبية)' },
			budgetAmount: 150_000,
			budgetCurrency: 'GBP',
			voteLevel: 'email',
			phases: [
				{ kind: 'budgeting', startsOn: shift(today, -7), endsOn: shift(today, 20) },
				{ kind: 'voting', startsOn: shift(today, 21), endsOn: shift(today, 45) },
				{ kind: 'results', startsOn: shift(today, 46), endsOn: shift(today, 120) }
			]
		},
		{ demo: true }
	);
	const projects: [Record<string, string>, number][] = [
		[{ en: 'Shade trees on the Ouse riverside path (demo)', es: 'Árboles de sombra en el paseo del río Ouse (demo)', fr: 'Arbres d’ombrage le long de l’Ouse (démo)', ko: '우즈강 산책로 그늘 나무 (데모)', sv: 'Skuggträd längs Ouse-promenaden (demo)', ar: 'أشجار ظل على ممشى نهر أوز (تجريبي)' }, 60_000],
		[{ en: 'Longer library opening hours in Tang Hall (demo)', es: 'Más horas de biblioteca en Tang Hall (demo)', fr: 'Horaires élargis de la bibliothèque de Tang Hall (démo)', ko: '탕홀 도서관 운영 시간 연장 (데모)', sv: 'Längre öppettider på biblioteket i Tang Hall (demo)', ar: 'ساعات أطول لمكتبة تانغ هول (تجريبي)' }, 45_000],
		[{ en: 'Step-free access at four bus stops (demo)', es: 'Acceso sin escalones en cuatro paradas de autobús (demo)', fr: 'Accès de plain-pied à quatre arrêts de bus (démo)', ko: '버스 정류장 4곳 무단차 접근 (데모)', sv: 'Stegfri tillgång vid fyra busshållplatser (demo)', ar: 'وصول بلا درجات في أربع محطات حافلات (تجريبي)' }, 70_000]
	];
	for (const [title, cost] of projects) await createProject(db, demo, city.id, budget.id, { title, cost });

	const meeting = await createMeeting(db, demo, city.id, {
		title: { en: 'Human rights council, autumn meeting (demo)', es: 'Consejo de derechos humanos, reunión de otoño (demo)', fr: 'Conseil des droits humains, réunion d’automne (démo)', ko: '인권위원회 가을 회의 (데모)', sv: 'Rådet för mänskliga rättigheter, höstmöte (demo)', ar: 'مجلس حقوق الإنسان، اجتماع الخريف (تجريبي)' },
		heldOn: shift(today, -40),
		status: 'held'
	});
	const recommendation = await createRecommendation(db, demo, city.id, {
		title: { en: 'Publish eviction figures every quarter (demo)', es: 'Publicar cada trimestre las cifras de desahucios (demo)', fr: 'Publier chaque trimestre les chiffres des expulsions (démo)', ko: '퇴거 통계를 분기마다 공개 (데모)', sv: 'Publicera vräkningsstatistik varje kvartal (demo)', ar: 'نشر أرقام الإخلاء كل ربع سنة (تجريبي)' },
		issuedOn: shift(today, -40),
		tags: ['udhr:25'],
		meetingId: meeting.id
	});
	const responded = await respondToRecommendation(db, demo, city.id, recommendation.id, recommendation.version, {
		status: 'accepted',
		response: { en: 'Accepted: the housing department publishes the figures with its progress reports (demo).' }
	});
	const action = (await listActions(db, city.id))[0];
	if (action) await linkRecommendationToAction(db, demo, city.id, recommendation.id, responded.version, action.id);
	if (!plan) return { processes: 2 };
	// A consultation on the plan's actions, open now (PP-3).
	await createProcess(
		db,
		demo,
		city.id,
		{
			title: { en: 'Consultation on the action plan (demo)', es: 'Consulta sobre el plan de acción (demo)', fr: 'Consultation sur le plan d’action (démo)', ko: '실행계획 의견 수렴 (데모)', sv: 'Samråd om handlingsplanen (demo)', ar: 'مشاورة بشأن خطة العمل (تجريبية)' },
			supportLevel: 'member',
			planId: plan.id,
			phases: [
				{ kind: 'consultation', startsOn: shift(today, -7), endsOn: shift(today, 30) },
				{ kind: 'results', startsOn: shift(today, 31), endsOn: shift(today, 60) }
			]
		},
		{ demo: true }
	);
	return { processes: 3 };
}
