/**
 * `credential-lifecycle explain` and `analyze` in-process: the table and the
 * JSON, policies from files and `--param`, and one error line per problem
 * with exit code 2 (never a stack trace).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from './support.js';

const run = (...argv: string[]) => runCommand(argv);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reasoning-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: unknown): string => {
  const where = path.join(dir, name);
  fs.writeFileSync(where, typeof content === 'string' ? content : JSON.stringify(content));
  return where;
};

describe('explain', () => {
  it('prints the timeline of the issue example as an aligned table', async () => {
    const { code, out, err } = await run(
      'explain',
      '--kind',
      'password',
      'fail fail wait 60s fail',
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.slice(0, 2)).toEqual([
      'password under policy default',
      'rules: maxCredFailureCount 3, tmpLockingThreshold 2, tmpLockingDuration 1m, tmpLockingMode strict, maxCredSuccessCount -1, singleUse false, maxResetCount -1, resetTarget initial, credentialLifetime 3650d, initialPwchangeRequired true, initialPwchangePeriodInitial -1, initialPwchangePeriodAdminChanged -1',
    ]);
    const table = out.slice(3);
    expect(table.map((l) => l.split(/\s{2,}/))).toEqual([
      [
        'at',
        'step',
        'answer',
        'state',
        'failed',
        'succeeded',
        'resets',
        'lockedUntil',
        'version',
        'reason',
      ],
      expect.any(Array),
      ['0s', '(created)', '-', 'initial', '0', '0', '0', '-', '0', 'initialized'],
      [
        '0s',
        'fail',
        '3 login failed; the next failure locks the credential',
        'initial',
        '1',
        '0',
        '0',
        '-',
        '1',
        'initialized',
      ],
      [
        '0s',
        'fail',
        '9 login failed; the credential is temporarily locked',
        'tmp-locked',
        '2',
        '0',
        '0',
        '1m',
        '2',
        'too-many-login-failures',
      ],
      ['1m', 'wait 1m', 'lock ended', 'initial', '2', '0', '0', '-', '3', 'activated'],
      [
        '1m',
        'fail',
        '4 login failed; the credential is now locked',
        'fail-locked',
        '3',
        '0',
        '0',
        '-',
        '4',
        'too-many-login-failures',
      ],
    ]);
    // Columns line up: every cell of a column starts where its header starts (left-aligned ones).
    const start = (line: string, cell: string) => line.indexOf(cell);
    expect(start(table[3] ?? '', 'initial')).toBe(start(table[0] ?? '', 'state'));
  });

  it('joins several words into one script, and --json prints {kind, policy, steps}', async () => {
    const { code, out } = await run(
      'explain',
      '--kind',
      'puk',
      '--json',
      'login*5',
      'login',
      'wait',
      '1h',
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(Object.keys(json)).toEqual(['kind', 'policy', 'steps']);
    expect(json.kind).toBe('puk');
    expect(json.policy).toMatchObject({ type: 'PUKPolicy', maxCredSuccessCount: 5 });
    expect(json.steps.at(4)).toEqual({
      step: 'login',
      at: 0,
      statusCode: 5,
      description: 'login succeeded',
      state: 'fail-locked',
      failedLoginCount: 0,
      successfulLoginCount: 5,
      resetCount: 0,
      lockedUntil: null,
      version: 5,
      reason: 'policy-check-failed',
    });
    expect(json.steps.at(5).refusal).toEqual({ status: 401, code: 'errors.credentialLocked' });
    expect(json.steps.at(6)).toMatchObject({ step: 'wait 1h', at: 3_600_000 });
    expect('statusCode' in json.steps.at(6)).toBe(false);
  });

  it('reads a policy file (strings, typed, or under "parameters"), --param over it', async () => {
    const strings = file('strings.json', {
      tmpLockingMode: 'threshold',
      maxCredFailureCount: '-1',
    });
    const typed = file('typed.json', {
      type: 'PwdPolicy',
      parameters: { tmpLockingMode: 'threshold', maxCredFailureCount: -1 },
    });
    for (const policy of [strings, typed]) {
      const { code, out } = await run(
        'explain',
        '--kind',
        'password',
        '--policy',
        policy,
        '--param',
        'tmpLockingThreshold=3',
        '--json',
        'fail*3',
      );
      expect(code).toBe(0);
      const json = JSON.parse(out.join('\n'));
      expect(json.policy).toMatchObject({
        extId: path.basename(policy, '.json'),
        tmpLockingMode: 'threshold',
        maxCredFailureCount: -1,
        tmpLockingThreshold: 3,
      });
      expect(json.steps.map((s: { statusCode: number }) => s.statusCode)).toEqual([2, 3, 9]);
    }
  });

  it('warns about an unknown parameter on stderr and goes on', async () => {
    const { code, err } = await run(
      'explain',
      '--kind',
      'ticket',
      '--param',
      'colour=red',
      'login',
    );
    expect(code).toBe(0);
    expect(err).toEqual(['warning: unknown parameter "colour" ignored']);
  });

  it.each([
    [['--kind', 'password', 'fail fial'], ['script: unknown step "fial" at column 6']],
    [['--kind', 'password', 'wait 1x'], ['script: bad duration "1x" at column 6']],
    [
      [
        '--kind',
        'password',
        '--param',
        'tmpLockingThreshold=0',
        '--param',
        'tmpLockingMode=lax',
        'fail',
      ],
      [
        '--param tmpLockingThreshold: got "0", expected -1 or an integer ≥ 1',
        "--param tmpLockingMode: got \"lax\", expected one of 'strict', 'threshold'",
      ],
    ],
    [
      ['--kind', 'password', '--param', 'noequals', 'fail'],
      ['--param: expected NAME=VALUE, got "noequals"'],
    ],
    [
      ['--kind', 'passport', 'fail'],
      ['--kind: expected password, tempstrong-password, ticket or puk, got "passport"'],
    ],
    [['fail'], ['--kind: expected password, tempstrong-password, ticket or puk']],
    [
      ['--kind', 'puk', '--policy', '/nonexistent/p.json', 'fail'],
      ['--policy: cannot read /nonexistent/p.json'],
    ],
  ])('%j: one line per problem, exit 2', async (argv, lines) => {
    const { code, out, err } = await run('explain', ...argv);
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err).toHaveLength(lines.length);
    for (const [i, line] of lines.entries()) expect(err[i]).toContain(line);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('refuses a policy file of another type, or one that is no object', async () => {
    const puk = file('puk.json', { type: 'PUKPolicy', pukLen: '12' });
    const list = file('list.json', [1, 2]);
    const bad = file('bad.json', '{"tmpLockingThreshold": ');
    expect((await run('explain', '--kind', 'password', '--policy', puk, 'fail')).err).toEqual([
      `--policy ${puk}: a PUKPolicy does not govern a password (PwdPolicy)`,
    ]);
    expect((await run('explain', '--kind', 'password', '--policy', list, 'fail')).err).toEqual([
      `--policy ${list}: expected a JSON object`,
    ]);
    const broken = await run('explain', '--kind', 'password', '--policy', bad, 'fail');
    expect(broken.code).toBe(2);
    expect(broken.err).toHaveLength(1);
    expect(broken.err[0]).toContain(`--policy: cannot read ${bad}`);
  });

  it('names the file for a bad value read from it', async () => {
    const policy = file('zero.json', { tmpLockingThreshold: '0' });
    expect((await run('explain', '--kind', 'password', '--policy', policy, 'fail')).err).toEqual([
      `--policy ${policy}: tmpLockingThreshold: got "0", expected -1 or an integer ≥ 1`,
    ]);
  });
});

describe('analyze', () => {
  it('prints the figures of the default password policy and their schedules', async () => {
    const { code, out } = await run('analyze', '--kind', 'password');
    expect(code).toBe(0);
    const figure = (name: string) => out.find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/)[1];
    expect(
      [
        'failuresBeforePermanentLock',
        'maxGuesses.hour',
        'maxGuesses.day',
        'lockoutExposure.tmpLockedPerDay',
        'successesAllowed',
        'validity',
      ].map(figure),
    ).toEqual(['3', '3', '3', '1m', 'unlimited', '3650d']);
    expect(out).toContain('  maxGuesses.day: fail*2 wait 1m fail');
  });

  it('--json prints {kind, policy, analysis}', async () => {
    const { code, out } = await run('analyze', '--kind', 'tsp', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out.join('\n'));
    expect(Object.keys(json)).toEqual(['kind', 'policy', 'analysis']);
    expect(json.analysis).toMatchObject({
      kind: 'tempStrongPassword',
      singleUse: true,
      successesAllowed: 1,
      validity: 432_000_000,
    });
  });

  it('--against shows both policies side by side and marks the differences', async () => {
    const threshold = file('threshold.json', {
      tmpLockingMode: 'threshold',
      maxCredFailureCount: '-1',
    });
    const table = await run('analyze', '--kind', 'password', '--against', threshold);
    expect(table.code).toBe(0);
    const row = (name: string) => table.out.find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/);
    expect(row('maxGuesses.hour')).toEqual(['maxGuesses.hour', '3', '120', '*']);
    expect(row('validity')).toEqual(['validity', '3650d', '3650d']);
    const json = JSON.parse(
      (await run('analyze', '--kind', 'password', '--against', threshold, '--json')).out.join('\n'),
    );
    expect(Object.keys(json)).toEqual(['kind', 'policy', 'analysis', 'against', 'differences']);
    expect(json.differences).toEqual([
      'failuresBeforePermanentLock',
      'maxGuesses.hour',
      'maxGuesses.day',
      'maxGuesses.lifetime',
      'lockoutExposure.tmpLockedPerDay',
      'lockoutExposure.permanentLockReachable',
    ]);
    expect(json.against.policy.extId).toBe('threshold');
  });

  it('reports the problems of both policies, one line each, exit 2', async () => {
    const bad = file('bad-against.json', { maxCredFailureCount: '0', tmpLockingDuration: '-5' });
    const { code, out, err } = await run(
      'analyze',
      '--kind',
      'puk',
      '--param',
      'pukLen=0',
      '--against',
      bad,
    );
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err).toEqual([
      '--param pukLen: got "0", expected an integer ≥ 1',
      `--against ${bad}: maxCredFailureCount: got "0", expected -1 or an integer ≥ 1`,
      `--against ${bad}: tmpLockingDuration: got "-5", expected an integer from 0 to 31536000000000`,
    ]);
  });
});
