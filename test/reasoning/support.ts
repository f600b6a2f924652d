/**
 * Shared helpers of the reasoning tests: policies decoded from generated
 * nevisIDM parameter maps, and generated scripts.
 */
import fc from 'fast-check';
import { either as E } from 'fp-ts';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import type { PolicyOfKind } from '../../src/operations/policy-book.js';
import { decodePolicy } from '../../src/policy/decode.js';
import { policyTypeOfKind } from '../../src/policy/policy.js';
import { type Step, type StepName, stepNames } from '../../src/reasoning/script.js';

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** The policy the library's decoder makes of a parameter map (fails the test when it refuses). */
export const policyOf = <K extends CredentialKind>(
  kind: K,
  parameters: Readonly<Record<string, unknown>> = {},
  extId = 'p',
): PolicyOfKind<K> => {
  const decoded = decodePolicy(
    policyTypeOfKind[kind] as (typeof policyTypeOfKind)[K],
    extId,
    parameters,
  );
  if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left.errors));
  return decoded.right.policy;
};

export const kindArb = fc.constantFrom<CredentialKind>(
  'password',
  'tempStrongPassword',
  'ticket',
  'puk',
);

/**
 * The lockout parameters, as nevisIDM strings: both locking modes, the -1
 * switches and zero durations, plus the kind's own switches.
 */
export const lockoutParametersArb = (
  kind: CredentialKind,
  durations: readonly number[] = [0, SECOND, MINUTE],
  lifetimes: readonly number[] = [MINUTE, DAY, 3650 * DAY],
): fc.Arbitrary<Record<string, string>> =>
  fc
    .record({
      maxCredFailureCount: fc.constantFrom(-1, 1, 2, 3, 5, 8),
      tmpLockingThreshold: fc.constantFrom(-1, 1, 2, 3, 4),
      tmpLockingDuration: fc.constantFrom(...durations),
      tmpLockingMode: fc.constantFrom('strict', 'threshold'),
      maxResetCount: fc.constantFrom(-1, 0, 1, 2),
      resetTarget: fc.constantFrom('initial', 'active', 'reset-code'),
      credentialLifetime: fc.constantFrom(...lifetimes),
      maxCredSuccessCount: fc.constantFrom(-1, 1, 2, 5),
      singleUse: fc.boolean(),
      initialPwchangeRequired: fc.boolean(),
      initial: fc.constantFrom(-1, 0, MINUTE, DAY),
      adminChanged: fc.constantFrom(-1, 0, MINUTE, DAY),
    })
    .map((p) => {
      const common: Record<string, string> = {
        maxCredFailureCount: String(p.maxCredFailureCount),
        tmpLockingThreshold: String(p.tmpLockingThreshold),
        tmpLockingDuration: String(p.tmpLockingDuration),
        tmpLockingMode: p.tmpLockingMode,
        maxResetCount: String(p.maxResetCount),
        resetTarget: p.resetTarget,
        credentialLifetime: String(p.credentialLifetime),
      };
      const own: Readonly<Record<CredentialKind, Record<string, string>>> = {
        password: {
          initialPwchangeRequired: String(p.initialPwchangeRequired),
          'initialPwchangePeriod.initial': String(p.initial),
          'initialPwchangePeriod.adminChanged': String(p.adminChanged),
        },
        tempStrongPassword: { singleUse: String(p.singleUse), ticketLen0: '12', ticketLen1: '0' },
        ticket: { singleUse: String(p.singleUse), plainValueExposedToCaller: 'true' },
        puk: {
          maxCredSuccessCount: String(p.maxCredSuccessCount),
          plainValueExposedToCaller: 'true',
        },
      };
      return { ...common, ...own[kind] };
    });

/** The steps whose operation a kind has (`change` is Password's, `strong-login` TSP's and Ticket's). */
export const stepsOfKind = (kind: CredentialKind): readonly Exclude<StepName, 'wait'>[] =>
  stepNames.filter(
    (name): name is Exclude<StepName, 'wait'> =>
      name !== 'wait' &&
      (name !== 'change' || kind === 'password') &&
      (name !== 'strong-login' || kind === 'tempStrongPassword' || kind === 'ticket'),
  );

/** Scripts of a kind's steps, heavy on logins and waits, with rare deletions. */
export const scriptArb = (kind: CredentialKind, maxLength = 25): fc.Arbitrary<Step[]> => {
  const names = stepsOfKind(kind).filter((n) => n !== 'delete' && n !== 'login' && n !== 'fail');
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Step>({ name: 'fail' }) },
    { weight: 3, arbitrary: fc.constant<Step>({ name: 'login' }) },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom(0, 500, SECOND, 30 * SECOND, MINUTE, HOUR, DAY)
        .map((ms): Step => ({ name: 'wait', ms })),
    },
    { weight: 3, arbitrary: fc.constantFrom(...names).map((name): Step => ({ name })) },
    { weight: 1, arbitrary: fc.constant<Step>({ name: 'delete' }) },
  );
  return fc.array(step, { maxLength });
};

/** Splits a POSIX command line of plain, single-quoted and (escape-free) double-quoted words. */
export const shellWords = (line: string): string[] =>
  [...line.matchAll(/(?:[^\s'"]+|'(?:[^']|'\\'')*'|"[^"]*")+/g)].map((m) =>
    m[0].replace(/'((?:[^']|'\\'')*)'|"([^"]*)"/g, (_, single?: string, double?: string) =>
      single !== undefined ? single.replaceAll("'\\''", "'") : (double ?? ''),
    ),
  );
