import fc from 'fast-check';
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/index.js';
import { apiError, ErrorBody, pathOf, toErrorBody, validationEntries } from '../../src/index.js';
import * as mock from '../../src/web/index.js';

describe('error bodies', () => {
  it('turns an ApiError into the nevis error body', () => {
    const body = toErrorBody(apiError(404, 'errors.noRecord', 'user u1 has no PUK'));
    expect(body).toEqual({ errors: [{ code: 'errors.noRecord', message: 'user u1 has no PUK' }] });
    expect(ErrorBody.is(body)).toBe(true);
  });

  it('names array elements with brackets and skips union members', () => {
    const codec = t.type({ items: t.array(t.union([t.string, t.number])) });
    const r = codec.decode({ items: ['a', true] });
    const first = E.isLeft(r) ? r.left[0] : undefined;
    expect(first && pathOf(first.context)).toBe('$.items[1]');
    expect(E.isLeft(r) && validationEntries(r.left, 'c')).toEqual([
      { code: 'c', message: '$.items[1]: expected string or number, got boolean' },
    ]);
  });
});

/** The values an enumeration codec allows, read from the codec itself. */
const allowedOf = (codec: unknown): readonly (string | number)[] | undefined => {
  const c = codec as { _tag?: string; keys?: object; types?: { _tag?: string; value?: unknown }[] };
  if (c._tag === 'KeyofType' && c.keys !== undefined) return Object.keys(c.keys);
  if (c._tag === 'UnionType' && c.types?.every((m) => m._tag === 'LiteralType')) {
    return c.types.map((m) => m.value as string | number);
  }
  return undefined;
};

/** Every enumeration codec the portable entries export, by export name. */
const enumCodecs = [...Object.entries(library), ...Object.entries(mock)].flatMap(
  ([name, value]) => {
    const allowed = allowedOf(value);
    return allowed === undefined ? [] : [[name, value as t.Mixed, allowed] as const];
  },
);

const quoted = (v: string | number) => (typeof v === 'string' ? `'${v}'` : String(v));

describe('messages for enumeration fields name the allowed values', () => {
  it('finds the enumerations of the wire model and the policies', () => {
    expect(new Set(enumCodecs.map(([name]) => name))).toEqual(
      new Set([
        'CredentialKind',
        'CredentialTypeName',
        'LoginStatusCode',
        'PolicyType',
        'StateChangeReason',
        'StateName',
      ]),
    );
  });

  it.each(enumCodecs)('%s', (_name, codec, allowed) => {
    const bad = fc.oneof(
      fc.string().filter((s) => !allowed.includes(s)),
      fc.integer().filter((n) => !allowed.includes(n)),
    );
    fc.assert(
      fc.property(bad, (value) => {
        const r = t.type({ field: codec }).decode({ field: value });
        const entries = E.isLeft(r) ? validationEntries(r.left, 'errors.invalidValue') : [];
        expect(entries).toEqual([
          {
            code: 'errors.invalidValue',
            message: `$.field: expected one of ${allowed.map(quoted).join(', ')}, got ${typeof value}`,
          },
        ]);
      }),
    );
  });

  it('gathers the values of a union of enumerations into one list', () => {
    const codec = t.type({ state: t.union([library.StateName, t.literal('deleted')]) });
    const r = codec.decode({ state: 'gone' });
    expect(E.isLeft(r) && validationEntries(r.left, 'c')[0]?.message).toBe(
      "$.state: expected one of 'initial', 'active', 'tmp-locked', 'fail-locked', 'reset-code', 'admin-changed', 'disabled', 'archived', 'deleted', got string",
    );
  });

  it('names a lone literal by its value, and other codecs by their name', () => {
    expect(library.describeExpected(t.literal('Password'))).toBe("'Password'");
    expect(library.describeExpected(t.union([t.string, t.null]))).toBe('(string | null)');
  });

  it('a request body with a bad stateName lists the eight states', () => {
    const r = library.decodeRequestBody(library.PatchPasswordRequest, { stateName: 'locked' });
    expect(E.isLeft(r) && r.left.errors).toEqual([
      {
        code: 'errors.invalidValue',
        message:
          "$.stateName: expected one of 'initial', 'active', 'tmp-locked', 'fail-locked', 'reset-code', 'admin-changed', 'disabled', 'archived', got string",
      },
    ]);
  });

  it('a policy of an unknown type, or an unknown mode, lists what is allowed', () => {
    const badType = library.decodePolicy('Nope' as library.PolicyType, 'p', {});
    expect(E.isLeft(badType) && badType.left.errors[0]?.message).toBe(
      "type: got \"Nope\", expected one of 'PwdPolicy', 'TempStrongPasswordPolicy', 'TicketPolicy', 'PUKPolicy'",
    );
    const badMode = library.decodePolicy('PwdPolicy', 'p', { tmpLockingMode: 'soft' });
    expect(E.isLeft(badMode) && badMode.left.errors[0]?.message).toBe(
      "tmpLockingMode: got \"soft\", expected one of 'strict', 'threshold'",
    );
  });
});
