// Authorization expectations for the indicators module's routes (public pages, exports, admin).
import type { Expectation } from './expectations.ts';

export const INDICATOR_EXPECTATIONS: Record<string, Expectation> = {};
