/**
 * Over HTTP: 100 concurrent PATCH requests with the same version (one wins,
 * 99 are 409), and 200 concurrent wrong-password logins (every one counted;
 * with the test-only lost-update fault, most are lost).
 */
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { auth, codesOf, core, field, useServer } from './support.js';

const { call } = useServer({ seed: 3 });
const faulty = useServer({ seed: 3, faults: ['lost-update'] });

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

describe('failed logins under concurrency', () => {
  /** 200 wrong passwords at once against a password whose policy never locks. */
  const burst = async (send: typeof call) => {
    await send('POST', controlPath.reset);
    const parameters = { maxCredFailureCount: '-1', tmpLockingThreshold: '-1' };
    const policy = { type: 'PwdPolicy', default: true, parameters };
    expect(
      (await send('PUT', controlPath.policy('c1', 'never-locks'), { body: policy })).status,
    ).toBe(204);
    await send('PUT', controlPath.user('c1', 'u1'));
    const path = `${core}/c1/users/u1/password`;
    expect((await send('POST', path, { body: { password: 'Correct-Horse-42' } })).status).toBe(201);
    const before = Number(field(await send('GET', path), 'version'));
    const replies = await Promise.all(
      Array.from({ length: 200 }, () =>
        send('POST', `${auth}/c1/users/u1/password/login`, { body: { password: 'wrong' } }),
      ),
    );
    const after = await send('GET', path);
    return { replies, before, after };
  };

  it('counts every one of 200 concurrent wrong-password logins, as 200 sequential ones would', async () => {
    const { replies, before, after } = await burst(call);
    expect(replies.map((r) => r.status)).toEqual(Array(200).fill(200));
    // Status 2, login failed: never a warning or a lock under this policy.
    expect(new Set(replies.map((r) => field(r, 'statusCode')))).toEqual(new Set([2]));
    expect(field(after, 'failedLoginCount')).toBe(200);
    expect(field(after, 'version')).toBe(before + 200);
    expect(field(after, 'stateName')).toBe('initial');
  });

  it('loses most of them with --fault lost-update', async () => {
    const { after, before } = await burst(faulty.call);
    expect(field(after, 'failedLoginCount')).toBeLessThan(200);
    expect(field(after, 'version')).toBeLessThan(before + 200);
  });
});
