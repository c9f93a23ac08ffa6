// Authorization expectations for the commitments module's routes (public pages, ledger, admin).
import type { Expectation } from './expectations.ts';

export const COMMITMENT_EXPECTATIONS: Record<string, Expectation> = {};
