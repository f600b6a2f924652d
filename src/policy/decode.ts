/**
 * Decoding policies from nevisIDM's string parameter map or from typed JSON.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import {
  type ApiError,
  describeExpected,
  ErrorCode,
  type ErrorEntry,
  isPlainObject,
} from '../domain/errors.js';
import { defaultHashParameters } from '../secret/hash.js';
import { hashSubParameters } from './hash-parameters.js';
import {
  commonPolicyParameters,
  defaultPolicy,
  Policy,
  type PolicyOf,
  PolicyType,
  passwordPolicyParameters,
  pukPolicyParameters,
  tempStrongPasswordPolicyParameters,
  ticketPolicyParameters,
} from './policy.js';

/**
 * A decoded policy and the remarks about its input that did not stop decoding
 * (unknown or deprecated parameter names).
 *
 * @example
 * import { type DecodedPolicy, defaultPolicy } from 'credential-lifecycle';
 * const d: DecodedPolicy<'TicketPolicy'> = { policy: defaultPolicy('TicketPolicy'), warnings: [] };
 */
export interface DecodedPolicy<T extends PolicyType = PolicyType> {
  /** The policy, with defaults for every parameter the input did not give. */
  readonly policy: PolicyOf<T>;
  /** One line per ignored or renamed parameter. */
  readonly warnings: readonly string[];
}

type AnyCodec = t.Decoder<unknown, unknown>;

const {
  initialPwchangePeriod,
  hashParameters: _,
  ...flatPasswordParameters
} = passwordPolicyParameters;
const { hashParameters: __, ...flatCommonParameters } = commonPolicyParameters;

/** `hashAlgorithm.<scheme>.<name>` of the given schemes, with their codecs. */
const dottedHashParameters = (
  schemes: readonly (keyof typeof hashSubParameters)[],
): Record<string, AnyCodec> =>
  Object.fromEntries(
    schemes.flatMap((scheme) =>
      Object.entries(hashSubParameters[scheme]).map(([name, codec]) => [
        `hashAlgorithm.${scheme}.${name}`,
        codec,
      ]),
    ),
  );

const common = { ...flatCommonParameters, ...dottedHashParameters(['pbkdf2', 'argon2id']) };

/** Every flat parameter name of each type, with its codec. */
const PARAMETERS: { readonly [K in PolicyType]: Readonly<Record<string, AnyCodec>> } = {
  PwdPolicy: {
    ...common,
    ...flatPasswordParameters,
    ...dottedHashParameters(['bcrypt']),
    'initialPwchangePeriod.initial': initialPwchangePeriod.props.initial,
    'initialPwchangePeriod.adminChanged': initialPwchangePeriod.props.adminChanged,
  },
  TempStrongPasswordPolicy: { ...common, ...tempStrongPasswordPolicyParameters },
  TicketPolicy: { ...common, ...ticketPolicyParameters },
  PUKPolicy: { ...common, ...pukPolicyParameters },
};

/**
 * PBKDF2's iterations and key length when only the digest is given: OWASP's
 * minimum iteration count for that digest [model], and the digest's length
 * (the only key length OpenLDAP and passlib read).
 */
const PBKDF2_DIGEST_DEFAULTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'SHA-256': {
    iterations: defaultHashParameters.pbkdf2.iterations,
    keyLength: defaultHashParameters.pbkdf2.keyLength,
  },
  'SHA-512': { iterations: 220_000, keyLength: 64 },
};

/**
 * Parameter names that nevisIDM used to accept, per policy type, and the
 * current name each one is read as.
 *
 * @example
 * import { deprecatedPolicyParameters } from 'credential-lifecycle';
 * deprecatedPolicyParameters.TicketPolicy.ticketLifetime; // 'credentialLifetime'
 * deprecatedPolicyParameters.PUKPolicy; // {}: pukLifetime is current, not deprecated
 */
export const deprecatedPolicyParameters: {
  readonly [K in PolicyType]: Readonly<Record<string, string>>;
} = {
  PwdPolicy: {},
  TempStrongPasswordPolicy: { ticketLifetime: 'credentialLifetime' },
  TicketPolicy: { ticketLifetime: 'credentialLifetime' },
  PUKPolicy: {},
};

const describe = (u: unknown): string => {
  if (u === null) return 'null';
  if (Array.isArray(u)) return 'an array';
  if (typeof u === 'object') return 'an object';
  if (typeof u === 'string' || typeof u === 'number' || typeof u === 'boolean') {
    const json = JSON.stringify(u);
    return json.length > 60 ? `${json.slice(0, 57)}…` : json;
  }
  return typeof u;
};

const invalid = (message: string): ErrorEntry => ({ code: ErrorCode.invalidValue, message });

/**
 * Decodes a policy of the given type. `input` is either nevisIDM's parameter
 * map with string values (`{"ticketLen0": "30", "tmpLockingMode": "threshold"}`)
 * or typed JSON (`{"ticketLen0": 30}`), or a mix; the password policy's
 * `initialPwchangePeriod` may come nested or as the dotted names
 * `initialPwchangePeriod.initial` / `.adminChanged`.
 *
 * - A missing parameter takes its default ({@link defaultPolicy}).
 * - An unknown parameter is ignored and reported in `warnings`; so is a
 *   deprecated name, which is read as its current name (see
 *   {@link deprecatedPolicyParameters}) unless the current name is also given.
 * - A PUK's lifetime is `pukLifetime` (no warning); a PUK policy that gives
 *   only `credentialLifetime` has it read as `pukLifetime` too (when both are
 *   given, `pukLifetime` governs the PUK).
 * - Keys `type` and `extId` (as in an encoded {@link Policy}) are ignored.
 * - Every bad value gives one `errors.invalidValue` entry naming the
 *   parameter, the value and what was expected; any such entry makes the
 *   result a 422 `Left`. Never throws.
 *
 * @example
 * import { decodePolicy } from 'credential-lifecycle';
 * decodePolicy('TempStrongPasswordPolicy', 'tsp-1', { ticketLen0: '12', colour: 'red' });
 * // right({ policy: { ticketLen0: 12, … }, warnings: ['unknown parameter "colour" ignored'] })
 * decodePolicy('PUKPolicy', 'puk-1', { pukLen: 'long' });
 * // left({ status: 422, errors: [{ code: 'errors.invalidValue', message: 'pukLen: got "long", expected an integer ≥ 1' }] })
 */
export const decodePolicy = <T extends PolicyType>(
  type: T,
  extId: string,
  input: unknown,
): E.Either<ApiError, DecodedPolicy<T>> => {
  if (!PolicyType.is(type)) {
    return E.left({
      status: 422,
      errors: [invalid(`type: got ${describe(type)}, expected ${describeExpected(PolicyType)}`)],
    });
  }
  if (!isPlainObject(input)) {
    return E.left({
      status: 422,
      errors: [invalid(`$: got ${describe(input)}, expected an object of policy parameters`)],
    });
  }
  const known = PARAMETERS[type];
  const deprecated = deprecatedPolicyParameters[type];
  const warnings: string[] = [];
  const errors: ErrorEntry[] = [];

  // 1. Flatten the nested forms of initialPwchangePeriod and hashParameters.
  const flat = new Map<string, unknown>();
  for (const [name, value] of Object.entries(input)) {
    if (type === 'PwdPolicy' && name === 'initialPwchangePeriod' && isPlainObject(value)) {
      for (const [sub, subValue] of Object.entries(value)) flat.set(`${name}.${sub}`, subValue);
    } else if (name === 'hashParameters' && isPlainObject(value)) {
      for (const [scheme, sub] of Object.entries(value)) {
        if (!isPlainObject(sub)) flat.set(`${name}.${scheme}`, sub);
        else for (const [k, v] of Object.entries(sub)) flat.set(`hashAlgorithm.${scheme}.${k}`, v);
      }
    } else {
      flat.set(name, value);
    }
  }
  // 2. Read deprecated names as their current ones.
  for (const [old, current] of Object.entries(deprecated)) {
    if (!flat.has(old)) continue;
    if (flat.has(current)) {
      warnings.push(`deprecated parameter "${old}" ignored because "${current}" is given`);
    } else {
      warnings.push(`deprecated parameter "${old}" read as "${current}"`);
      flat.set(current, flat.get(old));
    }
    flat.delete(old);
  }
  // A PUK's lifetime is `pukLifetime`; the shared name is read as it when it is the only one.
  if (type === 'PUKPolicy' && flat.has('credentialLifetime') && !flat.has('pukLifetime')) {
    flat.set('pukLifetime', flat.get('credentialLifetime'));
  }
  // 3. Decode each parameter on its own.
  const values: Record<string, unknown> = {};
  for (const [name, value] of flat) {
    if (name === 'type' || name === 'extId') continue;
    // Own keys only: a parameter named like an Object.prototype member
    // (`toString`, `__proto__`) is unknown, not a codec.
    const codec = Object.hasOwn(known, name) ? known[name] : undefined;
    if (codec === undefined) {
      warnings.push(`unknown parameter "${name}" ignored`);
      continue;
    }
    const decoded = codec.decode(value);
    if (E.isLeft(decoded)) {
      errors.push(invalid(`${name}: got ${describe(value)}, expected ${codec.name}`));
    } else {
      values[name] = decoded.right;
    }
  }
  // 4. Defaults for the rest, then the cross-parameter rules.
  const base: Record<string, unknown> = { ...defaultPolicy(type, extId) };
  const digest = values['hashAlgorithm.pbkdf2.digest'];
  for (const [name, value] of Object.entries(PBKDF2_DIGEST_DEFAULTS[String(digest)] ?? {})) {
    values[`hashAlgorithm.pbkdf2.${name}`] ??= value;
  }
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith('initialPwchangePeriod.')) {
      const period = { ...(base.initialPwchangePeriod as Record<string, unknown>) };
      period[name.slice('initialPwchangePeriod.'.length)] = value;
      base.initialPwchangePeriod = period;
    } else if (name.startsWith('hashAlgorithm.')) {
      const [, scheme = '', sub = ''] = name.split('.');
      const all = { ...(base.hashParameters as Record<string, Record<string, unknown>>) };
      all[scheme] = { ...all[scheme], [sub]: value };
      base.hashParameters = all;
    } else {
      base[name] = value;
    }
  }
  const argon2id = (base.hashParameters as Record<string, Record<string, unknown>>).argon2id;
  const memory = Number(argon2id?.memory);
  const lanes = Number(argon2id?.parallelism);
  if (
    memory < 8 * lanes &&
    !errors.some((e) => /^hashAlgorithm\.argon2id\.(memory|parallelism):/.test(e.message))
  ) {
    errors.push(
      invalid(
        `hashAlgorithm.argon2id.memory: got ${memory}, expected at least 8 KiB per lane (${8 * lanes} for parallelism ${lanes})`,
      ),
    );
  }
  if (
    type === 'PwdPolicy' &&
    typeof base.minLength === 'number' &&
    typeof base.maxLength === 'number' &&
    base.maxLength !== -1 &&
    base.maxLength < base.minLength &&
    !errors.some((e) => e.message.startsWith('maxLength:') || e.message.startsWith('minLength:'))
  ) {
    errors.push(
      invalid(
        `maxLength: got ${base.maxLength}, expected -1 or at least minLength (${base.minLength})`,
      ),
    );
  }
  const [first, ...rest] = errors;
  if (first !== undefined) return E.left({ status: 422, errors: [first, ...rest] });
  // Re-check the assembled value with the policy codec; this narrows the type
  // without a cast and guards the assembly above.
  const policy: unknown = base;
  if (!isPolicyOf(type, policy)) {
    return E.left({ status: 422, errors: [invalid('$: the assembled policy is not valid')] });
  }
  return E.right({ policy, warnings });
};

const isPolicyOf = <T extends PolicyType>(type: T, u: unknown): u is PolicyOf<T> =>
  Policy.is(u) && u.type === type;
