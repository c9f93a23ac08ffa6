/**
 * Demo concerns for York and Gwangju, through the same services as residents and the office use,
 * marked `demo`: reports in several languages and statuses (some referred, replied to, resolved,
 * not upheld, one appealed, one linked to York's housing action), enough cases in one right
 * for the statistics page to show counts next to suppressed cells. Only when keys are configured
 * (CONCERNS_KEYS); only into a city that has no case yet.
 */
import type { Db } from '../db/database.ts';
import { systemActor } from '../accounts/index.ts';
import { findCityBySlug } from '../cities/index.ts';
import type { KeyRing } from './crypto.ts';
import * as repository from './concerns.repository.ts';
import { submitConcern } from './report.service.ts';
import { changeStatus, linkCase, referCase, replyToReporter, getCaseSummary } from './cases.service.ts';
import type { CategoryCode, ConcernStatus } from './vocabulary.ts';

interface DemoCase {
	daysAgo: number;
	category: CategoryCode;
	district?: string;
	locale: string;
	text: string;
	/** Where it went: statuses after receipt, in order, each `days` after the previous. */
	path?: { status: ConcernStatus; after: number; say?: string }[];
	refer?: string;
	reply?: string;
	link?: string;
	listed?: boolean;
}

const YORK: DemoCase[] = [
	{ daysAgo: 170, category: 'discrimination', district: 'guildhall', locale: 'en', text: 'I was refused service at the council tax counter because of my accent and told to come back with someone who speaks proper English.', path: [{ status: 'under_review', after: 3 }, { status: 'resolved', after: 40, say: 'The counter staff have had training and the manager apologised in writing.' }], listed: true },
	{ daysAgo: 150, category: 'discrimination', district: 'westfield', locale: 'en', text: 'The job centre adviser said my headscarf would put employers off and told me to remove it for interviews.', path: [{ status: 'under_review', after: 2 }, { status: 'referred', after: 10 }], refer: 'body:equality_body', listed: true },
	{ daysAgo: 120, category: 'discrimination', district: 'acomb', locale: 'es', text: 'En la oficina de vivienda me dijeron que no podía solicitar una vivienda social porque no hablo bien inglés.', path: [{ status: 'under_review', after: 5 }, { status: 'not_upheld', after: 30, say: 'We found that the application was refused for a missing document, not for language; we have sent the list again.' }], listed: true },
	{ daysAgo: 95, category: 'discrimination', district: 'heworth', locale: 'en', text: 'A bus driver refused to let my wheelchair-using son board, saying the ramp was broken, though it worked for the next passenger.', path: [{ status: 'under_review', after: 1 }], reply: 'Thank you. We have asked the bus operator for the driver log of that journey.', listed: true },
	{ daysAgo: 60, category: 'discrimination', district: 'guildhall', locale: 'ar', text: 'رفض موظف في مكتب الإسكان استلام طلبي وقال إن عليّ العودة مع مترجم، رغم أنني أتحدث الإنجليزية.', path: [{ status: 'under_review', after: 4 }] },
	{ daysAgo: 30, category: 'discrimination', locale: 'en', text: 'At the leisure centre reception I was asked for a passport to join, while my friend only had to show a bank card.', listed: true },
	{ daysAgo: 12, category: 'discrimination', district: 'clifton', locale: 'en', text: 'The school admissions form asks about religion and the clerk said it would affect our place.' },
	{ daysAgo: 140, category: 'housing_eviction', district: 'hull-road', locale: 'en', text: 'Our landlord changed the locks while we were at work; the council housing team says it cannot help.', path: [{ status: 'referred', after: 2 }, { status: 'resolved', after: 20, say: 'The housing team secured re-entry the same week and started proceedings against the landlord.' }], refer: 'department:housing', link: 'action:A-2025-001', listed: true },
	{ daysAgo: 80, category: 'housing_eviction', district: 'hull-road', locale: 'sv', text: 'Vi fick ett vräkningsbesked utan att kommunen erbjöd något boende, trots att vi har tre små barn.', path: [{ status: 'under_review', after: 3 }], link: 'action:A-2025-001' },
	{ daysAgo: 45, category: 'accessibility', district: 'micklegate', locale: 'en', text: 'The only lift to the library first floor has been out of order for six weeks; the children’s section is upstairs.', path: [{ status: 'referred', after: 2 }], refer: 'department:housing', listed: true },
	{ daysAgo: 20, category: 'hate_incident', locale: 'fr', text: 'Des inscriptions racistes ont été peintes sur la porte de notre association; la police n’est pas venue.', path: [{ status: 'under_review', after: 1 }], refer: 'body:police' },
	{ daysAgo: 7, category: 'public_service', locale: 'en', text: 'A clerk asked for a cash payment to speed up my parking permit.' }
];

const GWANGJU: DemoCase[] = [
	{ daysAgo: 160, category: 'accessibility', district: 'dong-gu', locale: 'ko', text: '주민센터 입구에 경사로가 없어 휠체어로 민원을 접수할 수 없었습니다.', path: [{ status: 'under_review', after: 2 }, { status: 'resolved', after: 35, say: '경사로 설치가 완료되었습니다.' }], listed: true },
	{ daysAgo: 130, category: 'accessibility', district: 'seo-gu', locale: 'ko', text: '구청 누리집의 신청서가 화면낭독기로 읽히지 않습니다.', path: [{ status: 'under_review', after: 3 }], listed: true },
	{ daysAgo: 110, category: 'accessibility', district: 'buk-gu', locale: 'ko', text: '지하철역 엘리베이터가 한 달째 고장입니다.', path: [{ status: 'referred', after: 5 }], refer: 'body:ombudsperson', listed: true },
	{ daysAgo: 75, category: 'accessibility', district: 'nam-gu', locale: 'en', text: 'There is no sign-language interpreter at the district office, so I could not apply for the housing allowance.', path: [{ status: 'under_review', after: 2 }] },
	{ daysAgo: 40, category: 'accessibility', district: 'gwangsan-gu', locale: 'ko', text: '보건소 안내문이 점자나 큰 글씨로 제공되지 않습니다.', listed: true },
	{ daysAgo: 25, category: 'work', district: 'gwangsan-gu', locale: 'en', text: 'Migrant workers at the industrial complex are not paid for overtime and their passports are kept by the employer.', path: [{ status: 'referred', after: 1 }], refer: 'body:national_human_rights_institution' },
	{ daysAgo: 100, category: 'discrimination', district: 'dong-gu', locale: 'ko', text: '외국인이라는 이유로 공공도서관 회원 가입을 거절당했습니다.', path: [{ status: 'under_review', after: 2 }, { status: 'not_upheld', after: 25, say: '확인 결과 회원 가입 규정은 모든 주민에게 동일하게 적용됩니다.' }] },
	{ daysAgo: 15, category: 'privacy', locale: 'ko', text: '동 행정복지센터에서 제 상담 내용을 다른 주민이 듣는 곳에서 큰 소리로 말했습니다.' }
];

function daysBefore(today: string, days: number, hour = 10): Date {
	const date = new Date(`${today}T${String(hour).padStart(2, '0')}:00:00Z`);
	date.setUTCDate(date.getUTCDate() - days);
	return date;
}

async function seedCity(db: Db, ring: KeyRing, slug: string, cases: readonly DemoCase[], today: string): Promise<number> {
	const row = await findCityBySlug(db, slug);
	if (!row || (await repository.listCaseCities(db)).includes(row.id)) return 0;
	const city = { id: row.id, slug: row.slug, name: row.display_name };
	const office = systemActor('demo', [city.id]);
	for (const demo of cases) {
		const received = daysBefore(today, demo.daysAgo);
		const { ref } = await submitConcern(
			db,
			ring,
			city,
			{ category: demo.category, description: demo.text, district: demo.district ?? '', consent: 'yes', anonymous: 'yes', publicListing: demo.listed ?? false, reportLocale: demo.locale },
			{ locale: demo.locale, demo: true, now: received, limit: false }
		);
		let moment = received;
		if (demo.refer) await referCase(db, office, city.id, ref, (await getCaseSummary(db, office, city.id, ref)).version, { referredTo: demo.refer });
		for (const step of demo.path ?? []) {
			moment = new Date(moment.getTime() + step.after * 86_400_000);
			const version = (await getCaseSummary(db, office, city.id, ref)).version;
			await changeStatus(db, ring, office, city, ref, version, { status: step.status, body: step.say ?? '' }, moment);
		}
		if (demo.reply) await replyToReporter(db, ring, office, city, ref, { body: demo.reply });
		if (demo.link) {
			const version = (await getCaseSummary(db, office, city.id, ref)).version;
			await linkCase(db, office, city.id, ref, version, { target: demo.link }).catch(() => undefined);
		}
	}
	return cases.length;
}

export async function seedDemoConcerns(db: Db, ring: KeyRing, today: string): Promise<{ cases: number }> {
	return { cases: (await seedCity(db, ring, 'york', YORK, today)) + (await seedCity(db, ring, 'gwangju', GWANGJU, today)) };
}
