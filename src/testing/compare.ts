/**
 * The comparison of a real answer with the one the oracle predicted: status,
 * error codes, the deterministic fields of a credential resource, the shape
 * of values (hash or plaintext), login status codes and `Location`.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import {
  adminOnlyFields,
  type CredentialKind,
  isPlainObject,
  type Policy,
  verifySecret,
} from '../index.js';
import type { SutResponse } from './system.js';

const exactFields = [
  'type',
  'version',
  'stateName',
  'stateChangeReason',
  'successfulLoginCount',
  'failedLoginCount',
  'resetCount',
  'failureCount',
  'successCount',
  'policyExtId',
  'userExtId',
  'identification',
  'context',
  'modificationComment',
] as const;

const dateFields = [
  'created',
  'lastModified',
  'lastSuccessfulLoginDate',
  'lastFailedLoginDate',
  'lastChangeDate',
] as const;

/**
 * Whether a value looks like a stored hash (`{SCHEME}…`, or `$id$…` as
 * bcrypt, Argon2id and passlib write it) rather than a plaintext.
 *
 * @example
 * import { isHashValue } from 'credential-lifecycle/testing';
 * isHashValue('{SSHA256}abc='); // true
 * isHashValue('$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA'); // true
 * isHashValue('x7Kq'); // false
 */
export const isHashValue = (u: unknown): u is string =>
  typeof u === 'string' && /^(\{[A-Za-z0-9-]+\}|\$[a-z0-9-]+\$)/.test(u);

/** `{SCHEME}` or `$id$`. */
const schemeOf = (hash: string): string =>
  hash.slice(0, hash.startsWith('$') ? hash.indexOf('$', 1) + 1 : hash.indexOf('}') + 1);

const show = (u: unknown): string => (u === undefined ? 'nothing' : JSON.stringify(u));

const codesOf = (body: unknown): string[] | undefined => {
  if (!isPlainObject(body) || !Array.isArray(body.errors)) return undefined;
  return body.errors.map((e: unknown) => (isPlainObject(e) ? String(e.code) : '?'));
};

const charsetOf = (policy: Policy): string => {
  switch (policy.type) {
    case 'PwdPolicy':
      return policy.generatedPasswordCharacterSet;
    case 'TempStrongPasswordPolicy':
    case 'TicketPolicy':
      return policy.ticketCharacterSet;
    case 'PUKPolicy':
      return policy.pukCharacterSet;
  }
};

/** The shape problems of a generated plaintext: its length and its characters. */
const shapeProblems = (
  what: string,
  expected: string,
  actual: unknown,
  policy: Policy | undefined,
): string[] => {
  if (typeof actual !== 'string') return [`${what}: expected a plaintext, got ${show(actual)}`];
  const chars: readonly string[] = Array.from(actual);
  if (isHashValue(actual)) return [`${what}: expected a plaintext, got a hash`];
  const problems: string[] = [];
  const length = Array.from(expected).length;
  if (chars.length !== length) {
    problems.push(`${what}: expected ${length} characters, got ${chars.length}`);
  }
  if (policy !== undefined) {
    const allowed = new Set(Array.from(charsetOf(policy)));
    const foreign = chars.filter((c) => !allowed.has(c));
    if (foreign.length > 0) {
      problems.push(`${what}: ${foreign.length} character(s) outside the policy's character set`);
    }
  }
  return problems;
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const pathnameOf = (location: string): string => {
  try {
    return new URL(location, 'http://x').pathname;
  } catch {
    return location;
  }
};

/**
 * What a comparison needs besides the two answers.
 *
 * @example
 * import type { CompareContext } from 'credential-lifecycle/testing';
 * const context: CompareContext = { dates: false, kind: 'puk', extIdGiven: false, knownSecret: undefined, policy: undefined };
 */
export interface CompareContext {
  /** Compare date fields. */
  readonly dates: boolean;
  /** The kind the request is about, when it names one. */
  readonly kind: CredentialKind | undefined;
  /** Compare `extId` (it was chosen by the caller, not generated). */
  readonly extIdGiven: boolean;
  /** A plaintext the returned hash must verify against. */
  readonly knownSecret: string | undefined;
  /** The credential's policy, for the shape of generated secrets. */
  readonly policy: Policy | undefined;
}

/**
 * The differences between a predicted and a real answer: status; error
 * codes; for credential resources the deterministic fields (state,
 * counters, version, reason, type, policy, dates when `dates`), the presence
 * of the admin-only fields, and the value field (hash with the same scheme,
 * or a plaintext of the right length and characters, which must verify
 * against a hash shown later); login status codes; `passwordFragment`;
 * `Location`.
 *
 * @example
 * import { compareResponses } from 'credential-lifecycle/testing';
 * compareResponses(
 *   { status: 204, headers: {}, body: undefined },
 *   { status: 200, headers: {}, body: {} },
 *   { dates: true, kind: undefined, extIdGiven: false, knownSecret: undefined, policy: undefined },
 * ); // ['status: expected 204, got 200 (body {})']
 */
export const compareResponses = (
  expected: SutResponse,
  actual: SutResponse,
  context: CompareContext,
): string[] => {
  if (expected.status !== actual.status) {
    const detail = JSON.stringify(actual.body) ?? '';
    return [
      `status: expected ${expected.status}, got ${actual.status} (body ${detail.length > 300 ? `${detail.slice(0, 300)}…` : detail})`,
    ];
  }
  const problems: string[] = [];
  const expectedCodes = codesOf(expected.body);
  if (expectedCodes !== undefined) {
    const actualCodes = codesOf(actual.body);
    if (!sameJson(expectedCodes, actualCodes)) {
      problems.push(
        `error codes: expected ${show(expectedCodes)}, got ${show(actualCodes ?? actual.body)}`,
      );
    }
    return problems;
  }
  const location = expected.headers.location;
  if (location !== undefined) {
    const got = actual.headers.location;
    if (got === undefined || pathnameOf(got) !== pathnameOf(location)) {
      problems.push(`Location: expected ${location}, got ${show(got)}`);
    }
  }
  const want = expected.body;
  const got = actual.body;
  if (want === undefined) {
    if (got !== undefined && got !== null && got !== '')
      problems.push(`body: expected none, got ${show(got)}`);
    return problems;
  }
  if (!isPlainObject(want))
    return sameJson(want, got)
      ? problems
      : [...problems, `body: expected ${show(want)}, got ${show(got)}`];
  if (!isPlainObject(got)) return [...problems, `body: expected an object, got ${show(got)}`];
  if ('statusCode' in want && want.statusCode !== got.statusCode) {
    problems.push(`statusCode: expected ${show(want.statusCode)}, got ${show(got.statusCode)}`);
  }
  if ('passwordFragment' in want || 'passwordFragment' in got) {
    const fragment = want.passwordFragment;
    if (typeof fragment !== 'string') problems.push(`passwordFragment: expected none, got one`);
    else
      problems.push(
        ...shapeProblems('passwordFragment', fragment, got.passwordFragment, context.policy),
      );
  }
  if (!('stateName' in want)) return problems;
  // A credential resource.
  for (const field of exactFields) {
    if (!sameJson(want[field], got[field])) {
      problems.push(`${field}: expected ${show(want[field])}, got ${show(got[field])}`);
    }
  }
  if (context.extIdGiven && want.extId !== got.extId) {
    problems.push(`extId: expected ${show(want.extId)}, got ${show(got.extId)}`);
  } else if (typeof got.extId !== 'string' || got.extId.length === 0) {
    problems.push(`extId: expected a generated id, got ${show(got.extId)}`);
  }
  for (const field of dateFields) {
    if (
      context.dates
        ? !sameJson(want[field], got[field])
        : field in want !== field in got && !adminOnlyFields.some((f) => f === field)
    ) {
      problems.push(`${field}: expected ${show(want[field])}, got ${show(got[field])}`);
    }
  }
  if (context.dates && !sameJson(want.validity, got.validity)) {
    problems.push(`validity: expected ${show(want.validity)}, got ${show(got.validity)}`);
  }
  for (const field of adminOnlyFields) {
    if (field in want !== field in got) {
      problems.push(
        `${field}: expected it ${field in want ? 'present' : 'absent'} (admin-only field)`,
      );
    }
  }
  if (context.kind !== undefined) {
    const name = context.kind;
    const value = want[name];
    const real = got[name];
    if (value === undefined) {
      if (real !== undefined)
        problems.push(
          `${name}: expected no value, got ${isHashValue(real) ? 'a hash' : 'a plaintext'}`,
        );
    } else if (isHashValue(value)) {
      if (!isHashValue(real)) {
        problems.push(
          `${name}: expected a ${schemeOf(value)} hash, got ${real === undefined ? 'nothing' : 'a plaintext'}`,
        );
      } else if (schemeOf(real) !== schemeOf(value)) {
        problems.push(`${name}: expected a ${schemeOf(value)} hash, got ${schemeOf(real)}`);
      } else if (context.knownSecret !== undefined) {
        const verified = verifySecret(context.knownSecret, real);
        if (!(E.isRight(verified) && verified.right)) {
          problems.push(
            `${name}: the plaintext revealed earlier does not verify against the returned hash`,
          );
        }
      }
    } else if (typeof value === 'string') {
      problems.push(...shapeProblems(name, value, real, context.policy));
    }
  }
  return problems;
};
