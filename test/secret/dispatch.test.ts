/**
 * The dispatcher: every accepted form is told apart by its own prefix, the
 * SSHA values of other producers (passlib, slappasswd) keep verifying, and no
 * input — arbitrary text or a valid value of any scheme with some characters
 * changed — makes parsing or verification throw.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  type HashOptions,
  hashSecret,
  type ParsedHash,
  parseHash,
  verifySecret,
  verifySecretAsync,
} from '../../src/secret/index.js';
import { foreign, producersOf, reproducible, vectorCases } from './vectors.js';

describe('SSHA values of other producers', () => {
  const ssha = foreign.filter((v) => /SSHA|salted_sha/.test(v.scheme));

  it('come from passlib and OpenLDAP’s slappasswd, with salts of 4, 8 and 12 bytes', () => {
    expect(producersOf(ssha)).toEqual(['OpenLDAP slappasswd', 'passlib']);
  });

  vectorCases('SSHA', ssha);
});

describe('telling the forms apart', () => {
  const kinds: readonly [string, ParsedHash['kind']][] = [
    ['{SSHA256}qUsDFCJTmbX1aYaoRO7BSmZLSGAkqcVgSW1wngP6VAA4FkGEEUmI+Q==', 'ssha'],
    ['{PBKDF2}10000$wNg.bokoa/mcJJMrEkuAkg$qhGoGVqByElggDeCBVfbd0yE4JI', 'pbkdf2'],
    ['$pbkdf2-sha256$3$AAH./3.AwN4$zQPzfskkKDNS6fFyCsWFex9Wj7frK9JTFH/CBdQVgNg', 'pbkdf2'],
    ['$2y$04$KPiqUbGIO6TsGpqCCkPQD.sp72cDMJIkZhS1mnVJM9hUqy5wegUFS', 'bcrypt'],
    [
      '$argon2id$v=19$m=64,t=2,p=1$HbCjufJpaGlVnRdkrKITXg$mFhxf2afm/LP45A2nS+G7HhzNY8FIlI4xF/0nbZCv/g',
      'argon2id',
    ],
  ];

  it.each(kinds)('%s is %s', (stored, kind) => {
    const r = parseHash(stored);
    expect(E.isRight(r) && r.right.kind).toBe(kind);
  });

  it.each([
    ['$6$salt$hash', 'unknown-scheme'],
    ['$1$salt$hash', 'unknown-scheme'],
    ['$scrypt$ln=16,r=8,p=1$salt$hash', 'unknown-scheme'],
    ['{CRYPT}$2b$04$KPiqUbGIO6TsGpqCCkPQD.sp72cDMJIkZhS1mnVJM9hUqy5wegUFS', 'unknown-scheme'],
    ['{ARGON2}$argon2id$v=19$m=64,t=2,p=1$HbCjufJpaGlVnRdkrKITXg$mFhx', 'unknown-scheme'],
    ['$', 'missing-scheme'],
    ['$$', 'missing-scheme'],
    ['2b$04$KPiqUbGIO6TsGpqCCkPQD.sp72cDMJIkZhS1mnVJM9hUqy5wegUFS', 'missing-scheme'],
    [' $2b$04$KPiqUbGIO6TsGpqCCkPQD.sp72cDMJIkZhS1mnVJM9hUqy5wegUFS', 'missing-scheme'],
  ])('%s → %s', (stored, reason) => {
    const r = parseHash(stored);
    expect(E.isLeft(r) && r.left.reason).toBe(reason);
    expect(verifySecret('x', stored)).toEqual(r);
    if (E.isLeft(r) && stored.length > 8) expect(r.left.message).not.toContain(stored.slice(4));
  });

  it('the unknown-scheme message lists what is read', () => {
    const r = parseHash('$6$salt$hash');
    expect(E.isLeft(r) && r.left.message).toMatch(/\$argon2id\$.*\$2b\$|\$2b\$.*\$argon2id\$/);
  });
});

/** A stored value that costs little to recompute, so a property can verify it many times. */
const cheapToVerify = (parsed: ParsedHash): boolean => {
  switch (parsed.kind) {
    case 'bcrypt':
      return parsed.cost <= 6;
    case 'pbkdf2':
      return parsed.iterations * Math.ceil(parsed.digest.length / 20) <= 20_000;
    case 'argon2id':
      return parsed.memory * parsed.iterations <= 4_096;
    case 'ssha':
      return true;
  }
};

const validValues: readonly string[] = [
  ...reproducible.map((v) => v.stored),
  ...foreign.map((v) => v.stored),
].filter((stored) => {
  const r = parseHash(stored);
  return E.isRight(r) && cheapToVerify(r.right);
});

/** One edit of a valid value: a character changed, inserted or removed, or the value cut. */
const mutatedArb = fc
  .tuple(
    fc.constantFrom(...validValues),
    fc.array(
      fc.tuple(
        fc.constantFrom('change', 'insert', 'remove', 'cut'),
        fc.nat(),
        fc.constantFrom(...'$={}.,/+-=0123456789aAzZ-_ é\n\u0000'),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([value, edits]) =>
    edits.reduce((s, [edit, n, c]) => {
      const i = s.length === 0 ? 0 : n % s.length;
      if (edit === 'change') return s.slice(0, i) + c + s.slice(i + 1);
      if (edit === 'insert') return s.slice(0, i) + c + s.slice(i);
      if (edit === 'remove') return s.slice(0, i) + s.slice(i + 1);
      return s.slice(0, i);
    }, value),
  );

describe('never an exception', () => {
  it('the valid values cover every scheme', () => {
    const kinds = new Set(
      validValues.flatMap((s) => {
        const r = parseHash(s);
        return E.isRight(r) ? [r.right.kind] : [];
      }),
    );
    expect([...kinds].sort()).toEqual(['argon2id', 'bcrypt', 'pbkdf2', 'ssha']);
  });

  test.prop([fc.string({ unit: 'binary' })])('arbitrary text', (s) => {
    expect(() => parseHash(s)).not.toThrow();
    expect(() => verifySecret('x', s)).not.toThrow();
  });

  test.prop([
    fc.constantFrom(
      '$2a$',
      '$2b$04$',
      '$argon2id$',
      '$argon2id$v=19$m=8,t=1,p=1$',
      '$pbkdf2$',
      '$pbkdf2-sha512$1$',
      '{PBKDF2}',
      '{PBKDF2-SHA256}1$',
      '{SSHA}',
    ),
    fc.string({ unit: fc.constantFrom(...'ABCab09+/=.$,-_ mpt'.split('')), maxLength: 80 }),
  ])('scheme prefixes followed by near-miss text', (prefix, rest) => {
    const stored = prefix + rest;
    const parsed = parseHash(stored);
    if (E.isRight(parsed) && !cheapToVerify(parsed.right)) return;
    expect(() => verifySecret('x', stored)).not.toThrow();
  });

  test.prop([mutatedArb], { numRuns: 300 })('valid values of every scheme, edited', (stored) => {
    const parsed = parseHash(stored);
    if (E.isRight(parsed) && !cheapToVerify(parsed.right)) return;
    expect(() => verifySecret('secret', stored)).not.toThrow();
  });

  test.prop([mutatedArb], { numRuns: 40 })('the async verifier never rejects', async (stored) => {
    const parsed = parseHash(stored);
    if (E.isRight(parsed) && !cheapToVerify(parsed.right)) return;
    const result = await verifySecretAsync('secret', stored);
    expect(result).toEqual(verifySecret('secret', stored));
  });
});

describe('one documented form per scheme', () => {
  const forms: readonly [HashOptions, RegExp][] = [
    [{ algorithm: 'SSHA' }, /^\{SSHA\}[A-Za-z0-9+/]{38}==$/],
    [{ algorithm: 'SSHA256' }, /^\{SSHA256\}[A-Za-z0-9+/]{54}==$/],
    [
      {
        algorithm: 'PBKDF2',
        parameters: { pbkdf2: { digest: 'SHA-512', iterations: 3, saltLength: 16, keyLength: 64 } },
      },
      /^\{PBKDF2-SHA512\}3\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{86}$/,
    ],
    [
      {
        algorithm: 'ARGON2ID',
        parameters: {
          argon2id: { memory: 8, iterations: 1, parallelism: 1, saltLength: 16, hashLength: 32 },
        },
      },
      /^\$argon2id\$v=19\$m=8,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    ],
    [{ algorithm: 'bcrypt', parameters: { bcrypt: { cost: 4 } } }, /^\$2b\$04\$[./A-Za-z0-9]{53}$/],
  ];

  it.each(forms)('%j', (options, form) => {
    const stored = hashSecret('secret', options);
    expect(stored).toMatch(form);
    expect(verifySecret('secret', stored)).toEqual(E.right(true));
  });
});
