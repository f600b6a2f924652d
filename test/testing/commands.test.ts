/**
 * How conformance commands describe themselves: a login with the secret
 * learnt from an answer and one with a deliberately wrong secret must read
 * differently (a shrunk counterexample has to show which was sent), and a
 * learnt secret is never printed, neither in the description nor in curl.
 */
import { describe, expect, it } from 'vitest';
import {
  ApiCommand,
  type ConformanceModel,
  type ConformanceReal,
  curlOf,
  describeRequest,
  inProcessSystem,
  Oracle,
} from '../../src/testing/index.js';

const admin = { _tag: 'admin' } as const;
const password = 'Correct-Horse-42';
const wrong = 'Wrong-Secret-0!';

/** A run with alice holding an active password the oracle knows. */
const withPassword = async (): Promise<{ model: ConformanceModel; real: ConformanceReal }> => {
  const system = inProcessSystem({ seed: 1 });
  await system.control?.putUser('c1', 'u1', 'alice');
  const model: ConformanceModel = {
    oracle: new Oracle({
      clientExtId: 'c1',
      users: [{ userExtId: 'u1', loginId: 'alice' }],
      policies: [],
    }),
    clock: false,
    restricted: true,
    tokens: new Map(),
  };
  const real: ConformanceReal = { system, sent: [] };
  await new ApiCommand('c1', 'u1', 'password', 'create', admin, {
    _tag: 'json',
    value: { password, stateName: 'active' },
  }).run(model, real);
  expect(model.oracle.knownSecret('u1', 'password')).toBe(password);
  return { model, real };
};

describe('login descriptions', () => {
  it('tell a login with the known secret from one with the wrong secret', async () => {
    const known = new ApiCommand('c1', 'u1', 'password', 'login', admin, {
      _tag: 'login',
      secret: 'known',
    });
    const wrongOne = new ApiCommand('c1', 'u1', 'password', 'login', admin, {
      _tag: 'login',
      secret: wrong,
    });
    // Before running (as fast-check prints a command it has not run).
    expect(known.toString()).toContain('{"password":"<known secret>"}');
    expect(wrongOne.toString()).toContain(`{"password":"${wrong}"}`);
    expect(known.toString()).not.toBe(wrongOne.toString());

    const { model, real } = await withPassword();
    await known.run(model, real);
    await wrongOne.run(model, real);
    const [, knownStep, wrongStep] = real.sent;
    expect(knownStep?.description).toBe(
      'POST /nevisidm/api/auth/v1/c1/users/u1/password/login {"password":"<known secret>"} as admin',
    );
    expect(wrongStep?.description).toBe(
      `POST /nevisidm/api/auth/v1/c1/users/u1/password/login {"password":"${wrong}"} as admin`,
    );
    expect(known.toString()).toBe(knownStep?.description);
    expect(wrongOne.toString()).toBe(wrongStep?.description);
    // The real secret was sent, but is printed nowhere.
    expect(knownStep?.request.body).toEqual({ password });
    expect(knownStep?.description).not.toContain(password);
  });

  it('curl lines agree with the descriptions: known secrets hidden, the wrong one in clear', async () => {
    const { model, real } = await withPassword();
    await new ApiCommand('c1', 'u1', 'password', 'login', admin, {
      _tag: 'login',
      secret: 'known',
    }).run(model, real);
    await new ApiCommand('c1', 'u1', 'password', 'login', admin, {
      _tag: 'login',
      secret: wrong,
    }).run(model, real);
    const [, knownCurl, wrongCurl] = real.sent.map((s) =>
      curlOf('http://mock.test', s.request, s.learnt),
    );
    expect(knownCurl).toContain(`--data '{"password":"<known secret>"}'`);
    expect(knownCurl).not.toContain(password);
    expect(wrongCurl).toContain(`--data '{"password":"${wrong}"}'`);
  });

  it('without provenance, describeRequest still hides every secret field', () => {
    expect(
      describeRequest({ method: 'POST', path: '/p', body: { ticket: 't', puk: 'p' } }, admin),
    ).toBe('POST /p {"ticket":"<secret>","puk":"<secret>"} as admin');
  });
});
