/**
 * One table of control-API cases, run against the in-process system and the
 * HTTP mock server: both must answer every step with the same status and
 * body, and that answer must be the one the table expects. The server rests
 * its clock at the in-process start instant and both draw from seed 1, so
 * clock readings and tokens are comparable too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/server/node.js';
import {
  controlPath,
  defaultStart,
  httpSystem,
  inProcessSystem,
  type SutRequest,
  type SystemUnderTest,
} from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';

const puk = '/nevisidm/api/core/v1/c1/users/u1/puk';
const start = '2026-01-01T00:00:00Z';

interface Step {
  readonly request: SutRequest;
  readonly status: number;
  /** The whole body expected; absent: only status, and equality between the systems. */
  readonly body?: unknown;
  /** Checks a part of the body (when the whole is too long to spell). */
  readonly like?: object;
}

interface Case {
  readonly name: string;
  readonly steps: readonly Step[];
}

const put = (path: string, body?: unknown): SutRequest => ({
  method: 'PUT',
  path,
  ...(body === undefined ? {} : { body }),
});
const post = (path: string, body?: unknown): SutRequest => ({
  method: 'POST',
  path,
  ...(body === undefined ? {} : { body }),
});
const get = (path: string): SutRequest => ({ method: 'GET', path });
const patch = (path: string, body: unknown): SutRequest => ({ method: 'PATCH', path, body });
const pukOf = (user: string) => `/nevisidm/api/core/v1/c1/users/${user}/puk`;

/** Steps that give a user an active password and tmp-lock it with two failed logins. */
const tmpLocked = (user: string): Step[] => [
  {
    request: post(`/nevisidm/api/core/v1/c1/users/${user}/password`, {
      password: 'Str0ng!pass',
      stateName: 'active',
    }),
    status: 201,
  },
  ...[3, 9].map((statusCode) => ({
    request: post(`/nevisidm/api/auth/v1/c1/users/${user}/password/login`, { password: 'wrong' }),
    status: 200,
    like: { statusCode },
  })),
];
const invalid = { errors: [{ code: 'errors.invalidValue' }] };
const badId = (name: string, id: string) => ({
  errors: [
    {
      code: 'errors.invalidValue',
      message: `${name}: got ${JSON.stringify(id)}, expected a non-empty external ID of letters, digits and -@./_:()\\{}[]=!~+`,
    },
  ],
});

const cases: readonly Case[] = [
  {
    name: 'reset returns a moved clock to its rest (formerly kept in process)',
    steps: [
      { request: put(controlPath.clock, { now: '2027-06-01T00:00:00Z' }), status: 204 },
      { request: post(controlPath.clockAdvance, { ms: 60_000 }), status: 204 },
      { request: post(controlPath.reset), status: 204 },
      { request: get(controlPath.clock), status: 200, body: { now: start, frozen: true } },
      { request: put(controlPath.user('c1', 'u1')), status: 204 },
      { request: post(puk, {}), status: 201, like: { created: start } },
    ],
  },
  {
    name: 'reset forgets users, credentials, policies and tokens',
    steps: [
      { request: put(controlPath.user('c1', 'u1')), status: 204 },
      { request: post(controlPath.token('c1', 'u1')), status: 200 },
      {
        request: put(controlPath.policy('c1', 'strict'), { type: 'PUKPolicy', default: true }),
        status: 204,
      },
      { request: post(controlPath.reset), status: 204 },
      { request: get(controlPath.users('c1')), status: 200, body: [] },
      {
        request: get(controlPath.policies('c1')),
        status: 200,
        body: [
          { extId: 'default-password', type: 'PwdPolicy', default: true },
          { extId: 'default-tempstrong-password', type: 'TempStrongPasswordPolicy', default: true },
          { extId: 'default-ticket', type: 'TicketPolicy', default: true },
          { extId: 'default-puk', type: 'PUKPolicy', default: true },
        ],
      },
    ],
  },
  {
    name: 'a token from a seeded mock is the same everywhere, and reset re-seeds it',
    steps: [
      { request: put(controlPath.user('c1', 'u1')), status: 204 },
      {
        request: post(controlPath.token('c1', 'u1')),
        status: 200,
        like: { token: expect.stringMatching(/^[0-9a-f]{32}$/) },
      },
      { request: post(puk, {}), status: 201 },
      { request: post(controlPath.reset), status: 204 },
      { request: get(puk), status: 404, like: { errors: [{ code: 'errors.noRecord' }] } },
    ],
  },
  {
    name: 'PUT user without a body keeps its loginId and credentials (formerly dropped in process)',
    steps: [
      { request: put(controlPath.user('c1', 'u1'), { loginId: 'one' }), status: 204 },
      { request: post(puk, {}), status: 201 },
      { request: put(controlPath.user('c1', 'u1')), status: 204 },
      { request: put(controlPath.user('c1', 'u2'), {}), status: 204 },
      {
        request: get(controlPath.users('c1')),
        status: 200,
        body: [
          { userExtId: 'u1', loginId: 'one', credentials: ['puk'], credentialStatus: null },
          { userExtId: 'u2', credentials: [], credentialStatus: null },
        ],
      },
      { request: put(controlPath.user('c1', 'u1'), { loginId: 'uno' }), status: 204 },
      {
        request: get(controlPath.users('c1')),
        status: 200,
        body: [
          { userExtId: 'u1', loginId: 'uno', credentials: ['puk'], credentialStatus: null },
          { userExtId: 'u2', credentials: [], credentialStatus: null },
        ],
      },
    ],
  },
  {
    name: "users list their credentials' most severe problem at the mock's time",
    steps: [
      ...['u1', 'u2', 'u3', 'u4'].map((u) => ({
        request: put(controlPath.user('c1', u)),
        status: 204,
      })),
      // u1: a disabled PUK and a tmp-locked password: disabled is the more severe.
      { request: post(puk, {}), status: 201 },
      { request: patch(puk, { stateName: 'disabled' }), status: 200 },
      ...tmpLocked('u1'),
      // u2: a PUK past its validity and a tmp-locked password: expired.
      { request: post(pukOf('u2'), {}), status: 201 },
      {
        request: patch(pukOf('u2'), {
          validity: { from: '2025-01-01T00:00:00Z', to: '2025-06-01T00:00:00Z' },
        }),
        status: 200,
      },
      ...tmpLocked('u2'),
      // u3: a tmp-locked password only; u4: nothing.
      ...tmpLocked('u3'),
      {
        request: get(controlPath.users('c1')),
        status: 200,
        like: [
          { userExtId: 'u1', credentialStatus: 'disabled' },
          { userExtId: 'u2', credentialStatus: 'expired' },
          { userExtId: 'u3', credentialStatus: 'tmp-locked' },
          { userExtId: 'u4', credentialStatus: null },
        ],
      },
      // Once the temporary locks end, they are no problem any more.
      { request: post(controlPath.clockAdvance, { ms: 60_000 }), status: 204 },
      {
        request: get(controlPath.users('c1')),
        status: 200,
        like: [
          { userExtId: 'u1', credentialStatus: 'disabled' },
          { userExtId: 'u2', credentialStatus: 'expired' },
          { userExtId: 'u3', credentialStatus: null },
          { userExtId: 'u4', credentialStatus: null },
        ],
      },
    ],
  },
  {
    name: 'PUT user and policy refuse ids outside the extId character set, one error per id',
    steps: [
      { request: put(controlPath.user('c1', 'a b')), status: 422, body: badId('userExtId', 'a b') },
      {
        request: put(controlPath.user('c 1', 'ä')),
        status: 422,
        body: {
          errors: [...badId('clientExtId', 'c 1').errors, ...badId('userExtId', 'ä').errors],
        },
      },
      {
        request: put(controlPath.policy('c1', 'p?'), { type: 'PUKPolicy' }),
        status: 422,
        body: badId('policyExtId', 'p?'),
      },
      { request: get(controlPath.users('c1')), status: 200, body: [] },
      // Every character of the set is fine, '/' too (encoded in the path).
      { request: put(controlPath.user('c1', 'j.doe@x/y-_:()\\{}[]=!~+')), status: 204 },
      {
        request: put(controlPath.policy('c1', 'p-1'), { type: 'PUKPolicy' }),
        status: 204,
      },
      {
        request: get(controlPath.users('c1')),
        status: 200,
        like: [{ userExtId: 'j.doe@x/y-_:()\\{}[]=!~+' }],
      },
    ],
  },
  {
    name: 'a token is issued only for an existing user',
    steps: [
      {
        request: post(controlPath.token('c1', 'u9')),
        status: 404,
        like: { errors: [{ code: 'errors.noRecord' }] },
      },
      { request: put(controlPath.user('c2', 'u9')), status: 204 },
      { request: post(controlPath.token('c1', 'u9')), status: 404 },
      { request: post(controlPath.token('c2', 'u9')), status: 200 },
    ],
  },
  {
    name: 'PUT user refuses a loginId that is not a string and a body that is not an object',
    steps: [
      { request: put(controlPath.user('c1', 'u1'), { loginId: 3 }), status: 422, like: invalid },
      { request: put(controlPath.user('c1', 'u1'), [1]), status: 422, like: invalid },
      { request: get(controlPath.users('c1')), status: 200, body: [] },
    ],
  },
  {
    name: 'clock/advance takes whole milliseconds ≥ 0 only (formerly any number in process)',
    steps: [
      { request: post(controlPath.clockAdvance, { ms: 1.5 }), status: 422, like: invalid },
      { request: post(controlPath.clockAdvance, { ms: -1 }), status: 422, like: invalid },
      { request: post(controlPath.clockAdvance, { ms: '60000' }), status: 422, like: invalid },
      { request: post(controlPath.clockAdvance), status: 422, like: invalid },
      { request: get(controlPath.clock), status: 200, body: { now: start, frozen: true } },
      { request: post(controlPath.clockAdvance, { ms: 90_000 }), status: 204 },
      {
        request: get(controlPath.clock),
        status: 200,
        body: { now: '2026-01-01T00:01:30Z', frozen: true },
      },
    ],
  },
  {
    name: 'PUT clock takes an ISO instant or epoch milliseconds; DELETE returns it to rest',
    steps: [
      { request: put(controlPath.clock, { now: 'yesterday' }), status: 422, like: invalid },
      { request: put(controlPath.clock, {}), status: 422, like: invalid },
      { request: put(controlPath.clock, { now: '2026-05-04T12:00:00Z' }), status: 204 },
      {
        request: get(controlPath.clock),
        status: 200,
        body: { now: '2026-05-04T12:00:00Z', frozen: true },
      },
      { request: put(controlPath.clock, { now: Date.UTC(2026, 6, 1) }), status: 204 },
      {
        request: get(controlPath.clock),
        status: 200,
        body: { now: '2026-07-01T00:00:00Z', frozen: true },
      },
      { request: { method: 'DELETE', path: controlPath.clock }, status: 204 },
      { request: get(controlPath.clock), status: 200, body: { now: start, frozen: true } },
    ],
  },
  {
    name: 'PUT policy: string or typed parameters, defaults, one error per bad parameter',
    steps: [
      {
        request: put(controlPath.policy('c1', 'short'), {
          type: 'TempStrongPasswordPolicy',
          default: true,
          parameters: { ticketLen0: '6' },
        }),
        status: 204,
      },
      {
        request: put(controlPath.policy('c1', 'typed'), {
          type: 'PUKPolicy',
          parameters: { pukLen: 8 },
        }),
        status: 204,
      },
      {
        request: put(controlPath.policy('c1', 'bad'), {
          type: 'PUKPolicy',
          parameters: { pukLen: 'long', maxCredSuccessCount: 'x' },
        }),
        status: 422,
        like: { errors: [{ code: 'errors.invalidValue' }, { code: 'errors.invalidValue' }] },
      },
      {
        request: put(controlPath.policy('c1', 'p'), { type: 'NoPolicy', parameters: {} }),
        status: 422,
        like: invalid,
      },
      {
        request: put(controlPath.policy('c1', 'p'), { type: 'PUKPolicy', default: 'yes' }),
        status: 422,
        like: invalid,
      },
      {
        request: get(controlPath.policies('c1')),
        status: 200,
        body: [
          { extId: 'default-password', type: 'PwdPolicy', default: true },
          {
            extId: 'default-tempstrong-password',
            type: 'TempStrongPasswordPolicy',
            default: false,
          },
          { extId: 'default-ticket', type: 'TicketPolicy', default: true },
          { extId: 'default-puk', type: 'PUKPolicy', default: true },
          { extId: 'short', type: 'TempStrongPasswordPolicy', default: true },
          { extId: 'typed', type: 'PUKPolicy', default: false },
        ],
      },
    ],
  },
  {
    name: 'unknown control paths are 404, wrong methods 405, a query string is ignored',
    steps: [
      {
        request: get('/__mock/nothing'),
        status: 404,
        like: { errors: [{ code: 'errors.notFound' }] },
      },
      { request: get('/__mock'), status: 404 },
      { request: put('/__mock/clients/%E0/users/u1'), status: 404 },
      { request: put('/__mock/clients//users/u1'), status: 404 },
      {
        request: get(controlPath.reset),
        status: 405,
        like: { errors: [{ code: 'errors.methodNotAllowed' }] },
      },
      { request: { method: 'delete', path: `${controlPath.clock}?why=1` }, status: 204 },
    ],
  },
];

/** Runs a case from a reset system; the answers as status and body. */
const run = async (system: SystemUnderTest, steps: readonly Step[]) => {
  const reset = await system.send(post(controlPath.reset));
  expect(reset.status).toBe(204);
  const answers: { status: number; body: unknown }[] = [];
  for (const step of steps) {
    const { status, body } = await system.send(step.request);
    answers.push({ status, body });
  }
  return answers;
};

let server: RunningServer | undefined;
beforeAll(async () => {
  server = await startNodeServer({
    mock: new MockServer({ seed: 1, start: defaultStart }),
    port: 0,
    log: undefined,
  });
});
afterAll(async () => {
  await server?.close();
});

describe('the control API answers alike in process and over HTTP', () => {
  const inProcess = inProcessSystem({ seed: 1 });

  it.each(cases)('$name', async ({ steps }) => {
    if (server === undefined) throw new Error('server not started');
    const here = await run(inProcess, steps);
    const there = await run(httpSystem(server.url), steps);
    expect(here).toEqual(there);
    for (const [i, step] of steps.entries()) {
      const where = `step ${i + 1}: ${step.request.method} ${step.request.path}`;
      const answer = here[i];
      expect(answer?.status, where).toBe(step.status);
      if (step.body !== undefined) expect(answer?.body, where).toEqual(step.body);
      if (step.like !== undefined) expect(answer?.body, where).toMatchObject(step.like);
    }
  });

  it('covers every route of the path builder', () => {
    const requested = new Set(cases.flatMap((c) => c.steps.map((s) => s.request.path)));
    const built = [
      controlPath.reset,
      controlPath.clock,
      controlPath.clockAdvance,
      controlPath.users('c1'),
      controlPath.user('c1', 'u1'),
      controlPath.token('c1', 'u1'),
      controlPath.policies('c1'),
      controlPath.policy('c1', 'short'),
    ];
    expect(built.filter((p) => !requested.has(p))).toEqual([]);
  });
});

describe('controlPath', () => {
  it('encodes each id as one path segment', () => {
    expect(controlPath.user('a/b', 'c d')).toBe('/__mock/clients/a%2Fb/users/c%20d');
    expect(controlPath.policy('c', 'p?')).toBe('/__mock/clients/c/policies/p%3F');
  });
});
