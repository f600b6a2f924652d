import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { canReset, defaultPolicy, lifecycleRulesOf } from '../../src/policy/index.js';

describe('lifecycleRulesOf', () => {
  it('only PUK limits successes; only TSP and ticket are single-use', () => {
    expect(lifecycleRulesOf(defaultPolicy('PwdPolicy'))).toEqual({
      maxCredFailureCount: 3,
      tmpLockingThreshold: 2,
      tmpLockingDuration: 60_000,
      tmpLockingMode: 'strict',
      maxCredSuccessCount: -1,
      singleUse: false,
      maxResetCount: -1,
      resetTarget: 'initial',
      credentialLifetime: 315_360_000_000,
      initialPwchangeRequired: true,
      initialPwchangePeriodInitial: -1,
      initialPwchangePeriodAdminChanged: -1,
    });
    expect(lifecycleRulesOf(defaultPolicy('TempStrongPasswordPolicy'))).toMatchObject({
      maxCredSuccessCount: -1,
      singleUse: true,
      resetTarget: 'initial',
      credentialLifetime: 432_000_000,
    });
    expect(lifecycleRulesOf(defaultPolicy('TicketPolicy'))).toMatchObject({
      maxCredSuccessCount: -1,
      singleUse: true,
      resetTarget: 'active',
    });
    expect(lifecycleRulesOf(defaultPolicy('PUKPolicy'))).toMatchObject({
      maxCredSuccessCount: 5,
      singleUse: false,
      resetTarget: 'active',
    });
    expect(lifecycleRulesOf({ ...defaultPolicy('TicketPolicy'), singleUse: false }).singleUse).toBe(
      false,
    );
  });

  it('only passwords require a change of an initial or admin-set value', () => {
    const period = { initial: 86_400_000, adminChanged: 3_600_000 };
    const password = { ...defaultPolicy('PwdPolicy'), initialPwchangePeriod: period };
    expect(lifecycleRulesOf(password)).toMatchObject({
      initialPwchangeRequired: true,
      initialPwchangePeriodInitial: 86_400_000,
      initialPwchangePeriodAdminChanged: 3_600_000,
    });
    for (const type of ['TempStrongPasswordPolicy', 'TicketPolicy', 'PUKPolicy'] as const) {
      expect(lifecycleRulesOf(defaultPolicy(type))).toMatchObject({
        initialPwchangeRequired: false,
        initialPwchangePeriodInitial: -1,
        initialPwchangePeriodAdminChanged: -1,
      });
    }
  });

  it("a PUK's lifetime is its pukLifetime, not credentialLifetime", () => {
    const puk = { ...defaultPolicy('PUKPolicy'), pukLifetime: 1_000, credentialLifetime: 2_000 };
    expect(lifecycleRulesOf(puk).credentialLifetime).toBe(1_000);
  });
});

describe('canReset', () => {
  test.prop([fc.nat()])('unlimited when maxResetCount is -1', (n) => {
    expect(canReset(n, defaultPolicy('PUKPolicy'))).toBe(true);
  });

  test.prop([fc.nat({ max: 100 }), fc.nat({ max: 100 })])(
    'allowed exactly while resetCount < maxResetCount',
    (resetCount, maxResetCount) => {
      const policy = { ...defaultPolicy('TempStrongPasswordPolicy'), maxResetCount };
      expect(canReset(resetCount, policy)).toBe(resetCount < maxResetCount);
      expect(canReset(resetCount, lifecycleRulesOf(policy))).toBe(resetCount < maxResetCount);
    },
  );

  it('a nonsensical resetCount is refused', () => {
    for (const n of [-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(canReset(n, defaultPolicy('PUKPolicy'))).toBe(false);
    }
  });
});
