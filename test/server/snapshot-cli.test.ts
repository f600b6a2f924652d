/**
 * `serve --fixture` with a state snapshot (issue 19, point 4) and
 * `serve --journal-limit` (point 2), through the command line in process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlPath, inProcessSystem } from '../../src/testing/index.js';
import { startCli } from './serve-cli.js';

const write = (name: string, content: unknown): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-')), name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
};

const snapshotOfInProcess = async (): Promise<unknown> => {
  const system = inProcessSystem();
  await system.control?.putUser('demo', 'alice', 'alice');
  await system.send({
    method: 'POST',
    path: '/nevisidm/api/core/v1/demo/users/alice/password',
    body: { password: 'Wonder-Land-2026', stateName: 'active' },
  });
  await system.control?.selfAdminToken('demo', 'alice');
  await system.control?.setClock(Date.UTC(2026, 4, 4));
  return (await system.send({ method: 'GET', path: controlPath.state })).body;
};

describe('serve --fixture with a snapshot', () => {
  it('starts with exactly the snapshot state', async () => {
    const snapshot = await snapshotOfInProcess();
    const cli = startCli(['--fixture', write('state.json', snapshot), '--port', '0', '--quiet']);
    const url = await cli.url();
    const state = await (await fetch(`${url}${controlPath.state}`)).json();
    expect(state).toEqual(snapshot);
    const login = await fetch(`${url}/nevisidm/api/auth/v1/demo/users/alice/password/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'Wonder-Land-2026' }),
    });
    expect(await login.json()).toMatchObject({ statusCode: 5 });
    cli.stop();
    expect(await cli.exit).toBe(0);
  });

  it('refuses an invalid snapshot with one line per problem', async () => {
    const snapshot = (await snapshotOfInProcess()) as Record<string, unknown>;
    const file = write('bad.json', { ...snapshot, clock: { offset: -0.5 }, tokens: 'none' });
    const cli = startCli(['--fixture', file, '--port', '0', '--quiet']);
    expect(await cli.exit).toBe(2);
    expect(cli.err).toEqual([
      `--fixture: invalid fixture ${file}:`,
      '  $.clock.offset: got -0.5, expected whole milliseconds',
      '  $.tokens: got "none", expected an array',
    ]);
  });
});

describe('serve --journal-limit', () => {
  it('bounds the journal', async () => {
    const cli = startCli(['--journal-limit', '2', '--port', '0', '--quiet']);
    const url = await cli.url();
    for (let i = 0; i < 3; i++) await fetch(`${url}/nevisidm/api/core/v1/c/users/u${i}/puk`);
    const journal = await (await fetch(`${url}${controlPath.requests}`)).json();
    expect(journal).toMatchObject({ limit: 2, dropped: 1 });
    cli.stop();
    expect(await cli.exit).toBe(0);
  });

  it('refuses a limit that is not a whole number ≥ 0', async () => {
    const cli = startCli(['--journal-limit', 'lots']);
    expect(await cli.exit).toBe(2);
    expect(cli.err.join('\n')).toMatch(/--journal-limit/);
  });
});
