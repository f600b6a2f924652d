/**
 * The JSON Schemas of the document say what the codecs say: for all request
 * bodies, the request schema accepts exactly what the operation's decoder
 * accepts; for all resources and answers, the answer schema accepts their
 * wire form and refuses it with a field more; for all instants in any form
 * the decoder reads, the request pattern matches.
 */
import { fc, test } from '@fast-check/vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type * as t from 'io-ts';
import { describe, expect } from 'vitest';
import {
  type CredentialKind,
  credentialCodecOfKind,
  credentialKinds,
  decodeRequestBody,
  instantPatterns,
  LoginResponse,
  PasswordResetResponse,
  parseInstant,
  TempStrongPasswordIssuedResponse,
} from '../../src/index.js';
import { operationAnswers } from '../../src/openapi/index.js';
import type { BodyAction } from '../../src/testing/index.js';
import * as arb from '../../src/testing/index.js';
import { openApiDocument } from '../../src/web/index.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strictSchema: false }));
ajv.addSchema(openApiDocument() as unknown as object, 'openapi');
const schemaOf = (codec: t.Mixed, direction: 'request' | 'answer') => {
  const name =
    direction === 'request' && `${codec.name}Input` in openApiDocument().components.schemas
      ? `${codec.name}Input`
      : codec.name;
  return ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
};

const bodyActions: readonly BodyAction[] = ['create', 'patch', 'reset', 'unlock', 'login'];

describe('request schemas accept exactly what the decoders accept', () => {
  for (const kind of credentialKinds) {
    for (const action of bodyActions) {
      const codec = operationAnswers(kind, action)?.request;
      if (codec === undefined) continue;
      const validate = schemaOf(codec, 'request');
      const bodies = fc.oneof(
        arb.requestBodyArb(kind, action),
        arb.invalidRequestBodyArb(kind, action),
      );
      test.prop([bodies])(`${action} ${kind}`, (body) => {
        const decoded = decodeRequestBody(codec, body)._tag === 'Right';
        expect(validate(body), JSON.stringify(body)).toBe(decoded);
      });
    }
  }
});

const resourceArbs: Readonly<Record<CredentialKind, fc.Arbitrary<unknown>>> = {
  password: arb.passwordCredentialArb,
  tempStrongPassword: arb.tempStrongPasswordCredentialArb,
  ticket: arb.ticketCredentialArb,
  puk: arb.pukCredentialArb,
};

const answers: readonly [t.Mixed, fc.Arbitrary<unknown>][] = [
  ...credentialKinds.map((k): [t.Mixed, fc.Arbitrary<unknown>] => [
    credentialCodecOfKind[k],
    resourceArbs[k],
  ]),
  [LoginResponse, arb.loginResponseArb],
  [PasswordResetResponse, arb.passwordResetResponseArb],
  [TempStrongPasswordIssuedResponse, arb.tempStrongPasswordIssuedResponseArb],
];

describe('answer schemas accept the wire form, and nothing more', () => {
  for (const [codec, values] of answers) {
    const validate = schemaOf(codec, 'answer');
    test.prop([values])(codec.name, (value) => {
      const wire = JSON.parse(JSON.stringify(codec.encode(value)));
      expect(validate(wire), ajv.errorsText(validate.errors)).toBe(true);
      expect(validate({ ...wire, unexpected: 1 })).toBe(false);
    });
  }
});

describe('instants', () => {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  test.prop([arb.instantArb, fc.boolean(), fc.integer({ min: -23, max: 23 })])(
    'every form the decoder reads of any instant matches the request pattern',
    (at, basic, offsetHours) => {
      const d = new Date(at - offsetHours * 3_600_000);
      const date = basic
        ? `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`
        : `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
      const sep = basic ? '' : ':';
      const time = `${pad(d.getUTCHours(), 2)}${sep}${pad(d.getUTCMinutes(), 2)}${sep}${pad(d.getUTCSeconds(), 2)}`;
      const offset = `${offsetHours < 0 ? '-' : '+'}${pad(Math.abs(offsetHours), 2)}${sep}00`;
      const text = `${date}T${time}${offset}`;
      fc.pre(parseInstant(text)._tag === 'Some');
      expect(instantPatterns.accepted.test(text), text).toBe(true);
    },
  );

  test.prop([fc.string({ maxLength: 30 })])(
    'a string the pattern refuses, the decoder refuses',
    (text) => {
      if (!instantPatterns.accepted.test(text)) expect(parseInstant(text)._tag).toBe('None');
    },
  );
});
