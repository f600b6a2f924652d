/**
 * The conformance runner as a command: it passes against the mock, and
 * against the mock started with the test-only skip-version-increment fault
 * it exits 1 and prints the shrunk sequence as curl lines with its replay.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import type { CliIo } from '../../src/server/cli-command.js';
import { runCli } from '../../src/server/command.js';
import { decodeSetup } from '../../src/server/conformance-setup.js';
import { startNodeServer } from '../../src/server/node.js';
import { MockServer, type MockServerOptions } from '../../src/web/server.js';
import { conformanceAgainst } from './support.js';

const runAgainst = conformanceAgainst;

describe('credential-lifecycle conformance', () => {
  it('passes against the mock, with progress on stderr, a summary and the coverage', async () => {
    const { code, out, err } = await runAgainst({}, ['--runs', '10', '--seed', '1']);
    expect(code).toBe(0);
    // Not a terminal: plain lines (every run here, 10 being fewer than 20).
    expect(err.at(-1)).toMatch(
      /^conformance: 10\/10 runs, \d+ commands, [\d.]+ % of transitions, [\d.]+ s$/,
    );
    expect(err.every((l) => !l.includes('\u001b'))).toBe(true);
    expect(out[0]).toMatch(/^conformance: 10 runs, \d+ commands, 0 failures \(seed 1\)$/);
    expect(out[1]).toMatch(
      /^coverage: \d+ of \d+ transitions reachable under the runs' policies \([\d.]+ %\)/,
    );
    expect(out.some((l) => l.startsWith('  login status codes: '))).toBe(true);
  }, 120_000);

  it('fails against the mock with the skip-version-increment fault and prints a replayable counterexample', async () => {
    const faulty: MockServerOptions = { faults: ['skip-version-increment'] };
    const first = await runAgainst(faulty, ['--runs', '30', '--seed', '7']);
    expect(first.code).toBe(1);
    const text = first.out.join('\n');
    expect(text).toMatch(/conformance: \d+ runs, \d+ commands, 1 failures \(seed 7\)/);
    // Progress counts generated runs only, up to the failing one the summary
    // reports; the shrinking is shown apart.
    const runs = Number(text.match(/conformance: (\d+) runs,/)?.[1]);
    const progress = first.err.filter((l) => /^conformance: \d+\/30 runs/.test(l));
    expect(progress.at(-1)).toMatch(new RegExp(`^conformance: ${runs}/30 runs`));
    expect(runs).toBeLessThan(30);
    const shrinking = first.err.filter((l) => l.startsWith('conformance: shrinking'));
    expect(shrinking[0]).toMatch(/^conformance: shrinking… step 1, [\d.]+ s$/);
    for (const l of shrinking) expect(l).toMatch(/^conformance: shrinking… step \d+, [\d.]+ s$/);
    expect(first.err.indexOf(shrinking[0] ?? '')).toBeGreaterThan(
      first.err.indexOf(progress.at(-1) ?? ''),
    );
    expect(text).toContain('Divergence from the oracle:');
    expect(text).toMatch(/version/);
    expect(text).toMatch(/\/login/);
    const curl = first.out.filter((l) => l.trim().startsWith('curl '));
    expect(curl.length).toBeGreaterThan(0);
    const replay = first.out.find((l) => l.includes('credential-lifecycle conformance'));
    const replayPath = replay?.match(/--path '?([^' ]+)'?/)?.[1];
    expect(replay).toContain('--seed 7');
    expect(replayPath).toBeDefined();
    const again = await runAgainst(faulty, [
      '--runs',
      '30',
      '--seed',
      '7',
      '--path',
      replayPath ?? '',
    ]);
    expect(again.code).toBe(1);
    const correct = await runAgainst({}, [
      '--runs',
      '30',
      '--seed',
      '7',
      '--path',
      replayPath ?? '',
    ]);
    expect(correct.code).toBe(0);
  }, 180_000);

  it('with --setup, runs against existing users without the control API and skips time', async () => {
    const mock = new MockServer();
    for (const u of ['existing-1', 'existing-2']) {
      await mock.handle({
        method: 'PUT',
        path: controlPath.user('acme', u),
        headers: {},
        bodyText: undefined,
      });
    }
    const token = JSON.parse(
      (
        await mock.handle({
          method: 'POST',
          path: controlPath.token('acme', 'existing-1'),
          headers: {},
          bodyText: undefined,
        })
      ).bodyText ?? '{}',
    ).token;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-setup-'));
    const setupFile = path.join(dir, 'setup.json');
    fs.writeFileSync(
      setupFile,
      JSON.stringify({
        clientExtId: 'acme',
        users: [{ userExtId: 'existing-1', token }, { userExtId: 'existing-2' }],
        policies: [],
      }),
    );
    const server = await startNodeServer({ mock, port: 0 });
    const out: string[] = [];
    try {
      const code = await runCli(
        [
          'conformance',
          '--base-url',
          server.url,
          '--runs',
          '3',
          '--seed',
          '3',
          '--setup',
          setupFile,
          '--no-clock',
        ],
        { out: (l) => out.push(l), err: () => {}, env: {}, stopped: () => new Promise(() => {}) },
      );
      expect(out.join('\n')).toContain('0 failures');
      expect(code).toBe(0);
    } finally {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('rejects bad arguments and setups with exit code 2', async () => {
    const lines: string[] = [];
    const io: CliIo = {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      env: {},
      stopped: () => new Promise(() => {}),
    };
    expect(await runCli(['conformance'], io)).toBe(2);
    expect(await runCli(['conformance', '--base-url', 'http://x', '--runs', '0'], io)).toBe(2);
    expect(
      await runCli(['conformance', '--base-url', 'http://x', '--setup', '/nope.json'], io),
    ).toBe(2);
    expect(decodeSetup({ clientExtId: '', users: [] })).toEqual([
      '$.clientExtId: expected a non-empty string',
      '$.users: expected a non-empty array',
    ]);
    expect(
      decodeSetup({ clientExtId: 'a', users: [{ userExtId: 'u' }], start: '2026-01-01T00:00:00Z' }),
    ).toEqual({
      clientExtId: 'a',
      users: [{ userExtId: 'u' }],
      start: Date.UTC(2026, 0, 1),
    });
  });

  it('reports an unreachable server with exit code 2', async () => {
    const server = await startNodeServer({ port: 0 });
    const url = server.url;
    await server.close();
    const lines: string[] = [];
    const code = await runCli(['conformance', '--base-url', url, '--runs', '2'], {
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      env: {},
      stopped: () => new Promise(() => {}),
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(
      /^conformance: cannot test http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED 127\.0\.0\.1:\d+ \(connection refused\)$/,
    );
  });
});
