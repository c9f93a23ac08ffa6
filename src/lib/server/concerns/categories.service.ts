/**
 * The report form's categories with the UDHR articles each is about, titled in the reader's
 * language by the frameworks module (English where a title is not translated, and saying so).
 *
 * @example (await listCategories(db, 'fr'))[0] // { code: 'discrimination', articles: [{ number: 2, code: 'udhr:2', title: '…', lang: 'fr' }, …] }
 */
import type { Db } from '../db/database.ts';
import { listUdhrArticles } from '../frameworks/index.ts';
import { CATEGORIES, type CategoryCode } from './vocabulary.ts';

export interface CategoryView {
	code: CategoryCode;
	group: string;
	articles: { number: number; code: string; title: string; lang: string }[];
}

export async function listCategories(db: Db, locale: string): Promise<CategoryView[]> {
	const { articles } = await listUdhrArticles(db, locale);
	const byNumber = new Map(articles.map((article) => [article.number, article]));
	return CATEGORIES.map((category) => ({
		code: category.code,
		group: category.group,
		articles: category.articles.flatMap((number) => {
			const article = byNumber.get(number);
			return article ? [{ number, code: article.code, title: article.label.text, lang: article.label.lang }] : [];
		})
	}));
}
