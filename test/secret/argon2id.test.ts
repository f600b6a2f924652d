/**
 * Argon2id: PHC strings of argon2-cffi, the argon2 reference CLI and libsodium
 * verify (v=19 and v=16); `$argon2id$v=19$` values with a given salt are
 * reproduced byte for byte; malformed values are Lefts.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  type Argon2idParameters,
  defaultHashParameters,
  hashSecret,
  hashSecretAsync,
  parseHash,
  seededRandom,
  verifySecret,
  verifySecretAsync,
} from '../../src/secret/index.js';
import { producersOf, vectorCases, vectorsOf } from './vectors.js';

const all = vectorsOf('ARGON2ID', /^argon2id/);
const cheap: Argon2idParameters = {
  memory: 64,
  iterations: 1,
  parallelism: 1,
  saltLength: 16,
  hashLength: 32,
};

describe('vectors from argon2-cffi, the reference CLI and libsodium', () => {
  it('come from three producers, with several lanes, lengths and both versions', () => {
    expect(producersOf(all)).toEqual([
      'argon2 reference CLI',
      'argon2-cffi',
      'libsodium (python3-nacl)',
    ]);
    expect(new Set(all.map((v) => v.stored.slice(0, 15)))).toEqual(
      new Set(['$argon2id$v=19$', '$argon2id$v=16$']),
    );
    const lanes = all.map((v) => Number(/,p=(\d+)\$/.exec(v.stored)?.[1]));
    expect(Math.max(...lanes)).toBe(4);
  });

  vectorCases('ARGON2ID', all);

  it('a value without v= is version 16, as the reference implementation reads it', () => {
    const v16 = all.find((v) => v.stored.startsWith('$argon2id$v=16$'));
    if (v16 === undefined) throw new Error('no v=16 vector');
    const bare = v16.stored.replace('v=16$', '');
    expect(verifySecret(v16.password, bare)).toEqual(E.right(true));
    const r = parseHash(bare);
    expect(E.isRight(r) && r.right.kind === 'argon2id' && r.right.version).toBe(16);
    // Read as version 19 it would not verify: the version is part of the hash.
    expect(verifySecret(v16.password, v16.stored.replace('v=16$', 'v=19$'))).toEqual(
      E.right(false),
    );
  });
});

describe('malformed Argon2id values are typed Lefts', () => {
  const salt = 'AAECAwQFBgcICQoLDA0ODw';
  const hash = 'AAECAwQFBgcICQoLDA0ODw';
  const value = (params: string, s = salt, h = hash) => `$argon2id$v=19$${params}$${s}$${h}`;

  it('a well-formed value reads', () => {
    const r = parseHash(value('m=64,t=2,p=4'));
    expect(E.isRight(r) && r.right.kind === 'argon2id' && r.right).toMatchObject({
      version: 19,
      memory: 64,
      iterations: 2,
      parallelism: 4,
    });
  });

  it.each([
    ['an unknown version', '$argon2id$v=20$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAA', 'invalid-parameters'],
    [
      'a version without value',
      '$argon2id$v=$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAA',
      'invalid-parameters',
    ],
    ['zero iterations', value('m=64,t=0,p=1'), 'invalid-parameters'],
    ['zero lanes', value('m=64,t=1,p=0'), 'invalid-parameters'],
    ['less than 8 KiB per lane', value('m=31,t=1,p=4'), 'invalid-parameters'],
    ['more than 1 GiB of memory', value('m=1048577,t=1,p=1'), 'invalid-parameters'],
    ['2^24 lanes', value('m=134217728,t=1,p=16777216'), 'invalid-parameters'],
    ['a leading zero', value('m=064,t=1,p=1'), 'malformed'],
    ['parameters out of order', value('t=1,m=64,p=1'), 'malformed'],
    ['a missing parameter', value('m=64,t=1'), 'malformed'],
    ['an extra parameter', value('m=64,t=1,p=1,keyid=AA'), 'malformed'],
    ['a space', value('m=64, t=1,p=1'), 'malformed'],
    ['no hash', `$argon2id$v=19$m=64,t=1,p=1$${salt}`, 'malformed'],
    ['nothing after the version', '$argon2id$v=19$', 'malformed'],
    ['an extra field', `${value('m=64,t=1,p=1')}$AAAA`, 'malformed'],
    ['a salt under 8 bytes', value('m=64,t=1,p=1', 'AAECAwQFBg'), 'invalid-parameters'],
    ['a hash under 4 bytes', value('m=64,t=1,p=1', salt, 'AAEC'), 'invalid-parameters'],
    ['padding', value('m=64,t=1,p=1', salt, `${hash}==`), 'invalid-base64'],
    ['the adapted alphabet', value('m=64,t=1,p=1', 'AAECAwQFBgcICQo.DA0ODw'), 'invalid-base64'],
    [
      'non-zero bits after the last byte',
      value('m=64,t=1,p=1', salt, 'AAECAwQFBgcICQoLDA0ODx'),
      'invalid-base64',
    ],
    ['Argon2i', '$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAA', 'unknown-scheme'],
    ['Argon2d', '$argon2d$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAA', 'unknown-scheme'],
    ['upper case', '$ARGON2ID$v=19$m=64,t=1,p=1$AAAAAAAAAAA$AAAAAA', 'unknown-scheme'],
  ])('%s → Left', (_, stored, reason) => {
    const r = parseHash(stored);
    expect(E.isLeft(r) && r.left.reason).toBe(reason);
    expect(verifySecret('secret', stored)).toEqual(r);
  });
});

describe('hashSecret / verifySecret with Argon2id', () => {
  it('writes $argon2id$v=19$ at OWASP’s 19 MiB, 2 iterations, 1 lane by default', () => {
    expect(defaultHashParameters.argon2id).toEqual({
      memory: 19_456,
      iterations: 2,
      parallelism: 1,
      saltLength: 16,
      hashLength: 32,
    });
    const stored = hashSecret('secret', { algorithm: 'ARGON2ID', random: seededRandom(1) });
    expect(stored).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
  });

  const parametersArb = fc
    .record({
      parallelism: fc.integer({ min: 1, max: 3 }),
      extra: fc.integer({ min: 0, max: 24 }),
      iterations: fc.integer({ min: 1, max: 2 }),
      saltLength: fc.integer({ min: 8, max: 64 }),
      hashLength: fc.integer({ min: 16, max: 64 }),
    })
    .map(({ extra, ...p }) => ({ ...p, memory: 8 * p.parallelism + extra }));

  test.prop([fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string(), parametersArb], {
    numRuns: 40,
  })('round trip with the parameters written; another password fails', (p, q, argon2id) => {
    const stored = hashSecret(p, { algorithm: 'ARGON2ID', parameters: { argon2id } });
    const r = parseHash(stored);
    expect(E.isRight(r) && r.right.kind === 'argon2id' && r.right).toMatchObject({
      memory: argon2id.memory,
      iterations: argon2id.iterations,
      parallelism: argon2id.parallelism,
      salt: expect.objectContaining({ length: argon2id.saltLength }),
      digest: expect.objectContaining({ length: argon2id.hashLength }),
    });
    expect(verifySecret(p, stored)).toEqual(E.right(true));
    expect(verifySecret(q, stored)).toEqual(E.right(p === q));
  });

  it('the async forms give the same values', async () => {
    const options = { algorithm: 'ARGON2ID', parameters: { argon2id: cheap } } as const;
    const stored = await hashSecretAsync('secret', { ...options, random: seededRandom(5) });
    expect(stored).toBe(hashSecret('secret', { ...options, random: seededRandom(5) }));
    expect(await verifySecretAsync('secret', stored)).toEqual(E.right(true));
    expect(await verifySecretAsync('Secret', stored)).toEqual(E.right(false));
  });

  it('parameters outside their ranges are a RangeError', async () => {
    const bad: readonly Argon2idParameters[] = [
      { ...cheap, memory: 7 },
      { ...cheap, memory: 15, parallelism: 2 },
      { ...cheap, memory: 1_048_577 },
      { ...cheap, iterations: 0 },
      { ...cheap, parallelism: 0 },
      { ...cheap, hashLength: 15 },
      { ...cheap, saltLength: 65 },
    ];
    for (const argon2id of bad) {
      const options = { algorithm: 'ARGON2ID', parameters: { argon2id } } as const;
      expect(() => hashSecret('x', options)).toThrow(RangeError);
      await expect(hashSecretAsync('x', options)).rejects.toThrow(RangeError);
    }
    expect(() =>
      hashSecret('x', {
        algorithm: 'ARGON2ID',
        parameters: { argon2id: cheap },
        salt: new Uint8Array(7),
      }),
    ).toThrow(RangeError);
  });
});
