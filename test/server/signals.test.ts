/**
 * Real signals: the project compiled once into a temporary directory, the
 * built `credential-lifecycle serve` run as a child process, and SIGTERM or
 * SIGINT sent as soon as it prints its URL. It must stop the server, say so
 * and exit 0, promptly.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPath } from '../../src/mock/paths.js';
import { repoRoot } from '../docs/snippets.js';

let dir = '';
let cli = '';

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-build-'));
  const outDir = path.join(dir, 'dist');
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
  // The build imports its dependencies and is ES modules, as in the package.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  cli = path.join(outDir, 'server/cli.js');
}, 120_000);

afterAll(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

interface Stopped {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly url: string;
  /** Milliseconds from the signal to the exit. */
  readonly ms: number;
}

/** Starts the built CLI, waits for its URL line, sends `signal` and waits for the exit. */
const serveAndStop = (signal: NodeJS.Signals): Promise<Stopped> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let url = '';
    let sentAt = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within 20 s; stdout:\n${stdout}\nstderr:\n${stderr}`));
    }, 20_000);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === '' && found !== undefined) {
        url = found;
        sentAt = performance.now();
        child.kill(signal);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, exitSignal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal: exitSignal,
        stderr,
        url,
        ms: sentAt === 0 ? Number.NaN : performance.now() - sentAt,
      });
    });
  });

describe('the built CLI under real signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops on %s sent as soon as the URL is printed, exit code 0',
    async (signal) => {
      const stopped = await serveAndStop(signal);
      expect(stopped.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(stopped.signal, stopped.stderr).toBeNull();
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(stopped.stderr.split('\n')).toContain(`stopped (${signal})`);
      // Generous: about 10–40 ms here; only a hang (a timer or an open
      // connection keeping the process alive) should fail it.
      expect(stopped.ms).toBeLessThan(5_000);
      // The port is free again.
      await expect(
        fetch(`${stopped.url}${controlPath.reset}`, { method: 'POST' }),
      ).rejects.toThrow();
    },
    30_000,
  );
});
