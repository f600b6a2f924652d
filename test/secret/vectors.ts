/**
 * The vectors of test/secret/make-vectors.py, typed: values made outside the
 * project (hashlib, passlib, python3-bcrypt, argon2-cffi, the argon2
 * reference CLI, libsodium, OpenLDAP's slappasswd).
 */
import { either as E } from 'fp-ts';
import { expect, it } from 'vitest';
import {
  type HashAlgorithm,
  type HashOptions,
  hashSecret,
  verifySecret,
} from '../../src/secret/index.js';
import vectors from './vectors.json' with { type: 'json' };

export const hexToBytes = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));

/** A value hashSecret must reproduce from its salt and parameters. */
export interface ReproducibleVector {
  readonly algorithm: HashAlgorithm;
  readonly producer: string;
  readonly password: string;
  readonly stored: string;
  /** The options that reproduce `stored`. */
  readonly options: HashOptions;
}

/** A value in another accepted form, which verifySecret must accept. */
export interface ForeignVector {
  readonly scheme: string;
  readonly producer: string;
  readonly password: string;
  readonly stored: string;
}

const isAlgorithm = (s: string): s is 'bcrypt' | 'PBKDF2' | 'ARGON2ID' =>
  s === 'bcrypt' || s === 'PBKDF2' || s === 'ARGON2ID';

const number = (p: Record<string, unknown>, name: string): number => {
  const v = p[name];
  if (typeof v !== 'number') throw new Error(`vector without ${name}`);
  return v;
};

const optionsOf = (
  algorithm: 'bcrypt' | 'PBKDF2' | 'ARGON2ID',
  salt: Uint8Array,
  p: Record<string, unknown>,
): HashOptions => {
  switch (algorithm) {
    case 'bcrypt':
      return { algorithm, salt, parameters: { bcrypt: { cost: number(p, 'cost') } } };
    case 'PBKDF2': {
      const digest = p.digest === 'SHA-512' ? 'SHA-512' : 'SHA-256';
      const pbkdf2 = {
        digest,
        iterations: number(p, 'iterations'),
        saltLength: salt.length,
        keyLength: number(p, 'keyLength'),
      } as const;
      return { algorithm, salt, parameters: { pbkdf2 } };
    }
    case 'ARGON2ID': {
      const argon2id = {
        memory: number(p, 'memory'),
        iterations: number(p, 'iterations'),
        parallelism: number(p, 'parallelism'),
        saltLength: salt.length,
        hashLength: number(p, 'hashLength'),
      };
      return { algorithm, salt, parameters: { argon2id } };
    }
  }
};

export const reproducible: readonly ReproducibleVector[] = vectors.reproducible.map((v) => {
  if (!isAlgorithm(v.algorithm)) throw new Error(`unexpected algorithm ${v.algorithm}`);
  return {
    algorithm: v.algorithm,
    producer: v.producer,
    password: v.password,
    stored: v.stored,
    options: optionsOf(v.algorithm, hexToBytes(v.saltHex), v.parameters),
  };
});

export const foreign: readonly ForeignVector[] = vectors.foreign;

export const { salted, unsalted } = vectors;

/** Every vector of a scheme, by the way it is stored: reproducible ones of `algorithm` and foreign ones matching `scheme`. */
export const vectorsOf = (
  algorithm: HashAlgorithm,
  scheme: RegExp,
): readonly (ReproducibleVector | ForeignVector)[] => [
  ...reproducible.filter((v) => v.algorithm === algorithm),
  ...foreign.filter((v) => scheme.test(v.scheme)),
];

/** The producers behind a list of vectors, without their versions. */
export const producersOf = (list: readonly { readonly producer: string }[]): string[] =>
  [...new Set(list.map((v) => v.producer.replace(/ [\d.]+( |$)/, '$1').trim()))].sort();

export const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Another password, different within its first bytes (so also within bcrypt's 72). */
export const otherThan = (p: string): string => (p.startsWith('y') ? 'z' : 'y') + p.slice(1);

/**
 * The vector cases every scheme shares: hashSecret reproduces the values of
 * `algorithm` made with a given salt; verifySecret accepts every value of
 * `list` and refuses another password.
 */
export const vectorCases = (
  algorithm: HashAlgorithm,
  list: readonly (ReproducibleVector | ForeignVector)[],
): void => {
  for (const v of reproducible.filter((r) => r.algorithm === algorithm)) {
    it(`hashSecret reproduces ${v.producer}: ${v.stored}`, () => {
      expect(hashSecret(v.password, v.options)).toBe(v.stored);
    });
  }
  for (const v of list) {
    it(`verifySecret accepts ${v.stored} (${v.producer})`, () => {
      expect(verifySecret(v.password, v.stored)).toEqual(E.right(true));
      expect(verifySecret(otherThan(v.password), v.stored)).toEqual(E.right(false));
    });
  }
};
