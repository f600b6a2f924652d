import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { apiError, ErrorBody, pathOf, toErrorBody, validationEntries } from '../../src/index.js';

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
