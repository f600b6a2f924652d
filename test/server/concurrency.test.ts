/** 100 concurrent PATCH requests with the same version: one wins, 99 are 409. */
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { codesOf, core, field, useServer } from './support.js';

const { call } = useServer({ seed: 3 });

describe('optimistic locking under concurrency', () => {
  it.each(['password', 'tempstrong-password', 'ticket', 'puk'])(
    '%s: exactly one of 100 concurrent PATCHes with the same version succeeds',
    async (segment) => {
      await call('POST', controlPath.reset);
      await call('PUT', controlPath.user('c1', 'u1'));
      const path = `${core}/c1/users/u1/${segment}`;
      const body = segment === 'password' ? { password: 'Correct-Horse-42' } : {};
      expect((await call('POST', path, { body })).status).toBe(201);
      const before = field(await call('GET', path), 'version');
      expect(typeof before).toBe('number');
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          call('PATCH', path, { body: { modificationComment: `writer ${i}`, version: before } }),
        ),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      for (const r of replies.filter((r) => r.status === 409)) {
        expect(codesOf(r)).toEqual(['errors.pessimisticLockingFailure']);
      }
      expect(field(await call('GET', path), 'version')).toBe(Number(before) + 1);
    },
  );
});
