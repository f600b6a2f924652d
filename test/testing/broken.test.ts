/**
 * The kit catches bugs: four deliberately broken systems, each a small
 * wrapper over the library's own, are detected with a shrunk counterexample
 * of at most six commands.
 */
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import { matchRoute, withCredential } from '../../src/index.js';
import {
  type ConformanceReport,
  inProcessSystem,
  runConformance,
  type SystemUnderTest,
} from '../../src/testing/index.js';

/** (1) A login does not increment `version`. */
const versionStuckOnLogin = (): SystemUnderTest =>
  inProcessSystem({
    faults: {
      after: (answer, request, store) => {
        const route = matchRoute(request.method, request.path);
        if (E.isLeft(route) || route.right.action !== 'login' || answer.status !== 200) {
          return answer;
        }
        const { clientExtId, userExtId, kind } = route.right;
        const user = store.user(clientExtId, userExtId);
        const credential = user?.credentials[kind];
        if (user === undefined || credential === undefined) return answer;
        const { lifecycle } = credential;
        const context = { ...lifecycle.context, version: lifecycle.context.version - 1 };
        store.putUser(
          withCredential(user, kind, { ...credential, lifecycle: { ...lifecycle, context } }),
        );
        return answer;
      },
    },
  });

/** (2) A second TSP replaces the first instead of being refused. */
const secondTspAllowed = (): SystemUnderTest => {
  const real = inProcessSystem();
  return {
    ...real,
    send: async (request) => {
      if (request.method === 'POST' && request.path.endsWith('/tempstrong-password')) {
        await real.send({ method: 'DELETE', path: request.path });
      }
      return real.send(request);
    },
  };
};

const valueFields = ['password', 'tempStrongPassword', 'ticket', 'puk'] as const;
const isHash = (v: unknown) => typeof v === 'string' && v.startsWith('{');

/** (3) GET shows the plaintext it once saw instead of the hash. */
const plaintextOnGet = (): SystemUnderTest => {
  const real = inProcessSystem();
  const seen = new Map<string, string>();
  return {
    ...real,
    send: async (request) => {
      const answer = await real.send(request);
      const body = answer.body;
      const credentialPath = request.path.replace(/\/reset$/, '');
      if (request.method === 'POST' && answer.status < 300) {
        const given = request.body as Record<string, unknown> | undefined;
        for (const source of [given, body as Record<string, unknown> | undefined]) {
          for (const field of valueFields) {
            const v = source?.[field];
            if (typeof v === 'string' && !isHash(v)) seen.set(credentialPath, v);
          }
        }
      }
      const plain = seen.get(request.path);
      if (request.method === 'GET' && answer.status === 200 && plain !== undefined) {
        const field = valueFields.find((f) => isHash((body as Record<string, unknown>)[f]));
        if (field !== undefined) {
          return { ...answer, body: { ...(body as Record<string, unknown>), [field]: plain } };
        }
      }
      return answer;
    },
  };
};

/** (4) Strict locking mode behaves like threshold mode. */
const strictIsThreshold = (): SystemUnderTest => {
  const real = inProcessSystem();
  const control = real.control;
  if (control === undefined) throw new Error('no control');
  return {
    ...real,
    control: {
      ...control,
      putPolicy: (c, p, type, isDefault, parameters) =>
        control.putPolicy(c, p, type, isDefault, { ...parameters, tmpLockingMode: 'threshold' }),
    },
  };
};

const expectCaught = (report: ConformanceReport, pattern: RegExp) => {
  expect(report.failures).toBe(1);
  const c = report.counterexample;
  expect(c).toBeDefined();
  if (c === undefined) return;
  expect(c.steps.length, c.steps.join('\n')).toBeLessThanOrEqual(6);
  expect(c.error).toMatch(pattern);
  expect(c.curl.length).toBeGreaterThanOrEqual(c.steps.length);
};

describe('broken implementations are caught with a short counterexample', () => {
  it('(1) version not incremented on login', async () => {
    const report = await runConformance({
      system: versionStuckOnLogin(),
      runs: 300,
      clock: true,
      seed: 11,
    });
    expectCaught(report, /version/);
  });
  it('(2) a second TSP allowed', async () => {
    const report = await runConformance({
      system: secondTspAllowed(),
      runs: 300,
      clock: true,
      seed: 12,
    });
    expectCaught(report, /tempstrong-password/);
  });
  it('(3) plaintext returned by GET', async () => {
    const report = await runConformance({
      system: plaintextOnGet(),
      runs: 300,
      clock: true,
      seed: 13,
    });
    expectCaught(report, /expected a \{SSHA(256)?\} hash, got a plaintext/);
  });
  it('(4) strict locking mode behaving like threshold mode', async () => {
    const report = await runConformance({
      system: strictIsThreshold(),
      runs: 1000,
      clock: true,
      seed: 14,
    });
    expectCaught(report, /statusCode|stateName|status:/);
  });
});
