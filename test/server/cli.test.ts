/**
 * The command line in-process: `serve` with the demo fixture prints three
 * curl commands that work as printed; arguments, environment and faults.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import type { CliIo } from '../../src/server/cli-command.js';
import { runCli } from '../../src/server/command.js';
import { repoRoot } from '../docs/snippets.js';
import { startCli } from './serve-cli.js';
import { call, core } from './support.js';

const run = promisify(execFile);

const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const demo = path.join(repoRoot, 'fixtures/demo.json');

describe('serve', () => {
  it.skipIf(!hasCurl)(
    'prints three curl commands for the demo fixture that work as printed',
    async () => {
      const cli = startCli(['--fixture', demo, '--port', '0', '--quiet']);
      const url = await cli.url();
      const commands = cli.out.map((l) => l.trim()).filter((l) => l.startsWith('curl '));
      expect(commands).toHaveLength(3);
      const statusLines: string[] = [];
      const bodies: string[] = [];
      for (const command of commands) {
        expect(command).toContain(url);
        const { stdout } = await run('sh', ['-c', command]);
        statusLines.push(stdout.split('\r\n', 1)[0] ?? '');
        bodies.push(stdout.slice(stdout.indexOf('\r\n\r\n') + 4));
      }
      expect(statusLines).toEqual(['HTTP/1.1 201 Created', 'HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
      expect(JSON.parse(bodies[0] ?? '').tempStrongPassword).toMatch(/^[0-9A-Za-z]{12}$/);
      expect(JSON.parse(bodies[1] ?? '').tempStrongPassword).toMatch(/^\{SSHA256\}/);
      expect(JSON.parse(bodies[2] ?? '')).toEqual({
        statusCode: 5,
        description: expect.any(String),
      });
      cli.stop('SIGINT');
      expect(await cli.exit).toBe(0);
      expect(cli.err).toContain('stopped (SIGINT)');
    },
  );

  it('loads the demo: client demo, alice and bob, a default policy of each type', async () => {
    const cli = startCli(['--fixture', demo, '--port', '0', '--quiet']);
    const url = await cli.url();
    const users = await call(url, 'GET', controlPath.users('demo'));
    expect(users.json).toEqual([
      { userExtId: 'alice', loginId: 'alice', credentials: ['password'], credentialStatus: null },
      { userExtId: 'bob', loginId: 'bob', credentials: [], credentialStatus: null },
    ]);
    const policies = (await call(url, 'GET', controlPath.policies('demo'))).json as {
      extId: string;
      type: string;
      default: boolean;
    }[];
    expect(policies.filter((p) => p.default).map((p) => p.extId)).toEqual([
      'demo-password',
      'demo-tempstrong-password',
      'demo-ticket',
      'demo-puk',
    ]);
    cli.stop();
    expect(await cli.exit).toBe(0);
  });

  it('logs one JSON line per request without bodies or tokens; --quiet silences it', async () => {
    const cli = startCli(['--port', '0', '--seed', '9']);
    const url = await cli.url();
    await call(url, 'PUT', controlPath.user('c', 'u'));
    const issued = await call(url, 'POST', controlPath.token('c', 'u'));
    const token = (issued.json as { token: string }).token;
    await call(url, 'POST', `${core}/c/users/u/password?secret=in-query`, {
      body: { password: 'Correct-Horse-42' },
      headers: { 'x-token': token },
    });
    const logs = cli.out.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(logs.map((l) => [l.method, l.path, l.status])).toEqual([
      ['PUT', controlPath.user('c', 'u'), 204],
      ['POST', controlPath.token('c', 'u'), 200],
      ['POST', `${core}/c/users/u/password`, 403],
    ]);
    for (const l of logs) {
      expect(Object.keys(l).sort()).toEqual(['durationMs', 'method', 'path', 'status', 'time']);
      expect(typeof l.durationMs).toBe('number');
    }
    const all = cli.out.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain('Correct-Horse-42');
    expect(all).not.toContain('in-query');
    cli.stop();
    await cli.exit;

    const quiet = startCli(['--port', '0', '--quiet']);
    await call(await quiet.url(), 'POST', controlPath.reset);
    expect(quiet.out.filter((l) => l.startsWith('{'))).toEqual([]);
    quiet.stop();
    await quiet.exit;
  });

  it('takes PORT and HOST from the environment', async () => {
    const cli = startCli(['--quiet'], { PORT: '0', HOST: '127.0.0.1' });
    expect(await cli.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    cli.stop();
    expect(await cli.exit).toBe(0);
  });

  it('--seed makes generated secrets and ids reproducible', async () => {
    const create = async () => {
      const cli = startCli(['--port', '0', '--quiet', '--seed', '1234']);
      const url = await cli.url();
      await call(url, 'PUT', controlPath.user('c', 'u'));
      const created = await call(url, 'POST', `${core}/c/users/u/tempstrong-password`, {
        body: {},
      });
      cli.stop();
      await cli.exit;
      const body = created.json as { extId: string; tempStrongPassword: string };
      return [body.extId, body.tempStrongPassword];
    };
    expect(await create()).toEqual(await create());
  });

  it('rejects bad arguments, unknown faults and bad fixtures with exit code 2', async () => {
    const io = (lines: string[]): CliIo => ({
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      env: {},
      stopped: () => new Promise(() => {}),
    });
    const lines: string[] = [];
    expect(await runCli(['serve', '--port', 'eighty'], io(lines))).toBe(2);
    expect(await runCli(['serve', '--fault', 'crash'], io(lines))).toBe(2);
    expect(await runCli(['serve', '--colour'], io(lines))).toBe(2);
    expect(await runCli(['serve', '--fixture', '/nonexistent.json'], io(lines))).toBe(2);
    expect(await runCli(['launch'], io(lines))).toBe(2);
    expect(await runCli(['--help'], io(lines))).toBe(0);
    expect(lines.join('\n')).toContain('unknown fault crash');
  });

  it('with the test-only skip-version-increment fault, a login leaves the version', async () => {
    const cli = startCli(['--port', '0', '--quiet', '--fault', 'skip-version-increment']);
    const url = await cli.url();
    expect(cli.out.join('\n')).toContain('TEST-ONLY faults active: skip-version-increment');
    await call(url, 'PUT', controlPath.user('c', 'u'));
    const pw = `${core}/c/users/u/password`;
    await call(url, 'POST', pw, { body: { password: 'Correct-Horse-42', stateName: 'active' } });
    const before = (await call(url, 'GET', pw)).json as { version: number };
    const login = await call(url, 'POST', '/nevisidm/api/auth/v1/c/users/u/password/login', {
      body: { password: 'Correct-Horse-42' },
    });
    expect(login.status).toBe(200);
    const after = (await call(url, 'GET', pw)).json as {
      version: number;
      successfulLoginCount: number;
    };
    expect(after.successfulLoginCount).toBe(1);
    expect(after.version).toBe(before.version);
    cli.stop();
    await cli.exit;
  });
});
