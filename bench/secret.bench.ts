/**
 * Hashing, verification and generation throughput, each beside a bare
 * one-shot SHA-256 (OpenSSL through `node:crypto`) of the same bytes measured
 * in the same run. Record figures in docs/performance.md under "## Secrets".
 */
import { createHash } from 'node:crypto';
import { bench, describe } from 'vitest';
import { defaultPolicy } from '../src/policy/index.js';
import {
  generateFromSet,
  generatePassword,
  hashSecret,
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
