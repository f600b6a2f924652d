/**
 * bcrypt: `$2a$`/`$2b$`/`$2y$` values of python3-bcrypt (OpenBSD's C code) and
 * of passlib's own pure-Python bcrypt verify; `$2b$` values with a given salt
 * are reproduced byte for byte; the 72-byte rule; malformed values are Lefts.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  hashSecret,
  hashSecretAsync,
  parseHash,
  seededRandom,
  verifySecret,
  verifySecretAsync,
} from '../../src/secret/index.js';
import { producersOf, reproducible, utf8Length, vectorCases, vectorsOf } from './vectors.js';

const cheap = { bcrypt: { cost: 4 } };
const all = vectorsOf('bcrypt', /^bcrypt /);

describe('vectors from python3-bcrypt and passlib', () => {
  it('come from two producers and cover $2a$, $2b$, $2y$, costs 4 and 5, passwords over 72 bytes', () => {
    expect(producersOf(all)).toEqual(['passlib (builtin bcrypt)', 'python3-bcrypt']);
    expect(new Set(all.map((v) => v.stored.slice(0, 7)))).toEqual(
      new Set(['$2a$04$', '$2b$04$', '$2b$05$', '$2y$04$']),
    );
    expect(all.some((v) => utf8Length(v.password) > 72)).toBe(true);
  });

  vectorCases('bcrypt', all);
});

describe('the 72-byte limit, as bcrypt has it', () => {
  const long = all.filter((v) => utf8Length(v.password) > 72 && /^[\x20-\x7e]*$/.test(v.password));

  it('bytes after the 72nd change nothing (vectors of both producers)', () => {
    expect(producersOf(long)).toEqual(['passlib (builtin bcrypt)', 'python3-bcrypt']);
    for (const v of long) {
      const first72 = v.password.slice(0, 72);
      expect(verifySecret(first72, v.stored)).toEqual(E.right(true));
      expect(verifySecret(`${first72}something else`, v.stored)).toEqual(E.right(true));
      expect(verifySecret(v.password.slice(0, 71), v.stored)).toEqual(E.right(false));
    }
  });

  it('counts UTF-8 bytes, not characters: 36 × "ä" fill the 72 bytes', () => {
    const stored = hashSecret('ä'.repeat(36), { algorithm: 'bcrypt', parameters: cheap });
    expect(verifySecret(`${'ä'.repeat(36)}more`, stored)).toEqual(E.right(true));
    expect(verifySecret('ä'.repeat(35), stored)).toEqual(E.right(false));
  });
});

describe('hashSecret / verifySecret with bcrypt', () => {
  it('writes $2b$, the cost with two digits and 53 characters of salt and digest', () => {
    expect(hashSecret('x', { algorithm: 'bcrypt', parameters: cheap })).toMatch(
      /^\$2b\$04\$[./A-Za-z0-9]{53}$/,
    );
    expect(
      hashSecret('x', { algorithm: 'bcrypt', parameters: { bcrypt: { cost: 10 } } }).slice(0, 7),
    ).toBe('$2b$10$');
  });

  it('draws its 16-byte salt from the random source', () => {
    const a = hashSecret('x', { algorithm: 'bcrypt', parameters: cheap, random: seededRandom(3) });
    const b = hashSecret('x', { algorithm: 'bcrypt', parameters: cheap, random: seededRandom(3) });
    expect(a).toBe(b);
    const parsed = parseHash(a);
    expect(E.isRight(parsed) && parsed.right.kind === 'bcrypt' && parsed.right.salt.length).toBe(
      16,
    );
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 })], {
    numRuns: 15,
  })('round trip; another password fails (lone surrogates read as U+FFFD)', (p, q) => {
    const stored = hashSecret(p, { algorithm: 'bcrypt', parameters: cheap });
    expect(verifySecret(p, stored)).toEqual(E.right(true));
    const sameBytes = p.replace(/\p{Cs}/gu, '\ufffd') === q.replace(/\p{Cs}/gu, '\ufffd');
    expect(verifySecret(q, stored)).toEqual(E.right(sameBytes));
  });

  it('a lone surrogate hashes as U+FFFD, like every other scheme here', () => {
    const stored = hashSecret('a\ud800b', { algorithm: 'bcrypt', parameters: cheap });
    expect(verifySecret('a\ufffdb', stored)).toEqual(E.right(true));
  });

  it('the async forms give the same values', async () => {
    const salt = reproducible.find((v) => v.algorithm === 'bcrypt')?.options.salt;
    const options = { algorithm: 'bcrypt', parameters: cheap, ...(salt ? { salt } : {}) } as const;
    const stored = await hashSecretAsync('secret', options);
    expect(stored).toBe(hashSecret('secret', options));
    expect(await verifySecretAsync('secret', stored)).toEqual(E.right(true));
    expect(await verifySecretAsync('Secret', stored)).toEqual(E.right(false));
  });

  it('a cost outside 4–31 or a salt that is not 16 bytes is a RangeError', async () => {
    const bad = [
      { algorithm: 'bcrypt', parameters: { bcrypt: { cost: 3 } } },
      { algorithm: 'bcrypt', parameters: { bcrypt: { cost: 32 } } },
      { algorithm: 'bcrypt', parameters: cheap, salt: new Uint8Array(15) },
    ] as const;
    for (const options of bad) {
      expect(() => hashSecret('x', options)).toThrow(RangeError);
      await expect(hashSecretAsync('x', options)).rejects.toThrow(RangeError);
    }
  });
});

describe('malformed bcrypt values are typed Lefts', () => {
  const valid = '$2b$04$6MFQu5Qjjmb2YTnJNAycBuab.HM8ZMHUAmOVxNdoAdxKIjqgsMcGW'; // python3-bcrypt, 'secret'
  const at = (i: number, c: string) => valid.slice(0, i) + c + valid.slice(i + 1);

  it('the valid value reads: cost 4, 16 bytes of salt, 23 of digest', () => {
    const r = parseHash(valid);
    expect(E.isRight(r) && r.right.kind === 'bcrypt' && r.right).toMatchObject({
      scheme: '2b',
      cost: 4,
      salt: expect.objectContaining({ length: 16 }),
      digest: expect.objectContaining({ length: 23 }),
    });
    expect(verifySecret('secret', valid)).toEqual(E.right(true));
  });

  it.each([
    ['truncated by one character', valid.slice(0, 59), 'malformed'],
    ['without its digest', valid.slice(0, 29), 'malformed'],
    ['one character too many', `${valid}.`, 'malformed'],
    ['cost 03', at(5, '3'), 'invalid-parameters'],
    ['cost 32', `$2b$32${valid.slice(6)}`, 'invalid-parameters'],
    ['cost 4 without its leading zero', `$2b$4$${valid.slice(7)}.`, 'malformed'],
    ['a cost that is not a number', at(5, 'x'), 'invalid-parameters'],
    ['no $ after the cost', at(6, '.'), 'malformed'],
    ['the $2x$ version', at(2, 'x'), 'unknown-scheme'],
    ['the $2$ version', `$2$04$${valid.slice(7)}.`, 'unknown-scheme'],
    ['a salt character outside the alphabet', at(8, '+'), 'invalid-base64'],
    ['non-zero bits after the last salt byte', at(28, 'v'), 'invalid-base64'],
    ['non-zero bits after the last digest byte', at(59, 'X'), 'invalid-base64'],
    ['a non-ASCII character', at(40, 'é'), 'invalid-base64'],
  ])('%s', (_, stored, reason) => {
    const r = parseHash(stored);
    expect(E.isLeft(r) && r.left.reason).toBe(reason);
    expect(verifySecret('', stored)).toEqual(r);
    if (E.isLeft(r)) expect(r.left.message).not.toContain(stored.slice(7));
  });
});
