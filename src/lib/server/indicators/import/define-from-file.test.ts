import { describe, expect, it } from 'vitest';
import { codeFromFileName, proposalForm, proposeIndicator } from './define-from-file.ts';

describe('codeFromFileName', () => {
	it('reads SDG numbers as sdg: codes and other names as codes of their own', () => {
		expect(codeFromFileName('data/indicator_1-2-1.csv')).toBe('sdg:1.2.1');
		expect(codeFromFileName('indicator_16-b-1.CSV')).toBe('sdg:16.b.1');
		expect(codeFromFileName('C:\\exports\\indicator_11-1-1.csv')).toBe('sdg:11.1.1');
		expect(codeFromFileName('indicator_housing-temporary-accommodation.csv')).toBe('housing-temporary-accommodation');
		expect(codeFromFileName('Данные 2024.csv')).toBeNull();
	});
});

describe('proposeIndicator', () => {
	it('takes dimensions from the columns in order of first use, the most frequent unit and series, GeoCode and the like left out', () => {
		const csv = '\uFEFFYear,Пол,"Возраст, лет",Units,Series,GeoCode,COMMENT_OBS,Value\r\n2020,,,Процент,SI_POV,KZ,,8.0\r\n2020,Мужчины,,Процент,SI_POV,KZ,,7\r\n2020,Женщины,"16-62, трудоспособные",Процент,SI_POV,KZ,,8\r\n2021,,,тыс. человек,SI_POV_X,KZ,оценка,152';
		const result = proposeIndicator('indicator_1-2-1.csv', csv);
		expect(result).toEqual({
			ok: true,
			proposal: {
				file: 'indicator_1-2-1.csv',
				code: 'sdg:1.2.1',
				unit: 'percent',
				unitRecognised: true,
				unitText: 'Процент',
				seriesText: 'SI_POV',
				dimensions: { Пол: ['Мужчины', 'Женщины'], 'Возраст, лет': ['16-62, трудоспособные'] },
				units: ['Процент', 'тыс. человек'],
				series: ['SI_POV', 'SI_POV_X'],
				rows: 4
			}
		});
		if (!result.ok) return;
		expect(proposalForm(result.proposal, { dataLanguage: 'ru' })).toMatchObject({ code: 'sdg:1.2.1', title: 'sdg:1.2.1', unit: 'percent', unitText: 'Процент', seriesText: 'SI_POV', dataLanguage: 'ru', dimensions: 'Пол: Мужчины, Женщины\n"Возраст, лет": "16-62, трудоспособные"' });
	});

	it('falls back to index for a unit it does not know, and says so', () => {
		const result = proposeIndicator('indicator_3-1-1.csv', 'Year,Units,Value\n2020,на 100 000 живорождений,12');
		expect(result.ok && [result.proposal.unit, result.proposal.unitRecognised, result.proposal.unitText]).toEqual(['index', false, 'на 100 000 живорождений']);
	});

	it('names what stops a proposal', () => {
		expect(proposeIndicator('Notes 2024.csv', 'Year,Value\n2020,1')).toMatchObject({ ok: false, problem: 'no_code' });
		expect(proposeIndicator('indicator_1-1-1.csv', 'when,how much\n2020,1')).toMatchObject({ ok: false, problem: 'not_open_sdg' });
		expect(proposeIndicator('indicator_1-1-1.csv', 'Year,Value\n2020,"1')).toMatchObject({ ok: false, problem: 'unreadable' });
		expect(proposeIndicator('indicator_1-1-1.csv', `Year,Area,Value\n${Array.from({ length: 501 }, (_, i) => `2020,a${i},1`).join('\n')}`)).toMatchObject({ ok: false, problem: 'too_many_values', detail: 'Area' });
	});
});
