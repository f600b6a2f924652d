import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  type DecodedPolicy,
  decodePolicy,
  defaultPolicy,
  kindOfPolicyType,
  lifecycleRulesOf,
  Policy,
  type PolicyType,
  policyTypeOfKind,
} from '../../src/policy/index.js';

const types: readonly PolicyType[] = [
  'PwdPolicy',
  'TempStrongPasswordPolicy',
  'TicketPolicy',
  'PUKPolicy',
];

const right = <T extends PolicyType>(r: E.Either<unknown, DecodedPolicy<T>>): DecodedPolicy<T> => {
  if (E.isLeft(r)) throw new Error(`expected Right, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const messages = (r: E.Either<{ errors: readonly { message: string }[] }, unknown>): string[] =>
  E.isLeft(r) ? r.left.errors.map((e) => e.message) : [];

describe('defaults', () => {
  it('common parameters', () => {
    for (const type of types) {
      const p = defaultPolicy(type);
      expect(p).toMatchObject({
        type,
        maxCredFailureCount: 3,
        tmpLockingThreshold: 2,
        tmpLockingDuration: 60_000,
        tmpLockingMode: 'strict',
        hashAlgorithm: 'SSHA256',
        maxResetCount: -1,
      });
      expect(Policy.is(p)).toBe(true);
    }
  });

  it('lifetimes: 10 years, TSP and ticket 5 days', () => {
    expect(defaultPolicy('PwdPolicy').credentialLifetime).toBe(315_360_000_000);
    expect(defaultPolicy('PUKPolicy').pukLifetime).toBe(315_360_000_000);
    expect(defaultPolicy('TempStrongPasswordPolicy').credentialLifetime).toBe(432_000_000);
    expect(defaultPolicy('TicketPolicy').credentialLifetime).toBe(432_000_000);
  });

  it('reset targets: password and TSP initial, ticket and PUK active', () => {
    expect(types.map((t) => defaultPolicy(t).resetTarget)).toEqual([
      'initial',
      'initial',
      'active',
      'active',
    ]);
  });

  it('type-specific parameters', () => {
    expect(defaultPolicy('PwdPolicy')).toMatchObject({
      allowLoginIdInPassword: true,
      checkDictionary: true,
      initialPwchangePeriod: { initial: -1, adminChanged: -1 },
    });
    const tsp = defaultPolicy('TempStrongPasswordPolicy');
    expect(tsp).toMatchObject({ ticketLen0: 30, ticketLen1: 0, singleUse: true });
    expect(tsp.ticketCharacterSet).toBe(
      '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
    );
    expect(defaultPolicy('TicketPolicy')).toMatchObject({
      ticketLength: 30,
      plainValueExposedToCaller: true,
      singleUse: true,
    });
    const puk = defaultPolicy('PUKPolicy');
    expect(puk).toMatchObject({
      pukLen: 30,
      maxCredSuccessCount: 5,
      plainValueExposedToCaller: false,
    });
    expect(puk.pukCharacterSet).toBe(
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    );
  });

  it('kinds and types map both ways', () => {
    for (const type of types) expect(policyTypeOfKind[kindOfPolicyType[type]]).toBe(type);
  });

  it('an empty input decodes to the defaults without warnings', () => {
    for (const type of types) {
      expect(decodePolicy(type, 'p1', {})).toEqual(
        E.right({ policy: defaultPolicy(type, 'p1'), warnings: [] }),
      );
    }
  });
});

describe('decoding', () => {
  it('the nevisIDM string map', () => {
    const { policy, warnings } = right(
      decodePolicy('TempStrongPasswordPolicy', 'tsp', {
        ticketLen0: '12',
        ticketLen1: '6',
        tmpLockingMode: 'threshold',
        maxCredFailureCount: '-1',
        singleUse: 'false',
        hashAlgorithm: 'SSHA',
        maxResetCount: '3',
        resetTarget: 'reset-code',
      }),
    );
    expect(warnings).toEqual([]);
    expect(policy).toMatchObject({
      ticketLen0: 12,
      ticketLen1: 6,
      tmpLockingMode: 'threshold',
      maxCredFailureCount: -1,
      singleUse: false,
      hashAlgorithm: 'SSHA',
      maxResetCount: 3,
      resetTarget: 'reset-code',
    });
  });

  it('typed JSON, including the nested or dotted initialPwchangePeriod', () => {
    const nested = right(
      decodePolicy('PwdPolicy', 'pw', {
        minLength: 12,
        checkDictionary: false,
        dictionary: ['password', 'qwerty'],
        initialPwchangePeriod: { initial: 86_400_000 },
      }),
    );
    expect(nested.policy).toMatchObject({
      minLength: 12,
      checkDictionary: false,
      dictionary: ['password', 'qwerty'],
      initialPwchangePeriod: { initial: 86_400_000, adminChanged: -1 },
    });
    const dotted = right(
      decodePolicy('PwdPolicy', 'pw', {
        'initialPwchangePeriod.adminChanged': '3600000',
        dictionary: 'password, qwerty\nletmein',
      }),
    );
    expect(dotted.policy.initialPwchangePeriod).toEqual({ initial: -1, adminChanged: 3_600_000 });
    expect(dotted.policy.dictionary).toEqual(['password', 'qwerty', 'letmein']);
  });

  it('unknown parameters are ignored with a warning', () => {
    const { policy, warnings } = right(
      decodePolicy('TicketPolicy', 't', { colour: 'red', pukLen: '5', ticketLength: '8' }),
    );
    expect(policy.ticketLength).toBe(8);
    expect(warnings).toEqual([
      'unknown parameter "colour" ignored',
      'unknown parameter "pukLen" ignored',
    ]);
  });

  it('deprecated names are read as their current names', () => {
    const tsp = right(decodePolicy('TempStrongPasswordPolicy', 't', { ticketLifetime: '1000' }));
    expect(tsp.policy.credentialLifetime).toBe(1000);
    expect(tsp.warnings).toEqual([
      'deprecated parameter "ticketLifetime" read as "credentialLifetime"',
    ]);
    const ticket = right(decodePolicy('TicketPolicy', 't', { ticketLifetime: 2000 }));
    expect(ticket.policy.credentialLifetime).toBe(2000);
    const notForPasswords = right(decodePolicy('PwdPolicy', 'p', { pukLifetime: '3000' }));
    expect(notForPasswords.policy.credentialLifetime).toBe(315_360_000_000);
    expect(notForPasswords.warnings).toEqual(['unknown parameter "pukLifetime" ignored']);
  });

  it("pukLifetime is the PUK policy's own lifetime: read without a warning", () => {
    const puk = right(decodePolicy('PUKPolicy', 'p', { pukLifetime: '3000' }));
    expect(puk.policy.pukLifetime).toBe(3000);
    expect(puk.warnings).toEqual([]);
    expect(lifecycleRulesOf(puk.policy).credentialLifetime).toBe(3000);
    // The shared name alone is read as the PUK's lifetime; with both, pukLifetime governs.
    const shared = right(decodePolicy('PUKPolicy', 'p', { credentialLifetime: '4000' }));
    expect([shared.policy.pukLifetime, shared.warnings]).toEqual([4000, []]);
    const both = right(
      decodePolicy('PUKPolicy', 'p', { pukLifetime: '3000', credentialLifetime: '4000' }),
    );
    expect([lifecycleRulesOf(both.policy).credentialLifetime, both.warnings]).toEqual([3000, []]);
    expect(messages(decodePolicy('PUKPolicy', 'p', { pukLifetime: '0' }))).toEqual([
      'pukLifetime: got "0", expected an integer from 1 to 31536000000000',
    ]);
  });

  it('type and extId keys of an encoded policy are ignored', () => {
    for (const type of types) {
      const p = defaultPolicy(type, 'x');
      expect(decodePolicy(type, 'x', JSON.parse(JSON.stringify(p)))).toEqual(
        E.right({ policy: p, warnings: [] }),
      );
    }
  });

  it('a non-object input is one 422 error', () => {
    for (const input of [null, 'x', 3, [], undefined]) {
      const r = decodePolicy('PUKPolicy', 'p', input);
      expect(E.isLeft(r) && r.left.status).toBe(422);
      expect(messages(r)).toHaveLength(1);
    }
  });

  it('an unknown policy type is a 422 error', () => {
    const r = decodePolicy('NoPolicy' as PolicyType, 'p', {});
    expect(E.isLeft(r) && r.left.status).toBe(422);
  });

  test.prop([fc.dictionary(fc.string(), fc.anything())])(
    'never throws on arbitrary input',
    (input) => {
      for (const type of types) expect(() => decodePolicy(type, 'p', input)).not.toThrow();
    },
  );

  test('parameters named like Object.prototype members are unknown, not codecs', () => {
    const input = JSON.parse('{"toString": [], "constructor": "1", "__proto__": {"pukLen": "1"}}');
    for (const type of types) {
      const decoded = decodePolicy(type, 'p', input);
      expect(E.isRight(decoded)).toBe(true);
      if (E.isRight(decoded)) {
        expect(decoded.right.policy).toEqual(defaultPolicy(type, 'p'));
        expect(decoded.right.warnings).toEqual([
          'unknown parameter "toString" ignored',
          'unknown parameter "constructor" ignored',
          'unknown parameter "__proto__" ignored',
        ]);
      }
    }
  });
});

describe('durations are bounded at 1,000 years', () => {
  it('accepts the bound itself', () => {
    const r = decodePolicy('TicketPolicy', 'p', {
      credentialLifetime: '31536000000000',
      tmpLockingDuration: '31536000000000',
    });
    expect(E.isRight(r) && r.right.policy.credentialLifetime).toBe(31_536_000_000_000);
  });
});

describe('bad values: one error per parameter with name, value and expectation', () => {
  const bad: Record<PolicyType, Record<string, readonly unknown[]>> = {
    PwdPolicy: {
      maxCredFailureCount: ['0', -2, '3.5', 'three', true, null],
      tmpLockingThreshold: ['0', -5, ''],
      tmpLockingDuration: ['-1', 1.5, ' 60000', '31536000000001'],
      tmpLockingMode: ['STRICT', 'lenient', 1],
      // Above 1,000 years a validity would leave the wire's years (0000-9999).
      credentialLifetime: ['0', '-1', 'forever', '1e3', '300000000000000', '9000000000000000'],
      hashAlgorithm: ['BCRYPT', 'ssha256', 'argon2id', 256],
      'hashAlgorithm.bcrypt.cost': ['3', '32', '12.5', 'twelve'],
      'hashAlgorithm.pbkdf2.digest': ['SHA-1', 'sha-256', 'SHA256'],
      'hashAlgorithm.pbkdf2.iterations': ['0', '-1', '4294967296'],
      'hashAlgorithm.pbkdf2.saltLength': ['7', '65'],
      'hashAlgorithm.pbkdf2.keyLength': ['15', '65'],
      'hashAlgorithm.argon2id.memory': ['7', '1048577'],
      'hashAlgorithm.argon2id.iterations': ['0', '4294967296'],
      'hashAlgorithm.argon2id.parallelism': ['0', '16777216'],
      'hashAlgorithm.argon2id.saltLength': ['7', '65'],
      'hashAlgorithm.argon2id.hashLength': ['15', '65'],
      maxResetCount: ['-2', 'x'],
      resetTarget: ['disabled', ''],
      allowLoginIdInPassword: ['yes', 1, 'null'],
      checkDictionary: ['no', 0],
      dictionary: [5, [1, 2], { a: 1 }],
      dictionaryMatch: ['prefix'],
      initialPwchangeRequired: ['1'],
      'initialPwchangePeriod.initial': ['-2', 'x'],
      'initialPwchangePeriod.adminChanged': ['soon'],
      resetCodeEnabled: ['maybe'],
      minLength: ['-1', 'eight'],
      maxLength: ['0', '-3'],
      minLetters: ['-1'],
      minUpperCase: ['-1'],
      minLowerCase: ['a'],
      minDigits: [1.5],
      minSpecialChars: ['-1'],
      specialCharacterSet: ['', 5, '\ud800'],
      historyDepth: ['-1'],
      generatedPasswordLength: ['0'],
      generatedPasswordCharacterSet: [''],
    },
    TempStrongPasswordPolicy: {
      hashAlgorithm: ['bcrypt'],
      'hashAlgorithm.argon2id.memory': ['0'],
      ticketCharacterSet: ['', []],
      ticketLen0: ['-1', 'thirty', '99999999999999999'],
      ticketLen1: ['-1'],
      singleUse: ['sometimes'],
    },
    TicketPolicy: {
      hashAlgorithm: ['bcrypt'],
      'hashAlgorithm.pbkdf2.iterations': ['0'],
      ticketCharacterSet: [''],
      ticketLength: ['0', 'x'],
      plainValueExposedToCaller: ['x'],
      singleUse: [2],
    },
    PUKPolicy: {
      hashAlgorithm: ['bcrypt'],
      'hashAlgorithm.pbkdf2.digest': ['SHA-1'],
      pukCharacterSet: [''],
      pukLen: ['0'],
      maxCredSuccessCount: ['0', '-2'],
      plainValueExposedToCaller: ['n'],
    },
  };

  for (const type of types) {
    for (const [name, values] of Object.entries(bad[type])) {
      it.each(values.map((v) => [v]))(`${type}.${name} = %j`, (value) => {
        const r = decodePolicy(type, 'p', { [name]: value });
        expect(E.isLeft(r) && r.left.status).toBe(422);
        const [message, ...others] = messages(r);
        expect(others).toEqual([]);
        expect(message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: got .+, expected .+`));
        if (E.isLeft(r)) expect(r.left.errors[0]?.code).toBe('errors.invalidValue');
      });
    }
  }

  it('several bad parameters give one error each, all at once', () => {
    const r = decodePolicy('PUKPolicy', 'p', {
      pukLen: 'long',
      maxCredSuccessCount: '0',
      tmpLockingMode: 'x',
      fine: 'ignored',
    });
    expect(messages(r)).toEqual([
      'pukLen: got "long", expected an integer ≥ 1',
      'maxCredSuccessCount: got "0", expected -1 or an integer ≥ 1',
      "tmpLockingMode: got \"x\", expected one of 'strict', 'threshold'",
    ]);
  });

  it('maxLength below minLength is an error on maxLength', () => {
    expect(messages(decodePolicy('PwdPolicy', 'p', { minLength: '10', maxLength: '9' }))).toEqual([
      'maxLength: got 9, expected -1 or at least minLength (10)',
    ]);
    expect(E.isRight(decodePolicy('PwdPolicy', 'p', { minLength: '10', maxLength: '-1' }))).toBe(
      true,
    );
  });

  it('long values are shortened in the message', () => {
    const [message] = messages(
      decodePolicy('TicketPolicy', 't', { ticketLength: 'x'.repeat(500) }),
    );
    expect(message?.length).toBeLessThan(150);
  });
});

describe('hashAlgorithm and its sub-parameters', () => {
  const others = types.filter((t) => t !== 'PwdPolicy');

  it('SSHA, SSHA256, PBKDF2 and ARGON2ID for every type, bcrypt for passwords', () => {
    for (const type of types) {
      for (const hashAlgorithm of ['SSHA', 'SSHA256', 'PBKDF2', 'ARGON2ID']) {
        expect(right(decodePolicy(type, 'p', { hashAlgorithm })).policy.hashAlgorithm).toBe(
          hashAlgorithm,
        );
      }
    }
    expect(right(decodePolicy('PwdPolicy', 'p', { hashAlgorithm: 'bcrypt' })).policy).toMatchObject(
      { hashAlgorithm: 'bcrypt', hashParameters: { bcrypt: { cost: 12 } } },
    );
  });

  it('bcrypt elsewhere is a 422 that names the field and the allowed values', () => {
    for (const type of others) {
      const r = decodePolicy(type, 'p', { hashAlgorithm: 'bcrypt' });
      expect(E.isLeft(r) && r.left.status).toBe(422);
      expect(messages(r)).toEqual([
        "hashAlgorithm: got \"bcrypt\", expected one of 'SSHA', 'SSHA256', 'PBKDF2', 'ARGON2ID' (bcrypt only in a PwdPolicy)",
      ]);
    }
  });

  it('defaults: bcrypt cost 12; PBKDF2-SHA-256, 600,000 iterations; Argon2id 19 MiB, t=2, p=1', () => {
    const expected = {
      pbkdf2: { digest: 'SHA-256', iterations: 600_000, saltLength: 16, keyLength: 32 },
      argon2id: { memory: 19_456, iterations: 2, parallelism: 1, saltLength: 16, hashLength: 32 },
    };
    expect(defaultPolicy('PwdPolicy').hashParameters).toEqual({
      bcrypt: { cost: 12 },
      ...expected,
    });
    for (const type of others) expect(defaultPolicy(type).hashParameters).toEqual(expected);
  });

  it('the dotted string map and typed values decode alike, nested hashParameters too', () => {
    const strings = {
      hashAlgorithm: 'ARGON2ID',
      'hashAlgorithm.bcrypt.cost': '10',
      'hashAlgorithm.pbkdf2.iterations': '1000',
      'hashAlgorithm.argon2id.memory': '65536',
      'hashAlgorithm.argon2id.iterations': '3',
      'hashAlgorithm.argon2id.parallelism': '4',
    };
    const typed = Object.fromEntries(
      Object.entries(strings).map(([k, v]) => [k, k === 'hashAlgorithm' ? v : Number(v)]),
    );
    const nested = {
      hashAlgorithm: 'ARGON2ID',
      hashParameters: {
        bcrypt: { cost: 10 },
        pbkdf2: { iterations: 1000 },
        argon2id: { memory: 65_536, iterations: 3, parallelism: 4 },
      },
    };
    const decoded = [strings, typed, nested].map((input) =>
      right(decodePolicy('PwdPolicy', 'p', input)),
    );
    for (const d of decoded) {
      expect(d.warnings).toEqual([]);
      expect(d.policy.hashParameters).toEqual({
        bcrypt: { cost: 10 },
        pbkdf2: { digest: 'SHA-256', iterations: 1000, saltLength: 16, keyLength: 32 },
        argon2id: { memory: 65_536, iterations: 3, parallelism: 4, saltLength: 16, hashLength: 32 },
      });
    }
  });

  it('the bounds themselves are accepted', () => {
    const low = right(
      decodePolicy('PwdPolicy', 'p', {
        'hashAlgorithm.bcrypt.cost': '4',
        'hashAlgorithm.pbkdf2.iterations': '1',
        'hashAlgorithm.argon2id.memory': '8',
      }),
    );
    expect(low.policy.hashParameters).toMatchObject({
      bcrypt: { cost: 4 },
      pbkdf2: { iterations: 1 },
      argon2id: { memory: 8 },
    });
    const high = right(decodePolicy('PwdPolicy', 'p', { 'hashAlgorithm.bcrypt.cost': '31' }));
    expect(high.policy.hashParameters.bcrypt.cost).toBe(31);
  });

  it('SHA-512 alone brings its own OWASP iteration count and key length; given values win', () => {
    const alone = right(
      decodePolicy('TicketPolicy', 't', { 'hashAlgorithm.pbkdf2.digest': 'SHA-512' }),
    );
    expect(alone.policy.hashParameters.pbkdf2).toEqual({
      digest: 'SHA-512',
      iterations: 220_000,
      saltLength: 16,
      keyLength: 64,
    });
    const given = right(
      decodePolicy('TicketPolicy', 't', {
        'hashAlgorithm.pbkdf2.digest': 'SHA-512',
        'hashAlgorithm.pbkdf2.iterations': '300000',
      }),
    );
    expect(given.policy.hashParameters.pbkdf2).toMatchObject({
      iterations: 300_000,
      keyLength: 64,
    });
  });

  it('Argon2id needs 8 KiB of memory per lane: one error, on memory', () => {
    expect(
      messages(
        decodePolicy('PUKPolicy', 'p', {
          'hashAlgorithm.argon2id.memory': '31',
          'hashAlgorithm.argon2id.parallelism': '4',
        }),
      ),
    ).toEqual([
      'hashAlgorithm.argon2id.memory: got 31, expected at least 8 KiB per lane (32 for parallelism 4)',
    ]);
    expect(
      messages(decodePolicy('PUKPolicy', 'p', { 'hashAlgorithm.argon2id.parallelism': 'x' })),
    ).toHaveLength(1);
  });

  it('several bad sub-parameters give one error each', () => {
    expect(
      messages(
        decodePolicy('PwdPolicy', 'p', {
          'hashAlgorithm.bcrypt.cost': '3',
          'hashAlgorithm.pbkdf2.iterations': '0',
          hashParameters: { argon2id: { hashLength: 8 } },
        }),
      ),
    ).toEqual([
      'hashAlgorithm.bcrypt.cost: got "3", expected an integer from 4 to 31',
      'hashAlgorithm.pbkdf2.iterations: got "0", expected an integer from 1 to 4294967295',
      'hashAlgorithm.argon2id.hashLength: got 8, expected an integer from 16 to 64',
    ]);
  });

  it('bcrypt’s cost outside a password policy, and unknown sub-parameters, are ignored with a warning', () => {
    const { warnings } = right(
      decodePolicy('TicketPolicy', 't', {
        'hashAlgorithm.bcrypt.cost': '10',
        'hashAlgorithm.argon2id.lanes': '2',
        hashParameters: { scrypt: { n: 1 }, pbkdf2: 5 },
      }),
    );
    expect(warnings).toEqual([
      'unknown parameter "hashAlgorithm.bcrypt.cost" ignored',
      'unknown parameter "hashAlgorithm.argon2id.lanes" ignored',
      'unknown parameter "hashAlgorithm.scrypt.n" ignored',
      'unknown parameter "hashParameters.pbkdf2" ignored',
    ]);
  });
});

describe('string-valued parameters (the nevisIDM form), one value kind at a time', () => {
  const pw = (params: Record<string, unknown>) => decodePolicy('PwdPolicy', 'pw', params);

  it('booleans: "true" and "false" (and typed booleans); anything else is one error naming the field', () => {
    expect(right(pw({ checkDictionary: 'false' })).policy.checkDictionary).toBe(false);
    expect(right(pw({ checkDictionary: 'true' })).policy.checkDictionary).toBe(true);
    expect(right(pw({ allowLoginIdInPassword: false })).policy.allowLoginIdInPassword).toBe(false);
    for (const bad of ['yes', '', 1, null]) {
      const r = pw({ checkDictionary: bad });
      expect(E.isLeft(r), String(bad)).toBe(true);
      if (E.isLeft(r)) {
        expect(r.left.errors).toHaveLength(1);
        expect(r.left.errors[0]?.message).toContain('checkDictionary');
      }
    }
  });

  it('word lists: split at commas and white space, empty words dropped, also in a typed list', () => {
    expect(right(pw({ dictionary: ' a,,b  c\n\td, ' })).policy.dictionary).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(right(pw({ dictionary: ['a', '', 'b'] })).policy.dictionary).toEqual(['a', 'b']);
    expect(right(pw({ dictionary: '' })).policy.dictionary).toEqual([]);
    expect(E.isLeft(pw({ dictionary: ['a', 1] }))).toBe(true);
    expect(E.isLeft(pw({ dictionary: 7 }))).toBe(true);
  });

  it('integers: decimal strings of safe integers', () => {
    expect(right(pw({ minLength: '12' })).policy.minLength).toBe(12);
    expect(right(pw({ minLength: 12 })).policy.minLength).toBe(12);
    for (const bad of ['12.5', 'twelve', '', '9007199254740993']) {
      expect(E.isLeft(pw({ minLength: bad })), bad).toBe(true);
    }
  });
});
