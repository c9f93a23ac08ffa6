/**
 * The ledger module's part of the authorization matrix: the city's public ledger page, the full
 * chain as JSON and the network-wide verifier are public reads, the same for everyone (signed in
 * or not, of this city or another).
 */
import { all, CITY_A, type Expectation } from '../testing/matrix.ts';

export const expectations: Record<string, Expectation> = {
	'GET /cities/[slug=slug]/ledger': { path: `/cities/${CITY_A}/ledger`, expect: all(200) },
	'GET /cities/[slug=slug]/ledger.json': { path: `/cities/${CITY_A}/ledger.json`, expect: all(200) },
	'GET /ledger/verify': { expect: all(200) },
};
