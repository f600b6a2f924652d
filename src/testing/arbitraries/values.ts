/**
 * Scalar values of the wire model: instants, counters, external IDs, free
 * text, states, reasons, type names, kinds and validity periods.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type CredentialKind,
  CredentialTypeName,
  credentialKinds,
  type Instant,
  type StateChangeReason,
  type StateName,
  stateChangeReasons,
  stateNames,
  type Validity,
} from '../../index.js';

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in epoch seconds. */
const FIRST_SECOND = -62_135_596_800;
const LAST_SECOND = 253_402_300_799;

/**
 * Instants at whole seconds (the wire's precision) within years 0001–9999.
 *
 * @example
 * import { instantArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(instantArb, 1).every((at) => at % 1000 === 0); // true
 */
export const instantArb: fc.Arbitrary<Instant> = fc
  .integer({ min: FIRST_SECOND, max: LAST_SECOND })
  .map((seconds) => seconds * 1000);

/**
 * Counters and versions: integers from 0 to 2^31 - 1, biased towards small ones.
 *
 * @example
 * import { countArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(countArb, 3); // e.g. [0, 7, 1843005520]
 */
export const countArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 10 }),
  fc.integer({ min: 0, max: 2_147_483_647 }),
);

const extIdCharacters = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'-@./_:()\\{}[]=!~+',
];

/**
 * Well-formed external IDs (1–40 characters of the allowed set).
 *
 * @example
 * import { extIdArb } from 'credential-lifecycle/testing';
 * import { ExtId } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(fc.property(extIdArb, (id) => ExtId.is(id)));
 * // undefined: the property holds (fc.assert throws on a counterexample)
 * fc.sample(extIdArb, { seed: 1, numRuns: 1 }); // ['(+!h!Mq1!:+']
 */
export const extIdArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...extIdCharacters),
  minLength: 1,
  maxLength: 40,
});

/**
 * Free text, any Unicode (comments, identifications).
 *
 * @example
 * import { textArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(textArb, { seed: 240, numRuns: 1 }); // ['\x11applyprop']
 */
export const textArb: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 40 });

/**
 * The eight state names.
 *
 * @example
 * import { stateNameArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(stateNameArb, 1); // e.g. ['tmp-locked']
 */
export const stateNameArb: fc.Arbitrary<StateName> = fc.constantFrom(...stateNames);

/**
 * The fifteen state-change reasons.
 *
 * @example
 * import { stateChangeReasonArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(stateChangeReasonArb, 1); // e.g. ['unlock']
 */
export const stateChangeReasonArb: fc.Arbitrary<StateChangeReason> = fc.constantFrom(
  ...stateChangeReasons,
);

const typeNames = Object.keys(CredentialTypeName.keys).filter(CredentialTypeName.is);

/**
 * The 22 credential type display names.
 *
 * @example
 * import { credentialTypeNameArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(credentialTypeNameArb, 1); // e.g. ['Ticket Authorization']
 */
export const credentialTypeNameArb: fc.Arbitrary<CredentialTypeName> = fc.constantFrom(
  ...typeNames,
);

/**
 * The four credential kinds the library manages.
 *
 * @example
 * import { credentialKindArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.sample(credentialKindArb, 1); // e.g. ['puk']
 */
export const credentialKindArb: fc.Arbitrary<CredentialKind> = fc.constantFrom(...credentialKinds);

/**
 * Validity periods with `from <= to`, at whole seconds.
 *
 * @example
 * import { validityArb } from 'credential-lifecycle/testing';
 * import fc from 'fast-check';
 * fc.assert(fc.property(validityArb, (v) => v.from <= v.to));
 * // undefined: the property holds (fc.assert throws on a counterexample)
 * fc.sample(validityArb, { seed: 1, numRuns: 1 }); // [{ from: 26000, to: 51817459633000 }]
 */
export const validityArb: fc.Arbitrary<Validity> = fc
  .tuple(instantArb, instantArb)
  .map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
