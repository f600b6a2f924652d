/**
 * `replayScript` captures what the server generates: a self-admin token
 * from the token answer, a secret from the answer that revealed it. The
 * script of a run that used a token and a revealed PUK, run with `sh`
 * against a mock whose random values differ from the run's, logs in with
 * the PUK the mock generated this time and acts with the token it issued.
 */
import { describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/server/node.js';
import { replayScript, type ScriptStep } from '../../src/testing/index.js';
import { MockServer } from '../../src/web/server.js';
import { runScript } from './support.js';

const core = '/nevisidm/api/core/v1/c1/users/u1';
const auth = '/nevisidm/api/auth/v1/c1/users/u1';
const token = '0123456789abcdef0123456789abcdef';
const puk = 'PukTheRunSaw00000000000000000A';

/** The steps of a run, with the answers that run got. */
const steps: ScriptStep[] = [
  {
    description: 'create the PUK (exposed)',
    request: { method: 'POST', path: `${core}/puk`, body: { policyExtId: 'visible' } },
    learnt: [],
    answer: { status: 201, headers: {}, body: { stateName: 'active', puk } },
  },
  {
    description: 'log in with it',
    request: { method: 'POST', path: `${auth}/puk/login`, body: { puk } },
    learnt: ['puk'],
    answer: { status: 200, headers: {}, body: { statusCode: 5 } },
  },
  {
    description: 'create a password',
    request: { method: 'POST', path: `${core}/password`, body: { password: 'Correct-Horse-42' } },
    learnt: [],
  },
  {
    description: 'read it as the user',
    request: { method: 'GET', path: `${core}/password`, headers: { 'X-Token': token } },
    learnt: [],
  },
];

describe('replayScript', () => {
  const script = replayScript({
    baseUrl: 'http://127.0.0.1:9',
    clientExtId: 'c1',
    users: [{ userExtId: 'u1', loginId: 'alice' }],
    control: {
      policies: [
        {
          extId: 'visible',
          type: 'PUKPolicy',
          isDefault: false,
          parameters: { plainValueExposedToCaller: 'true' },
        },
      ],
      clock: Date.UTC(2026, 0, 1),
    },
    tokens: new Map([['u1', token]]),
    steps,
  });

  it('writes no token and no revealed secret literally', () => {
    const text = script.join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain(puk);
    expect(script).toContain(
      `TOKEN_1=$(curl -s -X POST "$BASE"'/__mock/clients/c1/users/u1/token' | capture token)`,
    );
    expect(script).toContain(`SECRET_1=$(printf '%s\\n' "$ANSWER" | capture puk)`);
    expect(text).toContain(`--data '{"puk":"'"$SECRET_1"'"}'`);
    // A password the test chose itself is written as it is.
    expect(text).toContain(`--data '{"password":"Correct-Horse-42"}'`);
  });

  it('replays against a mock with other random values', async () => {
    const server = await startNodeServer({ mock: new MockServer({ seed: 999 }), port: 0 });
    let stdout: string;
    try {
      stdout = await runScript(script, server.url);
    } finally {
      await server.close();
    }
    const answers = stdout
      .split(/^### /m)
      .slice(1)
      .map((s) => s.trim().split('\n'));
    expect(answers.map((a) => a[0])).toEqual([
      '1. create the PUK (exposed)',
      '2. log in with it',
      '3. create a password',
      '4. read it as the user',
    ]);
    // The login used the PUK this mock generated: a success.
    expect(JSON.parse(answers[1]?.at(-1) ?? '{}')).toMatchObject({ statusCode: 5 });
    // The token this mock issued: the user reads their own password.
    expect(answers[3]?.[1]).toMatch(/^HTTP\/1\.1 200/);
  }, 60_000);
});
