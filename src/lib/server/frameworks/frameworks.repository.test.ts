import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../testing/test-database.ts';
import { isDomainError } from '../errors.ts';
import { findEntry, findScheme, listEntries } from './frameworks.repository.ts';
import { getEntry, getScheme, listEntries as listEntriesOf, listUdhrArticles } from './frameworks.service.ts';

describe.each(DIALECTS)('frameworks on %s', (dialect) => {
	let database: TestDatabase;
	beforeEach(async () => {
		database = await createTestDatabase(dialect);
		// Start every test without translated labels, whatever the seed data holds by now.
		await database.db.deleteFrom('framework_label').execute();
	});
	afterEach(async () => {
		await database.cleanup();
	});

	async function addLabel(code: string, locale: string, label: string) {
		await database.db.insertInto('framework_label').values({ code, locale, label }).execute();
	}

	it('lists the 30 UDHR articles in order, in English when no translation exists, marked as English', async () => {
		const { scheme, articles } = await listUdhrArticles(database.db, 'ko');
		expect(articles.map((article) => article.number)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
		expect(articles[0]).toMatchObject({ code: 'udhr:1', label: { text: 'Right to Equality', lang: 'en' }, englishLabel: 'Right to Equality', confirmed: true });
		expect(scheme).toMatchObject({ code: 'udhr', confirmed: true });
		expect(scheme.source).toContain('Universal Declaration of Human Rights');
		expect(scheme.note).toContain('informal');
	});

	it('uses the translated short title of the reader’s locale and keeps the English one beside it', async () => {
		await addLabel('udhr:25', 'ko', '적절한 생활수준을 누릴 권리');
		await addLabel('udhr:25', 'fr', 'Droit à un niveau de vie suffisant');
		const { articles } = await listUdhrArticles(database.db, 'ko');
		const article = articles.find((entry) => entry.number === 25)!;
		expect(article.label).toEqual({ text: '적절한 생활수준을 누릴 권리', lang: 'ko' });
		expect(article.englishLabel).toBe('Right to Adequate Living Standard');
		expect(articles.filter((entry) => entry.label.lang === 'ko').map((entry) => entry.number)).toEqual([25]);
		expect((await listUdhrArticles(database.db, 'sv')).articles.find((entry) => entry.number === 25)!.label.lang).toBe('en');
	});

	it('gets any entry by its public code, keeping the unconfirmed mark', async () => {
		const principle = await getEntry(database.db, 'gwangju:5', 'en');
		expect(principle).toMatchObject({ scheme: 'gwangju', position: 5, confirmed: false, label: { lang: 'en' } });
		expect((await getEntry(database.db, 'gwangju:1', 'en')).confirmed).toBe(true);
		const target = await getEntry(database.db, 'sdg:11.1', 'es');
		expect(target).toMatchObject({ parentCode: 'sdg:11', scheme: 'sdg' });
		expect(target.description).toContain('housing');
		await expect(getEntry(database.db, 'udhr:99', 'en')).rejects.toSatisfy((error) => isDomainError(error, 'not_found'));
		await expect(getScheme(database.db, 'nope')).rejects.toSatisfy((error) => isDomainError(error, 'not_found'));
	});

	it('lists a scheme’s entries: all, the top level only, or one entry’s children', async () => {
		const goals = await listEntriesOf(database.db, 'sdg', 'en', { parent: null });
		expect(goals).toHaveLength(17);
		expect(goals[10]!.code).toBe('sdg:11');
		const targets = await listEntriesOf(database.db, 'sdg', 'en', { parent: 'sdg:11' });
		expect(targets.length).toBeGreaterThan(5);
		expect(targets.every((entry) => entry.parentCode === 'sdg:11')).toBe(true);
		expect(targets[0]!.code).toBe('sdg:11.1');
		expect(await listEntriesOf(database.db, 'sdg', 'en')).toHaveLength(186);
		expect(await listEntriesOf(database.db, 'no-such-scheme', 'en')).toEqual([]);
	});

	it('joins only the asked locale’s label in the repository', async () => {
		await addLabel('udhr:1', 'es', 'Derecho a la igualdad');
		expect((await findEntry(database.db, 'udhr:1', 'es'))?.translated_label).toBe('Derecho a la igualdad');
		expect((await findEntry(database.db, 'udhr:1', 'fr'))?.translated_label).toBeNull();
		expect(await findEntry(database.db, 'udhr:0', 'es')).toBeUndefined();
		expect((await listEntries(database.db, 'udhr', 'es')).filter((row) => row.translated_label)).toHaveLength(1);
		expect((await findScheme(database.db, 'gwangju'))?.name).toContain('Gwangju');
	});
});
