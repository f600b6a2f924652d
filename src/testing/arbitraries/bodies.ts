/**
 * Request bodies on the wire (JSON): valid ones per operation and kind, and
 * invalid ones every codec rejects.
 *
 * @packageDocumentation
 */
import fc from 'fast-check';
import {
  type CredentialKind,
  createRequestOfKind,
  type Json,
  loginRequestOfKind,
  patchRequestOfKind,
  ResetPasswordRequest as ResetPasswordRequestCodec,
} from '../../index.js';
import {
  createPasswordRequestArb,
  createPukRequestArb,
  createTempStrongPasswordRequestArb,
  createTicketRequestArb,
  passwordLoginRequestArb,
  patchPasswordRequestArb,
  patchPukRequestArb,
  patchTempStrongPasswordRequestArb,
  patchTicketRequestArb,
  pukLoginRequestArb,
  resetPasswordRequestArb,
  tempStrongPasswordLoginRequestArb,
  ticketLoginRequestArb,
} from './messages.js';
/**
 * The request actions that take a body.
 *
 * @example
 * import type { BodyAction } from 'credential-lifecycle/testing';
 * const a: BodyAction = 'patch';
 */
export type BodyAction = 'create' | 'patch' | 'reset' | 'unlock' | 'login';

const wire = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

const typedCreateArbs = {
  password: createPasswordRequestArb,
  tempStrongPassword: createTempStrongPasswordRequestArb,
  ticket: createTicketRequestArb,
  puk: createPukRequestArb,
} as const;

const typedPatchArbs = {
  password: patchPasswordRequestArb,
  tempStrongPassword: patchTempStrongPasswordRequestArb,
  ticket: patchTicketRequestArb,
  puk: patchPukRequestArb,
} as const;

const typedLoginArbs = {
  password: passwordLoginRequestArb,
  tempStrongPassword: tempStrongPasswordLoginRequestArb,
  ticket: ticketLoginRequestArb,
  puk: pukLoginRequestArb,
} as const;

/**
 * Valid wire bodies (JSON) of one operation of a kind, encoded with the
 * operation's codec (validity periods as ISO strings). `unlock` exists for
 * passwords only; other kinds give `{}` for it.
 *
 * @example
 * import { requestBodyArb } from 'credential-lifecycle/testing';
 * import { decodeRequestBody, patchRequestOfKind } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(requestBodyArb('ticket', 'patch'), (body) =>
 *     decodeRequestBody(patchRequestOfKind.ticket, body)._tag === 'Right'),
 * );
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const requestBodyArb = (kind: CredentialKind, action: BodyAction): fc.Arbitrary<Json> => {
  switch (action) {
    case 'create': {
      const codec = createRequestOfKind[kind];
      return (typedCreateArbs[kind] as fc.Arbitrary<unknown>).map((b) =>
        wire(codec.encode(b as never)),
      );
    }
    case 'patch': {
      const codec = patchRequestOfKind[kind];
      return (typedPatchArbs[kind] as fc.Arbitrary<unknown>).map((b) =>
        wire(codec.encode(b as never)),
      );
    }
    case 'login': {
      const codec = loginRequestOfKind[kind];
      return (typedLoginArbs[kind] as fc.Arbitrary<unknown>).map((b) =>
        wire(codec.encode(b as never)),
      );
    }
    case 'reset':
      return kind === 'password'
        ? resetPasswordRequestArb.map((b) => wire(ResetPasswordRequestCodec.encode(b)))
        : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })).map(wire);
    case 'unlock':
      return fc.constant({});
  }
};

const notAnObjectArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.integer().map((n): Json => n),
  fc.string({ maxLength: 10 }).map((s): Json => s),
  fc.array(fc.integer(), { maxLength: 3 }).map((a): Json => a),
  fc.boolean().map((b): Json => b),
);

const badDateArb = fc.constantFrom(
  'soon',
  '2026-02-30T00:00:00Z',
  '2026-05-04T12:34:56',
  '2026-13-01T00:00:00Z',
  '2026-05-04T24:00:00Z',
  '',
);

const badFieldsOf = (kind: CredentialKind, action: BodyAction): fc.Arbitrary<[string, Json]>[] => {
  const stateName = fc.constantFrom<Json>('locked', 'ACTIVE', 'deleted', 42, true, null);
  switch (action) {
    case 'create':
      return [
        stateName.map((v): [string, Json] => ['stateName', v]),
        fc
          .constantFrom<Json>('', 'has space', 'ä', 7, null)
          .map((v): [string, Json] => ['extId', v]),
        fc.constantFrom<Json>('', 5, false).map((v): [string, Json] => ['policyExtId', v]),
        ...(kind === 'password'
          ? [fc.constantFrom<Json>(42, null, ['x']).map((v): [string, Json] => ['password', v])]
          : []),
        ...(kind === 'ticket'
          ? [fc.constantFrom<Json>(1, {}).map((v): [string, Json] => ['identification', v])]
          : []),
      ];
    case 'patch':
      return [
        stateName.map((v): [string, Json] => ['stateName', v]),
        fc
          .constantFrom<Json>(-1, 1.5, '3', 2_147_483_648, null)
          .map((v): [string, Json] => ['version', v]),
        fc
          .constantFrom<Json>(3, false, null)
          .map((v): [string, Json] => ['modificationComment', v]),
        ...(kind === 'ticket' || kind === 'puk'
          ? [
              fc
                .tuple(badDateArb, fc.boolean())
                .map(([bad, atFrom]): [string, Json] => [
                  'validity',
                  atFrom
                    ? { from: bad, to: '2026-05-04T00:00:00Z' }
                    : { from: '2026-05-04T00:00:00Z', to: bad },
                ]),
              fc
                .constantFrom<Json>('2026-05-04T00:00:00Z', 5, {})
                .map((v): [string, Json] => ['validity', v]),
            ]
          : []),
      ];
    case 'login':
      return [];
    case 'reset':
      return kind === 'password'
        ? [fc.constantFrom<Json>(42, null, false).map((v): [string, Json] => ['password', v])]
        : [];
    case 'unlock':
      return [];
  }
};

/**
 * Invalid wire bodies of one operation of a kind: not a JSON object at all
 * (decoding answers 400), or an object with fields of the wrong type, enum
 * values that do not exist, impossible or offset-less dates, negative or
 * fractional versions (422). Login bodies may also lack their secret field.
 * Every one is rejected by the operation's codec through `decodeRequestBody`.
 *
 * @example
 * import { invalidRequestBodyArb } from 'credential-lifecycle/testing';
 * import { createRequestOfKind, decodeRequestBody } from 'credential-lifecycle';
 * import fc from 'fast-check';
 * fc.assert(
 *   fc.property(invalidRequestBodyArb('puk', 'create'), (body) =>
 *     decodeRequestBody(createRequestOfKind.puk, body)._tag === 'Left'),
 * );
 * // undefined: the property holds (fc.assert throws on a counterexample)
 */
export const invalidRequestBodyArb = (
  kind: CredentialKind,
  action: BodyAction,
): fc.Arbitrary<Json> => {
  if (action === 'login') {
    const field = Object.keys(loginRequestOfKind[kind].type.props)[0] ?? kind;
    return fc.oneof(
      notAnObjectArb,
      fc.constant<Json>({}),
      fc.constantFrom<Json>(42, null, true, ['x']).map((v): Json => ({ [field]: v })),
    );
  }
  const bad = badFieldsOf(kind, action);
  if (bad.length === 0) return notAnObjectArb;
  return fc.oneof(
    { arbitrary: notAnObjectArb, weight: 1 },
    {
      arbitrary: fc.tuple(requestBodyArb(kind, action), fc.oneof(...bad)).map(
        ([valid, [name, value]]): Json => ({
          ...(typeof valid === 'object' && valid !== null && !Array.isArray(valid) ? valid : {}),
          [name]: value,
        }),
      ),
      weight: 4,
    },
  );
};
