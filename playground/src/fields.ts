/**
 * The policy form: one field per parameter of a kind's policy type, derived
 * from the library's own parameter codecs and prefilled with the kind's
 * default policy; and the form's values decoded by the library's policy
 * decoder, with each error entry attached to the field it names.
 */
import {
  BooleanParameter,
  type CredentialKind,
  commonPolicyParameters,
  decodePolicy,
  defaultPolicy,
  InitialPwchangePeriod,
  type Policy,
  type PolicyOfKind,
  passwordPolicyParameters,
  policyTypeOfKind,
  pukPolicyParameters,
  tempStrongPasswordPolicyParameters,
  ticketPolicyParameters,
} from 'credential-lifecycle';
import { either as E } from 'fp-ts';

/** One field of the form. */
export interface PolicyField {
  /** The parameter's name as nevisIDM's map spells it (`initialPwchangePeriod.initial`). */
  readonly name: string;
  /** The default value, as text. */
  readonly value: string;
  /** What the codec accepts (its name, e.g. `-1 or an integer ≥ 1`). */
  readonly expected: string;
  /** The values of a select (booleans and enumerations); none for a text field. */
  readonly options?: readonly string[];
  /** Whether the value is a duration in ms (the form then shows it as a duration too). */
  readonly duration: boolean;
  /** Whether the parameter steers the lifecycle (the rest concerns secrets and hashing). */
  readonly lifecycle: boolean;
}

interface Codec {
  readonly name: string;
}

const parametersOf = (kind: CredentialKind): Readonly<Record<string, Codec>> => {
  const own = {
    password: passwordPolicyParameters,
    tempStrongPassword: tempStrongPasswordPolicyParameters,
    ticket: ticketPolicyParameters,
    puk: pukPolicyParameters,
  }[kind];
  return { ...commonPolicyParameters, ...own };
};

/**
 * The parameters that `lifecycleRulesOf` reads, per kind (a PUK's validity
 * comes from `pukLifetime`, the others' from `credentialLifetime`).
 */
const lifecycleParameters = (kind: CredentialKind): readonly string[] => [
  'maxCredFailureCount',
  'tmpLockingThreshold',
  'tmpLockingDuration',
  'tmpLockingMode',
  'maxResetCount',
  'resetTarget',
  kind === 'puk' ? 'pukLifetime' : 'credentialLifetime',
  'maxCredSuccessCount',
  'singleUse',
  'initialPwchangeRequired',
  'initialPwchangePeriod.initial',
  'initialPwchangePeriod.adminChanged',
];

const durationParameters = [
  'tmpLockingDuration',
  'credentialLifetime',
  'pukLifetime',
  'initialPwchangePeriod.initial',
  'initialPwchangePeriod.adminChanged',
];

const textOf = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/** The quoted values an enumeration codec names (`one of 'strict', 'threshold'`). */
const enumValues = (codec: Codec): readonly string[] | undefined => {
  if (codec === BooleanParameter) return ['true', 'false'];
  if (!codec.name.startsWith('one of ')) return undefined;
  return [...codec.name.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
};

/**
 * The fields of a kind's policy form, the lifecycle parameters first (in the
 * order of `lifecycleParameters`), then the others in the codecs' order.
 * `hashParameters` (the schemes' cost settings) keeps its defaults.
 */
export const policyFields = (kind: CredentialKind): readonly PolicyField[] => {
  const defaults: Readonly<Record<string, unknown>> = defaultPolicy(policyTypeOfKind[kind]);
  const codecs: [string, Codec, unknown][] = [];
  for (const [name, codec] of Object.entries(parametersOf(kind))) {
    if (name === 'hashParameters') continue;
    if (codec === InitialPwchangePeriod) {
      const period = defaults[name] as Readonly<Record<string, unknown>>;
      for (const [sub, subCodec] of Object.entries(InitialPwchangePeriod.props)) {
        codecs.push([`${name}.${sub}`, subCodec, period[sub]]);
      }
      continue;
    }
    codecs.push([name, codec, defaults[name]]);
  }
  const steering = lifecycleParameters(kind);
  const fields = codecs.map(([name, codec, value]): PolicyField => {
    const options = enumValues(codec);
    return {
      name,
      value: textOf(value),
      expected: codec.name,
      ...(options === undefined ? {} : { options }),
      duration: durationParameters.includes(name),
      lifecycle: steering.includes(name),
    };
  });
  const rank = (f: PolicyField) => (f.lifecycle ? steering.indexOf(f.name) : steering.length);
  return fields
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map(({ f }) => f);
};

/** The form decoded: the policy, or the decoder's messages by field (`''`: no field). */
export type FormPolicy<K extends CredentialKind> =
  | { readonly ok: true; readonly policy: PolicyOfKind<K> }
  | { readonly ok: false; readonly errors: ReadonlyMap<string, readonly string[]> };

/** The extId of the playground's policies: the one the command line gives a policy from --param. */
const extId = 'default';

const isOfKind = <K extends CredentialKind>(kind: K, policy: Policy): policy is PolicyOfKind<K> =>
  policy.type === policyTypeOfKind[kind];

/**
 * Decodes the form's values (nevisIDM's string map) with `decodePolicy`, and
 * attaches each error entry to the field whose name starts its message.
 */
export const decodeForm = <K extends CredentialKind>(
  kind: K,
  fields: readonly PolicyField[],
  values: Readonly<Record<string, string>>,
): FormPolicy<K> => {
  const decoded = decodePolicy(policyTypeOfKind[kind], extId, values);
  if (E.isRight(decoded)) {
    const { policy } = decoded.right;
    if (isOfKind(kind, policy)) return { ok: true, policy };
    return { ok: false, errors: new Map([['', ['the decoder answered another policy type']]]) };
  }
  const names = fields.map((f) => f.name).sort((a, b) => b.length - a.length);
  const errors = new Map<string, string[]>();
  for (const { message } of decoded.left.errors) {
    const field = names.find((n) => message.startsWith(`${n}:`)) ?? '';
    errors.set(field, [...(errors.get(field) ?? []), message]);
  }
  return { ok: false, errors };
};
