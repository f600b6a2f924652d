/**
 * PBKDF2: OpenLDAP's `{PBKDF2…}` (slappasswd with its pbkdf2 module, passlib's
 * LDAP wrappers, hashlib) and passlib's `$pbkdf2…$` values verify; the
 * `{PBKDF2-SHA256}` / `{PBKDF2-SHA512}` form is reproduced byte for byte;
 * malformed values are Lefts.
 */
import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import {
  defaultHashParameters,
  hashSecret,
  hashSecretAsync,
  type Pbkdf2Parameters,
  parseHash,
  seededRandom,
  verifySecret,
  verifySecretAsync,
} from '../../src/secret/index.js';
import { producersOf, vectorCases, vectorsOf } from './vectors.js';

const all = vectorsOf('PBKDF2', /pbkdf2/i);
const cheap: Pbkdf2Parameters = {
  digest: 'SHA-256',
  iterations: 10,
  saltLength: 16,
  keyLength: 32,
};

describe('vectors from hashlib, passlib and OpenLDAP', () => {
  it('come from three producers and cover both layouts and SHA-1, SHA-256, SHA-512', () => {
    expect(producersOf(all)).toEqual(['OpenLDAP slappasswd', 'hashlib.pbkdf2_hmac', 'passlib']);
    const prefixes = new Set(all.map((v) => v.stored.slice(0, v.stored.search(/[}$]\d/) + 1)));
    expect(prefixes).toEqual(
      new Set([
        '{PBKDF2}',
        '{PBKDF2-SHA1}',
        '{PBKDF2-SHA256}',
        '{PBKDF2-SHA512}',
        '$pbkdf2$',
        '$pbkdf2-sha256$',
        '$pbkdf2-sha512$',
      ]),
    );
  });

  vectorCases('PBKDF2', all);
});

describe('reading both layouts', () => {
  const openldap =
    '{PBKDF2-SHA256}10000$smWsx0F311N91B6OFJ.YgA$7yI.OExU6TbCsBlU0n8y59ffyTjTUVRRB3ZIoYeHivY';
  const body = openldap.slice('{PBKDF2-SHA256}'.length);

  it('the same rounds$salt$key reads alike under either prefix', () => {
    for (const stored of [openldap, `$pbkdf2-sha256$${body}`, `{pbkdf2-sha256}${body}`]) {
      expect(verifySecret('secret', stored)).toEqual(E.right(true));
    }
    const r = parseHash(`$pbkdf2-sha256$${body}`);
    expect(E.isRight(r) && r.right.kind === 'pbkdf2' && r.right).toMatchObject({
      layout: 'passlib',
      digestAlgorithm: 'SHA-256',
      iterations: 10_000,
    });
  });

  it('takes "+" where the adapted alphabet writes ".", as passlib and OpenLDAP do', () => {
    expect(verifySecret('secret', openldap.replaceAll('.', '+'))).toEqual(E.right(true));
  });

  it('an empty salt is read (passlib writes one for salt_size=0)', () => {
    const r = parseHash('$pbkdf2$3$$gKVF3JLu/dhRrN3I0wW8l7Hin0o');
    expect(E.isRight(r) && r.right.salt.length).toBe(0);
  });

  it.each([
    ['zero rounds', '{PBKDF2-SHA256}0$AAECAwQFBgcICQoLDA0ODw$AAAA', 'invalid-parameters'],
    ['a round count with a leading zero', '$pbkdf2-sha256$010$AAECAw$AAAA', 'invalid-parameters'],
    ['a negative round count', '{PBKDF2}-1$AAECAw$AAAA', 'invalid-parameters'],
    ['no round count', '{PBKDF2}$AAECAw$AAAA', 'invalid-parameters'],
    ['a round count above 2^32 − 1', '{PBKDF2}4294967296$AAECAw$AAAA', 'invalid-parameters'],
    ['rounds in another base', '{PBKDF2}0x10$AAECAw$AAAA', 'invalid-parameters'],
    ['no digest field', '{PBKDF2-SHA256}1000$AAECAwQFBgcICQoLDA0ODw', 'malformed'],
    ['nothing after the scheme', '{PBKDF2-SHA512}', 'malformed'],
    ['an empty digest', '{PBKDF2-SHA256}1000$AAECAw$', 'malformed'],
    ['an extra field', '$pbkdf2-sha256$1000$AAECAw$AAAA$AAAA', 'malformed'],
    ['padding', '{PBKDF2}1000$AAECAw$AAAA==', 'invalid-base64'],
    ['a URL-safe character', '{PBKDF2}1000$AAE_Aw$AAAA', 'invalid-base64'],
    ['white space', '{PBKDF2}1000$AAECAw$AA AA', 'invalid-base64'],
    ['non-zero bits after the last byte', '{PBKDF2}1000$AAECAx$AAAA', 'invalid-base64'],
    ['a length no byte count has', '{PBKDF2}1000$AAECA$AAAA', 'invalid-base64'],
    ['a passlib name in upper case', '$PBKDF2-SHA256$1000$AAECAw$AAAA', 'unknown-scheme'],
    ['an unknown digest', '{PBKDF2-MD5}1000$AAECAw$AAAA', 'unknown-scheme'],
    ['passlib has no $pbkdf2-sha1$', '$pbkdf2-sha1$1000$AAECAw$AAAA', 'unknown-scheme'],
  ])('%s → Left', (_, stored, reason) => {
    const r = parseHash(stored);
    expect(E.isLeft(r) && r.left.reason).toBe(reason);
    expect(verifySecret('secret', stored)).toEqual(r);
  });
});

describe('hashSecret / verifySecret with PBKDF2', () => {
  it('writes {PBKDF2-SHA256} at OWASP’s 600,000 iterations, 16-byte salt, 32-byte key by default', () => {
    expect(defaultHashParameters.pbkdf2).toEqual({
      digest: 'SHA-256',
      iterations: 600_000,
      saltLength: 16,
      keyLength: 32,
    });
    const stored = hashSecret('secret', { algorithm: 'PBKDF2', random: seededRandom(1) });
    expect(stored).toMatch(/^\{PBKDF2-SHA256\}600000\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{43}$/);
  });

  it('the digest, iterations and lengths of the parameters are the ones written', () => {
    const stored = hashSecret('secret', {
      algorithm: 'PBKDF2',
      parameters: { pbkdf2: { digest: 'SHA-512', iterations: 7, saltLength: 9, keyLength: 20 } },
    });
    const r = parseHash(stored);
    expect(E.isRight(r) && r.right.kind === 'pbkdf2' && r.right).toMatchObject({
      scheme: 'PBKDF2-SHA512',
      digestAlgorithm: 'SHA-512',
      iterations: 7,
      salt: expect.objectContaining({ length: 9 }),
      digest: expect.objectContaining({ length: 20 }),
    });
  });

  const parametersArb = fc.record({
    digest: fc.constantFrom('SHA-256' as const, 'SHA-512' as const),
    iterations: fc.integer({ min: 1, max: 20 }),
    saltLength: fc.integer({ min: 8, max: 64 }),
    keyLength: fc.integer({ min: 16, max: 64 }),
  });

  test.prop([fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string(), parametersArb], {
    numRuns: 40,
  })('round trip; another password fails', (p, q, pbkdf2) => {
    const stored = hashSecret(p, { algorithm: 'PBKDF2', parameters: { pbkdf2 } });
    expect(verifySecret(p, stored)).toEqual(E.right(true));
    expect(verifySecret(q, stored)).toEqual(E.right(p === q));
  });

  it('the async forms give the same values', async () => {
    const options = {
      algorithm: 'PBKDF2',
      parameters: { pbkdf2: cheap },
      random: seededRandom(5),
    } as const;
    const stored = await hashSecretAsync('secret', options);
    expect(stored).toBe(hashSecret('secret', { ...options, random: seededRandom(5) }));
    expect(await verifySecretAsync('secret', stored)).toEqual(E.right(true));
    expect(await verifySecretAsync('Secret', stored)).toEqual(E.right(false));
  });

  it('parameters outside their ranges are a RangeError', async () => {
    const bad: readonly Pbkdf2Parameters[] = [
      { ...cheap, iterations: 0 },
      { ...cheap, keyLength: 15 },
      { ...cheap, keyLength: 65 },
      { ...cheap, saltLength: 7 },
      { ...cheap, digest: 'SHA-1' as 'SHA-256' },
    ];
    for (const pbkdf2 of bad) {
      const options = { algorithm: 'PBKDF2', parameters: { pbkdf2 } } as const;
      expect(() => hashSecret('x', options)).toThrow(RangeError);
      await expect(hashSecretAsync('x', options)).rejects.toThrow(RangeError);
    }
  });
});
