/**
 * What the request journal and the fault rules cost per request of the mock
 * (issue 19): `MockCore.answer` of GET TSP and of a failed login, with a
 * journal that keeps nothing (limit 0: the same-run baseline, which still
 * builds the entry), with the default journal of 1000 (full after warm-up,
 * so every request also drops one), and with the default journal and three
 * fault rules that do not match. Record figures in docs/performance.md under
 * "## The mock's journal and fault rules".
 */
import { bench, describe } from 'vitest';
import { MockCore } from '../src/mock/core.js';
import { decodeFaultRules } from '../src/mock/fault-rules.js';
import { controlPath } from '../src/mock/paths.js';
import { seededRandom } from '../src/secret/random.js';

const options = { time: 2_000, warmupTime: 1_000, warmupIterations: 2_000 };
const base = '/nevisidm/api/core/v1/c1/users/u1';
const login = '/nevisidm/api/auth/v1/c1/users/u1/password/login';

const rules = decodeFaultRules({
  rules: [
    { method: 'DELETE', path: '/nevisidm/*', delayMs: 400 },
    { path: '*/ticket', status: 503, rate: 0.5 },
    { path: '/elsewhere/*', delayMs: [50, 200] },
  ],
});

const mockOf = async (journalLimit: number, withRules: boolean): Promise<MockCore> => {
  const mock = new MockCore({
    clock: { frozenAt: Date.UTC(2026, 0, 1) },
    random: () => seededRandom(1),
    journalLimit,
  });
  await mock.answer({ method: 'PUT', path: controlPath.user('c1', 'u1'), body: undefined });
  // Never locks, so that every failed login writes the same way.
  await mock.answer({
    method: 'PUT',
    path: controlPath.policy('c1', 'open'),
    body: {
      type: 'PwdPolicy',
      default: true,
      parameters: { maxCredFailureCount: '-1', tmpLockingThreshold: '-1' },
    },
  });
  await mock.answer({
    method: 'POST',
    path: `${base}/password`,
    body: { password: 'Str0ng!pass', stateName: 'active' },
  });
  await mock.answer({ method: 'POST', path: `${base}/tempstrong-password`, body: {} });
  if (withRules && rules._tag === 'Right') mock.setFaultRules(rules.right);
  return mock;
};

const variants = [
  ['journal limit 0 (baseline)', 0, false],
  ['journal of 1000', 1000, false],
  ['journal of 1000 and 3 rules that do not match', 1000, true],
] as const;

describe('GET TSP through MockCore.answer', async () => {
  for (const [name, limit, withRules] of variants) {
    const mock = await mockOf(limit, withRules);
    bench(
      name,
      async () => {
        await mock.answer({ method: 'GET', path: `${base}/tempstrong-password`, body: undefined });
      },
      options,
    );
  }
});

describe('failed login (a write, body redacted) through MockCore.answer', async () => {
  for (const [name, limit, withRules] of variants) {
    const mock = await mockOf(limit, withRules);
    bench(
      name,
      async () => {
        await mock.answer({ method: 'POST', path: login, body: { password: 'wrong' } });
      },
      options,
    );
  }
});
