/**
 * State snapshots (issue 19, point 4): export, import, the round trip (the
 * same JSON, and the same answers to any command sequence afterwards), bad
 * snapshots (422, one error per problem, state unchanged), over real HTTP
 * and in process.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockRequest } from '../../src/mock/core.js';
import { MockCore } from '../../src/mock/core.js';
import { type RandomSource, seededRandom } from '../../src/secret/random.js';
import { type RunningServer, startNodeServer } from '../../src/server/node.js';
import {
  controlPath,
  defaultStart,
  httpSystem,
  inProcessSystem,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';

const coreOf = (user: string) => `/nevisidm/api/core/v1/c1/users/${user}`;
const authOf = (user: string) => `/nevisidm/api/auth/v1/c1/users/${user}`;
const password = 'Str0ng!pass-42';
const kinds = ['password', 'tempstrong-password', 'ticket', 'puk'] as const;
const secretField = {
  password: 'password',
  'tempstrong-password': 'tempStrongPassword',
  ticket: 'ticket',
  puk: 'puk',
} as const;

/** One request of a random session against a small world of two users in one client. */
const requestArb: fc.Arbitrary<MockRequest> = fc.oneof(
  fc
    .constantFrom('u1', 'u2')
    .map((u) => ({ method: 'PUT', path: controlPath.user('c1', u), body: { loginId: u } })),
  fc
    .record({ u: fc.constantFrom('u1', 'u2'), kind: fc.constantFrom(...kinds) })
    .map(({ u, kind }) => ({
      method: 'POST',
      path: `${coreOf(u)}/${kind}`,
      body: kind === 'password' ? { password, stateName: 'active' } : {},
    })),
  fc
    .record({
      u: fc.constantFrom('u1', 'u2'),
      kind: fc.constantFrom(...kinds),
      right: fc.boolean(),
    })
    .map(({ u, kind, right }) => ({
      method: 'POST',
      path: `${authOf(u)}/${kind}/login`,
      body: { [secretField[kind]]: right && kind === 'password' ? password : 'wrong-0' },
    })),
  fc
    .record({
      u: fc.constantFrom('u1', 'u2'),
      kind: fc.constantFrom(...kinds),
      action: fc.constantFrom('reset', 'unlock', 'get', 'delete', 'disable', 'enable'),
    })
    .map(({ u, kind, action }): MockRequest => {
      const path = `${coreOf(u)}/${kind}`;
      if (action === 'reset' || action === 'unlock')
        return { method: 'POST', path: `${path}/${action}`, body: {} };
      if (action === 'get') return { method: 'GET', path, body: undefined };
      if (action === 'delete') return { method: 'DELETE', path, body: undefined };
      return {
        method: 'PATCH',
        path,
        body: { stateName: action === 'disable' ? 'disabled' : 'active' },
      };
    }),
  fc
    .integer({ min: 0, max: 120_000 })
    .map((ms) => ({ method: 'POST', path: controlPath.clockAdvance, body: { ms } })),
  fc
    .constantFrom('u1', 'u2')
    .map((u) => ({ method: 'POST', path: controlPath.token('c1', u), body: undefined })),
  fc.integer({ min: 4, max: 12 }).map((len) => ({
    method: 'PUT',
    path: controlPath.policy('c1', `tsp-${len}`),
    body: {
      type: 'TempStrongPasswordPolicy',
      default: len % 2 === 0,
      parameters: { ticketLen0: String(len) },
    },
  })),
);

/** Both users exist before a session's random requests. */
const users: MockRequest[] = ['u1', 'u2'].map((u) => ({
  method: 'PUT',
  path: controlPath.user('c1', u),
  body: { loginId: u },
}));

/** A random source whose stream the test can restart, to line up two mocks' draws. */
const switchable = () => {
  let inner: RandomSource = seededRandom(0);
  const source: RandomSource = { getRandomValues: (a) => inner.getRandomValues(a) };
  return {
    source,
    restart: (seed: number) => {
      inner = seededRandom(seed);
    },
  };
};

const mockWith = (random: RandomSource) =>
  new MockCore({ clock: { frozenAt: defaultStart }, random: () => random });

const exported = async (mock: MockCore) => {
  const answer = await mock.answer({ method: 'GET', path: controlPath.state, body: undefined });
  expect(answer.status).toBe(200);
  return answer.body;
};

const answersTo = async (mock: MockCore, requests: readonly MockRequest[]) => {
  const answers: unknown[] = [];
  for (const r of requests) {
    const a = await mock.answer(r);
    answers.push([a.status, a.headers, a.body]);
  }
  return answers;
};

describe('the round trip', () => {
  it('export, import, export gives the same JSON, and the same answers to any command sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(requestArb, { minLength: 10, maxLength: 60 }).map((rs) => [...users, ...rs]),
        fc.array(requestArb, { minLength: 5, maxLength: 30 }),
        fc.nat(),
        async (before, after, seed) => {
          const a = switchable();
          const original = mockWith(a.source);
          a.restart(seed);
          await answersTo(original, before);
          const snapshot = await exported(original);
          const b = switchable();
          const restored = mockWith(b.source);
          b.restart(seed + 1);
          await answersTo(restored, before.slice(0, 5)); // something to be replaced
          const put = await restored.answer({
            method: 'PUT',
            path: controlPath.state,
            body: snapshot,
          });
          expect(put.status).toBe(204);
          const again = await exported(restored);
          expect(JSON.stringify(again)).toBe(JSON.stringify(snapshot));
          a.restart(seed + 2);
          b.restart(seed + 2);
          expect(await answersTo(restored, after)).toEqual(await answersTo(original, after));
          expect(JSON.stringify(await exported(restored))).toBe(
            JSON.stringify(await exported(original)),
          );
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});

let server: RunningServer;
let other: RunningServer;
beforeAll(async () => {
  server = await startNodeServer({
    mock: new MockServer({ seed: 1, start: defaultStart }),
    port: 0,
    log: undefined,
  });
  other = await startNodeServer({
    mock: new MockServer({ seed: 9, start: defaultStart }),
    port: 0,
    log: undefined,
  });
});
afterAll(async () => {
  await server.close();
  await other.close();
});

/** A user with a password (two failed logins: tmp-locked), a ticket, a token, a policy and a frozen clock. */
const populate = async (system: SystemUnderTest) => {
  await system.control?.reset();
  await system.control?.putPolicy('c1', 'tsp-8', 'TempStrongPasswordPolicy', true, {
    ticketLen0: '8',
  });
  await system.control?.putUser('c1', 'u1', 'user-one');
  await system.send({
    method: 'POST',
    path: `${coreOf('u1')}/password`,
    body: { password, stateName: 'active' },
  });
  await system.send({ method: 'POST', path: `${coreOf('u1')}/ticket`, body: {} });
  for (let i = 0; i < 2; i++) {
    await system.send({
      method: 'POST',
      path: `${authOf('u1')}/password/login`,
      body: { password: 'nope' },
    });
  }
  const token = await system.control?.selfAdminToken('c1', 'u1');
  await system.control?.setClock(Date.UTC(2026, 4, 4, 12));
  return token ?? '';
};

const stateOf = async (system: SystemUnderTest) => {
  const answer = await system.send({ method: 'GET', path: controlPath.state });
  expect(answer.status).toBe(200);
  return answer.body;
};

describe.each([
  ['in process', () => inProcessSystem(), () => inProcessSystem({ seed: 9 })],
  ['over HTTP', () => httpSystem(server.url), () => httpSystem(other.url)],
  ['from HTTP into process', () => httpSystem(server.url), () => inProcessSystem({ seed: 9 })],
])('snapshots %s', (_name, makeSource, makeTarget) => {
  it('export users, credentials (hashes only), policies, tokens and the clock', async () => {
    const source = makeSource();
    const token = await populate(source);
    const state = (await stateOf(source)) as Record<string, unknown>;
    expect(state).toMatchObject({
      format: 'credential-lifecycle/mock-state@1',
      clock: { frozenAt: Date.UTC(2026, 4, 4, 12), offset: 0 },
      tokens: [{ token, clientExtId: 'c1', userExtId: 'u1' }],
      clients: [
        {
          clientExtId: 'c1',
          defaults: { TempStrongPasswordPolicy: 'tsp-8', PwdPolicy: 'default-password' },
          users: [
            {
              userExtId: 'u1',
              loginId: 'user-one',
              credentials: {
                password: {
                  kind: 'password',
                  secretHash: expect.stringMatching(/^\{SSHA256\}/),
                  lifecycle: { state: 'tmp-locked' },
                },
                ticket: { kind: 'ticket', secretHash: expect.stringMatching(/^\{SSHA256\}/) },
              },
            },
          ],
        },
      ],
    });
    const policies = (state.clients as { policies: { extId: string }[] }[])[0]?.policies ?? [];
    expect(policies.map((p) => p.extId)).toEqual([
      'default-password',
      'default-tempstrong-password',
      'default-ticket',
      'default-puk',
      'tsp-8',
    ]);
    expect(JSON.stringify(state)).not.toContain(password);
  });

  it('import replaces the state, and the imported mock answers as the exported one did', async () => {
    const source = makeSource();
    const token = await populate(source);
    const state = await stateOf(source);
    const target = makeTarget();
    await target.control?.reset();
    await target.control?.putUser('c9', 'someone-else');
    expect(
      (await target.send({ method: 'PUT', path: controlPath.state, body: state })).status,
    ).toBe(204);
    expect(await stateOf(target)).toEqual(state);
    expect((await target.send({ method: 'GET', path: controlPath.users('c9') })).body).toEqual([]);
    const ask = async (system: SystemUnderTest) => [
      (
        await system.send({
          method: 'GET',
          path: `${coreOf('u1')}/password`,
          headers: { 'X-Token': token },
        })
      ).body,
      (
        await system.send({
          method: 'POST',
          path: `${authOf('u1')}/password/login`,
          body: { password },
        })
      ).body,
      (await system.send({ method: 'GET', path: controlPath.clock })).body,
      (await system.send({ method: 'GET', path: controlPath.users('c1') })).body,
    ];
    expect(await ask(target)).toEqual(await ask(source));
  });

  it('refuses an invalid snapshot with 422, one error per problem, and changes nothing', async () => {
    const source = makeSource();
    await populate(source);
    const state = structuredClone(await stateOf(source)) as {
      clock: Record<string, unknown>;
      clients: {
        users: { credentials: { password: Record<string, unknown> } }[];
        defaults: Record<string, unknown>;
      }[];
      tokens: Record<string, unknown>[];
    };
    const target = makeTarget();
    await populate(target);
    const before = await stateOf(target);
    const broken = structuredClone(state);
    broken.clock.offset = 'soon';
    const user = broken.clients[0]?.users[0];
    if (user === undefined) throw new Error('no user');
    user.credentials.password.secretHash = password; // plaintext, not a hash
    if (broken.clients[0]) broken.clients[0].defaults.PUKPolicy = 'no-such-policy';
    broken.tokens.push({ token: 'abc', clientExtId: 'c1', userExtId: 'ghost' });
    const answer = await target.send({ method: 'PUT', path: controlPath.state, body: broken });
    expect(answer.status).toBe(422);
    const messages = (answer.body as { errors: { message: string }[] }).errors.map(
      (e) => e.message,
    );
    expect(messages).toHaveLength(4);
    expect(messages[0]).toBe('$.clock.offset: got "soon", expected whole milliseconds');
    expect(messages[1]).toMatch(/^\$\.clients\[0\]\.defaults\.PUKPolicy: got "no-such-policy"/);
    expect(messages[2]).toMatch(
      /^\$\.clients\[0\]\.users\[0\]\.credentials\.password\.secretHash: expected a stored hash/,
    );
    expect(messages[3]).toBe('$.tokens[1]: no user "ghost" in client "c1" of the snapshot');
    expect(JSON.stringify(answer.body)).not.toContain(password);
    expect(await stateOf(target)).toEqual(before);
    for (const body of [undefined, [], { format: 'nope' }]) {
      const refused = await target.send({ method: 'PUT', path: controlPath.state, body });
      expect(refused.status).toBe(422);
    }
    expect(await stateOf(target)).toEqual(before);
  });
});
