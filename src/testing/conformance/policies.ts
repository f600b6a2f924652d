/**
 * The policies a conformance run generates for a system with the control
 * API: per type a default and another one, with parameters drawn from small
 * sets of values that make short sequences reach locks, limits and exposed
 * secrets.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import type { PolicyType } from '../../index.js';
import type { PolicySetup } from '../oracle.js';

export const shortOfType: { readonly [T in PolicyType]: string } = {
  PwdPolicy: 'pwd',
  TempStrongPasswordPolicy: 'tsp',
  TicketPolicy: 'ticket',
  PUKPolicy: 'puk',
};

export const policyTypes = Object.keys(shortOfType) as PolicyType[];

const optionalParams = (
  record: Readonly<Record<string, fc.Arbitrary<string>>>,
): fc.Arbitrary<Record<string, string>> =>
  fc
    .record(
      Object.fromEntries(
        Object.entries(record).map(([k, v]) => [k, fc.option(v, { nil: undefined, freq: 3 })]),
      ),
    )
    .map((r) => {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k] = v;
      return out;
    });

/**
 * The lifecycle rules a generated policy has: one of a few profiles, which
 * between them lock by failures (strict and threshold mode, at once or
 * after a while), only fail-lock, never lock, limit resets or not, and lead
 * resets to each target. Few profiles keep the exploration of the machine
 * for the coverage report short (it runs once per kind and distinct rules);
 * the other parameters vary freely.
 */
const lifecycleProfiles: readonly Readonly<Record<string, string>>[] = [
  // nevisIDM's defaults: the 3rd failure fail-locks, the 2nd tmp-locks for 60 s (strict).
  {},
  // Every failure tmp-locks, and the lock is over at once; resets lead to reset-code.
  {
    maxCredFailureCount: '-1',
    tmpLockingThreshold: '1',
    tmpLockingDuration: '0',
    resetTarget: 'reset-code',
  },
  // The 2nd failure fail-locks, no tmp-lock; one reset, to reset-code.
  {
    maxCredFailureCount: '2',
    tmpLockingThreshold: '-1',
    maxResetCount: '1',
    resetTarget: 'reset-code',
  },
  // Threshold mode: every 2nd failure tmp-locks for 1 s, the 4th fail-locks; valid for a day.
  {
    maxCredFailureCount: '4',
    tmpLockingThreshold: '2',
    tmpLockingMode: 'threshold',
    tmpLockingDuration: '1000',
    resetTarget: 'active',
    credentialLifetime: '86400000',
  },
  // Never locks, never resets, valid for a minute.
  {
    maxCredFailureCount: '-1',
    tmpLockingThreshold: '-1',
    maxResetCount: '0',
    credentialLifetime: '60000',
  },
  // Strict mode: from the 2nd failure on every one tmp-locks for 1 s, the 4th fail-locks; one reset.
  {
    maxCredFailureCount: '4',
    tmpLockingThreshold: '2',
    tmpLockingDuration: '1000',
    maxResetCount: '1',
    resetTarget: 'reset-code',
  },
  // The 2nd failure fail-locks, no tmp-lock; resets lead to initial.
  { maxCredFailureCount: '2', tmpLockingThreshold: '-1', resetTarget: 'initial' },
  // The 2nd failure fail-locks, no tmp-lock; resets lead to active.
  { maxCredFailureCount: '2', tmpLockingThreshold: '-1', resetTarget: 'active' },
];

/** Per profile: whether a TSP or ticket is single-use, and a PUK's success limit. */
const singleUseOfProfile = ['true', 'false', 'true', 'false', 'true', 'false', 'true', 'false'];
const successLimitOfProfile = ['5', '1', '2', '-1', '1', '2', '2', '-1'];

const profileArb = fc.nat({ max: lifecycleProfiles.length - 1 });

/** A profile's lifecycle parameters and the type's other parameters. */
const withProfile = (
  type: PolicyType,
  others: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<Record<string, string>> =>
  fc.tuple(profileArb, others).map(([i, rest]) => ({
    ...rest,
    ...lifecycleProfiles[i],
    ...(type === 'TempStrongPasswordPolicy' || type === 'TicketPolicy'
      ? { singleUse: singleUseOfProfile[i] ?? 'true' }
      : {}),
    ...(type === 'PUKPolicy' ? { maxCredSuccessCount: successLimitOfProfile[i] ?? '5' } : {}),
  }));

const hashAlgorithm = fc.constantFrom('SSHA', 'SSHA256');

/** Policy parameters that make short sequences interesting (locks, limits, exposure). */
const conformanceParametersArb: {
  readonly [T in PolicyType]: fc.Arbitrary<Record<string, string>>;
} = {
  PwdPolicy: withProfile(
    'PwdPolicy',
    optionalParams({
      hashAlgorithm,
      resetCodeEnabled: fc.constantFrom('true', 'false'),
      allowLoginIdInPassword: fc.constantFrom('true', 'false'),
      historyDepth: fc.constantFrom('0', '5'),
      generatedPasswordLength: fc.constantFrom('12', '20'),
    }),
  ),
  TempStrongPasswordPolicy: withProfile(
    'TempStrongPasswordPolicy',
    optionalParams({
      hashAlgorithm,
      ticketLen0: fc.constantFrom('0', '6', '30'),
      ticketLen1: fc.constantFrom('0', '0', '4'),
    }),
  ),
  TicketPolicy: withProfile(
    'TicketPolicy',
    optionalParams({
      hashAlgorithm,
      ticketLength: fc.constantFrom('8', '30'),
      plainValueExposedToCaller: fc.constantFrom('true', 'true', 'false'),
    }),
  ),
  PUKPolicy: withProfile(
    'PUKPolicy',
    optionalParams({
      hashAlgorithm,
      pukLen: fc.constantFrom('8', '30'),
      plainValueExposedToCaller: fc.constantFrom('true', 'true', 'false'),
    }),
  ),
};

/**
 * The policies a conformance run generates for a system with the control
 * API: per type a default (`<type>-main`) and another one (`<type>-alt`).
 * Their lifecycle rules come from eight profiles (nevisIDM's defaults; every
 * failure tmp-locking, briefly; fail-lock only, with resets to each target;
 * threshold mode; strict mode with a high fail-lock; no locks and no
 * resets), their
 * other parameters (secret lengths, exposure, hash algorithm, password
 * rules) from small sets of values.
 *
 * @example
 * import { conformancePoliciesArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(conformancePoliciesArb, 1)[0]?.length; // 8
 */
export const conformancePoliciesArb: fc.Arbitrary<readonly PolicySetup[]> = fc.tuple(
  ...policyTypes.flatMap((type) =>
    [true, false].map((isDefault) =>
      conformanceParametersArb[type].map(
        (parameters): PolicySetup => ({
          extId: `${shortOfType[type]}-${isDefault ? 'main' : 'alt'}`,
          type,
          isDefault,
          parameters,
        }),
      ),
    ),
  ),
);
