/**
 * The frameworks module's part of the authorization matrix: the Universal Declaration's pages
 * are public reads, the same for everyone.
 */
import { all, type Expectation } from '../testing/matrix.ts';

export const expectations: Record<string, Expectation> = {
	'GET /rights': { expect: all(200) },
	'GET /rights/[n=article]': { path: '/rights/25', expect: all(200) },
	'GET /rights/languages': { expect: all(200) },
};
