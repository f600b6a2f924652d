/**
 * Hashing, verification and generation throughput, each beside a baseline
 * measured in the same run: a bare one-shot SHA-256 (OpenSSL through
 * `node:crypto`) of the same bytes for SSHA, and the raw library call
 * (bcryptjs, @noble/hashes pbkdf2 and argon2id) for the costly schemes, at
 * their defaults and at a cheap test setting. Record figures in
 * docs/performance.md under "## Secrets".
 */
import { createHash } from 'node:crypto';
import { argon2id } from '@noble/hashes/argon2.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hashSync } from 'bcryptjs';
import { bench, describe } from 'vitest';
import { defaultPolicy } from '../src/policy/index.js';
import {
  type Argon2idParameters,
  defaultHashParameters,
  generateFromSet,
  generatePassword,
  hashSecret,
  type Pbkdf2Parameters,
  seededRandom,
  utf8Bytes,
  verifySecret,
} from '../src/secret/index.js';

const password = 'correct horse battery staple';
const salt = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const bytes = new Uint8Array([...utf8Bytes(password), ...salt]);
const storedSha1 = hashSecret(password, { algorithm: 'SSHA', salt });
const storedSha256 = hashSecret(password, { algorithm: 'SSHA256', salt });
const random = seededRandom(1);

describe('hash and verify (per operation; 28-byte password + 8-byte salt)', () => {
  bench('baseline: node:crypto createHash(sha256) of the same 36 bytes', () => {
    createHash('sha256').update(bytes).digest();
  });
  bench('baseline: node:crypto createHash(sha1) of the same 36 bytes', () => {
    createHash('sha1').update(bytes).digest();
  });
  bench('hashSecret SSHA256 (given salt)', () => {
    hashSecret(password, { algorithm: 'SSHA256', salt });
  });
  bench('hashSecret SSHA (given salt)', () => {
    hashSecret(password, { algorithm: 'SSHA', salt });
  });
  bench('hashSecret SSHA256 (salt from Web Crypto)', () => {
    hashSecret(password, { algorithm: 'SSHA256' });
  });
  bench('verifySecret SSHA256', () => {
    verifySecret(password, storedSha256);
  });
  bench('verifySecret SSHA', () => {
    verifySecret(password, storedSha1);
  });
});

describe('generation (1000 characters per operation)', () => {
  const set62 = defaultPolicy('TicketPolicy').ticketCharacterSet;
  const set300 = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x100 + i)).join('');
  const passwordPolicy = {
    ...defaultPolicy('PwdPolicy'),
    generatedPasswordLength: 100,
    maxLength: 100,
  };
  bench('generateFromSet, 62-character set, seeded source', () => {
    generateFromSet(set62, 1000, random);
  });
  bench('generateFromSet, 62-character set, Web Crypto', () => {
    generateFromSet(set62, 1000);
  });
  bench('generateFromSet, 300-character set, seeded source', () => {
    generateFromSet(set300, 1000, random);
  });
  bench('generatePassword, 10 × 100 characters, seeded source', () => {
    for (let i = 0; i < 10; i++) generatePassword(passwordPolicy, random);
  });
});

// ---------------------------------------------------------------------------
// The costly schemes, each beside the library call it wraps (same password,
// same salt, same parameters). The defaults take a long time per operation,
// so those groups run a fixed handful of iterations.

const salt16 = new Uint8Array(16).map((_, i) => i * 17);
const passwordBytes = utf8Bytes(password);
const slow = { time: 0, iterations: 5, warmupIterations: 1 } as const;

const bcryptGroup = (label: string, cost: number, options?: typeof slow) =>
  describe(`bcrypt, ${label} (cost ${cost})`, () => {
    const stored = hashSecret(password, {
      algorithm: 'bcrypt',
      salt: salt16,
      parameters: { bcrypt: { cost } },
    });
    const setting = stored.slice(0, 29);
    bench(
      'baseline: bcryptjs hashSync with the same setting',
      () => {
        hashSync(password, setting);
      },
      options,
    );
    bench(
      'hashSecret bcrypt (given salt)',
      () => {
        hashSecret(password, {
          algorithm: 'bcrypt',
          salt: salt16,
          parameters: { bcrypt: { cost } },
        });
      },
      options,
    );
    bench(
      'verifySecret bcrypt',
      () => {
        verifySecret(password, stored);
      },
      options,
    );
  });

const pbkdf2Group = (label: string, p: Pbkdf2Parameters, options?: typeof slow) =>
  describe(`PBKDF2-HMAC-${p.digest}, ${label} (${p.iterations} iterations)`, () => {
    const parameters = { pbkdf2: p };
    const stored = hashSecret(password, { algorithm: 'PBKDF2', salt: salt16, parameters });
    bench(
      'baseline: @noble/hashes pbkdf2',
      () => {
        pbkdf2(sha256, passwordBytes, salt16, { c: p.iterations, dkLen: p.keyLength });
      },
      options,
    );
    bench(
      'hashSecret PBKDF2 (given salt)',
      () => {
        hashSecret(password, { algorithm: 'PBKDF2', salt: salt16, parameters });
      },
      options,
    );
    bench(
      'verifySecret PBKDF2',
      () => {
        verifySecret(password, stored);
      },
      options,
    );
  });

const argon2Group = (label: string, p: Argon2idParameters, options?: typeof slow) =>
  describe(`Argon2id, ${label} (m=${p.memory} KiB, t=${p.iterations}, p=${p.parallelism})`, () => {
    const parameters = { argon2id: p };
    const stored = hashSecret(password, { algorithm: 'ARGON2ID', salt: salt16, parameters });
    bench(
      'baseline: @noble/hashes argon2id',
      () => {
        argon2id(passwordBytes, salt16, {
          m: p.memory,
          t: p.iterations,
          p: p.parallelism,
          dkLen: p.hashLength,
        });
      },
      options,
    );
    bench(
      'hashSecret ARGON2ID (given salt)',
      () => {
        hashSecret(password, { algorithm: 'ARGON2ID', salt: salt16, parameters });
      },
      options,
    );
    bench(
      'verifySecret ARGON2ID',
      () => {
        verifySecret(password, stored);
      },
      options,
    );
  });

bcryptGroup('cheap test setting', 4);
pbkdf2Group('cheap test setting', { ...defaultHashParameters.pbkdf2, iterations: 1_000 });
argon2Group('cheap test setting', { ...defaultHashParameters.argon2id, memory: 64, iterations: 1 });
bcryptGroup('default', defaultHashParameters.bcrypt.cost, slow);
pbkdf2Group('default', defaultHashParameters.pbkdf2, slow);
argon2Group('default', defaultHashParameters.argon2id, slow);
