/**
 * Policies: typed, with edge values, and in nevisIDM's string-map form,
 * valid and invalid.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type Policy,
  type PolicyOf,
  type PolicyType,
  PolicyType as PolicyTypeCodec,
} from '../../index.js';
import { extIdArb } from './values.js';
/**
 * The four policy types.
 *
 * @example
 * import { policyTypeArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(policyTypeArb, 1); // e.g. ['TicketPolicy']
 */
export const policyTypeArb: fc.Arbitrary<PolicyType> = fc.constantFrom(
  ...(Object.keys(PolicyTypeCodec.keys) as PolicyType[]),
);

/** Integers ≥ min (or -1 where allowed), biased towards the edges. */
const intParam = (min: number, minusOne: boolean, max = 1_000_000_000): fc.Arbitrary<number> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...(minusOne ? [-1, min, min + 1] : [min, min + 1])), weight: 3 },
    { arbitrary: fc.integer({ min, max: Math.min(max, min + 10) }), weight: 2 },
    { arbitrary: fc.integer({ min, max }), weight: 1 },
  );

/** Non-empty character sets without lone surrogates, favouring the usual ones. */
const characterSetArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0123456789',
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    'ab',
    'x',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 20 }),
);

const commonPolicyArbs = {
  maxCredFailureCount: intParam(1, true),
  tmpLockingThreshold: intParam(1, true),
  tmpLockingDuration: intParam(0, false, 864_000_000),
  tmpLockingMode: fc.constantFrom('strict' as const, 'threshold' as const),
  credentialLifetime: intParam(1, false, 315_360_000_000),
  hashAlgorithm: fc.constantFrom(
    'SSHA' as const,
    'SSHA256' as const,
    'PBKDF2' as const,
    'ARGON2ID' as const,
  ),
  hashParameters: fc.record({
    pbkdf2: fc.record({
      digest: fc.constantFrom('SHA-256' as const, 'SHA-512' as const),
      iterations: fc.integer({ min: 1, max: 1_000 }),
      saltLength: fc.integer({ min: 8, max: 64 }),
      keyLength: fc.integer({ min: 16, max: 64 }),
    }),
    argon2id: fc
      .record({
        parallelism: fc.integer({ min: 1, max: 4 }),
        extraMemory: fc.integer({ min: 0, max: 64 }),
        iterations: fc.integer({ min: 1, max: 3 }),
        saltLength: fc.integer({ min: 8, max: 64 }),
        hashLength: fc.integer({ min: 16, max: 64 }),
      })
      .map(({ extraMemory, ...p }) => ({ ...p, memory: 8 * p.parallelism + extraMemory })),
  }),
  maxResetCount: intParam(0, true),
  resetTarget: fc.constantFrom('initial' as const, 'active' as const, 'reset-code' as const),
};

/** bcrypt as well, and its cost (kept cheap: 4 or 5). */
const passwordHashArbs = {
  hashAlgorithm: fc.constantFrom(
    'SSHA' as const,
    'SSHA256' as const,
    'PBKDF2' as const,
    'ARGON2ID' as const,
    'bcrypt' as const,
  ),
  hashParameters: fc
    .tuple(commonPolicyArbs.hashParameters, fc.integer({ min: 4, max: 5 }))
    .map(([common, cost]) => ({ bcrypt: { cost }, ...common })),
};

const wordArb = fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 1, maxLength: 8 });

const policyRecordArbs: { readonly [T in PolicyType]: fc.Arbitrary<PolicyOf<T>> } = {
  PwdPolicy: fc
    .record({
      ...commonPolicyArbs,
      ...passwordHashArbs,
      allowLoginIdInPassword: fc.boolean(),
      checkDictionary: fc.boolean(),
      dictionary: fc.array(wordArb, { maxLength: 4 }),
      dictionaryMatch: fc.constantFrom('equals' as const, 'contains' as const),
      initialPwchangeRequired: fc.boolean(),
      initialPwchangePeriod: fc.record({
        initial: intParam(0, true),
        adminChanged: intParam(0, true),
      }),
      resetCodeEnabled: fc.boolean(),
      minLength: fc.integer({ min: 0, max: 16 }),
      maxLength: fc.oneof(fc.constant(-1), fc.integer({ min: 16, max: 256 })),
      minLetters: fc.integer({ min: 0, max: 3 }),
      minUpperCase: fc.integer({ min: 0, max: 3 }),
      minLowerCase: fc.integer({ min: 0, max: 3 }),
      minDigits: fc.integer({ min: 0, max: 3 }),
      minSpecialChars: fc.integer({ min: 0, max: 3 }),
      specialCharacterSet: fc.constantFrom('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', '!?', '-'),
      historyDepth: fc.integer({ min: 0, max: 10 }),
      generatedPasswordLength: fc.integer({ min: 1, max: 64 }),
      generatedPasswordCharacterSet: characterSetArb,
    })
    .chain((fields) => extIdArb.map((extId) => ({ type: 'PwdPolicy' as const, extId, ...fields }))),
  TempStrongPasswordPolicy: fc
    .record({
      ...commonPolicyArbs,
      ticketCharacterSet: characterSetArb,
      ticketLen0: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 64 })),
      ticketLen1: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 64 })),
      singleUse: fc.boolean(),
    })
    .chain((fields) =>
      extIdArb.map((extId) => ({ type: 'TempStrongPasswordPolicy' as const, extId, ...fields })),
    ),
  TicketPolicy: fc
    .record({
      ...commonPolicyArbs,
      ticketCharacterSet: characterSetArb,
      ticketLength: fc.integer({ min: 1, max: 64 }),
      plainValueExposedToCaller: fc.boolean(),
      singleUse: fc.boolean(),
    })
    .chain((fields) =>
      extIdArb.map((extId) => ({ type: 'TicketPolicy' as const, extId, ...fields })),
    ),
  PUKPolicy: fc
    .record({
      ...commonPolicyArbs,
      pukCharacterSet: characterSetArb,
      pukLen: fc.integer({ min: 1, max: 64 }),
      maxCredSuccessCount: intParam(1, true),
      plainValueExposedToCaller: fc.boolean(),
      pukLifetime: intParam(1, false, 315_360_000_000),
    })
    .chain((fields) => extIdArb.map((extId) => ({ type: 'PUKPolicy' as const, extId, ...fields }))),
};

/**
 * Typed policies of one type (or of any type), with edge values: `-1`
 * thresholds, 0-length TSP parts, both locking modes, every hash algorithm
 * the type allows (with cheap sub-parameters, so hashing under them is fast).
 *
 * @example
 * import { policyArb } from 'credential-lifecycle/testing';
 * import { Policy } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(policyArb('PUKPolicy'), (p) => Policy.is(p) && p.type === 'PUKPolicy'));
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export function policyArb<T extends PolicyType>(type: T): fc.Arbitrary<PolicyOf<T>>;
export function policyArb(): fc.Arbitrary<Policy>;
export function policyArb(type?: PolicyType): fc.Arbitrary<Policy> {
  return type === undefined
    ? fc.oneof(
        policyRecordArbs.PwdPolicy,
        policyRecordArbs.TempStrongPasswordPolicy,
        policyRecordArbs.TicketPolicy,
        policyRecordArbs.PUKPolicy,
      )
    : policyRecordArbs[type];
}

/**
 * A typed policy as nevisIDM stores it: every parameter as a string
 * (`initialPwchangePeriod` as its two dotted names, `hashParameters` as
 * `hashAlgorithm.<scheme>.<name>`, the dictionary comma-separated); `type`
 * and `extId` are left out.
 *
 * @example
 * import { policyToParameters } from 'credential-lifecycle/testing';
 * import { defaultPolicy } from 'credential-lifecycle';
 * policyToParameters(defaultPolicy('TempStrongPasswordPolicy')).ticketLen0; // '30'
 */
export const policyToParameters = (policy: Policy): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(policy)) {
    if (name === 'type' || name === 'extId') continue;
    if (name === 'initialPwchangePeriod' && typeof value === 'object' && value !== null) {
      for (const [sub, subValue] of Object.entries(value)) out[`${name}.${sub}`] = String(subValue);
    } else if (name === 'hashParameters' && typeof value === 'object' && value !== null) {
      for (const [scheme, sub] of Object.entries(value)) {
        if (typeof sub !== 'object' || sub === null) continue;
        for (const [k, v] of Object.entries(sub)) out[`hashAlgorithm.${scheme}.${k}`] = String(v);
      }
    } else if (Array.isArray(value)) {
      out[name] = value.join(',');
    } else {
      out[name] = String(value);
    }
  }
  return out;
};

/**
 * Policies of a type in nevisIDM's string-map form, paired with the typed
 * policy they decode to (with `decodePolicy(type, extId, parameters)`).
 * Some parameters are left out (their defaults apply); `parameters` then
 * holds a subset and `policy` the defaults for the rest.
 *
 * @example
 * import { policyParametersArb } from 'credential-lifecycle/testing';
 * import { decodePolicy } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(policyParametersArb('TicketPolicy'), ({ extId, parameters }) =>
 *     decodePolicy('TicketPolicy', extId, parameters)._tag === 'Right'),
 * );
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const policyParametersArb = <T extends PolicyType>(
  type: T,
): fc.Arbitrary<{ readonly extId: string; readonly parameters: Record<string, string> }> =>
  policyArb(type).chain((policy) => {
    const all = policyToParameters(policy);
    const names = Object.keys(all).filter(
      // a partial password policy could break minLength ≤ maxLength with the defaults
      (n) => type !== 'PwdPolicy' || (n !== 'minLength' && n !== 'maxLength'),
    );
    return fc.subarray(names).map((kept) => {
      const parameters: Record<string, string> = {};
      for (const name of Object.keys(all)) {
        if (!names.includes(name) || kept.includes(name)) {
          const value = all[name];
          if (value !== undefined) parameters[name] = value;
        }
      }
      return { extId: policy.extId, parameters };
    });
  });

const badParameterValues: Readonly<Record<string, readonly string[]>> = {
  maxCredFailureCount: ['0', '-2', 'three', '1.5', ''],
  tmpLockingThreshold: ['0', '-5', 'x'],
  tmpLockingDuration: ['-1', 'soon'],
  tmpLockingMode: ['lenient', 'STRICT', ''],
  credentialLifetime: ['0', '-1', '10y'],
  hashAlgorithm: ['MD5', 'sha256', 'BCRYPT', 'argon2id'],
  'hashAlgorithm.pbkdf2.iterations': ['0', '-1'],
  'hashAlgorithm.pbkdf2.digest': ['SHA-1', 'sha256'],
  'hashAlgorithm.argon2id.memory': ['4', '1048577'],
  'hashAlgorithm.argon2id.saltLength': ['4', '65'],
  maxResetCount: ['-3', 'many'],
  resetTarget: ['disabled', 'archived'],
};

/** bcrypt is a password scheme: a bad value anywhere else. */
const badOutsidePasswords = {
  ...badParameterValues,
  hashAlgorithm: [...(badParameterValues.hashAlgorithm ?? []), 'bcrypt'],
};

const badParametersOfType: {
  readonly [T in PolicyType]: Readonly<Record<string, readonly string[]>>;
} = {
  PwdPolicy: {
    ...badParameterValues,
    'hashAlgorithm.bcrypt.cost': ['3', '32', '12.5'],
    resetCodeEnabled: ['yes', '1'],
    minLength: ['-1', 'eight'],
    historyDepth: ['-1'],
  },
  TempStrongPasswordPolicy: {
    ...badOutsidePasswords,
    ticketLen0: ['-1', 'thirty'],
    ticketLen1: ['-4'],
    ticketCharacterSet: [''],
    singleUse: ['maybe'],
  },
  TicketPolicy: {
    ...badOutsidePasswords,
    ticketLength: ['0', '-1'],
    plainValueExposedToCaller: ['on'],
  },
  PUKPolicy: {
    ...badOutsidePasswords,
    pukLen: ['0', 'long'],
    maxCredSuccessCount: ['0', '-2'],
    pukCharacterSet: [''],
  },
};

/**
 * String maps of a policy type with at least one invalid value (a number out
 * of range, an unknown enum value, a non-boolean flag, an empty character
 * set): `decodePolicy` rejects every one.
 *
 * @example
 * import { invalidPolicyParametersArb } from 'credential-lifecycle/testing';
 * import { decodePolicy } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(invalidPolicyParametersArb('PUKPolicy'), (parameters) =>
 *     decodePolicy('PUKPolicy', 'p', parameters)._tag === 'Left'),
 * );
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const invalidPolicyParametersArb = (
  type: PolicyType,
): fc.Arbitrary<Record<string, string>> => {
  const bad = Object.entries(badParametersOfType[type]).map(([name, values]) =>
    fc.constantFrom(...values).map((value) => [name, value] as const),
  );
  return fc
    .tuple(
      policyParametersArb(type),
      fc.uniqueArray(fc.oneof(...bad), {
        minLength: 1,
        maxLength: 3,
        selector: ([name]) => name,
      }),
    )
    .map(([{ parameters }, wrong]) => ({ ...parameters, ...Object.fromEntries(wrong) }));
};
