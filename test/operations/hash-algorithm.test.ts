/**
 * `hashAlgorithm` through the operations: the policy's algorithm and
 * sub-parameters decide how a new secret is stored, and a changed algorithm
 * applies to new values only — values stored before keep verifying, for logins
 * and for the password history.
 */
import { createHash, pbkdf2Sync } from 'node:crypto';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import { defaultPolicy, type Policy, policyTypeOfKind } from '../../src/policy/policy.js';
import type { HashAlgorithm } from '../../src/secret/hash.js';
import { verifySecret } from '../../src/secret/hash.js';
import {
  CLIENT,
  expectError,
  freshStore,
  Harness,
  numberField,
  stringField,
  USER,
} from './support.js';

const PASSWORD = 'Str0ng!pass';
const NEWER = 'N3w!passw0rd';

/** Cheap sub-parameters, as a test policy should have them. */
const cheap = {
  bcrypt: { cost: 5 },
  pbkdf2: { digest: 'SHA-512', iterations: 7, saltLength: 12, keyLength: 24 },
  argon2id: { memory: 16, iterations: 1, parallelism: 2, saltLength: 10, hashLength: 20 },
} as const;

/** The stored form each algorithm must produce under `cheap`. */
const expectedForm: Readonly<Record<HashAlgorithm, RegExp>> = {
  SSHA: /^\{SSHA\}[A-Za-z0-9+/]{38}==$/,
  SSHA256: /^\{SSHA256\}[A-Za-z0-9+/]{54}==$/,
  PBKDF2: /^\{PBKDF2-SHA512\}7\$[./A-Za-z0-9]{16}\$[./A-Za-z0-9]{32}$/,
  ARGON2ID: /^\$argon2id\$v=19\$m=16,t=1,p=2\$[A-Za-z0-9+/]{14}\$[A-Za-z0-9+/]{27}$/,
  bcrypt: /^\$2b\$05\$[./A-Za-z0-9]{53}$/,
};

/** The default policy of a kind with a hash algorithm, cheap sub-parameters and the plaintext shown. */
const policyFor = (kind: CredentialKind, hashAlgorithm: HashAlgorithm, extId = 'p'): Policy => {
  const base = defaultPolicy(policyTypeOfKind[kind], extId);
  const { bcrypt, ...others } = cheap;
  switch (base.type) {
    case 'PwdPolicy':
      return { ...base, hashAlgorithm, hashParameters: cheap };
    case 'TicketPolicy':
    case 'PUKPolicy':
      if (hashAlgorithm === 'bcrypt') throw new Error('bcrypt is for passwords');
      return { ...base, hashAlgorithm, hashParameters: others, plainValueExposedToCaller: true };
    case 'TempStrongPasswordPolicy':
      if (hashAlgorithm === 'bcrypt') throw new Error('bcrypt is for passwords');
      return { ...base, hashAlgorithm, hashParameters: others };
  }
};

const valueField = {
  password: 'password',
  tempStrongPassword: 'tempStrongPassword',
  ticket: 'ticket',
  puk: 'puk',
} as const satisfies Record<CredentialKind, string>;

/** Creates the credential; its plaintext (given or shown in the answer). */
const create = (h: Harness, kind: CredentialKind): string => {
  const answer = h.create(kind, kind === 'password' ? { password: PASSWORD } : {});
  expect(answer.status).toBe(201);
  return kind === 'password' ? PASSWORD : stringField(answer, valueField[kind]);
};

const storedHash = (h: Harness, kind: CredentialKind): string =>
  h.store.user(CLIENT, USER)?.credentials[kind]?.secretHash ?? '';

const algorithmsOf = (kind: CredentialKind): readonly HashAlgorithm[] =>
  kind === 'password'
    ? ['SSHA', 'SSHA256', 'PBKDF2', 'ARGON2ID', 'bcrypt']
    : ['SSHA', 'SSHA256', 'PBKDF2', 'ARGON2ID'];

const kinds: readonly CredentialKind[] = ['password', 'tempStrongPassword', 'ticket', 'puk'];

describe('the policy’s hashAlgorithm decides how a new secret is stored', () => {
  for (const kind of kinds) {
    for (const algorithm of algorithmsOf(kind)) {
      it(`${kind} under ${algorithm}: the stored form, its sub-parameters, a login`, () => {
        const h = new Harness(freshStore([[policyFor(kind, algorithm), true]]));
        const secret = create(h, kind);
        const stored = storedHash(h, kind);
        expect(stored).toMatch(expectedForm[algorithm]);
        expect(verifySecret(secret, stored)).toEqual(E.right(true));
        expect(numberField(h.login(kind, secret), 'statusCode')).toBe(5);
      });
    }
  }

  // The digest itself, recomputed outside the library with node:crypto: the
  // prefix and the lengths alone would not tell SHA-1 from a truncated SHA-256.
  const sshaDigest = { SSHA: ['sha1', 20], SSHA256: ['sha256', 32] } as const;
  for (const kind of kinds) {
    for (const algorithm of ['SSHA', 'SSHA256'] as const) {
      it(`${kind} under ${algorithm}: the digest is ${sshaDigest[algorithm][0]}(plaintext ‖ salt)`, () => {
        const h = new Harness(freshStore([[policyFor(kind, algorithm), true]]));
        const secret = create(h, kind);
        const [digest, length] = sshaDigest[algorithm];
        const payload = Buffer.from(storedHash(h, kind).slice(algorithm.length + 2), 'base64');
        expect(payload).toHaveLength(length + 8);
        const salt = payload.subarray(length);
        const expected = createHash(digest).update(secret, 'utf8').update(salt).digest();
        expect(payload.subarray(0, length).equals(expected)).toBe(true);
      });
    }
    it(`${kind} under PBKDF2: the digest is PBKDF2-HMAC-SHA512 with the policy's rounds and lengths`, () => {
      const h = new Harness(freshStore([[policyFor(kind, 'PBKDF2'), true]]));
      const secret = create(h, kind);
      const [, rounds = '', salt64 = '', hash64 = ''] =
        /^\{PBKDF2-SHA512\}(\d+)\$([^$]+)\$([^$]+)$/.exec(storedHash(h, kind)) ?? [];
      // Adapted base64: '.' for '+', no padding.
      const bytes = (ab64: string) => Buffer.from(ab64.replaceAll('.', '+'), 'base64');
      const salt = bytes(salt64);
      expect(Number(rounds)).toBe(cheap.pbkdf2.iterations);
      expect(salt).toHaveLength(cheap.pbkdf2.saltLength);
      const expected = pbkdf2Sync(
        secret,
        salt,
        cheap.pbkdf2.iterations,
        cheap.pbkdf2.keyLength,
        'sha512',
      );
      expect(bytes(hash64).equals(expected)).toBe(true);
    });
  }

  it('a reset hashes under the policy as well', () => {
    const h = new Harness(freshStore([[policyFor('password', 'bcrypt'), true]]));
    create(h, 'password');
    expect(h.reset('password', { password: NEWER }).status).toBe(204);
    expect(storedHash(h, 'password')).toMatch(expectedForm.bcrypt);
    expect(numberField(h.login('password', NEWER), 'statusCode')).toBe(5);
  });
});

describe('switching a policy from SSHA256 to ARGON2ID', () => {
  const switched = (h: Harness, kind: CredentialKind, extId: string) =>
    h.store.putPolicy(CLIENT, policyFor(kind, 'ARGON2ID', extId), true);

  it('a password stored before keeps logging in; the next one is Argon2id; the history still reads the old one', () => {
    const h = new Harness(freshStore([[policyFor('password', 'SSHA256', 'pw'), true]]));
    create(h, 'password');
    expect(storedHash(h, 'password')).toMatch(/^\{SSHA256\}/);

    switched(h, 'password', 'pw');
    expect(numberField(h.login('password', 'wrong'), 'statusCode')).not.toBe(5);
    expect(numberField(h.login('password', PASSWORD), 'statusCode')).toBe(5);
    expect(storedHash(h, 'password')).toMatch(/^\{SSHA256\}/);

    expect(h.reset('password', { password: NEWER }).status).toBe(204);
    expect(storedHash(h, 'password')).toMatch(expectedForm.ARGON2ID);
    expect(numberField(h.login('password', NEWER), 'statusCode')).toBe(5);
    expect(numberField(h.login('password', PASSWORD), 'statusCode')).not.toBe(5);
    // The SSHA256 value now lives in the history, and still verifies there.
    expectError(h.reset('password', { password: PASSWORD }), 422, 'errors.pwdPolicyViolated');
  });

  for (const kind of ['tempStrongPassword', 'ticket', 'puk'] as const) {
    it(`a ${kind} stored before keeps logging in; the next one is Argon2id`, () => {
      const h = new Harness(freshStore([[policyFor(kind, 'SSHA256', 'k'), true]]));
      const before = create(h, kind);
      expect(storedHash(h, kind)).toMatch(/^\{SSHA256\}/);
      switched(h, kind, 'k');
      expect(numberField(h.login(kind, before), 'statusCode')).toBe(5);
      // TSP and ticket are single-use: that login consumed them, so a new one is created.
      const next = kind === 'puk' ? h.reset(kind) : h.create(kind);
      expect(next.status).toBeLessThan(300);
      expect(storedHash(h, kind)).toMatch(expectedForm.ARGON2ID);
      expect(numberField(h.login(kind, stringField(next, valueField[kind])), 'statusCode')).toBe(5);
    });
  }
});
