/**
 * The network module's part of the authorization matrix: the expected status of each of its
 * routes under /network for every kind of user.
 */
import type { Expectation } from '../testing/matrix.ts';

export const expectations: Record<string, Expectation> = {};
