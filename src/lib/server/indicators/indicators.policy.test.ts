import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index.ts';
import { isDomainError } from '../errors.ts';
import { assertAllowed, canManageIndicators, canRecordObservations } from './indicators.policy.ts';

const YORK = 'york-id';
const GRAZ = 'graz-id';

function actor(roles: Actor['roles'], networkAdmin = false): Actor {
	return { personId: 'p', email: 'p@example.org', displayName: 'P', networkAdmin, preferredLocale: null, roles, verifications: [] };
}

const adminOfYork = actor([{ cityId: YORK, role: 'city_admin', department: null }]);
const officerOfYork = actor([{ cityId: YORK, role: 'officer', department: 'housing' }]);
const residentOfYork = actor([{ cityId: YORK, role: 'resident', department: null }]);
const adminOfGraz = actor([{ cityId: GRAZ, role: 'city_admin', department: null }]);
const officerOfGraz = actor([{ cityId: GRAZ, role: 'officer', department: null }]);
const networkAdmin = actor([], true);

describe('indicator policies', () => {
	it('lets the city admin and the network admin manage definitions, nobody else', () => {
		expect(canManageIndicators(adminOfYork, YORK)).toBe(true);
		expect(canManageIndicators(networkAdmin, YORK)).toBe(true);
		expect(canManageIndicators(officerOfYork, YORK)).toBe(false);
		expect(canManageIndicators(residentOfYork, YORK)).toBe(false);
		expect(canManageIndicators(adminOfGraz, YORK)).toBe(false);
		expect(canManageIndicators(null, YORK)).toBe(false);
	});

	it('lets the city admin, an officer of the city and the network admin record observations', () => {
		expect(canRecordObservations(adminOfYork, YORK)).toBe(true);
		expect(canRecordObservations(officerOfYork, YORK)).toBe(true);
		expect(canRecordObservations(networkAdmin, YORK)).toBe(true);
		expect(canRecordObservations(residentOfYork, YORK)).toBe(false);
		expect(canRecordObservations(officerOfGraz, YORK)).toBe(false);
		expect(canRecordObservations(adminOfGraz, YORK)).toBe(false);
		expect(canRecordObservations(null, YORK)).toBe(false);
	});

	it('turns a refusal into DomainError forbidden', () => {
		let error: unknown;
		try {
			assertAllowed(canManageIndicators(adminOfGraz, YORK));
		} catch (caught) {
			error = caught;
		}
		expect(isDomainError(error, 'forbidden')).toBe(true);
		expect(() => assertAllowed(true)).not.toThrow();
	});
});
