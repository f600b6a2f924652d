import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import {
  CreatePasswordRequest,
  CreatePukRequest,
  CreateTempStrongPasswordRequest,
  CreateTicketRequest,
  createRequestOfKind,
  credentialKinds,
  decodeRequestBody,
  loginRequestOfKind,
  PasswordLoginRequest,
  PatchPasswordRequest,
  PatchPukRequest,
  PatchTempStrongPasswordRequest,
  PatchTicketRequest,
  PukLoginRequest,
  patchRequestOfKind,
  ResetPasswordRequest,
  ResetRequest,
  TempStrongPasswordLoginRequest,
  TicketLoginRequest,
  UnlockRequest,
} from '../../src/index.js';

const requestCodecs: readonly t.Mixed[] = [
  CreatePasswordRequest,
  CreateTempStrongPasswordRequest,
  CreateTicketRequest,
  CreatePukRequest,
  PatchPasswordRequest,
  PatchTempStrongPasswordRequest,
  PatchTicketRequest,
  PatchPukRequest,
  ResetRequest,
  ResetPasswordRequest,
  UnlockRequest,
  PasswordLoginRequest,
  TempStrongPasswordLoginRequest,
  TicketLoginRequest,
  PukLoginRequest,
];

const fieldNames = [
  'extId',
  'policyExtId',
  'stateName',
  'password',
  'identification',
  'context',
  'modificationComment',
  'version',
  'validity',
  'tempStrongPassword',
  'ticket',
  'puk',
  '__proto__',
  'constructor',
];

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Anything, JSON documents, and objects whose keys are the fields the codecs know. */
const garbage = fc.oneof(
  anything,
  fc.json().map((text): unknown => JSON.parse(text)),
  fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(anything, fc.json()), {
    noNullPrototype: false,
  }),
  fc.dictionary(
    fc.constantFrom(...fieldNames),
    fc.json().map((text): unknown => JSON.parse(text)),
  ),
);

const isPlainObject = (u: unknown): boolean =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

describe('request decoders on garbage', () => {
  for (const codec of requestCodecs) {
    test.prop([garbage], { numRuns: 300 })(`${codec.name} never throws`, (input) => {
      const result = decodeRequestBody(codec, input);
      if (E.isRight(result)) {
        expect(codec.is(result.right)).toBe(true);
      } else {
        expect(result.left.status).toBe(isPlainObject(input) ? 422 : 400);
        expect(result.left.errors.length).toBeGreaterThan(0);
      }
    });
  }
});

describe('request bodies as the seed pages describe them', () => {
  it('decodes a full TSP create body', () => {
    const body = { extId: 'tsp-1', policyExtId: 'tsp-policy', stateName: 'initial' };
    expect(decodeRequestBody(CreateTempStrongPasswordRequest, body)).toEqual(E.right(body));
  });

  it('decodes a full ticket create body', () => {
    const body = {
      extId: 'ticket-1',
      policyExtId: 'ticket-policy',
      stateName: 'active',
      identification: 'order-42',
      context: 'checkout',
    };
    expect(decodeRequestBody(CreateTicketRequest, body)).toEqual(E.right(body));
  });

  it('decodes a full password PATCH body', () => {
    const body = { stateName: 'disabled', modificationComment: 'on leave', version: 3 };
    expect(decodeRequestBody(PatchPasswordRequest, body)).toEqual(E.right(body));
  });

  it('decodes an empty object for every body whose fields are all optional', () => {
    for (const kind of credentialKinds) {
      expect(decodeRequestBody(createRequestOfKind[kind], {})).toEqual(E.right({}));
      expect(decodeRequestBody(patchRequestOfKind[kind], {})).toEqual(E.right({}));
    }
    expect(decodeRequestBody(ResetRequest, {})).toEqual(E.right({}));
    expect(decodeRequestBody(ResetPasswordRequest, {})).toEqual(E.right({}));
    expect(decodeRequestBody(ResetPasswordRequest, { password: 'N3w!pw' })).toEqual(
      E.right({ password: 'N3w!pw' }),
    );
    expect(decodeRequestBody(UnlockRequest, {})).toEqual(E.right({}));
  });

  it('decodes validity in ticket and PUK PATCH bodies to instants', () => {
    const validity = { from: '2026-05-04T00:00:00Z', to: '2026-05-09T00:00:00+02:00' };
    const expected = { from: Date.UTC(2026, 4, 4), to: Date.UTC(2026, 4, 8, 22) };
    expect(decodeRequestBody(PatchTicketRequest, { identification: 'x', validity })).toEqual(
      E.right({ identification: 'x', validity: expected }),
    );
    expect(decodeRequestBody(PatchPukRequest, { validity })).toEqual(
      E.right({ validity: expected }),
    );
  });

  it('names each login body field after its kind', () => {
    for (const kind of credentialKinds) {
      const codec: t.Mixed = loginRequestOfKind[kind];
      expect(decodeRequestBody(codec, { [kind]: 's3cret' })).toEqual(E.right({ [kind]: 's3cret' }));
    }
  });
});

const messagesOf = <A>(result: E.Either<{ errors: readonly { message: string }[] }, A>) =>
  E.isLeft(result) ? result.left.errors.map((e) => e.message) : [];

describe('rejected request bodies', () => {
  it('ignores unknown fields', () => {
    expect(decodeRequestBody(CreatePukRequest, { stateName: 'active', colour: 'red' })).toEqual(
      E.right({ stateName: 'active' }),
    );
    expect(decodeRequestBody(PukLoginRequest, { puk: 'p', password: 'x' })).toEqual(
      E.right({ puk: 'p' }),
    );
  });

  it('rejects an unknown state name at $.stateName', () => {
    expect(messagesOf(decodeRequestBody(PatchPasswordRequest, { stateName: 'locked' }))).toEqual([
      "$.stateName: expected one of 'initial', 'active', 'tmp-locked', 'fail-locked', 'reset-code', 'admin-changed', 'disabled', 'archived', got string",
    ]);
  });

  it('rejects versions that are not non-negative 32-bit integers', () => {
    for (const version of [-1, 1.5, 2 ** 31, '3', null]) {
      const result = decodeRequestBody(PatchTempStrongPasswordRequest, { version });
      expect(messagesOf(result)).toHaveLength(1);
      expect(messagesOf(result)[0]).toMatch(/^\$\.version: expected a non-negative 32-bit integer/);
    }
  });

  it('rejects malformed external IDs', () => {
    for (const extId of ['', 'has space', 'ümlaut', 'semi;colon', 7]) {
      expect(messagesOf(decodeRequestBody(CreateTicketRequest, { extId }))[0]).toMatch(
        /^\$\.extId: expected a non-empty external ID/,
      );
    }
    expect(decodeRequestBody(CreateTicketRequest, { extId: 'a-Z_0.9@x:(y){z}[w]=!~+/\\' })).toEqual(
      E.right({ extId: 'a-Z_0.9@x:(y){z}[w]=!~+/\\' }),
    );
  });

  it('rejects bad dates in a validity with the path of the date', () => {
    for (const to of ['2026-02-30T00:00:00Z', '2026-05-04T12:00:00', '2026-05-04T24:00:00Z']) {
      const validity = { from: '2026-05-04T00:00:00Z', to };
      expect(messagesOf(decodeRequestBody(PatchPukRequest, { validity }))).toEqual([
        '$.validity.to: expected an ISO-8601 instant with an offset, got string',
      ]);
    }
  });

  it('requires the secret in a login body', () => {
    expect(messagesOf(decodeRequestBody(PasswordLoginRequest, {}))).toEqual([
      '$.password: expected string, got nothing',
    ]);
    expect(messagesOf(decodeRequestBody(TicketLoginRequest, { ticket: 42 }))).toEqual([
      '$.ticket: expected string, got number',
    ]);
  });

  it('answers 400 for a body that is not a JSON object, 422 for bad fields', () => {
    for (const body of [null, 'text', 42, [], undefined]) {
      const result = decodeRequestBody(CreatePasswordRequest, body);
      expect(E.isLeft(result) && result.left.status).toBe(400);
      expect(E.isLeft(result) && result.left.errors[0].code).toBe('errors.malformedRequest');
    }
    const result = decodeRequestBody(CreateTicketRequest, {
      extId: '',
      stateName: 'gone',
      identification: 1,
      context: 'fine',
    });
    expect(E.isLeft(result) && result.left.status).toBe(422);
    expect(E.isLeft(result) && result.left.errors.map((e) => e.code)).toEqual([
      'errors.invalidValue',
      'errors.invalidValue',
      'errors.invalidValue',
    ]);
    expect(messagesOf(result).map((m) => m.split(':')[0])).toEqual([
      '$.extId',
      '$.stateName',
      '$.identification',
    ]);
  });

  it('never repeats the submitted value in a message', () => {
    const result = decodeRequestBody(CreatePasswordRequest, { password: ['hunter2'] });
    expect(messagesOf(result).join()).not.toContain('hunter2');
  });
});
